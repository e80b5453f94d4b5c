"""The seeds' RDF pushed to a real SPARQL 1.1 server (a private Virtuoso), by Graph Store Protocol
and by SPARQL Update, then queried back: real figures, the same rows as the embedded store, and
re-syncing replaces the graph."""
from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib

from kb.sync.sparql_sync import SparqlSync, SparqlSyncError, push_graph, select
from tests.kb.sync.engine_rows import same_rows

GRAPH = "https://w3id.org/budget-kb/graph/test-sync"
PREFIXES = """PREFIX bkb: <https://w3id.org/budget-kb/ontology#>
PREFIX obeu-measure: <http://data.openbudgets.eu/ontology/dsd/measure/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
FLOWS_TO_XUANEN = PREFIXES + """SELECT ?payer ?amount ?line WHERE {
  ?f a bkb:FundingFlow ; bkb:recipientName "宣恩县" ; bkb:payerPlaceName ?payer ; obeu-measure:amount ?amount ;
     prov:wasDerivedFrom ?src . ?src bkb:lineStart ?line }"""
LINES_213 = PREFIXES + """SELECT ?doc ?line ?amount WHERE {
  ?b a bkb:BudgetLine ; bkb:code "213" ; obeu-measure:amount ?amount ;
     prov:wasDerivedFrom ?src . ?src dcterms:isPartOf ?doc ; bkb:lineStart ?line }"""
DOC_004 = "https://w3id.org/budget-kb/id/doc/004_fd04dd69df0e1d80"


def remote(server, query, graph):
    return select(server.endpoint, query, graph)


def test_the_2200_flow_as_on_the_embedded_store(sparql_seed, seed_base):
    got = remote(sparql_seed.server, FLOWS_TO_XUANEN, sparql_seed.where)
    assert ["江汉区", Decimal("2200"), 736] in got.rows  # 004 line 736 (项目支出明细)
    assert same_rows(got.rows, seed_base.sparql(FLOWS_TO_XUANEN).rows) is None


def test_the_213_lines_as_on_the_embedded_store(sparql_seed, seed_base):
    got = remote(sparql_seed.server, LINES_213, sparql_seed.where)
    assert [DOC_004, 353, Decimal("3149.8")] in got.rows
    assert same_rows(got.rows, seed_base.sparql(LINES_213).rows) is None


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_an_rdflib_graph(virtuoso, flow_rdf, method):
    graph = f"{GRAPH}/{method}"
    endpoint = virtuoso.gsp_endpoint if method == "gsp" else virtuoso.update_endpoint
    report = push_graph(flow_rdf, endpoint, graph, method, virtuoso.user, virtuoso.password,
                        query_endpoint=virtuoso.endpoint)
    assert report.triples == len(flow_rdf) and report.stored == len(flow_rdf) and not report.notes
    got = remote(virtuoso, FLOWS_TO_XUANEN, graph)
    assert ["江汉区", Decimal("2200"), 736] in got.rows


def test_resync_replaces_the_graph(virtuoso, flow_rdf):
    graph = f"{GRAPH}/resync"
    smaller = rdflib.Graph()
    for triple in flow_rdf.triples((None, rdflib.RDF.type, None)):
        smaller.add(triple)

    def push(g, method):
        endpoint = virtuoso.gsp_endpoint if method == "gsp" else virtuoso.update_endpoint
        return push_graph(g, endpoint, graph, method, virtuoso.user, virtuoso.password, query_endpoint=virtuoso.endpoint)

    assert push(flow_rdf, "gsp").stored == len(flow_rdf)
    for method in ("gsp", "update"):
        assert push(smaller, method).stored == len(smaller) < len(flow_rdf)
        assert remote(virtuoso, FLOWS_TO_XUANEN, graph).rows == []  # the amounts are gone, not kept beside
        assert push(flow_rdf, method).stored == len(flow_rdf)


def test_update_sends_bounded_batches(virtuoso, flow_rdf, monkeypatch):
    monkeypatch.setattr("kb.sync.sparql_sync.UPDATE_CHUNK", 100)
    report = push_graph(flow_rdf, virtuoso.update_endpoint, f"{GRAPH}/batches", "update", virtuoso.user,
                        virtuoso.password, query_endpoint=virtuoso.endpoint)
    assert report.requests == 1 + -(-len(flow_rdf) // 100)  # DROP, then INSERT DATA batches
    assert report.stored == len(flow_rdf)


def test_a_literal_with_quotes_newlines_and_tabs_survives(virtuoso):
    text = '213\t农林水支出\t3,149.80\n"续行" \\ 末'
    g = rdflib.Graph()
    g.add((rdflib.URIRef("https://w3id.org/budget-kb/id/x"), rdflib.URIRef("https://w3id.org/budget-kb/ontology#sourceText"),
           rdflib.Literal(text)))
    for method, endpoint in (("gsp", virtuoso.gsp_endpoint), ("update", virtuoso.update_endpoint)):
        push_graph(g, endpoint, GRAPH + "/text", method, virtuoso.user, virtuoso.password)
        assert remote(virtuoso, "SELECT ?t WHERE { ?s ?p ?t }", GRAPH + "/text").rows == [[text]]


def test_wrong_password_is_a_clear_error(virtuoso, flow_rdf):
    with pytest.raises(SparqlSyncError, match=r"graph store chunk 1/1 .* HTTP 401"):
        push_graph(flow_rdf, virtuoso.gsp_endpoint, GRAPH, "gsp", virtuoso.user, "not-the-password")


def test_unknown_method_and_bad_graph_name_are_refused():
    with pytest.raises(ValueError, match="method must be one of gsp, update"):
        SparqlSync("http://127.0.0.1:1/x", GRAPH, "put")
    with pytest.raises(SparqlSyncError, match="not a valid IRI"):
        SparqlSync("http://127.0.0.1:1/x", "https://x/a b", "gsp")
