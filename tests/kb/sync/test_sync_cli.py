"""`kb sync neo4j` and `kb sync sparql` on a knowledge base written the way `kb build` writes it."""
from __future__ import annotations

import dataclasses

import httpx
import pytest
from neo4j import GraphDatabase
from typer.testing import CliRunner

from kb.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def server(arcadedb):
    """The session's ArcadeDB, with a database of this module's own."""
    return dataclasses.replace(arcadedb, database=arcadedb.new_database("sync_cli_tests"))


@pytest.fixture(scope="module")
def data_dir(seed_kb):
    return seed_kb  # only read by `kb sync`


def test_kb_sync_neo4j(data_dir, server, seed_graph):
    result = runner.invoke(app, ["sync", "neo4j", "--uri", server.uri, "--user", server.user,
                                 "--database", server.database, "--data-dir", str(data_dir)],
                           env={"KB_BOLT_PASSWORD": server.password})
    assert result.exit_code == 0, result.output
    assert f"synced {len(seed_graph.nodes)} nodes and {len(seed_graph.edges)} edges" in result.output
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as d:
        got = d.execute_query("MATCH (:Place {name: '江汉区'})-[f:FUNDS]->(:Place {name: '宣恩县'}) "
                              "WHERE f.year = 2024 AND f.amount IS NOT NULL "
                              "RETURN f.amount_exact AS x", database_=server.database).records
    assert [r["x"] for r in got] == ["2200"]


def test_kb_sync_neo4j_wrong_password_exits_1(data_dir, server):
    result = runner.invoke(app, ["sync", "neo4j", "--uri", server.uri, "--user", server.user,
                                 "--password", "wrong", "--data-dir", str(data_dir)])
    assert result.exit_code == 1
    assert f"sync to {server.uri} failed" in result.output


def test_kb_sync_sparql_both_methods(data_dir, virtuoso, seed_rdf):
    graph = "https://w3id.org/budget-kb/graph/cli"
    for method, endpoint in (("gsp", virtuoso.gsp_endpoint), ("update", virtuoso.update_endpoint)):
        result = runner.invoke(app, ["sync", "sparql", "--endpoint", endpoint, "--graph", graph, "--method", method,
                                     "--user", virtuoso.user, "--query-endpoint", virtuoso.endpoint,
                                     "--data-dir", str(data_dir)], env={"KB_SPARQL_PASSWORD": virtuoso.password})
        assert result.exit_code == 0, result.output
        assert f"synced {len(seed_rdf)} triples" in result.output
        assert f"the server holds {len(seed_rdf)}" in result.output
    r = httpx.get(virtuoso.endpoint, params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
                  headers={"Accept": "application/sparql-results+json"})
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == len(seed_rdf)


def test_kb_sync_without_a_knowledge_base_exits_2(tmp_path):
    result = runner.invoke(app, ["sync", "sparql", "--endpoint", "http://127.0.0.1:1/x", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "no knowledge base here" in result.output
