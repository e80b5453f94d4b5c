"""Everything one build writes into its directory, fed one document part at a time.

Each part's own facts go straight to the stores' staging files (N-Triples batches that a
background thread bulk-loads into pyoxigraph while the build goes on; CSV files for
LadybugDB's COPY; the graph pack); what is kept until the end is small: the shared nodes each
document names, the corpus rules' view of each document, the findings and the manifest lines.
The shared nodes are merged as they arrive (`SharedNodes`); `finish` runs the corpus rules,
writes both, and completes the stores.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

from kb.documents import DOCUMENTS_DIR
from kb.model import CanonicalGraph
from kb.parts import DocumentPart, graph_of
from kb.stores.graph_file import PackWriter
from kb.stores.ladybug_store import load_staging
from kb.stores.oxigraph_store import BulkLoader
from kb.stores.pg_staging import PgStaging
from loaders.records import Extraction

FORMAT_VERSION = 2


class BuildWriter:
    def __init__(self, target: Path) -> None:
        target.mkdir(parents=True)
        self.target = target
        self.rdf = BulkLoader(target / "rdf")
        self.pg = PgStaging(target / "pg.csv")
        self.pack = PackWriter(target / "graph")
        (target / DOCUMENTS_DIR).mkdir()
        self.shared = SharedNodes()
        self.corpus: list[Extraction] = []
        self.findings: dict[str, dict] = {}
        self.entries: list[dict] = []
        self.nodes = self.edges = 0
        self.seconds: dict[str, float] = {}  # the last phases, for the benchmark

    def add(self, part: DocumentPart, previous: Path | None = None) -> None:
        """Add one document; `previous`: the build its text is copied from when the part was stored there."""
        doc_id = part.document.id
        self.rdf.write(part.ntriples)
        self.pg.append(part.pg_rows, part.pg_late)
        self.pack.add(doc_id, part.stored)
        text = self.target / DOCUMENTS_DIR / f"{doc_id}.txt"
        if part.text is not None:
            text.write_bytes(part.text)
        elif previous is not None:
            _link_or_copy(previous / DOCUMENTS_DIR / f"{doc_id}.txt", text)
        self.shared.add(doc_id, *part.shared)
        self.corpus.append(part.corpus)
        for f in part.findings:
            self.findings.setdefault(f["id"], f)
        self.entries.append(part.entry)
        self.nodes += part.counts[0]
        self.edges += part.counts[1]

    def finish(self) -> tuple[int, int, int]:
        """Complete every store; (triples, nodes, edges)."""
        from kb.audit import corpus_findings, sort_key
        from kb.audit.graph import add_findings
        from kb.audit.stored import FINDINGS_FILE
        from kb.ntriples import ntriples_text

        started = time.monotonic()
        shared = self.shared.graph()
        findings = CanonicalGraph()
        cited: dict[str, str] = {}  # the facts the corpus findings cite (in the documents' parts) → label
        cross = corpus_findings(self.corpus)
        add_findings(findings, cross, cited)
        for f in cross:
            self.findings.setdefault(f.id, f.to_dict())
        labels = graph_of(([(i, label, {}) for i, label in cited.items()], []))
        labels.nodes.update(findings.nodes)
        self.rdf.write(ntriples_text(shared))
        self.rdf.write(ntriples_text(labels, findings.nodes.values(), findings.edges.values()))
        self.rdf.complete()  # the RDF load commits and the store is compacted in the background …
        self.seconds["corpus"] = round(time.monotonic() - started, 2)
        started = time.monotonic()
        self.pg.add_graph(shared)  # … while the graph file and LadybugDB are written
        self.pg.add_graph(labels, findings.nodes.values(), findings.edges.values())
        corpus = shared
        corpus.nodes.update(findings.nodes)
        corpus.edges.update(findings.edges)
        self.pack.finish(corpus)
        self.nodes += len(corpus.nodes)
        self.edges += len(corpus.edges)
        load_staging(self.pg, self.target / "pg")
        shutil.rmtree(self.pg.folder, ignore_errors=True)
        self.seconds["pg_copy"] = round(time.monotonic() - started, 2)
        triples = self.rdf.finish()
        self.seconds["rdf_after_pg"] = round(time.monotonic() - started - self.seconds["pg_copy"], 2)
        self.seconds.update(self.rdf.seconds)
        ordered = sorted(self.findings.values(), key=sort_key)
        (self.target / FINDINGS_FILE).write_text(
            json.dumps({"count": len(ordered), "findings": ordered}, ensure_ascii=False, indent=1), encoding="utf-8")
        manifest = {"format": FORMAT_VERSION, "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "documents": sorted(self.entries, key=lambda e: e["id"]),
                    "triples": triples, "nodes": self.nodes, "edges": self.edges}
        (self.target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        return triples, self.nodes, self.edges

    def abort(self) -> None:
        """Stop the background load and close the files; the caller removes the directory."""
        self.rdf.abort()
        self.pack.abort()
        self.pg.close()


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)



class SharedNodes:
    """The nodes and edges several documents name, merged as documents arrive. A property keeps
    the value of the first document, in id order, that gives one — what adding the documents to
    one graph in id order gives — whatever order the documents arrive in."""

    def __init__(self) -> None:
        self.nodes: dict[str, tuple[str, dict, dict]] = {}    # id → (label, props, prop → document)
        self.edges: dict[tuple, tuple[tuple, dict, dict]] = {}  # key → (row, props, prop → document)

    def add(self, doc_id: str, nodes: list[tuple], edges: list[tuple]) -> None:
        for i, label, props in nodes:
            entry = self.nodes.get(i)
            if entry is None:
                entry = self.nodes[i] = (label, {}, {})
            elif entry[0] != label:
                raise ValueError(f"node {i} is a {entry[0]}, not a {label} (document {doc_id})")
            _merge(entry[1], entry[2], props, doc_id)
        for source, type_, target, props, edge_id in edges:
            key = (source, type_, target) if edge_id is None else (source, type_, target, edge_id)
            entry = self.edges.get(key)
            if entry is None:
                entry = self.edges[key] = ((source, type_, target, edge_id), {}, {})
            _merge(entry[1], entry[2], props, doc_id)

    def graph(self) -> CanonicalGraph:
        graph = CanonicalGraph()
        for i, (label, props, _) in self.nodes.items():
            graph.add_node(i, label, **props)
        for (source, type_, target, edge_id), props, _ in self.edges.values():
            graph.add_edge(source, type_, target, edge_id, **props)
        return graph


def _merge(props: dict, owners: dict, new: dict, doc_id: str) -> None:
    for k, v in new.items():
        if v is not None and (k not in owners or doc_id < owners[k]):
            props[k], owners[k] = v, doc_id
