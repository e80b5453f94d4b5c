"""rdflib's own SPARQL engine beside pyoxigraph, on the same triples, in the same run.

rdflib holds a graph as Python objects (about a kilobyte and tens of microseconds per triple to build),
so a corpus of thousands of documents does not fit in it. The comparison therefore runs on a slice
of the knowledge base: every document when there are at most `max_docs` of them, otherwise the payer's
documents and then the others in id order up to `max_docs` (the shared nodes — places, departments,
code lists — are always kept). The slice's RDF (`kb.rdf.to_rdf`) is queried by rdflib and, loaded
from the same triples, by an in-memory pyoxigraph store; the speed-up is the ratio of their medians.
The report says how many documents and triples the slice holds.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.plugins.sparql import prepareQuery

from kb.bench.queries import AGGREGATION_SPARQL, Subject, sparql_text
from kb.bench.timing import Latency, measure
from kb.investigate.index import GraphIndex
from kb.model import CanonicalGraph
from kb.rdf import to_rdf


@dataclass(slots=True)
class Baseline:
    documents: int
    triples: int
    load_seconds: float        # to_rdf into rdflib, for reference
    latency: dict[str, dict[str, Latency]]   # question → engine (rdflib, oxigraph_memory) → latency

    @property
    def speedup(self) -> float:
        """rdflib p50 / pyoxigraph p50 for the aggregation."""
        agg = self.latency["aggregation"]
        return agg["rdflib"].p50_ms / max(agg["oxigraph_memory"].p50_ms, 1e-6)

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "triples": self.triples, "load_seconds": round(self.load_seconds, 2),
                "latency": {q: {e: lat.to_dict() for e, lat in engines.items()} for q, engines in self.latency.items()},
                "aggregation_speedup": round(self.speedup, 1)}


def document_slice(folder: Path, idx: GraphIndex, subject: Subject, max_docs: int) -> CanonicalGraph:
    """The graph of at most `max_docs` documents (the payer's first) with every shared node, read
    from the build's graph pack (`folder`) document by document: the whole graph is never loaded."""
    from kb.stores.graph_file import load_pack, pack_ids

    docs = pack_ids(folder)
    if len(docs) <= max_docs:
        return load_pack(folder)
    payer_docs = sorted({str(f.props["doc"]) for f in idx.sources(subject.place_id, "FROM_PLACE") if "doc" in f.props})
    chosen = set(payer_docs[:max_docs])
    for doc in sorted(docs):
        if len(chosen) >= max_docs:
            break
        chosen.add(doc)
    return load_pack(folder, documents=chosen)


def compare(folder: Path, idx: GraphIndex, subject: Subject, max_docs: int, runs: int, budget: float,
            trace: bool = True) -> Baseline:
    """`trace`: also time rdflib's 3-hop trace (minutes on 100 documents; see bench/README.md)."""
    part = document_slice(folder, idx, subject, max_docs)
    n_docs = sum(1 for n in part.nodes.values() if n.label == "Document")
    started = time.perf_counter()
    rdf = to_rdf(part)
    load_seconds = time.perf_counter() - started
    memory = ox.Store()
    memory.load(rdf.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    questions = {"flows": sparql_text("flows_from_place", subject), "trace": sparql_text("money_trace", subject),
                 "aggregation": AGGREGATION_SPARQL}
    if not trace:
        del questions["trace"]
    latency: dict[str, dict[str, Latency]] = {}
    for question, text in questions.items():
        prepared = prepareQuery(text)  # parsed once: its engine is timed, not its parser
        latency[question] = {
            "oxigraph_memory": measure(lambda t=text: sum(1 for _ in memory.query(t)), runs, budget),
            "rdflib": measure(lambda q=prepared: len(rdf.query(q)), runs, budget),
        }
    return Baseline(n_docs, len(rdf), load_seconds, latency)
