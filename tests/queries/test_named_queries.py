"""Every named query runs on both embedded engines — SPARQL on pyoxigraph, Cypher on LadybugDB —
and gives the same rows, with the real figures of the seed disclosures."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kb.knowledge_base import KnowledgeBase
from kb.named_queries import QUERIES_DIR, QueryFileError, find, load_all, parse

# name → (parameters as a user types them, rows that must be among the answer (a column subset))
CASES = {
    "flows_from_place": ({"place": "江汉区"}, [
        {"recipient": "宣恩县", "year": 2024, "stage": "budget", "amount": Decimal("2200"),
         "parent1": "恩施土家族苗族自治州", "parent2": "湖北省", "doc": "004_fd04dd69df0e1d80"},
        {"recipient": "青得里街道", "year": 2024, "parent1": "博乐市", "parent2": "博尔塔拉蒙古自治州",
         "parent3": "新疆维吾尔自治区", "amount": Decimal("200")},
    ]),
    "function_total_per_district": ({"code": "213"}, [
        {"district": "江汉区", "fiscal_year": 2024, "stage": "budget", "total": Decimal("3149.8"), "departments": 1},
        {"district": "汉阳区", "fiscal_year": 2024, "stage": "actual", "total": Decimal("1793")},
        {"district": "新洲区", "fiscal_year": 2024, "stage": "actual", "total": Decimal("404.46")},
    ]),
    "amounts_under_code": ({"code": "213"}, [
        {"concept": "213", "name": "农林水支出", "level": "类", "department": "武汉市江汉区人民政府办公室",
         "amount": Decimal("3149.8")},
        {"concept": "2130504", "name": "农村基础设施建设", "level": "项", "department": "武汉市新洲区人民政府办公室",
         "amount": Decimal("373.06")},
    ]),
    "department_budget_lines": ({"department": "武汉市江汉区人民政府办公室"}, [
        {"doc": "004_fd04dd69df0e1d80", "code": "213", "name": "农林水支出", "fund_type": "全部资金",
         "amount": Decimal("3149.8")},
        {"doc": "004_fd04dd69df0e1d80", "source_table": "预算01", "line": 301, "code": "201",
         "name": "一般公共服务支出", "amount": Decimal("889.52")},
    ]),
    "flows_into_place": ({"place": "恩施州"}, [
        {"payer_place": "江汉区", "recipient": "宣恩县", "year": 2024, "stage": "budget", "amount": Decimal("2200")},
        {"payer_place": "汉阳区", "recipient": "来凤县", "stage": "actual"},
        {"payer_place": "洪山区", "recipient": "建始县", "stage": "actual"},
    ]),
    "money_trace": ({"place": "江汉区"}, [
        {"payer": "江汉区", "recipient": "宣恩县", "hop": 1, "year": 2024, "amount": Decimal("2200")},
    ]),
}


def normal(value):
    """Numbers compare as exact decimals whatever the engine returned (xsd:decimal, DOUBLE sum,
    the exact text of a DOUBLE column); everything else as it is."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (Decimal, float, int)):
        return Decimal(str(value)).normalize()
    return value


def rows(result, numeric: set[str]) -> list[dict]:
    out = []
    for row in result.as_dicts():
        out.append({k: normal(Decimal(v) if k in numeric and isinstance(v, str) else v) for k, v in row.items()})
    return out


def test_every_query_exists_in_both_languages_with_a_header():
    queries = load_all()
    names = {name for name, _ in queries}
    assert names == set(CASES)
    for name in names:
        sparql, cypher = queries[(name, "sparql")], queries[(name, "cypher")]
        assert sparql.description and cypher.description
        assert sparql.parameters == cypher.parameters


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_rows_on_both_engines_with_seed_values(seed_kb, name):
    given, expected = CASES[name]
    kb = KnowledgeBase.open(seed_kb)
    sparql, cypher = find(name, "sparql"), find(name, "cypher")
    numeric = {"amount", "total"}
    from_rdf = rows(kb.sparql(sparql.text, sparql.bind(given)), numeric)
    from_pg = rows(kb.cypher(cypher.text, cypher.bind(given)), numeric)
    assert from_rdf, f"{name}: no rows"
    assert list(from_rdf[0]) == list(from_pg[0])  # the same columns in the same order
    key = lambda r: repr(sorted(r.items(), key=lambda kv: kv[0]))
    assert sorted(from_rdf, key=key) == sorted(from_pg, key=key)
    for want in expected:
        assert any(all(r.get(k) == normal(v) for k, v in want.items()) for r in from_rdf), f"{name}: {want} missing"


def test_place_parameter_resolves_short_forms():
    q = find("flows_into_place", "cypher")
    assert q.bind({"place": "恩施州"}) == {"place": "place/422800"}
    assert str(find("flows_into_place", "sparql").bind({"place": "恩施州"})["place"]) == \
        "<https://w3id.org/budget-kb/id/place/422800>"
    with pytest.raises(QueryFileError, match="no place called '火星'"):
        q.bind({"place": "火星"})
    with pytest.raises(QueryFileError, match="missing parameter"):
        q.bind({})


def test_header_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "broken.rq"
    bad.write_text("# name: broken\n# description: x\n# parameters: place (planet) — nope\nSELECT * {}\n")
    with pytest.raises(QueryFileError, match=r"broken\.rq:3: parameter line"):
        parse(bad)
    other = tmp_path / "other.cypher"
    other.write_text("// name: something_else\n// description: x\nMATCH (n) RETURN n\n")
    with pytest.raises(QueryFileError, match="differs from the file name"):
        parse(other)
