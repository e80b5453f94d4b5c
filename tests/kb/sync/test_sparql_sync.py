"""The seeds' RDF pushed to a real SPARQL 1.1 server (a private Virtuoso), by Graph Store Protocol
and by SPARQL Update, then queried back: real figures, and re-syncing replaces the graph."""
from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
import rdflib

from kb.sync.sparql_sync import SparqlSync, SparqlSyncError, push_graph

GRAPH = "https://w3id.org/budget-kb/graph/test-sync"
PREFIXES = """PREFIX bkb: <https://w3id.org/budget-kb/ontology#>
PREFIX obeu-measure: <http://data.openbudgets.eu/ontology/dsd/measure/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
FLOWS_TO_XUANEN = PREFIXES + """SELECT ?payer ?amount ?line WHERE {
  ?f a bkb:FundingFlow ; bkb:recipientName "宣恩县" ; bkb:payerPlaceName ?payer ; obeu-measure:amount ?amount ;
     prov:wasDerivedFrom ?src . ?src bkb:lineStart ?line }"""
LINES_213 = PREFIXES + """SELECT ?line ?amount WHERE {
  ?b a bkb:BudgetLine ; bkb:code "213" ; obeu-measure:amount ?amount ; prov:wasDerivedFrom ?src . ?src bkb:lineStart ?line }"""


def select(virtuoso, query: str, graph: str = GRAPH) -> list[dict[str, str]]:
    r = httpx.get(virtuoso.endpoint, params={"query": query, "default-graph-uri": graph},
                  headers={"Accept": "application/sparql-results+json"}, timeout=30)
    r.raise_for_status()
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def local(graph: rdflib.Graph, query: str) -> list[dict[str, str]]:
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in graph.query(query)]


def push(virtuoso, graph: rdflib.Graph, method: str, graph_iri: str = GRAPH):
    endpoint = virtuoso.gsp_endpoint if method == "gsp" else virtuoso.update_endpoint
    return push_graph(graph, endpoint, graph_iri, method, virtuoso.user, virtuoso.password,
                      query_endpoint=virtuoso.endpoint)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_then_read_back_the_2200_flow(virtuoso, seed_rdf, method):
    report = push(virtuoso, seed_rdf, method, GRAPH + "/" + method)
    assert report.triples == len(seed_rdf) and report.stored == len(seed_rdf) and not report.notes
    got = select(virtuoso, FLOWS_TO_XUANEN, GRAPH + "/" + method)
    key = lambda r: (r["payer"], Decimal(r["amount"]), int(r["line"]))  # noqa: E731
    assert ("江汉区", Decimal("2200"), 736) in set(map(key, got))  # 004 line 736 (项目支出明细)
    assert sorted(map(key, got)) == sorted(map(key, local(seed_rdf, FLOWS_TO_XUANEN)))


def test_the_213_lines_and_the_same_rows_as_rdflib(virtuoso, seed_rdf):
    push(virtuoso, seed_rdf, "gsp")
    got = select(virtuoso, LINES_213)
    assert (353, Decimal("3149.80")) in {(int(r["line"]), Decimal(r["amount"])) for r in got}
    key = lambda r: (int(r["line"]), Decimal(r["amount"]))  # noqa: E731  Virtuoso writes 3149.8, rdflib 3149.80
    assert sorted(map(key, got)) == sorted(map(key, local(seed_rdf, LINES_213)))


def test_resync_replaces_the_graph(virtuoso, seed_rdf):
    push(virtuoso, seed_rdf, "gsp")
    smaller = rdflib.Graph()
    for triple in seed_rdf.triples((None, rdflib.RDF.type, None)):
        smaller.add(triple)
    for method in ("gsp", "update"):
        report = push(virtuoso, smaller, method)
        assert report.stored == len(smaller) < len(seed_rdf)
        assert select(virtuoso, FLOWS_TO_XUANEN) == []  # the amounts are gone, not kept beside
    report = push(virtuoso, seed_rdf, "update")
    assert report.stored == len(seed_rdf)
    assert report.requests == 1 + -(-len(seed_rdf) // 2000)  # DROP, then INSERT DATA batches


def test_a_literal_with_quotes_newlines_and_tabs_survives(virtuoso):
    text = '213\t农林水支出\t3,149.80\n"续行" \\ 末'
    g = rdflib.Graph()
    g.add((rdflib.URIRef("https://w3id.org/budget-kb/id/x"), rdflib.URIRef("https://w3id.org/budget-kb/ontology#sourceText"),
           rdflib.Literal(text)))
    for method in ("gsp", "update"):
        push(virtuoso, g, method, GRAPH + "/text")
        got = select(virtuoso, "SELECT ?t WHERE { ?s ?p ?t }", GRAPH + "/text")
        assert got == [{"t": text}]


def test_wrong_password_is_a_clear_error(virtuoso, seed_rdf):
    with pytest.raises(SparqlSyncError, match=r"graph store chunk 1/1 .* HTTP 401"):
        push_graph(seed_rdf, virtuoso.gsp_endpoint, GRAPH, "gsp", virtuoso.user, "not-the-password")


def test_unknown_method_and_bad_graph_name_are_refused():
    with pytest.raises(ValueError, match="method must be one of gsp, update"):
        SparqlSync("http://127.0.0.1:1/x", GRAPH, "put")
    with pytest.raises(SparqlSyncError, match="not a valid IRI"):
        SparqlSync("http://127.0.0.1:1/x", "https://x/a b", "gsp")
