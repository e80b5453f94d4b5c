"""neo4j-admin CSV export of a small canonical graph: headers, types, values, and the one value
the format cannot carry."""
from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest

from kb.export import ExportError, write_neo4j_csv
from kb.model import CanonicalGraph


def small_graph() -> CanonicalGraph:
    g = CanonicalGraph()
    g.add_node("doc/004", "Document", year=2024, published=date(2024, 2, 1))
    g.add_node("place/420103", "Place", name="江汉区")
    g.add_node("place/422825", "Place", name="宣恩县")
    g.add_node("fundingflow/a", "FundingFlow", amount=Decimal("2200.00"), notes=["宜恩县 → 宣恩县", "a, b"],
               source_text="宣恩县\t2200\n（续）")
    g.add_edge("place/420103", "FUNDS", "place/422825", "fundingflow/a", amount=Decimal("2200"), flow="fundingflow/a")
    g.add_edge("fundingflow/a", "STATED_IN", "doc/004")
    return g


def read(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_nodes_and_relationships_files(tmp_path):
    written = write_neo4j_csv(small_graph(), tmp_path)
    assert {p.name for p in written} >= {"nodes_Document.csv", "nodes_Place.csv", "nodes_FundingFlow.csv",
                                         "rels_FUNDS.csv", "rels_STATED_IN.csv", "neo4j-admin-import.sh"}
    flows = read(tmp_path / "nodes_FundingFlow.csv")
    row = dict(zip(flows[0], flows[1]))
    assert row["id:ID"] == "fundingflow/a" and row[":LABEL"] == "FundingFlow"
    assert row["amount:double"] == "2200.0" and row["amount_exact:string"] == "2200"
    assert row["notes:string[]"] == "宜恩县 → 宣恩县|a, b"
    assert row["source_text:string"] == "宣恩县\t2200\n（续）"
    doc = dict(zip(*read(tmp_path / "nodes_Document.csv")))
    assert doc["year:long"] == "2024" and doc["published:date"] == "2024-02-01"
    funds = dict(zip(*read(tmp_path / "rels_FUNDS.csv")))
    assert (funds[":START_ID"], funds[":END_ID"], funds[":TYPE"]) == ("place/420103", "place/422825", "FUNDS")
    assert funds["flow:string"] == "fundingflow/a" and funds["amount_exact:string"] == "2200"
    script = (tmp_path / "neo4j-admin-import.sh").read_text()
    assert "--nodes=nodes_Place.csv" in script and "--relationships=rels_FUNDS.csv" in script


def test_a_list_element_holding_the_delimiter_is_refused_by_name(tmp_path):
    g = small_graph()
    g.nodes["fundingflow/a"].props["notes"] = ["a|b"]
    with pytest.raises(ExportError, match=r"fundingflow/a\.notes: list element 'a\|b'"):
        write_neo4j_csv(g, tmp_path)
