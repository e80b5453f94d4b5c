"""The canonical graph: the one graph every projection (RDF, LadybugDB, Neo4j, networkx) is
derived from. Nodes have a stable id, one label (a class of the ontology) and properties;
edges have a type (a relation of the ontology), two node ids and properties.

Property values are str, int, bool, Decimal or date (never float: money is Decimal), or a
list of str. Node ids are IRIs' local parts, e.g. `place/420102` or `flow/3f2a…`, so the RDF
projection can mint `https://w3id.org/budget-kb/id/<id>` from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Iterator, Union

Value = Union[str, int, bool, Decimal, date, list]

ONTOLOGY_NS = "https://w3id.org/budget-kb/ontology#"
DATA_NS = "https://w3id.org/budget-kb/id/"


@dataclass(slots=True)
class Node:
    id: str
    label: str
    props: dict[str, Value] = field(default_factory=dict)


@dataclass(slots=True)
class Edge:
    source: str
    type: str
    target: str
    props: dict[str, Value] = field(default_factory=dict)
    # Tells parallel edges of one type apart (two FUNDS edges between the same places, one per flow).
    id: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.source, self.type, self.target) if self.id is None else (self.source, self.type, self.target, self.id)


@dataclass(slots=True)
class CanonicalGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, ...], Edge] = field(default_factory=dict)

    def add_node(self, id: str, label: str, **props: Value) -> Node:
        """Add a node, or merge properties into the node with that id (first value wins)."""
        node = self.nodes.get(id)
        if node is None:  # the common case (every fact is new): no merging
            node = self.nodes[id] = Node(id, label, {k: v for k, v in props.items() if v is not None})
            return node
        if node.label != label:
            raise ValueError(f"node {id} is a {node.label}, not a {label}")
        for k, v in props.items():
            if v is not None and k not in node.props:
                node.props[k] = v
        return node

    def add_edge(self, source: str, type: str, target: str, edge_id: str | None = None, **props: Value) -> Edge:
        key = (source, type, target) if edge_id is None else (source, type, target, edge_id)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = Edge(source, type, target, {}, edge_id)
        for k, v in props.items():
            if v is not None:
                edge.props.setdefault(k, v)
        return edge

    def by_label(self, label: str) -> Iterator[Node]:
        return (n for n in self.nodes.values() if n.label == label)

    def merge(self, other: "CanonicalGraph") -> None:
        for n in other.nodes.values():
            self.add_node(n.id, n.label, **n.props)
        for e in other.edges.values():
            self.add_edge(e.source, e.type, e.target, e.id, **e.props)
