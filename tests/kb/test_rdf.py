"""to_rdf follows the YAML mapping: classes, @zh labels, xsd:decimal money, prov provenance."""
from decimal import Decimal

import pytest
from rdflib import RDF, Literal, Namespace, URIRef

from kb.canonical import build_graph
from kb.rdf import node_iri, to_rdf, undeclared_properties
from tests.kb.records_004 import DEPT, DOC, jianghan_extraction

BKB = Namespace("https://w3id.org/budget-kb/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ORG = Namespace("http://www.w3.org/ns/org#")
OBEU_DIM = Namespace("http://data.openbudgets.eu/ontology/dsd/dimension/")
OBEU_MEASURE = Namespace("http://data.openbudgets.eu/ontology/dsd/measure/")


@pytest.fixture(scope="module")
def canonical():
    return build_graph([jianghan_extraction()])


@pytest.fixture(scope="module")
def rdf(canonical):
    return to_rdf(canonical)


def test_iris_percent_encode_chinese():
    assert str(node_iri(f"dept/{DEPT}")) == ("https://w3id.org/budget-kb/id/dept/"
                                            "%E6%AD%A6%E6%B1%89%E5%B8%82%E6%B1%9F%E6%B1%89%E5%8C%BA%E4%BA%BA%E6%B0%91"
                                            "%E6%94%BF%E5%BA%9C%E5%8A%9E%E5%85%AC%E5%AE%A4")


def test_department_is_an_org_organization_with_chinese_label(rdf):
    dept = node_iri(f"dept/{DEPT}")
    assert (dept, RDF.type, ORG.Organization) in rdf and (dept, RDF.type, BKB.Department) in rdf
    assert Literal(DEPT, lang="zh") in set(rdf.objects(dept, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))


def test_budget_line_is_an_openbudgets_observation(rdf, canonical):
    node = next(n for n in canonical.by_label("BudgetLine") if n.props["code"] == "2130599")
    s = node_iri(node.id)
    assert (s, RDF.type, URIRef("http://purl.org/linked-data/cube#Observation")) in rdf
    amount = rdf.value(s, OBEU_MEASURE.amount)
    assert amount.datatype == URIRef("http://www.w3.org/2001/XMLSchema#decimal") and amount.toPython() == Decimal("3149.80")
    assert rdf.value(s, OBEU_DIM.classification) == node_iri("fcode/2130599")
    assert rdf.value(s, OBEU_DIM.budgetPhase) == URIRef("http://data.openbudgets.eu/resource/codelist/budget-phase/approved")
    assert rdf.value(s, OBEU_DIM.fiscalYear).toPython() == 2024


def test_provenance_is_a_prov_source_span(rdf, canonical):
    node = next(n for n in canonical.by_label("BudgetLine") if n.props["code"] == "2130599")
    span = rdf.value(node_iri(node.id), PROV.wasDerivedFrom)
    assert str(span).startswith(f"{node_iri(f'doc/{DOC}')}#L355-L355-")  # the lines of the document
    assert (span, RDF.type, BKB.SourceSpan) in rdf
    assert rdf.value(span, BKB.lineStart).toPython() == 355
    assert rdf.value(span, URIRef("http://purl.org/dc/terms/isPartOf")) == node_iri(f"doc/{DOC}")
    assert str(rdf.value(span, PROV.value)).startswith("2130599\t其他巩固脱贫攻坚成果衔接乡村振兴支出")
    # the document is the span's; a budget line also names it as its Data Cube data set
    assert rdf.value(node_iri(node.id), PROV.hadPrimarySource) is None


def test_facts_stated_on_one_line_share_one_span(rdf, canonical):
    """A 004 table row gives several facts (a project and its budget line); they share one span
    node, written once (its raw text once, not once per fact). One span per document, lines,
    table and raw text: the same lines under two headings would be two spans."""
    dcterms_part_of = URIRef("http://purl.org/dc/terms/isPartOf")
    spans: dict = {}
    stated: set = set()
    for node in canonical.nodes.values():
        p = node.props
        if p.get("doc") == DOC and p.get("line_start") is not None:
            spans.setdefault(rdf.value(node_iri(node.id), PROV.wasDerivedFrom), []).append(node)
            stated.add((p["line_start"], p["line_end"], p.get("table"), p["source_text"]))
    assert len(spans) == len(stated) < sum(len(facts) for facts in spans.values())
    for span, facts in spans.items():
        assert len({(f.props["line_start"], f.props["line_end"], f.props.get("table"), f.props["source_text"])
                    for f in facts}) == 1
        assert len(list(rdf.objects(span, PROV.value))) == 1 and len(list(rdf.objects(span, dcterms_part_of))) == 1

def test_codes_and_places_are_skos_with_broader_and_narrower(rdf):
    leaf, mid = node_iri("fcode/2130599"), node_iri("fcode/21305")
    assert (leaf, SKOS.broader, mid) in rdf and (mid, SKOS.narrower, leaf) in rdf
    assert rdf.value(leaf, SKOS.notation) == Literal("2130599")
    assert (leaf, SKOS.inScheme, BKB.functionClassification) in rdf
    assert (node_iri("place/422825"), SKOS.broader, node_iri("place/422800")) in rdf
    assert Literal("宣恩县", lang="zh") in set(rdf.objects(node_iri("place/422825"), SKOS.prefLabel))


def test_funding_flow_and_funds_shortcut(rdf, canonical):
    flow = next(n for n in canonical.by_label("FundingFlow") if n.props["amount"] == Decimal("2200.00"))
    s = node_iri(flow.id)
    assert rdf.value(s, BKB.toPlace) == node_iri("place/422825")
    assert (node_iri("place/420103"), BKB.funds, node_iri("place/422825")) in rdf


def test_every_property_in_the_graph_is_declared(canonical):
    assert undeclared_properties(canonical) == []


def test_stage_outside_the_enum_is_an_error(canonical):
    from kb.model import CanonicalGraph
    g = CanonicalGraph()
    g.add_node("doc/x", "Document", doc_id="x", file_name="x.txt", sha256="0", stage="draft")
    with pytest.raises(ValueError, match="doc/x: stage='draft'"):
        to_rdf(g)


def test_float_money_is_refused():
    from kb.model import CanonicalGraph
    g = CanonicalGraph()
    g.add_node("fundingflow/x", "FundingFlow", amount=1.5)
    with pytest.raises(ValueError, match="amount must be a Decimal"):
        to_rdf(g)


def test_ntriples_text_is_the_same_graph(rdf, canonical):
    from rdflib import Graph
    from rdflib.compare import isomorphic
    from kb.rdf import to_ntriples
    text = to_ntriples(canonical)
    assert isomorphic(Graph().parse(data=text, format="nt"), rdf)
    # multi-line raw text stays on one N-Triples line, escaped
    assert all(line.endswith(" .") for line in text.splitlines())


def test_ntriples_escapes_quotes_backslashes_and_newlines():
    from rdflib import Graph
    from kb.model import CanonicalGraph
    from kb.rdf import to_ntriples
    g = CanonicalGraph()
    raw = '一、"三公"经费\n合计\t5.00\\r'
    g.add_node("staffing/x", "Staffing", category="在职", count=3, doc=DOC, line_start=1, line_end=2, source_text=raw)
    back = Graph().parse(data=to_ntriples(g), format="nt")
    assert str(back.value(back.value(node_iri("staffing/x"), PROV.wasDerivedFrom), PROV.value)) == raw


def test_budget_lines_are_observations_of_their_document_data_set(rdf, canonical):
    qb = Namespace("http://purl.org/linked-data/cube#")
    node = next(n for n in canonical.by_label("BudgetLine") if n.props["code"] == "2130599")
    doc = node_iri(f"doc/{DOC}")
    assert rdf.value(node_iri(node.id), qb.dataSet) == doc and (doc, RDF.type, qb.DataSet) in rdf


def test_parallel_funds_edges_are_one_triple(canonical):
    from kb.rdf import ntriples_lines
    lines = list(ntriples_lines(canonical))
    assert len(lines) == len(set(lines))
    funds = [l for l in lines if "ontology#funds>" in l and "/place/420116>" in l]
    assert len(funds) == 1  # 420 and 5 (黄浦区) both go 江汉区 → 黄陂区
