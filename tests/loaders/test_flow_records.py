"""Record building for flows: self-evaluation budget rows, types, repeats of one payment."""
from __future__ import annotations

from decimal import Decimal

from loaders.flow_records import budget_rows, county_of, mark_duplicates, type_of
from loaders.places_text import PlaceMention
from loaders.records import FundingFlow, Source


def test_budget_rows_tab_and_ocr_forms() -> None:
    lines = ("项目名称\t\t恩施州来凤县结对帮扶经费", "预算执行情况（万元） （20分）\t\t\t预算数 (A)\t执行数(B)",
             "\t\t年度财政资金总额\t1780\t1790\t100.56%\t20",
             "项目名称 建始县救灾经费", "预算执行情况（万元） 年度财政资 预算数 执行数", "（20分） 金", "100 100 100% 20")
    rows = list(budget_rows(lines))
    assert [(r.project, r.budget, r.executed, r.line) for r in rows] == [
        ("恩施州来凤县结对帮扶经费", Decimal(1780), Decimal(1790), 3), ("建始县救灾经费", Decimal(100), Decimal(100), 7)]


def test_type_of_prefers_the_specific_word_and_xinjiang_places() -> None:
    assert type_of("对口宣恩县区域协作结对帮扶资金") == "结对帮扶"
    assert type_of("驻村帮扶资金120万元") == "驻村帮扶"
    assert type_of("帮扶资金") == "对口帮扶"
    assert type_of("对口青得里街道帮扶资金", places=[PlaceMention("博乐市", 0, 3, "博乐市", "博乐市")]) == "援疆"
    assert type_of("印刷费") is None


def flow(line: int, origin: str, amount: str, recipient: str = "黄陂区") -> FundingFlow:
    return FundingFlow("江汉区政府办", "江汉区", recipient, recipient, Decimal(amount), "万元", 2024, "budget",
                       "驻村帮扶", None, None, origin, line, Source("d", line, line, None, ""))


def test_repeats_are_marked_but_two_breakdown_lines_never_are() -> None:
    out = mark_duplicates([flow(737, "breakdown", "120"), flow(738, "breakdown", "120"),
                           flow(727, "narrative", "120", "黄陂区长轩岭街道、蔡店街道")])
    notes = {f.line: f.notes for f in out}
    assert notes[737] == () and notes[738] == ()
    assert notes[727] == ("same payment as line 737 (breakdown)",)
    assert county_of("博乐市青得里街道") == "博乐市" and county_of("东西湖区") == "东西湖区"
