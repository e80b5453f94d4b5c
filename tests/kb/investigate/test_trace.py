"""Money traces over a small hand-made graph: hops, totals, restatements, direction, departments."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from kb.investigate import GraphIndex, NotFound, find_flows, trace
from kb.model import CanonicalGraph


def _graph() -> CanonicalGraph:
    g = CanonicalGraph()
    for pid, name, parent, level in [("place/420000", "湖北省", None, "province"), ("place/420100", "武汉市", "place/420000", "prefecture"),
                                     ("place/420103", "江汉区", "place/420100", "county"),
                                     ("place/422800", "恩施土家族苗族自治州", "place/420000", "prefecture"),
                                     ("place/422825", "宣恩县", "place/422800", "county"),
                                     ("place/422825001", "珠山镇", "place/422825", "township"),
                                     ("place/422826", "咸丰县", "place/422800", "county")]:
        g.add_node(pid, "Place", name=name, level=level)
        if parent:
            g.add_edge(pid, "PART_OF", parent)
    g.add_node("dept/江汉区政府办", "Department", name="武汉市江汉区人民政府办公室")
    g.add_edge("dept/江汉区政府办", "LOCATED_IN", "place/420103")

    def flow(fid, src, dst, amount, notes=None, payer="dept/江汉区政府办"):
        g.add_node(fid, "FundingFlow", amount=D(amount), year=2024, stage="budget", flow_type="结对帮扶",
                   recipient=g.nodes[dst].props["name"], notes=notes, doc="d", line_start=1, line_end=1, source_text="…")
        g.add_edge(fid, "PAID_BY", payer)
        g.add_edge(fid, "FROM_PLACE", src)
        g.add_edge(fid, "TO_PLACE", dst)
        g.add_edge(src, "FUNDS", dst, edge_id=fid, amount=D(amount), year=2024, stage="budget", flow_type="结对帮扶", flow=fid)

    flow("fundingflow/a", "place/420103", "place/422825", "2200")
    flow("fundingflow/a2", "place/420103", "place/422825", "2200", notes=["same payment as line 736 (breakdown)"])
    flow("fundingflow/b", "place/422825", "place/422825001", "500")
    flow("fundingflow/c", "place/422825001", "place/422826", "20")
    return g


@pytest.fixture()
def idx():
    return GraphIndex.of(_graph())


def test_three_hops_downstream_with_totals_per_recipient_and_hop(idx):
    out = trace(idx, "江汉区", hops=3)
    assert [[h["target"] for h in p["hops"]] for p in out["paths"]] == [["place/422825", "place/422825001", "place/422826"]]
    totals = {t["place"]["name"]: t["amount"] for t in out["totals_by_recipient"]}
    assert totals == {"宣恩县": D("2200"), "珠山镇": D("500"), "咸丰县": D("20")}  # the restatement is not counted
    assert [(h["hop"], h["amount"]) for h in out["totals_by_hop"]] == [(1, D("2200")), (2, D("500")), (3, D("20"))]
    assert len(out["graph"]["edges"]) == 3


def test_hops_bound_the_walk(idx):
    out = trace(idx, "江汉区", hops=1)
    assert [[h["target"] for h in p["hops"]] for p in out["paths"]] == [["place/422825"]]


def test_upstream_from_a_township(idx):
    out = trace(idx, "珠山镇", direction="in", hops=3)
    assert {t["place"]["name"] for t in out["totals_by_payer"]} == {"宣恩县", "江汉区"}


def test_trace_from_a_department_and_from_a_city_containing_the_payer(idx):
    assert trace(idx, "武汉市江汉区人民政府办公室", hops=1)["totals_by_recipient"][0]["amount"] == D("2200")
    assert trace(idx, "武汉市", hops=1)["totals_by_recipient"][0]["place"]["name"] == "宣恩县"


def test_flows_to_a_prefecture_match_its_counties_and_townships(idx):
    names = [f["recipient"]["name"] for f in find_flows(idx, recipient="恩施土家族苗族自治州", include_restatements=False)]
    assert sorted(names) == ["咸丰县", "宣恩县", "珠山镇"]
    assert len(find_flows(idx, payer="江汉区")) == 2  # the statement and its restatement
    assert find_flows(idx, payer="江汉区")[0]["duplicate_of_line"] in (None, 736)


def test_unknown_names_and_bad_arguments(idx):
    with pytest.raises(NotFound):
        trace(idx, "火星区")
    with pytest.raises(ValueError):
        trace(idx, "江汉区", hops=9)
    with pytest.raises(ValueError):
        trace(idx, "江汉区", direction="sideways")
