"""Every named query of queries/ gives the same rows on the scale-out servers as on the embedded
stores, over the same knowledge base: the .cypher files, unchanged, over Bolt on ArcadeDB (through
kb/sync/cypher_dialect.py) vs LadybugDB; the .rq files on Virtuoso vs pyoxigraph."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from neo4j import GraphDatabase

from kb.named_queries import load_all
from kb.stores.oxigraph_store import bind_parameters
from kb.sync import cypher_dialect
from kb.sync.sparql_sync import select
from tests.kb.sync.engine_rows import order_columns, same_rows

QUERIES = load_all()
# What a user would type for each query's parameters.
GIVEN = {
    "flows_from_place": {"place": "江汉区"},
    "flows_into_place": {"place": "恩施州"},
    "money_trace": {"place": "江汉区"},
    "function_total_per_district": {"code": "213"},
    "amounts_under_code": {"code": "213"},
    "department_budget_lines": {"department": "武汉市江汉区人民政府办公室"},
}
CYPHER = sorted(name for name, language in QUERIES if language == "cypher")
SPARQL = sorted(name for name, language in QUERIES if language == "sparql")


@pytest.fixture(scope="module")
def driver(bolt_seed):
    server = bolt_seed.server
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d:
        yield d


def test_there_are_named_queries_and_parameters_for_each():
    assert CYPHER and SPARQL
    missing = sorted((set(CYPHER) | set(SPARQL)) - set(GIVEN))
    assert not missing, f"add example parameters for {missing} to GIVEN"


@pytest.mark.parametrize("name", CYPHER)
def test_cypher_on_arcadedb_as_on_ladybug(name, bolt_seed, driver, seed_base):
    query = QUERIES[(name, "cypher")]
    params = query.bind(GIVEN[name])
    embedded = seed_base.cypher(query.text, params)
    served = cypher_dialect.cypher(driver, query.text, params, database=bolt_seed.where)
    assert embedded.rows, f"{name}: no rows on the seeds"
    assert served.columns == embedded.columns
    assert served.cut is None and embedded.cut is None
    assert same_rows(embedded.rows, served.rows, order_columns(query.text, embedded.columns)) is None


@pytest.mark.parametrize("name", SPARQL)
def test_sparql_on_virtuoso_as_on_pyoxigraph(name, sparql_seed, seed_base):
    query = QUERIES[(name, "sparql")]
    params = query.bind(GIVEN[name])
    embedded = seed_base.sparql(query.text, params)
    served = select(sparql_seed.server.endpoint, bind_parameters(query.text, params), sparql_seed.where)
    assert embedded.rows, f"{name}: no rows on the seeds"
    assert served.columns == embedded.columns
    assert same_rows(embedded.rows, served.rows, order_columns(query.text, embedded.columns)) is None


def test_order_keys_are_read_from_each_query():
    keys = {(n, lang): order_columns(q.text, columns_of(q.text, lang)) for (n, lang), q in QUERIES.items()}
    assert keys[("money_trace", "cypher")] == [2, 3]  # ORDER BY hop, flow
    assert keys[("department_budget_lines", "sparql")] == [0, 2, 4, 6, 7]  # ?doc ?line ?code ?fund_type ?amount
    assert order_columns("MATCH (n) RETURN n.a AS a ORDER BY n.b DESC", ["a"]) is None
    assert order_columns("SELECT ?a ?b WHERE {} ORDER BY DESC(?b) ?a LIMIT 3", ["a", "b"]) == [1, 0]


def columns_of(text: str, language: str) -> list[str]:
    """The returned columns, read from the text (SELECT ?x … / RETURN … AS x)."""
    if language == "sparql":
        return re.findall(r"\?(\w+)", re.search(r"SELECT\s+(.*?)\s+WHERE", text, re.DOTALL).group(1))
    returned = text[text.rindex("RETURN"):].split("ORDER BY")[0]
    return [m.group(1) for m in re.finditer(r"\bAS\s+(\w+)", returned)]


def test_the_served_answers_carry_the_real_figures(bolt_seed, driver, sparql_seed):
    """江汉区 → 宣恩县 2200 万元 (004 line 736) from both servers, as a user would ask."""
    flows = QUERIES[("flows_from_place", "cypher")]
    served = cypher_dialect.cypher(driver, flows.text, flows.bind({"place": "江汉区"}), database=bolt_seed.where)
    hits = [r for r in served.as_dicts() if r["recipient"] == "宣恩县" and r["line"] == 736]
    assert [(r["amount"], r["year"], r["parent1"]) for r in hits] == [("2200", 2024, "恩施土家族苗族自治州")]
    into = QUERIES[("flows_into_place", "sparql")]
    rows = select(sparql_seed.server.endpoint, bind_parameters(into.text, into.bind({"place": "恩施州"})),
                  sparql_seed.where).as_dicts()
    assert {"payer_place": "江汉区", "recipient": "宣恩县", "year": 2024, "stage": "budget",
            "amount": Decimal("2200")}.items() <= next(r for r in rows if r["amount"] == Decimal("2200")).items()
