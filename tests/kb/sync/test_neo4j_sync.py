"""The canonical graph of the seeds written over Bolt to a real server (ArcadeDB's Bolt plugin),
then read back with Cypher: real figures, real provenance, no duplicates on re-sync."""
from __future__ import annotations

import dataclasses
from collections import Counter
from decimal import Decimal

import pytest
from neo4j import GraphDatabase

from kb.model import CanonicalGraph
from kb.sync.neo4j_sync import Neo4jSync, SyncError, _check_edges, sync_graph

DOC = "004_fd04dd69df0e1d80"


@pytest.fixture(scope="module")
def server(arcadedb):
    """The session's ArcadeDB, with a database of this module's own."""
    return dataclasses.replace(arcadedb, database=arcadedb.new_database("neo4j_sync_tests"))


@pytest.fixture(scope="module")
def driver(server):
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d:
        yield d


@pytest.fixture(scope="module")
def synced(server, seed_graph):
    """The seed graph synced once for the read-back tests (each write test re-syncs it after)."""
    return sync_graph(seed_graph, server.uri, server.user, server.password, server.database, batch_size=200)


def rows(driver, database, query, **params):
    with driver.session(database=database) as s:
        return s.run(query, **params).data()


def test_money_trail_jianghan_to_xuanen_2200(synced, driver, server):
    # 004 (江汉区 2024 预算) line 736: 对口宣恩县区域协作结对帮扶资金 … 2200.00万元
    got = rows(driver, server.database,
               "MATCH (a:Place)-[f:FUNDS]->(b:Place {name: '宣恩县'}) WHERE f.year = 2024 AND f.amount IS NOT NULL "
               "RETURN a.name AS payer, f.amount AS amount, f.amount_exact AS exact, f.stage AS stage")
    assert got == [{"payer": "江汉区", "amount": 2200.0, "exact": "2200", "stage": "budget"}]


def test_funding_flow_keeps_its_provenance(synced, driver, server):
    got = rows(driver, server.database,
               "MATCH (f:FundingFlow)-[:TO_PLACE]->(:Place {name: '宣恩县'}) WHERE f.line_start = 736 "
               "MATCH (f)-[:STATED_IN]->(d:Document) "
               "RETURN f.doc AS doc, f.line_start AS line, f.table AS tab, f.source_text AS text, "
               "f.amount_exact AS exact, d.id AS document")
    assert len(got) == 1
    row = got[0]
    assert (row["doc"], row["line"], row["tab"], row["exact"]) == ("004_fd04dd69df0e1d80", 736, "项目支出明细", "2200")
    assert "结对帮扶恩施州宣恩县\t2200.00万元" in row["text"]
    assert row["document"] == "doc/004_fd04dd69df0e1d80"


def test_the_213_agriculture_lines(synced, driver, server, seed_graph):
    got = rows(driver, server.database,
               "MATCH (b:BudgetLine)-[:CLASSIFIED_AS]->(c:FunctionCode {code: '213'}) "
               "RETURN b.doc AS doc, b.line_start AS line, b.amount_exact AS exact, b.amount AS amount, c.name AS name")
    # 004 line 353 `213	农林水支出	3,149.80` (预算03), 000 line 115 (公开01) 404.46, and every other 213 line.
    assert {"doc": "004_fd04dd69df0e1d80", "line": 353, "exact": "3149.8", "amount": 3149.8,
            "name": "农林水支出"} in got
    assert {"doc": "000_d3b4b252b30afbb1", "line": 115, "exact": "404.46", "amount": 404.46, "name": "农林水支出"} in got
    expected = {(n.props["doc"], n.props["line_start"], n.props["amount"])
                for n in seed_graph.by_label("BudgetLine") if n.props.get("code") == "213"}
    assert {(r["doc"], r["line"], Decimal(r["exact"])) for r in got} == expected
    assert all(Decimal(r["exact"]) == Decimal(repr(r["amount"])) for r in got)


