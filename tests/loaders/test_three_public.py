"""三公经费 from the tables (公开09 / 预算08) and from the narrative, against golden files read by hand."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import extract_file
from tests.loaders.golden import DATA, SEED_STEMS, compare, extraction, seed
from loaders.records import Extraction, Problem, ThreePublic

def by(ex: Extraction, item: str, origin: str) -> list[ThreePublic]:
    return [r for r in ex.of(ThreePublic) if r.item == item and r.origin == origin]


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_matches_golden(stem: str) -> None:
    result = compare(stem, "three_public")
    assert not result.wrong and not result.extra, (result.wrong + result.extra)[0]


def test_003_table_and_narrative_disagree_and_both_are_kept() -> None:
    ex = seed("003_8c009d716d1b93c0")
    (table,) = by(ex, "合计", "table")
    (narrative,) = by(ex, "合计", "narrative")
    assert (table.budget, table.actual, table.line) == (Decimal("31.62"), Decimal("31.62"), 355)
    assert (narrative.budget, narrative.actual, narrative.line) == (Decimal("30"), Decimal("31.62"), 454)
    # OCR spaces inside numbers (`14. 30`) and the split-looking `17. 32` are one number each.
    (abroad,) = by(ex, "因公出国(境)费", "table")
    assert abroad.budget == Decimal("14.30")
    (vehicles,) = by(ex, "公务用车购置及运行维护费", "narrative")
    assert (vehicles.budget, vehicles.actual) == (Decimal("27"), Decimal("17.32"))


def test_000_table_blank_cells_stay_blank_and_parts_add_up() -> None:
    ex = seed("000_d3b4b252b30afbb1")
    (reception,) = by(ex, "公务接待费", "table")
    assert reception.budget is None and reception.actual is None
    parts = [by(ex, item, "table")[0].actual for item in ("公务用车购置费", "公务用车运行维护费")]
    assert sum(parts) == by(ex, "合计", "table")[0].actual == Decimal("46.46")
    # `1.无因公出国(境)费支出。` states an actual of zero.
    (abroad,) = by(ex, "因公出国(境)费", "narrative")
    assert (abroad.budget, abroad.actual, abroad.line) == (None, Decimal(0), 464)


def test_004_budget_stage_has_budgets_only() -> None:
    ex = seed("004_fd04dd69df0e1d80")
    assert all(r.actual is None for r in ex.of(ThreePublic))
    (table,) = by(ex, "合计", "table")
    assert (table.budget, table.source.table) == (Decimal("10.98"), "预算08")
    # `（一）因公出国（境）费用` is a heading; the figure is on the next line and belongs to it.
    (abroad,) = by(ex, "因公出国(境)费", "narrative")
    assert (abroad.budget, abroad.line) == (Decimal("0"), 231)


def test_002_ocr_sentences_broken_across_lines() -> None:
    ex = seed("002_81fcf87bf650a710")
    (total,) = by(ex, "合计", "narrative")
    assert (total.budget, total.actual, total.source.line_start, total.source.line_end) == (
        Decimal("41.11"), Decimal("41.11"), 459, 461)
    (reception,) = by(ex, "公务接待费", "narrative")
    assert reception.actual == Decimal("0.59")  # not the 国内公务接待 detail stated after it


def test_missing_table_body_is_reported() -> None:
    ex = seed("001_87de7c93fc8d4773")
    assert not by(ex, "合计", "table")
    assert any(p.reason.startswith("三公 table title without a data row") for p in ex.of(Problem))


def test_other_department_budget() -> None:
    ex = extraction(DATA / "other_tables" / "xisaishan_fgj_2025_budget.txt")
    (table,) = by(ex, "合计", "table")
    assert (table.budget, table.line, table.source.table) == (Decimal("8.60"), 74, "预算08")
    (vehicles,) = by(ex, "公务用车购置及运行维护费", "table")
    assert vehicles.budget == Decimal("6.00")
    narrative = {r.item: r.budget for r in ex.of(ThreePublic) if r.origin == "narrative"}
    assert narrative == {"合计": Decimal("8.6"), "因公出国(境)费": Decimal("0"), "公务接待费": Decimal("2.6"),
                         "公务用车购置费": Decimal("0"), "公务用车运行维护费": Decimal("6")}


def test_other_department_final_account() -> None:
    ex = extraction(DATA / "other_tables" / "xisaishan_fgj_2024_final.txt")
    (table,) = by(ex, "合计", "table")
    assert (table.budget, table.actual) == (Decimal("12.40"), Decimal("11.05"))
    (narrative,) = by(ex, "合计", "narrative")
    assert (narrative.budget, narrative.actual) == (Decimal("12"), Decimal("11.05"))
    (reception,) = by(ex, "公务接待费", "narrative")
    assert (reception.budget, reception.actual) == (Decimal("2.4"), Decimal("1.05"))


def test_several_parts_in_one_sentence(tmp_path: Path) -> None:
    doc = tmp_path / "one_sentence.txt"
    doc.write_text("某区某局\n2025年部门预算\n\n三、“三公”经费预算情况说明\n\n"
                   "2025年“三公”经费预算数为8.6万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费6万元"
                   "（其中：公务用车购置费0万元，公务用车运行维护费6万元），公务接待费2.6万元。\n\n"
                   "四、名词解释\n", encoding="utf-8")
    got = [(r.item, r.budget, r.actual, r.line) for r in extract_file(doc).of(ThreePublic)]
    assert got == [("合计", Decimal("8.6"), None, 6), ("因公出国(境)费", Decimal("0"), None, 6),
                   ("公务用车购置及运行维护费", Decimal("6"), None, 6), ("公务用车购置费", Decimal("0"), None, 6),
                   ("公务用车运行维护费", Decimal("6"), None, 6), ("公务接待费", Decimal("2.6"), None, 6)]


def test_older_layout_one_row_per_part(tmp_path: Path) -> None:
    doc = tmp_path / "long.txt"
    doc.write_text("某区某局\n2024 年度部门决算\n\n2024 年度财政拨款“三公”经费支出决算表\n\n单位：万元\n\n"
                   "项目\t预算数\t决算数\n"
                   "合计\t12.40\t11.05\n"
                   "1.因公出国（境）费\t\t\n"
                   "2.公务用车购置及运行维护费\t10.00\t10.00\n"
                   "其中：公务用车购置费\t0\t0\n"
                   "公务用车运行维护费\t10.00\t10.00\n"
                   "3.公务接待费\t2.40\t1.05\n", encoding="utf-8")
    got = [(r.item, r.budget, r.actual, r.line) for r in extract_file(doc).of(ThreePublic)]
    assert got == [("合计", Decimal("12.40"), Decimal("11.05"), 9), ("因公出国(境)费", None, None, 10),
                   ("公务用车购置及运行维护费", Decimal("10.00"), Decimal("10.00"), 11),
                   ("公务用车购置费", Decimal("0"), Decimal("0"), 12),
                   ("公务用车运行维护费", Decimal("10.00"), Decimal("10.00"), 13),
                   ("公务接待费", Decimal("2.40"), Decimal("1.05"), 14)]
