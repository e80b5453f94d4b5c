"""build_graph on seed 004's records (hand-built from its real lines): labels, ids, provenance,
code chains, place chains, aliases and the FUNDS shortcut, as graph-vocabulary.md says."""
from decimal import Decimal

import pytest

from kb.canonical import build_graph, department_name
from kb.model import CanonicalGraph
from tests.kb.records_004 import DEPT, DOC, PROJECT, jianghan_extraction
from loaders.records import BudgetLine


@pytest.fixture(scope="module")
def graph() -> CanonicalGraph:
    return build_graph([jianghan_extraction()])


def edges(g, etype, source=None):
    return [e for e in g.edges.values() if e.type == etype and (source is None or e.source == source)]


def test_document_department_and_its_place(graph):
    doc = graph.nodes[f"doc/{DOC}"]
    assert doc.label == "Document" and doc.props["year"] == 2024 and doc.props["stage"] == "budget"
    assert (f"doc/{DOC}", "PUBLISHED_BY", f"dept/{DEPT}") in graph.edges
    assert (f"dept/{DEPT}", "LOCATED_IN", "place/420103") in graph.edges
    assert graph.nodes["place/420103"].props["name"] == "江汉区"
    # 江汉区 ⊂ 武汉市 ⊂ 湖北省
    assert ("place/420103", "PART_OF", "place/420100") in graph.edges
    assert ("place/420100", "PART_OF", "place/420000") in graph.edges


def test_budget_line_has_provenance_amount_and_code_chain(graph):
    ex = jianghan_extraction()
    line = next(r for r in ex.of(BudgetLine) if r.code == "2130599")
    node = graph.nodes[f"budgetline/{line.record_key()}"]
    assert node.props["amount"] == Decimal("3149.80") and node.props["project"] == Decimal("3149.80")
    assert node.props["doc"] == DOC and node.props["line_start"] == 355 and node.props["table"] == "预算03"
    assert node.props["source_text"].startswith("2130599\t其他巩固脱贫攻坚成果衔接乡村振兴支出\t3,149.80")
    assert (node.id, "STATED_IN", f"doc/{DOC}") in graph.edges
    assert (node.id, "OF_DEPARTMENT", f"dept/{DEPT}") in graph.edges
    assert (node.id, "CLASSIFIED_AS", "fcode/2130599") in graph.edges
    assert ("fcode/2130599", "BROADER", "fcode/21305") in graph.edges
    assert ("fcode/21305", "BROADER", "fcode/213") in graph.edges
    assert graph.nodes["fcode/213"].props["name"] == "农林水支出"
    assert graph.nodes["fcode/21305"].props["level"] == "款"


def test_leaf_only_code_still_gets_its_parents(graph):
    # 2101103 is the only 卫生健康 row in the fixture: 21011 and 210 come from the code list.
    assert ("fcode/2101103", "BROADER", "fcode/21011") in graph.edges
    assert graph.nodes["fcode/210"].props["name"] == "卫生健康支出"


def test_project_lines_indicator_and_unit_link_up(graph):
    project = next(n for n in graph.by_label("Project") if n.props["name"] == PROJECT)
    assert project.props["code"] == "42010323104T000000104" and project.props["budget"] == Decimal("3049.80")
    assert (project.id, "CLASSIFIED_AS", "fcode/2130599") in graph.edges
    lines = [e.source for e in edges(graph, "LINE_OF") if e.target == project.id]
    assert sorted(graph.nodes[i].props["amount"] for i in lines) == [Decimal("200.00"), Decimal("420.00"), Decimal("2200.00")]
    ind = next(graph.nodes[e.source] for e in edges(graph, "INDICATOR_OF") if e.target == project.id)
    assert ind.props["target_comparator"] == "≥" and ind.props["target_value"] == Decimal("95")
    assert ind.props["line_start"] == 765
    unit = next(graph.by_label("Unit"))
    assert (unit.id, "UNIT_OF", f"dept/{DEPT}") in graph.edges and unit.props["code"] == "104001"


def test_funds_shortcut_one_per_flow_with_flow_id(graph):
    funds = edges(graph, "FUNDS")
    assert len(funds) == len(list(graph.by_label("FundingFlow"))) == 4
    by_target = {}
    for e in funds:
        assert e.source == "place/420103"
        assert graph.nodes[e.props["flow"]].label == "FundingFlow"
        by_target.setdefault(e.target, []).append(e.props["amount"])
    assert by_target["place/422825"] == [Decimal("2200.00")]              # 宣恩县
    assert by_target["place/652701/青得里街道"] == [Decimal("200.00")]
    # two flows to 黄陂区 stay two edges: 420 and the 5 written as 黄浦区
    assert sorted(by_target["place/420116"]) == [Decimal("5.00"), Decimal("420.00")]
    assert ("place/652701/青得里街道", "PART_OF", "place/652701") in graph.edges
    assert ("place/652701", "PART_OF", "place/652700") in graph.edges