def test_counts_match_the_canonical_graph(synced, driver, server, seed_graph):
    nodes = {r["label"]: r["n"] for r in rows(driver, server.database,
                                              "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n")}
    edges = {r["type"]: r["n"] for r in rows(driver, server.database,
                                             "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n")}
    assert nodes == dict(Counter(n.label for n in seed_graph.nodes.values()))
    assert edges == dict(Counter(e.type for e in seed_graph.edges.values()))
    assert synced.nodes == len(seed_graph.nodes) and synced.edges == len(seed_graph.edges)


def test_every_label_has_a_unique_id_constraint(synced, driver, server, seed_graph):
    labels = {n.label for n in seed_graph.nodes.values()}
    assert synced.id_index == {label: "constraint" for label in labels}
    shown = rows(driver, server.database, "SHOW CONSTRAINTS")
    assert {c["labelsOrTypes"][0] for c in shown if c["properties"] == ["id"] and c["type"] == "UNIQUENESS"} >= labels


def test_resync_replaces_and_merges_without_duplicates(synced, driver, server, seed_graph):
    db = server.database
    rows(driver, db, "CREATE (:Place {id: 'place/stale', name: '旧'})")
    rows(driver, db, "MATCH (f:FundingFlow {doc: $doc, line_start: 736}) SET f.amount_exact = '9999'", doc=DOC)
    merged = sync_graph(seed_graph, server.uri, server.user, server.password, db, replace=False)
    assert merged.deleted == 0
    # merge: the changed value is put back, nothing doubles, the extra node stays
    assert rows(driver, db, "MATCH (f:FundingFlow {doc: $doc, line_start: 736}) RETURN f.amount_exact AS x", doc=DOC) == [{"x": "2200"}]
    assert rows(driver, db, "MATCH ()-[r:FUNDS]->() RETURN count(r) AS n") == [
        {"n": sum(1 for e in seed_graph.edges.values() if e.type == "FUNDS")}]
    assert rows(driver, db, "MATCH (n:Place {id: 'place/stale'}) RETURN n.name AS name") == [{"name": "旧"}]
    # replace: the database holds exactly the graph again
    replaced = sync_graph(seed_graph, server.uri, server.user, server.password, db, replace=True)
    assert replaced.deleted == len(seed_graph.nodes) + 1
    assert rows(driver, db, "MATCH (n) RETURN count(n) AS n") == [{"n": len(seed_graph.nodes)}]


def test_parallel_funds_edges_stay_apart(arcadedb, driver):
    g = CanonicalGraph()
    g.add_node("place/420103", "Place", name="江汉区")
    g.add_node("place/422825", "Place", name="宣恩县")
    for n, amount in (("a", "2200.00"), ("b", "300")):
        g.add_edge("place/420103", "FUNDS", "place/422825", edge_id=f"fundingflow/{n}", amount=Decimal(amount))
    db = arcadedb.new_database("parallel_edges")
    Neo4jSync(driver, db).run(g, replace=True)
    Neo4jSync(driver, db).run(g, replace=False)
    got = rows(driver, db, "MATCH ()-[f:FUNDS]->() RETURN f.amount_exact AS x ORDER BY x")
    assert got == [{"x": "2200"}, {"x": "300"}]


def test_edge_to_a_missing_node_is_refused_before_writing():
    g = CanonicalGraph()
    g.add_node("place/420103", "Place", name="江汉区")
    g.add_edge("place/420103", "FUNDS", "place/000000")
    with pytest.raises(SyncError, match=r"\(place/420103\)-\[:FUNDS\]->\(place/000000\)"):
        _check_edges(g)


def test_a_label_that_is_not_an_identifier_is_refused(server, driver):
    g = CanonicalGraph()
    g.add_node("x/1", "Place`) DETACH DELETE n //", name="x")
    with pytest.raises(SyncError, match="not a plain identifier"):
        Neo4jSync(driver, server.database).run(g, replace=False)
