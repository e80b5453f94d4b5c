"""Findings are nodes of the built knowledge base, linked to the facts they cite: SPARQL and Cypher
find the same ones. `kb check` reads them back without re-reading documents."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb.knowledge_base import KnowledgeBase

KB_CMD = str(Path(sys.executable).with_name("kb"))


@pytest.fixture(scope="module")
def kb(seed_kb):
    opened = KnowledgeBase.open(seed_kb)
    yield opened
    opened.close()


SPARQL = """PREFIX bkb: <https://w3id.org/budget-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name ?difference WHERE {
  ?f a bkb:Finding ; bkb:rule "project.breakdown_sum" ; bkb:difference ?difference ; bkb:concerns ?p .
  ?p a bkb:Project ; rdfs:label ?name .
}"""

CYPHER = """MATCH (f:Finding)-[:CONCERNS]->(p:Project) WHERE f.rule = 'project.breakdown_sum'
RETURN p.name, f.difference_exact"""


def test_the_3049_80_finding_concerns_its_project_in_sparql_and_cypher(kb):
    sparql = kb.sparql(SPARQL)
    cypher = kb.cypher(CYPHER)
    assert [(str(n), str(d)) for n, d in sparql.rows] == [("乡村振兴工作", "-100")]
    assert [tuple(r) for r in cypher.rows] == [("乡村振兴工作", "-100")]


def test_every_stored_finding_is_a_node(kb):
    stored = json.loads((kb.path / "findings.json").read_text(encoding="utf-8"))["findings"]
    count = kb.cypher("MATCH (f:Finding) RETURN count(f)").rows[0][0]
    assert count == len(stored) > 0
    rules = kb.sparql("PREFIX bkb: <https://w3id.org/budget-kb/ontology#> "
                      "SELECT DISTINCT ?r WHERE { ?f a bkb:Finding ; bkb:rule ?r }")
    assert {str(r[0]) for r in rules.rows} == {f["rule"] for f in stored}


def test_kb_check_without_files_reads_the_knowledge_base(seed_kb):
    out = subprocess.run([KB_CMD, "check", "--json", "--data-dir", str(seed_kb)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert body["count"] == len(body["findings"]) > 0
    yoy = [f for f in body["findings"] if f["rule"] == "narrative.yoy_conflict" and f["document"].startswith("000")]
    assert [f["lines"] for f in yoy] == [[357, 384]]


def test_kb_check_on_a_file_names_document_and_lines(seeds_dir):
    out = subprocess.run([KB_CMD, "check", str(seeds_dir / "004_fd04dd69df0e1d80.txt"), "--json",
                          "--rule", "project.breakdown_sum"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert body["per_document"] == {"004_fd04dd69df0e1d80": 1}
    f = body["findings"][0]
    assert f["document"] == "004_fd04dd69df0e1d80" and 511 in f["lines"]
    assert f["figures"][0]["amount"] == "3049.80" and "3,049.80" in f["figures"][0]["text"]


def test_kb_check_table_output_is_readable(seeds_dir):
    out = subprocess.run([KB_CMD, "check", str(seeds_dir / "000_d3b4b252b30afbb1.txt")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "490.44" in out.stdout and "510.24" in out.stdout
