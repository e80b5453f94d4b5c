"""Budget lines recovered from narrative text: seed 002 against its golden file, value by value."""
from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.extract import extract_file
from loaders.extractors.narrative_lines import narrative_lines
from loaders.reader import read
from loaders.records import BudgetLine, Problem, Source, Variance
from tests.loaders.golden import compare, context, seed, seed_path

def narrative(records) -> list[BudgetLine]:
    """The budget lines read from narrative sections and the self-evaluation table."""
    return [r for r in records if isinstance(r, BudgetLine)
            and (r.table.startswith("情况说明") or r.table == "整体绩效自评表")]


@pytest.fixture(scope="module")
def extraction_002():
    return seed("002")


def test_002_budget_lines_match_the_golden_file(extraction_002):
    result = compare("002", "budget_lines", narrative(extraction_002.records))
    assert not result.wrong and not result.extra, (result.wrong + result.extra)[0]


def test_002_states_basic_and_project_expenditure_twice_and_both_are_kept(extraction_002):
    lines = narrative(extraction_002.records)
    basic = {(bl.measures["basic"], bl.source.line_start) for bl in lines if "basic" in bl.measures}
    assert basic == {(Decimal("1793.53"), 135), (Decimal("1708.19"), 414), (Decimal("1793.53"), 567)}
    project = {(bl.measures["project"], bl.table) for bl in lines if "project" in bl.measures}
    assert project == {(Decimal("18557.84"), "情况说明三"), (Decimal("18557.54"), "情况说明十三（一）")}
    one = next(bl for bl in lines if bl.source.line_start == 135)
    assert "基本支出 1793.53 万" in one.source.text and one.source.table == "三、支出决算情况说明"


def test_002_reports_the_figure_ocr_lost_and_the_chains_it_cannot_code(extraction_002):
    problems = [p for p in extraction_002.records if isinstance(p, Problem)]
    lost = [p for p in problems if "without a figure" in p.reason]
    assert [(p.line, p.file) for p in lost] == [(168, seed_path("002").name)]
    uncoded = [p.line for p in problems if "name chain not resolved" in p.reason]
    assert uncoded == [240, 260, 272, 284, 297, 305, 313, 323, 330, 340, 348, 358, 366, 373, 381, 389, 397, 405]


def test_a_section_whose_table_was_read_from_tabs_is_not_read_again():
    text = read(seed_path("002"))
    row = BudgetLine("function", None, "合计", None, "全部资金", {"total": Decimal("20351.37")}, "公开03",
                     Source(text.doc_id, 1, 1, "公开03", text.line(1)))
    tables = {bl.table for bl in narrative_lines(context("002", [row]))}
    assert "情况说明三" not in tables
    assert {"情况说明二", "情况说明五（三）", "整体绩效自评表"} <= tables


def test_a_budget_disclosure_is_left_to_its_tables():
    text = read(seed_path("004"))
    row = BudgetLine("function", "201", "一般公共服务支出", "类", "一般公共预算", {"total": Decimal("889.52")}, "预算05",
                     Source(text.doc_id, 1, 1, "预算05", text.line(1)))
    assert list(narrative_lines(context("004", [row]))) == []


