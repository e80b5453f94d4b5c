"""The canonical graph on disk, for networkx, exports and the index the API answers with.

Pickled as plain tuples and dicts rather than as Node/Edge objects: dataclasses with slots pickle
through a Python-level __getstate__ per object, which made saving and loading 2-3x slower.
"""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Iterable, Iterator

from kb.model import CanonicalGraph, Edge, Node

FORMAT = "canonical-graph/1"


NodeRow = tuple  # (id, label, props)
EdgeRow = tuple  # (source, type, target, props, edge id)


def rows_of(nodes: Iterable[Node], edges: Iterable[Edge]) -> tuple[list[NodeRow], list[EdgeRow]]:
    return [(n.id, n.label, n.props) for n in nodes], [(e.source, e.type, e.target, e.props, e.id) for e in edges]


def add_rows(graph: CanonicalGraph, nodes: list[NodeRow], edges: list[EdgeRow], without: frozenset[str] = frozenset()) -> None:
    """Put nodes and edges given as rows into `graph` (a node already there is kept); nodes of the
    labels `without` are left out."""
    for i, label, props in nodes:
        if label not in without and i not in graph.nodes:
            graph.nodes[i] = Node(i, label, props)
    for source, type_, target, props, edge_id in edges:
        edge = Edge(source, type_, target, props, edge_id)
        graph.edges.setdefault(edge.key, edge)


def save_graph(graph: CanonicalGraph, path: Path) -> None:
    state = (FORMAT, *rows_of(graph.nodes.values(), graph.edges.values()))
    with path.open("wb") as f:
        pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)


def load_graph(path: Path) -> CanonicalGraph:
    with path.open("rb") as f:
        state = pickle.load(f)
    if isinstance(state, CanonicalGraph):  # written by a build before this format
        return state
    if not (isinstance(state, tuple) and state and state[0] == FORMAT):
        raise ValueError(f"{path}: not a {FORMAT} file; rebuild the knowledge base with `kb build --fresh`")
    graph = CanonicalGraph()
    add_rows(graph, state[1], state[2])
    return graph


# A build's graph: one stored part per document (kb/parts.py) appended as it is made, and the
# corpus part (shared nodes and the corpus rules' findings) written at the end.
PACK = "documents.pack"
CORPUS = "corpus.pickle"
INDEX = "documents.index"


class PackWriter:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._file = (folder / PACK).open("wb")
        self.ids: list[str] = []

    def add(self, doc_id: str, blob: bytes) -> None:
        self._file.write(len(blob).to_bytes(8, "little"))
        self._file.write(blob)
        self.ids.append(doc_id)

    def finish(self, corpus: CanonicalGraph) -> None:
        self._file.close()
        save_graph(corpus, self.folder / CORPUS)
        (self.folder / INDEX).write_text("\n".join(self.ids), encoding="utf-8")

    def abort(self) -> None:
        self._file.close()


def pack_ids(folder: Path) -> list[str]:
    """The documents of a pack, in the order written (from its index: no part is read)."""
    text = (folder / INDEX).read_text(encoding="utf-8")
    return text.split("\n") if text else []


def iter_pack(folder: Path, documents: set[str] | None = None) -> Iterator[tuple[str, bytes]]:
    """(document id, stored part) of every document (or of those in `documents`; the others are
    skipped unread), in the order written."""
    with (folder / PACK).open("rb") as f:
        for doc_id in pack_ids(folder):
            head = f.read(8)
            if not head:
                break
            size = int.from_bytes(head, "little")
            if documents is None or doc_id in documents:
                yield doc_id, f.read(size)
            else:
                f.seek(size, 1)


def load_pack(folder: Path, without: frozenset[str] = frozenset(), documents: set[str] | None = None) -> CanonicalGraph:
    """The canonical graph of a build: every document's part and the corpus part. `without`: labels
    whose nodes are left out (what an index that never reads those facts need not hold);
    `documents`: only those documents' parts. Left out, a node takes its edges with it."""
    from kb.parts import load_stored

    graph = load_graph(folder / CORPUS)
    for _, blob in iter_pack(folder, documents):
        add_rows(graph, *load_stored(blob).own, without=without)
    if without or documents is not None:
        graph.edges = {k: e for k, e in graph.edges.items() if e.source in graph.nodes and e.target in graph.nodes}
    return graph
