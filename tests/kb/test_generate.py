"""The committed OWL, SHACL and property-graph schema are what the YAML schema generates now."""
import json

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kb.generate import GENERATED, owl, pg_schema, shapes
from kb.schema import schema

BKB = "https://w3id.org/budget-kb/ontology#"
STALE = "ontology/generated is stale: run `python -m kb.generate` and commit the result"


def test_owl_file_is_up_to_date():
    assert isomorphic(owl(schema()), Graph().parse(GENERATED / "budget.ttl")), STALE


def test_shapes_file_is_up_to_date():
    assert isomorphic(shapes(schema()), Graph().parse(GENERATED / "shapes.ttl")), STALE


def test_pg_schema_file_is_up_to_date():
    assert pg_schema(schema()) == json.loads((GENERATED / "pg_schema.json").read_text(encoding="utf-8")), STALE


def test_owl_reuses_w3c_classes():
    g = owl(schema())
    assert (URIRef(BKB + "Department"), RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in g
    assert (URIRef(BKB + "Unit"), RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#OrganizationalUnit")) in g
    assert (URIRef(BKB + "BudgetLine"), RDFS.subClassOf, URIRef("http://purl.org/linked-data/cube#Observation")) in g
    assert (URIRef(BKB + "BudgetLine"), RDFS.subClassOf, URIRef(BKB + "Fact")) in g
    assert (URIRef(BKB + "FundingFlow"), RDFS.label, Literal("资金流", lang="zh")) in g
    assert (URIRef(BKB + "funds"), RDF.type, OWL.ObjectProperty) in g
    # W3C terms are reused, not redeclared
    assert not list(g.triples((URIRef("http://www.w3.org/ns/org#unitOf"), None, None)))


def test_pg_schema_has_every_label_and_edge_of_the_vocabulary():
    pg = pg_schema(schema())
    assert set(pg["node_labels"]) == {
        "Document", "Department", "Unit", "Place", "Project", "ProjectLine", "BudgetLine", "FunctionCode",
        "EconomicCode", "Indicator", "FundingFlow", "ThreePublic", "Procurement", "Variance", "Staffing", "Asset",
        "Alias", "Finding", "Statement"}
    assert set(pg["edge_types"]) == {
        "PUBLISHED_BY", "LOCATED_IN", "PART_OF", "UNIT_OF", "OF_DEPARTMENT", "CLASSIFIED_AS", "BROADER", "LINE_OF",
        "INDICATOR_OF", "PAID_BY", "FROM_PLACE", "TO_PLACE", "FOR_PROJECT", "FUNDS", "STATED_IN", "ALIAS_OF",
        "CONCERNS"}
    assert ["BudgetLine", "EconomicCode"] in pg["edge_types"]["CLASSIFIED_AS"]["pairs"]
    assert ["Project", "FunctionCode"] in pg["edge_types"]["CLASSIFIED_AS"]["pairs"]
    assert pg["edge_types"]["FUNDS"]["properties"]["amount"]["columns"] == {"amount": "DOUBLE", "amount_exact": "STRING"}
    flow = pg["node_labels"]["FundingFlow"]
    assert flow["fact"] and flow["properties"]["line_start"]["columns"] == {"line_start": "INT64"}
    assert set(pg["edge_types"]["STATED_IN"]["from"]) == {
        "BudgetLine", "FundingFlow", "Project", "ProjectLine", "Indicator", "ThreePublic", "Procurement", "Variance",
        "Staffing", "Asset", "Unit", "Statement"}


def test_code_lists_file_is_up_to_date_and_complete():
    from kb.codes import code_list, to_skos
    g = Graph().parse(GENERATED / "codes.ttl")
    assert isomorphic(to_skos(), g), STALE
    skos = "http://www.w3.org/2004/02/skos/core#"
    top = set(g.objects(URIRef(BKB + "functionClassification"), URIRef(skos + "hasTopConcept")))
    assert len(top) == len([c for c in code_list("function").concepts if len(c) == 3])
    leaf = URIRef("https://w3id.org/budget-kb/id/fcode/2130599")
    assert g.value(leaf, URIRef(skos + "broader")) == URIRef("https://w3id.org/budget-kb/id/fcode/21305")


def test_write_produces_the_four_files(tmp_path):
    from kb.generate import write
    paths = write(tmp_path)
    assert sorted(p.name for p in paths) == ["budget.ttl", "codes.ttl", "pg_schema.json", "shapes.ttl"]
    assert (tmp_path / "pg_schema.json").read_bytes() == (GENERATED / "pg_schema.json").read_bytes()
    for name in ("budget.ttl", "shapes.ttl", "codes.ttl"):
        assert isomorphic(Graph().parse(tmp_path / name), Graph().parse(GENERATED / name)), name