def test_typo_and_department_short_form_become_aliases(graph):
    aliases = {graph.nodes[e.source].props["text"]: (e.target, e.props) for e in edges(graph, "ALIAS_OF")}
    target, props = aliases["黄浦区"]
    assert target == "place/420116" and props["confidence"] == Decimal("0.8") and "上海市" in props["reason"]
    target, props = aliases["区政府办"]
    assert target == f"dept/{DEPT}" and props["confidence"] == Decimal("0.85")
    # a name only qualified by its parents is not an alias
    assert "新疆博乐市青得里街道" not in aliases


def test_flow_edges(graph):
    flow = next(n for n in graph.by_label("FundingFlow") if n.props["amount"] == Decimal("2200.00"))
    assert (flow.id, "PAID_BY", f"dept/{DEPT}") in graph.edges
    assert (flow.id, "FROM_PLACE", "place/420103") in graph.edges
    assert (flow.id, "TO_PLACE", "place/422825") in graph.edges
    project = next(n for n in graph.by_label("Project"))
    assert (flow.id, "FOR_PROJECT", project.id) in graph.edges


def test_building_twice_merges_to_the_same_graph():
    once = build_graph([jianghan_extraction()])
    twice = build_graph([jianghan_extraction(), jianghan_extraction()])
    assert once.nodes.keys() == twice.nodes.keys() and once.edges.keys() == twice.edges.keys()


def test_department_name_drops_benji():
    assert department_name("中国共产党武汉市蔡甸区委员会办公室本级") == "中国共产党武汉市蔡甸区委员会办公室"


def test_benji_cover_name_is_an_alias_of_the_department():
    from dataclasses import replace
    ex = jianghan_extraction()
    ex.document = replace(ex.document, department=DEPT + "本级")
    g = build_graph([ex])
    alias = next(n for n in g.by_label("Alias") if n.props["text"] == DEPT + "本级")
    assert (alias.id, "ALIAS_OF", f"dept/{DEPT}") in g.edges and alias.props["confidence"] == Decimal("1")
    assert f"dept/{DEPT}本级" not in g.nodes


# --- on the five seeds, with whatever extractors exist -------------------------------------------

@pytest.fixture(scope="module")
def seeds_graph():
    from loaders.extract import extract_file, iter_paths
    from tests.kb.records_004 import SEEDS
    return build_graph([extract_file(p) for p in iter_paths([SEEDS])])


def test_seed_aliases_typos_and_department_short_forms(seeds_graph):
    g = seeds_graph
    aliases = {(g.nodes[e.source].props["text"], e.target) for e in g.edges.values() if e.type == "ALIAS_OF"}
    assert ("宜恩县", "place/422825") in aliases                       # 004 line 744
    assert ("黄浦区", "place/420116") in aliases                       # 004 line 743
    assert ("区政府办", "dept/武汉市汉阳区人民政府办公室") in aliases
    assert ("区委办公室", "dept/中国共产党武汉市蔡甸区委员会办公室") in aliases


def test_seed_money_trail_from_jianghan_to_xuanen(seeds_graph):
    g = seeds_graph
    to_xuanen = [e for e in g.edges.values() if e.type == "FUNDS" and e.source == "place/420103"
                 and e.target == "place/422825"]
    assert Decimal("2200") in {e.props.get("amount") for e in to_xuanen}
    for e in to_xuanen:
        flow = g.nodes[e.props["flow"]]
        assert flow.props["doc"] == DOC and (flow.id, "TO_PLACE", "place/422825") in g.edges
    # every place reached by money hangs on a chain up to a province
    for e in g.edges.values():
        if e.type == "FUNDS":
            node, seen = e.target, 0
            while g.nodes[node].props["level"] != "province":
                node = next(x.target for x in g.edges.values() if x.type == "PART_OF" and x.source == node)
                seen += 1
            assert seen <= 4


