"""The networkx projection: a MultiDiGraph for algorithms (paths, components, centrality)
and for GraphML export. Node attributes are the canonical properties plus `label`; each edge is
keyed by its type (by `type:id` for parallel edges that carry an id, e.g. one FUNDS per flow)
and carries `type` plus its properties. Values stay exact (Decimal) in memory;
GraphML, which has no decimal type, gets them as text (see `graphml_ready`)."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx

from kb.model import CanonicalGraph
from kb.stores.pg_values import decimal_text


def to_networkx(graph: CanonicalGraph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        g.add_node(node.id, label=node.label, **node.props)
    for edge in sorted(graph.edges.values(), key=lambda e: e.key):
        key = edge.type if edge.id is None else f"{edge.type}:{edge.id}"
        g.add_edge(edge.source, edge.target, key=key, type=edge.type, **edge.props)
    return g


def _graphml_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return json.dumps([str(v) for v in value], ensure_ascii=False)
    return value


def graphml_ready(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values GraphML can hold: Decimal as exact text, dates ISO, lists as JSON."""
    out = nx.MultiDiGraph()
    for n, attrs in g.nodes(data=True):
        out.add_node(n, **{k: _graphml_value(v) for k, v in attrs.items()})
    for a, b, key, attrs in g.edges(keys=True, data=True):
        out.add_edge(a, b, key=key, **{k: _graphml_value(v) for k, v in attrs.items()})
    return out


def write_graphml(g: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(graphml_ready(g), path, encoding="utf-8")
