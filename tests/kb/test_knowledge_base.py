"""Opening a built knowledge base read-only: what the CLI and the API query."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kb.knowledge_base import KnowledgeBase, NoKnowledgeBase
from kb.readonly import ReadOnlyViolation
from kb.settings import Settings, SettingsError


def test_open_without_a_build_says_how_to_make_one(tmp_path):
    with pytest.raises(NoKnowledgeBase, match="kb build"):
        KnowledgeBase.open(tmp_path / "empty")


def test_stats_agree_with_the_build_manifest(seed_kb):
    kb = KnowledgeBase.open(seed_kb)
    s = kb.stats()
    assert s["documents"] == 5
    assert s["triples"] == kb.manifest["triples"] > 10_000
    assert s["nodes"] == kb.manifest["nodes"] == len(kb.graph.nodes)
    assert s["edges"] == kb.manifest["edges"] == len(kb.graph.edges)
    assert s["nodes_per_label"]["Document"] == 5
    assert s["nodes_per_label"]["FundingFlow"] == sum(1 for _ in kb.graph.by_label("FundingFlow"))


def test_all_three_projections_hold_the_same_flow(seed_kb):
    kb = KnowledgeBase.open(seed_kb)
    pg = kb.cypher("MATCH (f:FundingFlow)-[:TO_PLACE]->(p:Place {name: '宣恩县'}) WHERE f.year = 2024 "
                   "AND f.amount_exact = '2200' RETURN f.id, f.line_start, f.doc").rows
    assert pg and all(doc == "004_fd04dd69df0e1d80" for _, _, doc in pg)
    flow_id, line, _ = pg[0]
    iri = "https://w3id.org/budget-kb/id/" + flow_id
    rdf = kb.sparql(f"SELECT ?a WHERE {{ <{iri}> <http://data.openbudgets.eu/ontology/dsd/measure/amount> ?a }}").rows
    assert rdf == [[Decimal("2200")]]
    g = kb.networkx
    assert g.nodes[flow_id]["amount"] == Decimal("2200") and g.nodes[flow_id]["line_start"] == line
    assert ("place/422825" in g.successors(flow_id))


def test_settings_bound_every_query(seed_kb, monkeypatch):
    monkeypatch.setenv("KB_ROW_LIMIT", "3")
    kb = KnowledgeBase.open(seed_kb)
    assert kb.settings.row_limit == 3
    r = kb.cypher("MATCH (b:BudgetLine) RETURN b.id")
    assert len(r.rows) == 3 and "row limit 3" in r.cut
    r = kb.sparql("SELECT ?s WHERE { ?s ?p ?o }")
    assert len(r.rows) == 3 and "row limit 3" in r.cut
    assert len(kb.cypher("MATCH (b:BudgetLine) RETURN b.id", limit=5).rows) == 5


def test_writes_are_refused(seed_kb):
    kb = KnowledgeBase.open(seed_kb)
    with pytest.raises(ReadOnlyViolation):
        kb.cypher("MATCH (p:Place) DETACH DELETE p")
    with pytest.raises(ReadOnlyViolation):
        kb.sparql("DELETE WHERE { ?s ?p ?o }")
    assert kb.cypher("MATCH (p:Place) RETURN count(p)").rows[0][0] > 0


def test_bad_settings_name_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_QUERY_TIMEOUT", "soon")
    with pytest.raises(SettingsError, match="KB_QUERY_TIMEOUT='soon'"):
        Settings.from_env(tmp_path)
    monkeypatch.setenv("KB_QUERY_TIMEOUT", "2.5")
    monkeypatch.setenv("KB_ROW_LIMIT", "0")
    with pytest.raises(SettingsError, match="KB_ROW_LIMIT='0': must be greater than 0"):
        Settings.from_env(tmp_path)
    monkeypatch.delenv("KB_ROW_LIMIT")
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "d"))
    s = Settings.from_env()
    assert (s.data_dir, s.query_timeout, s.row_limit) == (tmp_path / "d", 2.5, 10000)
    assert Settings.from_env(tmp_path / "x").data_dir == tmp_path / "x"


def test_each_thread_keeps_one_cypher_connection_through_timeouts_and_errors(seed_kb):
    # one connection per thread (its prepared statements are reused); a timeout or an error on it
    # does not spoil the next query
    from concurrent.futures import ThreadPoolExecutor

    from kb.readonly import QueryTimeout
    kb = KnowledgeBase.open(seed_kb)
    flow = ("MATCH (f:FundingFlow)-[:TO_PLACE]->(p:Place {name: $name}) WHERE f.amount_exact = '2200' "
            "RETURN f.doc, f.line_start ORDER BY f.line_start")
    stated = [["004_fd04dd69df0e1d80", 727], ["004_fd04dd69df0e1d80", 736]]
    assert kb.cypher(flow, {"name": "宣恩县"}).rows == stated
    with pytest.raises(QueryTimeout):
        kb.cypher("UNWIND range(1, 300) AS x UNWIND range(1, 300) AS y UNWIND range(1, 300) AS z "
                  "RETURN sum(x * y + z)", timeout=0.05)
    with pytest.raises(RuntimeError):
        kb.cypher("MATCH (n:NoSuchLabel) RETURN n")
    assert kb.cypher(flow, {"name": "宣恩县"}).rows == stated
    mine = kb._connection()
    assert kb._connection() is mine
    with ThreadPoolExecutor(1) as other:
        assert other.submit(kb._connection).result() is not mine
        assert other.submit(kb.cypher, flow, {"name": "宣恩县"}).result().rows == stated
    assert len(kb._connections) == 2
    kb.close()
    assert kb._connections == []
