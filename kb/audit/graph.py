"""Findings as nodes of the knowledge base, linked (CONCERNS) to the facts they cite, so SPARQL and
Cypher can ask for them."""
from __future__ import annotations

from functools import lru_cache

from kb.audit.finding import Finding
from kb.model import CanonicalGraph
from kb.schema import schema


@lru_cache(maxsize=1)
def concernable() -> frozenset[str]:
    """The labels a finding may point at: the range of Finding.CONCERNS in the ontology."""
    return frozenset(schema().cls("Finding").edges["CONCERNS"].targets)


def finding_node_id(f: Finding) -> str:
    return f"finding/{f.id}"


def add_findings(graph: CanonicalGraph, findings: list[Finding], labels: dict[str, str] | None = None) -> None:
    """Finding nodes and their CONCERNS edges. The facts a finding cites must be in `graph`, or,
    when `labels` is given (a build adding the corpus rules' findings to facts already written),
    are known to exist and get their label recorded there (fact id → label)."""
    for f in findings:
        observed = f.figures[0].amount if f.figures else None
        expected = observed - f.difference if observed is not None and f.difference is not None else None
        node_id = finding_node_id(f)
        graph.add_node(node_id, "Finding", rule=f.rule, severity=f.severity, message=f.message,
                       observed=observed, expected=expected, difference=f.difference, doc=f.document)
        for fig in f.figures:
            if fig.record_kind in concernable() and fig.record_key:
                target = f"{fig.record_kind.lower()}/{fig.record_key}"
                if labels is not None:
                    labels[target] = fig.record_kind
                    graph.add_edge(node_id, "CONCERNS", target)
                elif target in graph.nodes:
                    graph.add_edge(node_id, "CONCERNS", target)
