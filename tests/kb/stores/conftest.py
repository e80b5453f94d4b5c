"""A small canonical graph with real figures of seed 004 (江汉区 2024 预算), built by hand so the
stores can be tested without the extractors; and its RDF form, built with rdflib by hand."""
from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib

from kb.model import DATA_NS, ONTOLOGY_NS, CanonicalGraph

BKB = rdflib.Namespace(ONTOLOGY_NS)


def sample_graph() -> CanonicalGraph:
    g = CanonicalGraph()
    g.add_node("doc/004_fd04dd69df0e1d80", "Document", name="武汉市江汉区人民政府办公室2024年部门预算", year=2024,
               stage="budget")
    g.add_node("dept/武汉市江汉区人民政府办公室", "Department", name="武汉市江汉区人民政府办公室")
    g.add_node("place/420103", "Place", name="江汉区", code="420103")
    g.add_node("place/422825", "Place", name="宣恩县", code="422825")
    g.add_node("place/422800", "Place", name="恩施土家族苗族自治州", code="422800", aliases=["恩施州"])
    g.add_node("flowx/1", "FundingFlow", amount=Decimal("2200"), year=2024, stage="budget", flow_type="对口帮扶",
               doc="004_fd04dd69df0e1d80", line_start=812, line_end=812, table="项目支出明细",
               source_text="宣恩县\t2200\n续行", notes=["typo resolved: 宜恩县 → 宣恩县", "a, [b] \"c\""])
    g.add_edge("doc/004_fd04dd69df0e1d80", "PUBLISHED_BY", "dept/武汉市江汉区人民政府办公室")
    g.add_edge("dept/武汉市江汉区人民政府办公室", "LOCATED_IN", "place/420103")
    g.add_edge("place/422825", "PART_OF", "place/422800")
    g.add_edge("flowx/1", "PAID_BY", "dept/武汉市江汉区人民政府办公室")
    g.add_edge("flowx/1", "FROM_PLACE", "place/420103")
    g.add_edge("flowx/1", "TO_PLACE", "place/422825")
    g.add_edge("flowx/1", "STATED_IN", "doc/004_fd04dd69df0e1d80")
    g.add_edge("place/420103", "FUNDS", "place/422825", amount=Decimal("2200"), year=2024, stage="budget",
               flow_type="对口帮扶", flow="flowx/1")
    g.add_node("fcode/213", "FunctionCode", name="农林水支出", code="213")
    g.add_node("fcode/21305", "FunctionCode", name="巩固脱贫攻坚成果衔接乡村振兴", code="21305")
    g.add_edge("fcode/21305", "BROADER", "fcode/213")
    g.add_node("budgetline/a", "BudgetLine", amount=Decimal("2200.5"), code="21305", year=2024, stage="budget",
               doc="004_fd04dd69df0e1d80", line_start=300, line_end=300, table="预算05", source_text="21305\t…\t2200.5")
    g.add_edge("budgetline/a", "CLASSIFIED_AS", "fcode/21305")
    g.add_edge("budgetline/a", "OF_DEPARTMENT", "dept/武汉市江汉区人民政府办公室")
    return g


def sample_rdf(graph: CanonicalGraph) -> rdflib.Graph:
    """A plain RDF rendering (class per label, one predicate per property or edge type)."""
    out = rdflib.Graph()
    for node in graph.nodes.values():
        s = rdflib.URIRef(DATA_NS + node.id)
        out.add((s, rdflib.RDF.type, BKB[node.label]))
        for k, v in node.props.items():
            for item in (v if isinstance(v, list) else [v]):
                out.add((s, BKB[k], rdflib.Literal(item)))
    for e in graph.edges.values():
        out.add((rdflib.URIRef(DATA_NS + e.source), BKB[e.type], rdflib.URIRef(DATA_NS + e.target)))
    return out


@pytest.fixture
def graph() -> CanonicalGraph:
    return sample_graph()


@pytest.fixture
def rdf_of():
    return sample_rdf


@pytest.fixture(scope="module")
def sample_pg(tmp_path_factory):
    """A read-only LadybugDB database of `sample_graph()`, one per test module (creating one with
    every table the ontology declares takes a second or two)."""
    from kb.stores import ladybug_store

    path = tmp_path_factory.mktemp("pg") / "pg"
    ladybug_store.write_database(sample_graph(), path)
    conn = ladybug_store.open_read_only(path)
    yield conn
    conn.close()
