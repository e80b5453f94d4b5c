"""An in-memory index over the canonical graph for the investigators' questions.

The canonical graph is small enough to hold (the seeds: thousands of nodes; a county's corpus:
hundreds of thousands) and the questions (/flows, /trace, /regions …) walk it along a few edge
types, so adjacency lists answer them in microseconds; SPARQL and Cypher remain for ad-hoc
questions. Built once when a knowledge base is opened, never mutated.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from kb.model import CanonicalGraph, Edge, Node


# Facts no question of kb.investigate reads: KnowledgeBase.index_graph leaves them out.
UNINDEXED_LABELS = frozenset({"Statement", "Procurement", "Variance", "Asset"})


@dataclass
class GraphIndex:
    graph: CanonicalGraph
    out: dict[str, dict[str, list[Edge]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    into: dict[str, dict[str, list[Edge]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    labels: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, graph: CanonicalGraph) -> "GraphIndex":
        idx = cls(graph)
        for node in graph.nodes.values():
            idx.labels[node.label].append(node)
        for edge in graph.edges.values():
            idx.out[edge.source][edge.type].append(edge)
            idx.into[edge.target][edge.type].append(edge)
        return idx

    def node(self, id: str) -> Node | None:
        return self.graph.nodes.get(id)

    def targets(self, id: str, type: str) -> list[Node]:
        return [self.graph.nodes[e.target] for e in self.out.get(id, {}).get(type, ()) if e.target in self.graph.nodes]

    def sources(self, id: str, type: str) -> list[Node]:
        return [self.graph.nodes[e.source] for e in self.into.get(id, {}).get(type, ()) if e.source in self.graph.nodes]

    def target(self, id: str, type: str) -> Node | None:
        found = self.targets(id, type)
        return found[0] if found else None

    # Places -----------------------------------------------------------------------------
    def ancestors(self, place_id: str) -> list[Node]:
        """The place's parents, nearest first (宣恩县 → 恩施土家族苗族自治州 → 湖北省)."""
        chain, seen = [], {place_id}
        current = self.target(place_id, "PART_OF")
        while current is not None and current.id not in seen:
            chain.append(current)
            seen.add(current.id)
            current = self.target(current.id, "PART_OF")
        return chain

    def descendants(self, place_id: str) -> list[str]:
        """The place and every place within it (恩施州 → 宣恩县, 来凤县 … and their townships)."""
        out, todo = [place_id], [place_id]
        seen = {place_id}
        while todo:
            for e in self.into.get(todo.pop(), {}).get("PART_OF", ()):
                if e.source not in seen:
                    seen.add(e.source)
                    out.append(e.source)
                    todo.append(e.source)
        return out

    def within(self, place_id: str, ancestor_id: str) -> bool:
        return place_id == ancestor_id or any(a.id == ancestor_id for a in self.ancestors(place_id))

    def chain(self, place_id: str) -> list[dict]:
        """The place and its parents as plain objects, the place first."""
        node = self.node(place_id)
        nodes = ([node] if node else []) + self.ancestors(place_id)
        return [{"id": n.id, "name": n.props.get("name"), "code": n.props.get("code"), "level": n.props.get("level")}
                for n in nodes]

    @cached_property
    def names(self) -> dict[str, list[Node]]:
        """Every name a place or department is known by (its name, its aliases) → nodes."""
        out: dict[str, list[Node]] = defaultdict(list)
        for label in ("Place", "Department"):
            for node in self.labels.get(label, ()):
                for key in (node.props.get("name"), node.props.get("short_name")):
                    if key:
                        out[str(key)].append(node)
        for alias in self.labels.get("Alias", ()):
            for target in self.targets(alias.id, "ALIAS_OF"):
                out[str(alias.props.get("text"))].append(target)
        for form, dept in self.department_forms:
            if dept not in out[form]:
                out[form].append(dept)
        return out

    @cached_property
    def department_forms(self) -> list[tuple[str, Node]]:
        """Short forms of department names that still name their district (江汉区政府办); the bare
        区政府办 is left out: every district has one."""
        from kb.names import department_forms
        out = []
        for dept in self.labels.get("Department", ()):
            place = self.department_place(dept.id)
            district = str(place.props.get("name")) if place is not None else None
            for form in department_forms(str(dept.props.get("name", "")), district):
                if district and form.startswith(district[:2]) or form.startswith(("武汉", "中国")):
                    out.append((form, dept))
        return out

    def department_place(self, dept_id: str) -> Node | None:
        return self.target(dept_id, "LOCATED_IN")
