"""/sparql (the SPARQL 1.1 Protocol, through SPARQLWrapper), /cypher, /queries: real values, read-only."""
from __future__ import annotations

from decimal import Decimal

from SPARQLWrapper import JSON, SPARQLWrapper

def test_sparqlwrapper_gets_json_results(server):
    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery("SELECT ?doc WHERE { ?doc a <https://w3id.org/budget-kb/ontology#Document> } ORDER BY ?doc")
    sw.setReturnFormat(JSON)
    result = sw.query().convert()
    docs = [b["doc"]["value"] for b in result["results"]["bindings"]]
    assert len(docs) == 5
    assert docs[0].endswith("000_d3b4b252b30afbb1")


def test_sparql_post_form_and_direct_body_and_formats(client):
    q = "SELECT ?n WHERE { BIND(1 AS ?n) }"
    assert client.post("/sparql", data={"query": q}).json()["results"]["bindings"][0]["n"]["value"] == "1"
    r = client.post("/sparql", content=q, headers={"content-type": "application/sparql-query", "accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv") and r.text.splitlines() == ["n", "1"]
    r = client.get("/sparql", params={"query": q}, headers={"accept": "application/sparql-results+xml"})
    assert "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">1</literal>" in r.text
    r = client.get("/sparql", params={"query": q}, headers={"accept": "text/tab-separated-values"})
    assert r.text.splitlines()[0] == "?n"


def test_sparql_construct_as_turtle_and_jsonld(client):
    q = "CONSTRUCT { ?d a <https://w3id.org/budget-kb/ontology#Document> } WHERE { ?d a <https://w3id.org/budget-kb/ontology#Document> }"
    ttl = client.get("/sparql", params={"query": q}, headers={"accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle") and "004_fd04dd69df0e1d80" in ttl.text
    jsonld = client.get("/sparql", params={"query": q}, headers={"accept": "application/ld+json"}).json()
    assert len(jsonld) == 5


def test_sparql_updates_are_refused(client):
    update = "INSERT DATA { <http://a> <http://b> <http://c> }"
    assert client.post("/sparql", data={"update": update}).status_code == 403
    r = client.post("/sparql", content=update, headers={"content-type": "application/sparql-update"})
    assert r.status_code == 403 and "read-only" in r.json()["message"]
    assert client.get("/sparql", params={"query": update}).status_code == 403


def test_sparql_row_limit_is_reported(server, seed_kb):
    import os
    import subprocess
    import sys
    from pathlib import Path
    env = {**os.environ, "KB_ROW_LIMIT": "3", "KB_DATA_DIR": str(seed_kb)}
    code = ("from fastapi.testclient import TestClient; from api.app import create_app;"
            "r = TestClient(create_app()).get('/sparql', params={'query': 'SELECT * WHERE { ?s ?p ?o }'});"
            "print(r.headers['x-kb-rows'], r.json()['cut'])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert out.stdout.startswith("3 row limit 3 reached"), out.stderr[-2000:]


def test_cypher_returns_columns_and_rows(client):
    r = client.post("/cypher", json={"query": "MATCH (d:Document) WHERE d.year = $year RETURN d.doc_id ORDER BY d.doc_id",
                                     "parameters": {"year": 2023}})
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [["002_81fcf87bf650a710"]]


def test_cypher_writes_and_admin_are_refused(client):
    for q in ("CREATE (n:Document {id: 'x'})", "MATCH (n) DETACH DELETE n", "MATCH (n:Document) SET n.year = 1",
              "MERGE (n:Place {id: 'x'})", "DROP TABLE Document", "COPY Document FROM 'x.csv'", "CALL db.clear()"):
        r = client.post("/cypher", json={"query": q})
        assert r.status_code == 403, (q, r.text)
        assert r.json()["error"] == "read_only"


def test_named_queries_are_listed_and_run(client):
    listed = client.get("/queries").json()
    assert listed, "queries/ holds no named queries"
    spec = client.get("/openapi.json").json()
    for q in listed:
        assert q["url"] in spec["paths"], q["name"]
    by_name = {q["name"]: q for q in listed}
    flows = next((q for n, q in by_name.items() if "flow" in n and [p["name"] for p in q["parameters"]] == ["place"]), None)
    if flows is not None:
        for engine in flows["engines"]:
            r = client.get(flows["url"], params={"place": "江汉区", "engine": engine})
            assert r.status_code == 200, r.text
            amounts = {Decimal(str(v)) for row in r.json()["rows"] for v in row if isinstance(v, (str, int, float)) and str(v).replace(".", "").isdigit()}
            assert Decimal("2200") in amounts, (engine, r.json())
