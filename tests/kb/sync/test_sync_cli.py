"""`kb sync neo4j` and `kb sync sparql` on the seeds' knowledge base (the session's syncs are
run by the CLI itself: see conftest.py)."""
from __future__ import annotations

from decimal import Decimal

from typer.testing import CliRunner

from kb.cli import app
from kb.sync.sparql_sync import select

runner = CliRunner()


def test_kb_sync_neo4j_says_what_it_wrote(bolt_seed, seed_graph):
    assert f"synced {len(seed_graph.nodes)} nodes and {len(seed_graph.edges)} edges to Neo4j/5" in bolt_seed.output
    labels = len({n.label for n in seed_graph.nodes.values()})
    assert f"id indexed on {labels}/{labels} labels" in bolt_seed.output


def test_kb_sync_sparql_gsp_says_what_it_wrote(sparql_seed, seed_base):
    triples = seed_base.manifest["triples"]
    assert f"synced {triples} triples into <{sparql_seed.where}>" in sparql_seed.output
    assert f"the server holds {triples}" in sparql_seed.output


def test_kb_sync_sparql_update(virtuoso, seed_kb, seed_base):
    graph = "https://w3id.org/budget-kb/graph/cli-update"
    result = runner.invoke(app, ["sync", "sparql", "--endpoint", virtuoso.update_endpoint, "--graph", graph,
                                 "--method", "update", "--user", virtuoso.user, "--data-dir", str(seed_kb)],
                           env={"KB_SPARQL_PASSWORD": virtuoso.password})
    assert result.exit_code == 0, result.output
    assert f"synced {seed_base.manifest['triples']} triples into <{graph}>" in result.output
    got = select(virtuoso.endpoint, "SELECT (SUM(?a) AS ?s) WHERE { ?f a <https://w3id.org/budget-kb/ontology#FundingFlow> ; "
                 "<http://data.openbudgets.eu/ontology/dsd/measure/amount> ?a }", graph)
    want = seed_base.sparql("SELECT (SUM(?a) AS ?s) WHERE { ?f a <https://w3id.org/budget-kb/ontology#FundingFlow> ; "
                            "<http://data.openbudgets.eu/ontology/dsd/measure/amount> ?a }")
    assert got.rows == want.rows and isinstance(got.rows[0][0], Decimal)


def test_kb_sync_neo4j_wrong_password_exits_1(arcadedb, seed_kb):
    result = runner.invoke(app, ["sync", "neo4j", "--uri", arcadedb.uri, "--user", arcadedb.user,
                                 "--password", "wrong", "--data-dir", str(seed_kb)])
    assert result.exit_code == 1
    assert f"sync to {arcadedb.uri} failed" in result.output


def test_kb_sync_sparql_bad_method_exits_2(seed_kb):
    result = runner.invoke(app, ["sync", "sparql", "--endpoint", "http://127.0.0.1:1/x", "--method", "put",
                                 "--data-dir", str(seed_kb)])
    assert result.exit_code == 2
    assert "--method is one of gsp, update" in result.output


def test_kb_sync_without_a_knowledge_base_exits_2(tmp_path):
    result = runner.invoke(app, ["sync", "sparql", "--endpoint", "http://127.0.0.1:1/x", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "no knowledge base here" in result.output
