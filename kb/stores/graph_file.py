"""The canonical graph on disk, for networkx, exports and the index the API answers with.

Pickled as plain tuples and dicts rather than as Node/Edge objects: dataclasses with slots pickle
through a Python-level __getstate__ per object, which made saving and loading 2-3x slower.
"""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Iterator

from kb.model import CanonicalGraph, Edge, Node

FORMAT = "canonical-graph/1"


def save_graph(graph: CanonicalGraph, path: Path) -> None:
    state = (FORMAT, [(n.id, n.label, n.props) for n in graph.nodes.values()],
             [(e.source, e.type, e.target, e.props, e.id) for e in graph.edges.values()])
    with path.open("wb") as f:
        pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)


def load_graph(path: Path) -> CanonicalGraph:
    with path.open("rb") as f:
        state = pickle.load(f)
    if isinstance(state, CanonicalGraph):  # written by a build before this format
        return state
    if not (isinstance(state, tuple) and state and state[0] == FORMAT):
        raise ValueError(f"{path}: not a {FORMAT} file; rebuild the knowledge base with `kb build --fresh`")
    _, nodes, edges = state
    graph = CanonicalGraph()
    graph.nodes = {i: Node(i, label, props) for i, label, props in nodes}
    for source, type_, target, props, edge_id in edges:
        edge = Edge(source, type_, target, props, edge_id)
        graph.edges[edge.key] = edge
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


def iter_pack(folder: Path) -> Iterator[tuple[str, bytes]]:
    """(document id, stored part) of every document, in the order written."""
    ids = (folder / INDEX).read_text(encoding="utf-8").split("\n")
    with (folder / PACK).open("rb") as f:
        for doc_id in ids:
            head = f.read(8)
            if not head:
                break
            yield doc_id, f.read(int.from_bytes(head, "little"))


def load_pack(folder: Path, without: frozenset[str] = frozenset()) -> CanonicalGraph:
    """The whole canonical graph of a build; `without`: labels whose nodes (and their edges) are
    left out (what an index that never reads those facts does not need to hold)."""
    from kb.parts import load_stored

    graph = load_graph(folder / CORPUS)
    for _, blob in iter_pack(folder):
        nodes, edges = load_stored(blob).own
        for i, label, props in nodes:
            if label not in without:
                graph.nodes[i] = Node(i, label, props)
        for source, type_, target, props, edge_id in edges:
            if not without or (source in graph.nodes and target in graph.nodes):
                edge = Edge(source, type_, target, props, edge_id)
                graph.edges[edge.key] = edge
    return graph
