"""A receipt in the canonical graph: a FundingFlow like any other (FROM_PLACE the payer's place, TO_PLACE the
recipient's, a FUNDS edge), PAID_BY only when the receipt names the department, stated_by on node and edge."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kb.canonical import build_graph
from kb.rdf import to_rdf, validate
from loaders.extract import extract_file

RECEIPTS = Path(__file__).resolve().parents[1] / "data" / "receipts"
JIANGHAN, XUANEN = "place/420103", "place/422825"


@pytest.fixture(scope="module")
def graph_and_problems():
    problems: list = []
    graph = build_graph([extract_file(p) for p in sorted(RECEIPTS.glob("*.txt"))], problems)
    return graph, problems


def _edges(graph, node_id):
    return {e.type: e.target for e in graph.edges.values() if e.source == node_id}


def _receipts(graph):
    return {n.props["amount"]: n for n in graph.by_label("FundingFlow") if n.props["stated_by"] == "recipient"}


def test_receipt_naming_the_department_is_paid_by_it(graph_and_problems):
    graph, _ = graph_and_problems
    row = _receipts(graph)[Decimal("1200.00")]
    assert row.props["doc"] == "xuanen_2024_final" and row.props["line_start"] == 19
    assert row.props["payer_department"] == "武汉市江汉区人民政府办公室"
    assert _edges(graph, row.id) == {"STATED_IN": "doc/xuanen_2024_final", "PAID_BY": "dept/武汉市江汉区人民政府办公室",
                                     "FROM_PLACE": JIANGHAN, "TO_PLACE": XUANEN}
    # the same department node the payer's own document publishes
    assert ("doc/jianghan_2024_final", "PUBLISHED_BY", "dept/武汉市江汉区人民政府办公室") in graph.edges


def test_receipt_without_a_department_has_no_paid_by_and_no_warning(graph_and_problems):
    graph, problems = graph_and_problems
    row = _receipts(graph)[Decimal("800.00")]
    assert "payer_department" not in row.props
    assert _edges(graph, row.id) == {"STATED_IN": "doc/xuanen_2024_final", "FROM_PLACE": JIANGHAN, "TO_PLACE": XUANEN}
    assert not [p for p in problems if "PAID_BY" in p.reason]


def test_funds_edges_say_whose_statement_they_are(graph_and_problems):
    graph, _ = graph_and_problems
    funds = [e for e in graph.edges.values() if e.type == "FUNDS" and e.source == JIANGHAN]
    by_side = {(e.props["stated_by"], e.props["amount"]) for e in funds}
    assert ("recipient", Decimal("1800")) in by_side and ("payer", Decimal("1900")) in by_side
    payer = [n for n in graph.by_label("FundingFlow") if n.props["doc"] == "jianghan_2024_final"]
    assert payer and all(n.props["stated_by"] == "payer" for n in payer)


def test_graph_with_receipts_conforms_to_the_shapes(graph_and_problems):
    ok, text = validate(to_rdf(graph_and_problems[0]))
    assert ok, text


def test_a_trace_counts_each_payment_once_not_also_its_receipt(graph_and_problems):
    from kb.investigate import GraphIndex, trace

    found = trace(GraphIndex.of(graph_and_problems[0]), "江汉区", year=2023)
    # 2023: 江汉区 says it paid 1900 to 宣恩县; 宣恩县's receipt of 1800 is the same money, not more of it
    assert [(t["place"]["name"], t["amount"]) for t in found["totals_by_recipient"]] == [("宣恩县", Decimal("1900"))]


def test_flow_listing_says_whose_statement_each_flow_is(graph_and_problems):
    from kb.investigate import GraphIndex, find_flows

    listed = find_flows(GraphIndex.of(graph_and_problems[0]), recipient="宣恩县", year=2023)
    assert sorted((f["stated_by"], f["amount"], f["sources"][0]["document"]) for f in listed) == \
        [("payer", Decimal("1900"), "jianghan_2024_final"), ("recipient", Decimal("1800"), "xuanen_2024_final")]
