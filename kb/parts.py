"""One document's part of the knowledge base, made in an extraction worker.

A build used to hold every document's records, then the whole canonical graph, then every
LadybugDB row, at once (8 GB for 10,000 documents). The canonical graph is in fact one part per
document — its facts, which no other document touches — plus what documents share: places,
departments, code concepts and aliases. So the worker that reads a document also builds its
part of the graph, runs the document rules of the audit, and writes its facts as N-Triples and
CSV rows; the build appends those to the stores' staging files and keeps only the shared nodes
(small, merged at the end) and what the corpus rules need (`kb.audit.corpus_view`).

`stored` is the part as the next build and the graph file need it (pickled once, in the worker):
a later build re-serialises unchanged documents from it without reading their files again.
"""
from __future__ import annotations

import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from kb.model import CanonicalGraph
from kb.stores.graph_file import EdgeRow, NodeRow, add_rows, rows_of
from loaders.records import Document, Extraction, Problem

# Labels whose nodes several documents name; the rest are one document's facts.
SHARED_LABELS = frozenset({"Place", "Department", "FunctionCode", "EconomicCode", "Alias"})
FORMAT = "document-part/1"


@dataclass(slots=True)
class Stored:
    """What a build keeps of a document: its graph (shared and own), findings and corpus view."""
    document: Document
    entry: dict                    # its line in manifest.json
    shared: tuple[list[NodeRow], list[EdgeRow]]
    own: tuple[list[NodeRow], list[EdgeRow]]
    findings: list[dict]           # the document rules' findings (Finding.to_dict)
    corpus: Extraction             # what the corpus rules read of it


@dataclass(slots=True)
class DocumentPart:
    document: Document
    entry: dict
    problems: list[Problem]        # what reading it met (only for files read in this build)
    shared: tuple[list[NodeRow], list[EdgeRow]]
    ntriples: bytes                # its own nodes and edges as N-Triples (UTF-8)
    pg_rows: dict[str, bytes]      # staging file → CSV rows of its own nodes and edges (UTF-8)
    pg_late: list
    stored: bytes                  # the pickled `Stored`
    findings: list[dict]
    corpus: Extraction
    text: bytes | None             # the decoded text (UTF-8); None when taken from a previous build
    # CPU time (the worker's own, so a busy machine does not inflate it): the loaders alone, and
    # the whole part (loaders, graph, document rules, N-Triples, CSV rows, pickling)
    extract_cpu: float
    worker_cpu: float
    counts: tuple[int, int]        # its own nodes and edges


def graph_of(*parts: tuple[list[NodeRow], list[EdgeRow]]) -> CanonicalGraph:
    graph = CanonicalGraph()
    for nodes, edges in parts:
        add_rows(graph, nodes, edges)
    return graph


def split(graph: CanonicalGraph) -> tuple[tuple[list[NodeRow], list[EdgeRow]], tuple[list[NodeRow], list[EdgeRow]]]:
    """(shared, own): an edge is shared when it joins two shared nodes and is not one of several
    parallel edges (FUNDS, told apart by the flow it stands for, is the document's own)."""
    nodes = graph.nodes
    shared_nodes = [n for n in nodes.values() if n.label in SHARED_LABELS]
    own_nodes = [n for n in nodes.values() if n.label not in SHARED_LABELS]
    shared_edges, own_edges = [], []
    for e in graph.edges.values():
        both = e.id is None and nodes[e.source].label in SHARED_LABELS and nodes[e.target].label in SHARED_LABELS
        (shared_edges if both else own_edges).append(e)
    return rows_of(shared_nodes, shared_edges), rows_of(own_nodes, own_edges)


def entry_of(ex: Extraction) -> dict:
    d = ex.document
    return {"id": d.id, "file": d.file_name, "sha256": d.sha256, "department": d.department, "year": d.fiscal_year,
            "stage": d.stage, "records": len(ex.records) - len(ex.problems), "problems": len(ex.problems)}


def part_of_file(path: Path) -> DocumentPart:
    """Read one file and make its part (raises the loader's ReadError for an unreadable file)."""
    from kb.audit import corpus_view, document_findings
    from kb.audit.graph import add_findings
    from kb.canonical import build_graph
    from loaders.extract import extract_file

    started = time.process_time()
    ex = extract_file(path)
    extract_cpu = time.process_time() - started
    graph = build_graph([ex])
    findings = document_findings(ex)
    add_findings(graph, findings)
    shared, own = split(graph)
    stored = Stored(ex.document, entry_of(ex), shared, own, [f.to_dict() for f in findings], corpus_view(ex))
    return _serialised(stored, graph, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL), ex.problems,
                       "\n".join(ex.lines).encode("utf-8"), extract_cpu, started)


def part_of_stored(blob: bytes) -> DocumentPart:
    """The part of a document a previous build stored, serialised again for this build's stores."""
    started = time.process_time()
    stored = load_stored(blob)
    return _serialised(stored, graph_of(stored.shared, stored.own), blob, [], None, 0.0, started)


def load_stored(blob: bytes) -> Stored:
    stored = pickle.loads(blob)
    if not isinstance(stored, Stored):
        raise ValueError("not a stored document part; rebuild with `kb build --fresh PATH...`")
    return stored


def _serialised(stored: Stored, graph: CanonicalGraph, blob: bytes, problems: list[Problem], text: bytes | None,
                extract_cpu: float, started: float) -> DocumentPart:
    from kb.ntriples import ntriples_text
    from kb.stores.pg_staging import format_rows

    own_nodes = [graph.nodes[i] for i, _, _ in stored.own[0]]
    own_edges = [graph.edges[(s, t, o) if k is None else (s, t, o, k)] for s, t, o, _, k in stored.own[1]]
    # encoded here, in the worker: the build process only appends bytes to its files
    ntriples = ntriples_text(graph, own_nodes, own_edges).encode("utf-8")
    pg_text, pg_late = format_rows(graph, own_nodes, own_edges)
    pg_rows = {file: rows.encode("utf-8") for file, rows in pg_text.items()}
    return DocumentPart(stored.document, stored.entry, problems, stored.shared, ntriples, pg_rows, pg_late, blob,
                        stored.findings, stored.corpus, text, extract_cpu, time.process_time() - started,
                        (len(own_nodes), len(own_edges)))