def test_every_fact_record_kind_has_a_node_label():
    """A record kind the loaders add must get a place in the graph (and a class in ontology/schema)."""
    from kb.schema import schema
    from loaders.records import RECORD_TYPES
    labels = set(schema().labels)
    facts = set(RECORD_TYPES) - {"Problem", "Document"}
    assert facts <= labels, f"record kinds without a class in ontology/schema: {sorted(facts - labels)}"
    from kb.canonical import HANDLERS, _DocumentBuilder
    assert set(HANDLERS) == facts, f"kb/canonical.py HANDLERS vs record kinds: {sorted(set(HANDLERS) ^ facts)}"
    assert all(callable(getattr(_DocumentBuilder, m)) for m in HANDLERS.values())


def test_flow_paid_by_another_department_of_the_district():
    from dataclasses import replace
    ex = jianghan_extraction()
    flow = next(r for r in ex.records if getattr(r, "recipient", None) == "宣恩县")
    ex.records.append(replace(flow, payer_department="区财政局", line=flow.line + 1000))
    g = build_graph([ex])
    other = "dept/武汉市江汉区财政局"
    assert g.nodes[other].label == "Department" and (other, "LOCATED_IN", "place/420103") in g.edges
    assert any(e.type == "PAID_BY" and e.target == other for e in g.edges.values())
    assert any(n.props["text"] == "区财政局" for n in g.by_label("Alias"))


def test_city_department_is_located_in_its_city():
    from dataclasses import replace
    ex = jianghan_extraction()
    ex.document = replace(ex.document, department="武汉市财政局", district=None, city="武汉市")
    g = build_graph([ex])
    assert ("dept/武汉市财政局", "LOCATED_IN", "place/420100") in g.edges


def test_alias_keeps_the_line_that_wrote_it(graph, seeds_graph):
    alias = next(n for n in graph.by_label("Alias") if n.props["text"] == "黄浦区")
    assert alias.props["doc"] == DOC and alias.props["line"] == 743
    typo = next(n for n in seeds_graph.by_label("Alias") if n.props["text"] == "宜恩县")
    assert typo.props["line"] == 744


def test_what_cannot_be_linked_is_reported_not_dropped():
    from dataclasses import replace
    ex = jianghan_extraction()
    flow = next(r for r in ex.records if getattr(r, "recipient", None) == "宣恩县")
    line = next(r for r in ex.of(BudgetLine) if r.code == "2130599")
    ex.records += [replace(flow, recipient_text="火星县", recipient="火星县", line=9001),
                   replace(line, code="2139999", name="自造科目"),
                   replace(line, code="213059", name="截断科目")]
    problems = []
    g = build_graph([ex], problems)
    reasons = {p.reason: p for p in problems}
    assert all(p.severity == "warning" and p.file == f"{DOC}.txt" for p in problems)
    recipient = next(p for r, p in reasons.items() if "火星县" in r)
    assert recipient.line == 736 and "no TO_PLACE" in recipient.reason
    assert any("2139999 is not in ontology/codes" in r for r in reasons)
    assert any("'213059' is not a 3/5/7-digit code" in r for r in reasons)
    # the facts are still there
    assert g.nodes["fcode/2139999"].props["name"] == "自造科目"
    assert ("fcode/2139999", "BROADER", "fcode/21399") not in g.edges


def test_the_seeds_link_cleanly(seeds_graph):
    from loaders.extract import extract_file, iter_paths
    from tests.kb.records_004 import SEEDS
    problems = []
    build_graph([extract_file(p) for p in iter_paths([SEEDS])], problems)
    assert len(problems) <= 5, [p.reason for p in problems]


def test_county_level_city_department_gets_its_place_from_its_name():
    # the loader reads 区/县 names only: 德州市乐陵市人民政府办公室 comes with no district
    from dataclasses import replace
    ex = jianghan_extraction()
    ex.document = replace(ex.document, department="德州市乐陵市人民政府办公室", district=None, city=None)
    ex.records = [replace(r, payer_department="德州市乐陵市人民政府办公室", payer_place="")
                  if getattr(r, "kind", "") == "FundingFlow" else r for r in ex.records]
    g = build_graph([ex])
    assert ("dept/德州市乐陵市人民政府办公室", "LOCATED_IN", "place/371481") in g.edges
    assert any(e.type == "FUNDS" and e.source == "place/371481" and e.target == "place/422825" for e in g.edges.values())


def test_department_without_a_place_prefix_gets_no_place():
    from dataclasses import replace
    ex = jianghan_extraction()
    ex.document = replace(ex.document, department="城口书店办公室", district=None, city=None)
    g = build_graph([ex])
    assert not any(e.type == "LOCATED_IN" and e.source == "dept/城口书店办公室" for e in g.edges.values())
