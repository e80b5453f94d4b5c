import pytest

from kb.readonly import ReadOnlyViolation, check_cypher, check_sparql


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s ?p ?o }",
    "PREFIX bkb: <https://w3id.org/budget-kb/ontology#>\nASK { ?s bkb:name \"INSERT DATA\" }",
    "# DELETE everything\nCONSTRUCT WHERE { ?s ?p ?o }",
    "SELECT ?add ?copy WHERE { ?add <http://x/delete> ?copy }",
    "PREFIX obeu-dimension: <http://x/>\nSELECT ?y WHERE { ?s obeu-dimension:fiscalYear ?y . ?s a-b:load ?z }",
])
def test_sparql_reads_pass(query):
    check_sparql(query)


@pytest.mark.parametrize("query, word", [
    ("INSERT DATA { <a> <b> <c> }", "INSERT"),
    ("PREFIX x: <http://x/>\nDELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("DROP ALL", "DROP"),
    ("LOAD <http://example.org/a.ttl>", "LOAD"),
    ("SELECT * WHERE { ?s ?p ?o } ;\n CLEAR DEFAULT", "CLEAR"),
])
def test_sparql_updates_refused(query, word):
    with pytest.raises(ReadOnlyViolation, match=word):
        check_sparql(query)


def test_sparql_update_refusal_names_the_line():
    with pytest.raises(ReadOnlyViolation, match="line 3"):
        check_sparql("PREFIX x: <http://x/>\n\nINSERT { ?s x:p 1 } WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("query", [
    "MATCH (n:Place) RETURN n.name",
    "MATCH (n:BudgetLine) WHERE n.name = 'SET 项目' RETURN n.`table`, n.set",
    "// CREATE nothing\nMATCH (a)-[:FUNDS*1..3]->(b) RETURN count(*)",
    "CALL show_tables() RETURN *",
    "CALL db.labels()",
])
def test_cypher_reads_pass(query):
    check_cypher(query)


@pytest.mark.parametrize("query, word", [
    ("CREATE (n:Place {id: 'x'})", "CREATE"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n:Place) SET n.name = 'x'", "SET"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("MERGE (n:Place {id: 'x'})", "MERGE"),
    ("DROP TABLE Place", "DROP"),
    ("COPY Place FROM 'x.csv'", "COPY"),
    ("LOAD FROM 'x.csv' RETURN *", "LOAD"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "apoc.periodic.iterate"),
    ("CALL clear_warnings()", "clear_warnings"),
])
def test_cypher_writes_refused(query, word):
    with pytest.raises(ReadOnlyViolation, match=word.replace(".", r"\.")):
        check_cypher(query)
