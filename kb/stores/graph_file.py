"""The canonical graph on disk, for networkx, exports and the next build.

Pickled as plain tuples and dicts rather than as Node/Edge objects: dataclasses with slots pickle
through a Python-level __getstate__ per object, which made saving and loading 2-3x slower.
"""
from __future__ import annotations

import pickle
from pathlib import Path

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
