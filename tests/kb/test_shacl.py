"""The graph built from the seeds conforms to the generated SHACL shapes, and the shapes do catch
what they promise to catch."""
import pytest
from pyshacl import validate
from rdflib import Literal, Namespace, URIRef

from kb.canonical import build_graph
from kb.generate import load_shapes
from kb.rdf import node_iri, to_rdf, undeclared_properties
from kb.rdf import validate as kb_validate
from loaders.extract import extract_file, iter_paths
from tests.kb.records_004 import SEEDS, jianghan_extraction

BKB = Namespace("https://w3id.org/budget-kb/ontology#")
OBEU_MEASURE = Namespace("http://data.openbudgets.eu/ontology/dsd/measure/")
OBEU_DIM = Namespace("http://data.openbudgets.eu/ontology/dsd/dimension/")


@pytest.fixture(scope="module")
def shapes():
    return load_shapes()


@pytest.fixture(scope="module")
def seed_graph():
    return build_graph([extract_file(p) for p in iter_paths([SEEDS])])


def conforms(data, shapes):
    ok, _, text = validate(data, shacl_graph=shapes, inference="none")
    return ok, text


def test_graph_of_all_five_seeds_conforms(seed_graph, shapes):
    assert len(list(seed_graph.by_label("Document"))) == 5
    assert undeclared_properties(seed_graph) == []
    ok, text = conforms(to_rdf(seed_graph), shapes)
    assert ok, text


def test_handmade_004_records_conform():
    ok, text = kb_validate(to_rdf(build_graph([jianghan_extraction()])))
    assert ok, text


@pytest.fixture()
def rdf_004():
    canonical = build_graph([jianghan_extraction()])
    line = next(n for n in canonical.by_label("BudgetLine") if n.props["code"] == "2130599")
    return to_rdf(canonical), node_iri(line.id)


def test_money_as_text_is_a_violation(rdf_004, shapes):
    g, line = rdf_004
    g.set((line, OBEU_MEASURE.amount, Literal("3149.80")))
    ok, text = conforms(g, shapes)
    assert not ok and "amount" in text and "decimal" in text


def test_budget_line_without_department_is_a_violation(rdf_004, shapes):
    g, line = rdf_004
    g.remove((line, OBEU_DIM.organization, None))
    ok, text = conforms(g, shapes)
    assert not ok and "organization" in text


def test_fact_without_source_span_is_a_violation(rdf_004, shapes):
    g, line = rdf_004
    g.remove((line, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    ok, text = conforms(g, shapes)
    assert not ok and "wasDerivedFrom" in text


def test_span_without_line_is_a_violation(rdf_004, shapes):
    g, line = rdf_004
    span = g.value(line, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    g.remove((span, BKB.lineStart, None))
    ok, text = conforms(g, shapes)
    assert not ok and "lineStart" in text
