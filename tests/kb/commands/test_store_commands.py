"""The kb commands of kb/commands/store.py, run through the CLI as a user would."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kb.cli import app
from kb.knowledge_base import KnowledgeBase

runner = CliRunner()


def kb(*args, data_dir):
    return runner.invoke(app, [*args, "--data-dir", str(data_dir)])


def test_cypher_json_with_a_named_query_and_a_short_place_name(seed_kb):
    r = kb("cypher", "flows_into_place", "-p", "place=恩施州", "--format", "json", data_dir=seed_kb)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["columns"][:4] == ["flow", "payer_place", "payer", "recipient"] and out["cut"] is None
    assert {row[3] for row in out["rows"]} >= {"宣恩县", "来凤县"}


def test_sparql_csv_from_a_file(seed_kb, tmp_path):
    q = tmp_path / "count.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?d a <https://w3id.org/budget-kb/ontology#Document> }")
    r = kb("sparql", str(q), "--format", "csv", data_dir=seed_kb)
    assert r.exit_code == 0, r.output
    assert list(csv.reader(io.StringIO(r.stdout))) == [["n"], ["5"]]


def test_table_output_and_cut_notice(seed_kb):
    r = kb("cypher", "MATCH (d:Document) RETURN d.id ORDER BY d.id", "--limit", "2", data_dir=seed_kb)
    assert r.exit_code == 0, r.output
    assert "000_d3b4b252b30afbb1" in r.stdout and "002_81fcf87bf650a710" not in r.stdout
    assert "row limit 2 reached" in r.stderr


@pytest.mark.parametrize("lang, query, words", [
    ("sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SPARQL update refused: INSERT"),
    ("cypher", "MATCH (n) DETACH DELETE n", "Cypher DETACH refused"),
    ("cypher", "MATCH (n:Nope) RETURN n", "cypher query failed"),
    ("cypher", "flows_into_place", "missing parameter(s) place"),
])
def test_refusals_and_errors_exit_2_with_a_reason(seed_kb, lang, query, words):
    r = kb(lang, query, data_dir=seed_kb)
    assert r.exit_code == 2
    assert words in " ".join(r.stderr.split())


def test_stats_json(seed_kb):
    r = kb("stats", "--json", data_dir=seed_kb)
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["documents"] == 5 and s["nodes_per_label"]["Document"] == 5 and s["triples"] > 10_000


def test_no_knowledge_base(tmp_path):
    r = kb("stats", data_dir=tmp_path)
    assert r.exit_code == 2 and "kb build" in r.stderr


@pytest.mark.parametrize("fmt, file, rdf_format", [("turtle", "kb.ttl", ox.RdfFormat.TURTLE),
                                                   ("nt", "kb.nt", ox.RdfFormat.N_TRIPLES),
                                                   ("jsonld", "kb.jsonld", ox.RdfFormat.JSON_LD)])
def test_rdf_exports_parse_back_to_every_triple(seed_kb, tmp_path, fmt, file, rdf_format):
    r = runner.invoke(app, ["export", "--format", fmt, "--out", str(tmp_path), "--data-dir", str(seed_kb)])
    assert r.exit_code == 0, r.output
    back = ox.Store()
    back.load(path=str(tmp_path / file), format=rdf_format)
    assert len(back) == KnowledgeBase.open(seed_kb).stats()["triples"]


def test_neo4j_csv_export_has_admin_import_headers(seed_kb, tmp_path):
    r = runner.invoke(app, ["export", "--format", "neo4j-csv", "--out", str(tmp_path), "--data-dir", str(seed_kb)])
    assert r.exit_code == 0, r.output
    with (tmp_path / "nodes_FundingFlow.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0])
    assert header[:2] == ["id:ID", ":LABEL"]
    assert "amount:double" in header and "amount_exact:string" in header and "year:long" in header
    assert any(r["amount_exact:string"] == "2200" and r["year:long"] == "2024" for r in rows)
    with (tmp_path / "rels_FUNDS.csv").open(encoding="utf-8") as f:
        rels = list(csv.DictReader(f))
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert any(r[":START_ID"] == "place/420103" and r[":END_ID"] == "place/422825" and r["amount:double"] == "2200.0"
               for r in rels)
    graph = KnowledgeBase.open(seed_kb).graph
    node_rows = sum(1 for p in tmp_path.glob("nodes_*.csv") for _ in p.open(encoding="utf-8").readlines()[1:])
    assert "--array-delimiter='|'" in (tmp_path / "neo4j-admin-import.sh").read_text()
    assert len(graph.nodes) <= node_rows  # multi-line source texts span several physical lines


def test_graphml_export(seed_kb, tmp_path):
    import networkx as nx

    r = runner.invoke(app, ["export", "--format", "graphml", "--out", str(tmp_path), "--data-dir", str(seed_kb)])
    assert r.exit_code == 0, r.output
    g = nx.read_graphml(tmp_path / "kb.graphml", force_multigraph=True)
    kb_ = KnowledgeBase.open(seed_kb)
    assert g.number_of_nodes() == len(kb_.graph.nodes) and g.number_of_edges() == len(kb_.graph.edges)
    assert g.nodes["place/422825"]["name"] == "宣恩县"


def test_build_reports_unchanged_on_reload(seed_kb, seeds_dir, tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(seed_kb, data, symlinks=True)
    r = runner.invoke(app, ["build", str(seeds_dir), "--data-dir", str(data)])
    assert r.exit_code == 0, r.output
    assert "unchanged" in r.stdout and "0 added, 0 replaced, 5 unchanged" in " ".join(r.stdout.split())