def test_a_budget_read_as_if_its_tables_were_lost():
    """004's 预算情况说明 (第二部分): totals, the split of the 一般公共预算, 类 and economic 类 lines.
    五（一） states the general budget as 4407.97 where every other place says 4407.79: both kept."""
    got = [(bl.table, bl.classification, bl.code, bl.name, {k: str(v) for k, v in bl.measures.items()},
            bl.source.line_start) for bl in narrative_lines(context("004"))]
    assert got == [
        ("情况说明一", "function", None, "收支总预算", {"total": "4407.79"}, 119),
        ("情况说明二", "function", None, "收入预算", {"total": "4407.79", "general_budget": "4407.79"}, 123),
        ("情况说明三", "function", None, "支出预算", {"total": "4407.79", "basic": "1035.96", "project": "3371.83"}, 127),
        ("情况说明四", "function", None, "财政拨款收支总预算", {"total": "4407.79", "general_budget": "4407.79"}, 131),
        ("情况说明五（一）", "function", None, "一般公共预算拨款", {"total": "4407.97"}, 137),
        ("情况说明五（二）", "function", None, "一般公共预算拨款",
         {"basic": "1035.96", "personnel": "940.72", "running": "95.24", "project": "3371.83"}, 141),
        ("情况说明五（三）", "function", "201", "一般公共服务支出", {"total": "889.52"}, 145),
        ("情况说明五（三）", "function", "208", "社会保障和就业支出", {"total": "150.3"}, 147),
        ("情况说明五（三）", "function", "210", "卫生健康支出", {"total": "79.2"}, 149),
        ("情况说明五（三）", "function", "213", "农林水支出", {"total": "3149.8"}, 151),
        ("情况说明五（三）", "function", "221", "住房保障支出", {"total": "138.97"}, 153),
        ("情况说明六", "function", None, "一般公共预算基本支出", {"basic": "1035.96"}, 157),
        ("情况说明六（一）", "economic", "301", "工资福利支出", {"total": "851.19"}, 159),
        ("情况说明六（三）", "economic", "303", "对个人和家庭的补助", {"total": "89.53"}, 161),
        ("情况说明六（三）", "economic", "302", "商品和服务支出", {"total": "95.24"}, 163),
    ]


def test_gb18030_copy_extracts_identically(tmp_path, extraction_002):
    src = seed_path("002")
    copy = tmp_path / src.name
    copy.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
    again = extract_file(copy)
    assert again.document.encoding == "gb18030"

    def facts(ex):
        return [r.to_dict() for r in ex.records if isinstance(r, (BudgetLine, Variance))]
    assert facts(again) == facts(extraction_002)
    assert len(facts(again)) >= 34 + 19


def _by_table(records) -> dict[str, list[BudgetLine]]:
    out: dict[str, list[BudgetLine]] = {}
    for bl in records:
        out.setdefault(bl.table, []).append(bl)
    return out


def test_003_read_as_if_its_tables_were_lost():
    """The narrative of a file whose tables did survive: each section gives its figures, and the
    class lines without brackets (`卫生健康支出类支出 43. 50 万元`) get their national 类 code."""
    lines = _by_table(narrative_lines(context("003")))
    classes = [(bl.code, bl.name, bl.measures["total"], bl.source.line_start) for bl in lines["情况说明五（二）"] if bl.level]
    assert classes == [("201", "一般公共服务支出", Decimal("859.36"), 410), ("208", "社会保障和就业支出", Decimal("109.37"), 411),
                       ("210", "卫生健康支出", Decimal("43.50"), 412), ("221", "住房保障支出", Decimal("93.28"), 413)]
    spent = lines["情况说明三"][0]
    assert spent.measures == {"total": Decimal("1105.52"), "basic": Decimal("1015"), "project": Decimal("90.51")}
    assert lines["情况说明四"][0].measures == {"total": Decimal("1105.52"), "general_budget": Decimal("1105.52")}
    items = lines["情况说明五（三）"]
    assert len(items) == 12 and items[0].code is None and items[0].measures["initial_budget"] == Decimal("1149.01")
    assert (items[5].source.line_start, items[5].source.line_end, items[5].measures["final"]) == (425, 427, Decimal("76.36"))


def test_000_class_lines_with_the_amount_right_after_the_bracket():
    lines = _by_table(narrative_lines(context("000")))["情况说明五（二）"]
    assert [(bl.code, bl.measures["total"]) for bl in lines if bl.level] == [
        ("201", Decimal("1995.17")), ("208", Decimal("153.66")), ("213", Decimal("404.46")), ("221", Decimal("181.89"))]


def test_a_figure_the_ocr_lost_is_reported_even_where_the_table_survived():
    ex = seed("001")  # 2024 年度财政拨款收入中,一般公共预算财政拨款收入万元,比 2023 …
    lost = [p for p in ex.of(Problem) if "without a figure" in p.reason]
    assert [(p.line, p.severity) for p in lost] == [(269, "warning")]
    assert "一般公共预算财政拨款收入万元" in lost[0].text
