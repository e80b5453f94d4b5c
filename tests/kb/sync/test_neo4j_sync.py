"""The seeds' canonical graph written over Bolt to a real server (ArcadeDB's Bolt plugin), then
read back with Cypher: real figures, real provenance, constraints, no duplicates on re-sync."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from neo4j import GraphDatabase

from kb.model import CanonicalGraph
from kb.sync.neo4j_sync import Neo4jSync, SyncError, _check_edges

DOC = "004_fd04dd69df0e1d80"


@pytest.fixture(scope="module")
def driver(arcadedb):
    with GraphDatabase.driver(arcadedb.uri, auth=(arcadedb.user, arcadedb.password)) as d:
        yield d


def rows(driver, database, query, **params):
    with driver.session(database=database) as s:
        return s.run(query, **params).data()


def test_money_trail_jianghan_to_xuanen_2200(bolt_seed, driver):
    # 004 (江汉区 2024 预算) line 736: 对口宣恩县区域协作结对帮扶资金 … 2200.00万元
    got = rows(driver, bolt_seed.where,
               "MATCH (a:Place)-[f:FUNDS]->(b:Place {name: '宣恩县'}) WHERE f.year = 2024 AND f.amount IS NOT NULL "
               "RETURN a.name AS payer, f.amount AS amount, f.amount_exact AS exact, f.stage AS stage")
    assert got == [{"payer": "江汉区", "amount": 2200.0, "exact": "2200", "stage": "budget"}]


def test_funding_flow_keeps_its_provenance(bolt_seed, driver):
    got = rows(driver, bolt_seed.where,
               "MATCH (f:FundingFlow)-[:TO_PLACE]->(:Place {name: '宣恩县'}) WHERE f.line_start = 736 "
               "MATCH (f)-[:STATED_IN]->(d:Document) "
               "RETURN f.doc AS doc, f.line_start AS line, f.table AS tab, f.source_text AS text, "
               "f.amount_exact AS exact, d.id AS document")
    assert len(got) == 1
    row = got[0]
    assert (row["doc"], row["line"], row["tab"], row["exact"]) == (DOC, 736, "项目支出明细", "2200")
    assert "结对帮扶恩施州宣恩县\t2200.00万元" in row["text"]
    assert row["document"] == f"doc/{DOC}"


def test_the_213_agriculture_lines(bolt_seed, driver, seed_graph):
    got = rows(driver, bolt_seed.where,
               "MATCH (b:BudgetLine)-[:CLASSIFIED_AS]->(c:FunctionCode {code: '213'}) "
               "RETURN b.doc AS doc, b.line_start AS line, b.amount_exact AS exact, b.amount AS amount, c.name AS name")
    # 004 line 353 `213	农林水支出	3,149.80` (预算03), 000 line 115 (公开01) 404.46, and every other 213 line.
    assert {"doc": DOC, "line": 353, "exact": "3149.8", "amount": 3149.8, "name": "农林水支出"} in got
    assert {"doc": "000_d3b4b252b30afbb1", "line": 115, "exact": "404.46", "amount": 404.46, "name": "农林水支出"} in got
    expected = {(n.props["doc"], n.props["line_start"], n.props["amount"])
                for n in seed_graph.by_label("BudgetLine") if n.props.get("code") == "213"}
    assert {(r["doc"], r["line"], Decimal(r["exact"])) for r in got} == expected
    assert all(Decimal(r["exact"]) == Decimal(repr(r["amount"])) for r in got)


def test_counts_match_the_canonical_graph(bolt_seed, driver, seed_graph):
    nodes = {r["label"]: r["n"] for r in rows(driver, bolt_seed.where,
                                              "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n")}
    edges = {r["type"]: r["n"] for r in rows(driver, bolt_seed.where,
                                             "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n")}
    assert nodes == dict(Counter(n.label for n in seed_graph.nodes.values()))
    assert edges == dict(Counter(e.type for e in seed_graph.edges.values()))


def test_every_label_has_a_unique_id_constraint(bolt_seed, driver, seed_graph):
    labels = {n.label for n in seed_graph.nodes.values()}
    shown = rows(driver, bolt_seed.where, "SHOW CONSTRAINTS")
    assert {c["labelsOrTypes"][0] for c in shown if c["properties"] == ["id"] and c["type"] == "UNIQUENESS"} >= labels


def money_subgraph(graph: CanonicalGraph) -> CanonicalGraph:
    """The seeds' funding flows with their places, payers, projects and documents (a few hundred nodes)."""
    keep = {"FundingFlow", "Place", "Department", "Document", "Project"}
    out = CanonicalGraph()
    for n in graph.nodes.values():
        if n.label in keep:
            out.add_node(n.id, n.label, **n.props)
    for e in graph.edges.values():
        if e.source in out.nodes and e.target in out.nodes:
            out.add_edge(e.source, e.type, e.target, e.id, **e.props)
    return out


