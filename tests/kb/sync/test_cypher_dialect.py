"""The LadybugDB → Neo4j rewrites, on their own and on real engines: each construct that needed
one gives the same rows on the embedded LadybugDB store and on ArcadeDB over Bolt."""
from __future__ import annotations

import ladybug
import pytest
from neo4j import GraphDatabase

from kb.stores import ladybug_store
from kb.sync import cypher_dialect
from kb.sync.cypher_dialect import to_neo4j
from tests.kb.sync.engine_rows import same_rows


@pytest.mark.parametrize("ladybug, neo4j", [
    ("MATCH (n) RETURN label(n) AS l", "MATCH (n) RETURN labels(n)[0] AS l"),
    ("MATCH (n) RETURN labels(n), labels(n)[0]", "MATCH (n) RETURN labels(n)[0], labels(n)[0]"),
    ("MATCH p=(a)-[:FUNDS*1..3]->(b) RETURN properties(nodes(p), 'name'), size(rels(p))",
     "MATCH p=(a)-[:FUNDS*1..3]->(b) RETURN [_x IN nodes(p) | _x.`name`], size(relationships(p))"),
    ("RETURN CAST(n.year AS STRING), cast(n.line_start, 'DOUBLE')", "RETURN toString(n.year), toFloat(n.line_start)"),
    # strings, quoted names and comments are never rewritten
    ("RETURN 'label(x)', `rels(`.a // cast(x AS STRING)", "RETURN 'label(x)', `rels(`.a // cast(x AS STRING)"),
    ("MATCH (a:Place {name: $place})-[f:FUNDS]->(b) RETURN b.name", "MATCH (a:Place {name: $place})-[f:FUNDS]->(b) RETURN b.name"),
])
def test_rewrites(ladybug, neo4j):
    assert to_neo4j(ladybug) == neo4j


def test_unbalanced_call_is_a_clear_error():
    with pytest.raises(ValueError, match="unbalanced parentheses"):
        to_neo4j("RETURN label(n")


@pytest.fixture(scope="module")
def engines(bolt_seed, seed_base):
    """The seeds' knowledge base: its own LadybugDB store, and its copy on ArcadeDB."""
    server = bolt_seed.server
    conn = ladybug.Connection(ladybug.Database(str(seed_base.path / "pg"), read_only=True))
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        yield conn, driver, server.database
    conn.close()


# LadybugDB-form queries using each construct that needs a rewrite, on the seeds' money trail.
QUERIES = {
    "label": "MATCH (f:FundingFlow)-[:TO_PLACE]->(p:Place {name: $place}) RETURN label(f) AS l, f.amount_exact AS x, f.line_start AS line",
    "path properties": "MATCH p = (a:Place {name: $from})-[:FUNDS*1..3]->(b:Place) "
                       "RETURN properties(nodes(p), 'name') AS names, properties(rels(p), 'amount_exact') AS amounts",
    "cast": "MATCH (f:FundingFlow)-[:TO_PLACE]->(:Place {name: $place}) RETURN CAST(f.year AS STRING) AS y, f.line_start AS line",
    "nodes": "MATCH (a:Place {name: $from})-[f:FUNDS]->(b:Place) WHERE f.amount IS NOT NULL RETURN b, f.amount AS amount ORDER BY amount DESC",
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_same_rows_on_ladybug_and_arcadedb(engines, name):
    conn, driver, database = engines
    params = {"place": "宣恩县", "from": "江汉区"}
    embedded = ladybug_store.cypher(conn, QUERIES[name], params, limit=1000, timeout=30)
    remote = cypher_dialect.cypher(driver, QUERIES[name], params, database=database)
    assert remote.columns == embedded.columns
    assert embedded.rows, "the query must find the seeds' 江汉区 → 宣恩县 flow"
    assert same_rows(embedded.rows, remote.rows) is None


def test_the_real_values_come_through_the_rewrite(engines):
    conn, driver, database = engines
    remote = cypher_dialect.cypher(driver, QUERIES["path properties"], {"from": "江汉区"}, database=database)
    assert [["江汉区", "宣恩县"], ["2200"]] in remote.rows
    label = cypher_dialect.cypher(driver, QUERIES["label"], {"place": "宣恩县"}, database=database)
    assert ["FundingFlow", "2200", 736] in label.rows  # 004 line 736, 项目支出明细
    cast = cypher_dialect.cypher(driver, QUERIES["cast"], {"place": "宣恩县"}, database=database)
    assert ["2024", 736] in cast.rows
    nodes = cypher_dialect.cypher(driver, QUERIES["nodes"], {"from": "江汉区"}, database=database)
    assert nodes.rows[0][0]["_LABEL"] == "Place" and nodes.rows[0][0]["code"] == "422825"
    assert nodes.rows[0][1] == 2200.0


def test_row_limit_is_reported(engines):
    _, driver, database = engines
    result = cypher_dialect.cypher(driver, "MATCH (n:BudgetLine) RETURN n.id", database=database, limit=3)
    assert len(result.rows) == 3 and result.cut.startswith("row limit 3 reached")


def test_row_comparison_tells_order_and_values_apart():
    from decimal import Decimal
    a = [["宣恩县", Decimal("2200.00"), {"_LABEL": "Place", "code": "422825", "name_en": None}], ["黄陂区", 420.0, None]]
    b = [["宣恩县", Decimal("2200"), {"_LABEL": "Place", "code": "422825"}], ["黄陂区", 420.00000000001, None]]
    assert same_rows(a, b, order_by=[0]) is None
    assert same_rows(a, b[::-1]) is None
    assert same_rows(a, b[::-1], order_by=[0]) == "ordered differently: the sort keys first differ at row 0"
    ties = [["213", "income"], ["213", "function"]]
    assert same_rows(ties, ties[::-1], order_by=[0]) is None  # tied on the sort key: either order
    assert same_rows(a, [b[0], ["黄陂区", 5.0, None]]).startswith("2 vs 2 rows; only in the first")
    assert same_rows([[["a", "b"]]], [[["b", "a"]]]) is None  # collect() order is unspecified
