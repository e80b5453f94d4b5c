"""The bulk-load writer (kb/ntriples.py) must write exactly the triples of kb.rdf.statements."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kb.model import CanonicalGraph
from kb.ntriples import ntriples_text
from kb.rdf import ntriples_lines


def test_the_seeds_give_the_same_triples_both_ways(seed_kb):
    from kb.knowledge_base import KnowledgeBase

    kb = KnowledgeBase.open(seed_kb)
    try:
        graph = kb.graph
        fast = ntriples_text(graph).splitlines()
        assert sorted(fast) == sorted("".join(ntriples_lines(graph)).splitlines())
        assert len(set(fast)) == kb.stats()["triples"] == 32358
    finally:
        kb.close()


def test_a_part_of_the_graph_gives_the_statements_of_that_part():
    g = CanonicalGraph()
    g.add_node("place/422825", "Place", name="宣恩县", code="422825", level="county")
    g.add_node("place/420103", "Place", name="江汉区", code="420103", level="county")
    g.add_node("fundingflow/1", "FundingFlow", amount=Decimal("2200.00"), year=2024, doc="d1", line_start=736,
               line_end=736, source_text='对口帮扶"宣恩县"\\n2200万元')
    g.add_edge("fundingflow/1", "TO_PLACE", "place/422825")
    g.add_edge("place/420103", "FUNDS", "place/422825", "fundingflow/1", amount=Decimal("2200.00"))
    own = [g.nodes["fundingflow/1"]]
    edges = list(g.edges.values())
    text = ntriples_text(g, own, edges)
    assert sorted(text.splitlines()) == sorted("".join(ntriples_lines(g, None, own, edges)).splitlines())
    assert '"2200.00"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text
    assert '\\"宣恩县\\"\\\\n2200万元' in text  # quotes and backslashes escaped as N-Triples wants
    assert "宣恩县\"@zh" not in text          # the places themselves are not in this part


def test_a_value_of_the_wrong_type_is_refused_with_the_node():
    g = CanonicalGraph()
    g.add_node("fundingflow/2", "FundingFlow", amount=2200.0)  # a float: money must be Decimal
    with pytest.raises(ValueError, match="fundingflow/2.*Decimal"):
        ntriples_text(g)