def test_resync_merges_and_replaces_without_duplicates(arcadedb, driver, seed_graph, monkeypatch):
    monkeypatch.setattr("kb.sync.neo4j_sync.DELETE_BATCH", 40)  # empty the database in several transactions
    g = money_subgraph(seed_graph)
    db = arcadedb.new_database("resync")
    first = Neo4jSync(driver, db, batch_size=50).run(g, replace=False)  # MERGE into an empty database
    assert first.id_index == {label: "constraint" for label in {n.label for n in g.nodes.values()}}
    assert (first.nodes, first.edges, first.deleted) == (len(g.nodes), len(g.edges), 0)
    rows(driver, db, "CREATE (:Place {id: 'place/stale', name: '旧'})")
    rows(driver, db, "MATCH (f:FundingFlow {doc: $doc, line_start: 736}) SET f.amount_exact = '9999'", doc=DOC)
    Neo4jSync(driver, db).run(g, replace=False)
    # merge: the changed value is put back, nothing doubles, the extra node stays
    assert rows(driver, db, "MATCH (f:FundingFlow {doc: $doc, line_start: 736}) RETURN f.amount_exact AS x",
                doc=DOC) == [{"x": "2200"}]
    assert rows(driver, db, "MATCH ()-[r]->() RETURN count(r) AS n") == [{"n": len(g.edges)}]
    assert rows(driver, db, "MATCH (n:Place {id: 'place/stale'}) RETURN n.name AS name") == [{"name": "旧"}]
    # replace: the database holds exactly the graph again
    replaced = Neo4jSync(driver, db).run(g, replace=True)
    assert replaced.deleted == len(g.nodes) + 1
    assert rows(driver, db, "MATCH (n) RETURN count(n) AS n") == [{"n": len(g.nodes)}]
    assert rows(driver, db, "MATCH ()-[r]->() RETURN count(r) AS n") == [{"n": len(g.edges)}]


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


def test_a_label_that_is_not_an_identifier_is_refused(arcadedb, driver):
    g = CanonicalGraph()
    g.add_node("x/1", "Place`) DETACH DELETE n //", name="x")
    with pytest.raises(SyncError, match="not a plain identifier"):
        Neo4jSync(driver, arcadedb.database).run(g, replace=False)


def test_degrades_to_a_plain_index_when_the_server_refuses_the_constraint(arcadedb, driver, caplog):
    # Two nodes with one id already there: the server refuses the uniqueness constraint.
    db = arcadedb.new_database("degrade")
    rows(driver, db, "CREATE (:Place {id: 'place/420103'}), (:Place {id: 'place/420103'})")
    sync = Neo4jSync(driver, db)
    with caplog.at_level("WARNING", logger="kb.sync.neo4j"):
        sync.ensure_id_index(["Place"])
    assert sync.report.id_index == {"Place": "index"}
    assert "no constraint on Place.id" in sync.report.notes[0] and "ConstraintValidationFailed" in sync.report.notes[0]
    assert any("no constraint on Place.id" in r.getMessage() for r in caplog.records)
    shown = rows(driver, db, "SHOW INDEXES")
    assert [(i["labelsOrTypes"], i["properties"], i["owningConstraint"]) for i in shown] == [(["Place"], ["id"], None)]


def test_an_edge_type_that_is_not_an_identifier_is_refused(arcadedb, driver):
    g = CanonicalGraph()
    g.add_node("place/420103", "Place", name="江汉区")
    g.add_node("place/422825", "Place", name="宣恩县")
    g.add_edge("place/420103", "FUNDS]->() DETACH DELETE a //", "place/422825")
    with pytest.raises(SyncError, match="edge type .* is not a plain identifier"):
        Neo4jSync(driver, arcadedb.new_database("bad_edge_type")).write_edges(g)
