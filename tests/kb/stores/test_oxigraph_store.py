from decimal import Decimal

import pytest

from kb.readonly import QueryTimeout, ReadOnlyViolation
from kb.stores import oxigraph_store

PREFIX = "PREFIX bkb: <https://w3id.org/budget-kb/ontology#>\n"


@pytest.fixture
def store(graph, rdf_of, tmp_path):
    n = oxigraph_store.write_store(rdf_of(graph), tmp_path / "rdf")
    assert n == len(rdf_of(graph))
    return oxigraph_store.open_read_only(tmp_path / "rdf")


def test_decimal_amounts_come_back_exact(store):
    r = oxigraph_store.sparql(store, PREFIX + "SELECT ?a WHERE { ?b a bkb:BudgetLine ; bkb:amount ?a }",
                              limit=10, timeout=5)
    assert r.rows == [[Decimal("2200.5")]] and r.columns == ["a"]


def test_parameters_are_bound_as_literals(store):
    q = PREFIX + ("SELECT ?to ?amt WHERE { ?p bkb:name ?n FILTER(STR(?n) = ?place) ?p bkb:FUNDS ?q . "
                  "?q bkb:name ?to . ?f a bkb:FundingFlow ; bkb:amount ?amt } # ?place in a comment stays")
    r = oxigraph_store.sparql(store, q, {"place": "江汉区"}, limit=10, timeout=5)
    assert r.rows == [["宣恩县", Decimal("2200")]]
    assert oxigraph_store.sparql(store, q, {"place": "宣恩县"}, limit=10, timeout=5).rows == []


def test_bind_parameters_leaves_strings_and_iris_alone():
    q = 'SELECT * WHERE { ?s <http://x/?place> "?place" ; ?p $place }'
    assert oxigraph_store.bind_parameters(q, {"place": "宣恩县"}) == \
        'SELECT * WHERE { ?s <http://x/?place> "?place" ; ?p "宣恩县" }'


def test_ask_and_construct(store):
    assert oxigraph_store.sparql(store, PREFIX + "ASK { ?p bkb:name \"宣恩县\" }", limit=1, timeout=5).rows == [[True]]
    r = oxigraph_store.sparql(store, PREFIX + "CONSTRUCT { ?a bkb:FUNDS ?b } WHERE { ?a bkb:FUNDS ?b }",
                              limit=10, timeout=5)
    assert r.rows == [["https://w3id.org/budget-kb/id/place/420103", "https://w3id.org/budget-kb/ontology#FUNDS",
                       "https://w3id.org/budget-kb/id/place/422825"]]


def test_row_limit_cuts_and_says_so(store):
    r = oxigraph_store.sparql(store, "SELECT ?s WHERE { ?s ?p ?o }", limit=5, timeout=5)
    assert len(r.rows) == 5 and "row limit 5" in r.cut


def test_timeout(store):
    slow = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
    with pytest.raises(QueryTimeout, match="SPARQL query timed out after 0.05 s"):
        oxigraph_store.sparql(store, slow, limit=5, timeout=0.05)


def test_update_refused(store):
    with pytest.raises(ReadOnlyViolation, match="INSERT"):
        oxigraph_store.sparql(store, "INSERT DATA { <a:b> <a:c> <a:d> }", limit=5, timeout=5)


def _lines(n: int) -> list[bytes]:
    return [f"<urn:x:{i}> <urn:p> \"{i}\" .\n".encode() for i in range(n)]


def test_bulk_loader_takes_the_text_in_pieces_as_one_load(tmp_path):
    loader = oxigraph_store.BulkLoader(tmp_path / "rdf")
    for line in _lines(30_000):  # many small writes: more than the pipe holds at once
        loader.write(line)
    loader.write("<urn:x:0> <urn:p> \"0\" .\n")  # text is encoded; a duplicate counts once
    assert loader.finish() == 30_000
    store = oxigraph_store.open_read_only(tmp_path / "rdf")
    rows = oxigraph_store.sparql(store, 'SELECT ?s WHERE { ?s <urn:p> "29999" }', limit=5, timeout=5).rows
    assert rows == [["urn:x:29999"]]


def test_a_bad_line_fails_the_load_with_the_parser_s_error(tmp_path):
    loader = oxigraph_store.BulkLoader(tmp_path / "rdf")
    loader.write(b"<urn:a> <urn:p> this is not RDF .\n")
    with pytest.raises(SyntaxError):
        for line in _lines(2_000_000):  # the writer notices once the loader has stopped reading
            loader.write(line)
        loader.finish()


def test_an_aborted_load_commits_nothing(tmp_path):
    loader = oxigraph_store.BulkLoader(tmp_path / "rdf")
    for line in _lines(1000):
        loader.write(line)
    loader.abort()
    import pyoxigraph as ox
    assert len(ox.Store(str(tmp_path / "rdf"))) == 0
