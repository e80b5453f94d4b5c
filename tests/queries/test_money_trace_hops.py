"""money_trace beyond the first hop. The seeds only have one-hop trails, so the trail here is a
hand-made chain of real place names (江汉区 → 宣恩县 → 椒园镇 → 水田坝村 → 黄坪村), written to both
stores through the project's own RDF projection, and the two engines must agree."""
from __future__ import annotations

from decimal import Decimal

from kb.model import CanonicalGraph
from kb.named_queries import find
from kb.rdf import to_rdf
from kb.stores import ladybug_store, oxigraph_store

CHAIN = [("place/420103", "江汉区"), ("place/422825", "宣恩县"), ("place/422825/椒园镇", "椒园镇"),
         ("place/422825/椒园镇/水田坝村", "水田坝村"), ("place/422825/椒园镇/黄坪村", "黄坪村")]
AMOUNTS = [Decimal("2200"), Decimal("50"), Decimal("5.5"), Decimal("1")]


def chain_graph() -> CanonicalGraph:
    g = CanonicalGraph()
    g.add_node("doc/t", "Document", doc_id="t", file_name="t.txt", sha256="0" * 64)
    for pid, name in CHAIN:
        g.add_node(pid, "Place", name=name, path=name)
    for n, ((a, _), (b, _), amount) in enumerate(zip(CHAIN, CHAIN[1:], AMOUNTS)):
        fid = f"fundingflow/{n}"
        g.add_node(fid, "FundingFlow", amount=amount, year=2024, stage="budget", flow_type="对口帮扶",
                   doc="t", line_start=10 + n, line_end=10 + n, source_text=f"line {n}", origin="breakdown",
                   payer_department="x", recipient=b, recipient_text=b)
        g.add_edge(fid, "FROM_PLACE", a)
        g.add_edge(fid, "TO_PLACE", b)
        g.add_edge(fid, "STATED_IN", "doc/t")
        g.add_edge(a, "FUNDS", b, fid, amount=amount, year=2024, stage="budget", flow_type="对口帮扶", flow=fid)
    return g


def test_trail_reaches_three_hops_and_no_further(tmp_path):
    g = chain_graph()
    oxigraph_store.write_store(to_rdf(g), tmp_path / "rdf")
    ladybug_store.write_database(g, tmp_path / "pg")
    store = oxigraph_store.open_read_only(tmp_path / "rdf")
    conn = ladybug_store.open_read_only(tmp_path / "pg")
    sparql, cypher = find("money_trace", "sparql"), find("money_trace", "cypher")
    from_rdf = oxigraph_store.sparql(store, sparql.text, sparql.bind({"place": "江汉区"}), limit=100, timeout=10)
    from_pg = ladybug_store.cypher(conn, cypher.text, cypher.bind({"place": "江汉区"}), limit=100, timeout=10)
    rdf_rows = [(r["payer"], r["recipient"], int(r["hop"]), r["amount"]) for r in from_rdf.as_dicts()]
    pg_rows = [(r["payer"], r["recipient"], int(r["hop"]), Decimal(r["amount"])) for r in from_pg.as_dicts()]
    assert rdf_rows == pg_rows == [("江汉区", "宣恩县", 1, Decimal("2200")), ("宣恩县", "椒园镇", 2, Decimal("50")),
                                   ("椒园镇", "水田坝村", 3, Decimal("5.5"))]
