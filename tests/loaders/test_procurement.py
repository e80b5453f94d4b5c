"""Procurement: 004's 预算12 rows and the narrative totals of every seed, against golden files."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import extract_file
from tests.loaders.golden import DATA, SEED_STEMS, compare, extraction, seed
from loaders.records import Procurement

@pytest.mark.parametrize("stem", SEED_STEMS)
def test_matches_golden(stem: str) -> None:
    result = compare(stem, "procurement")
    assert not result.wrong and not result.extra, (result.wrong + result.extra)[0]


def test_004_rows_codes_and_right_aligned_amounts() -> None:
    items = [r for r in seed("004_fd04dd69df0e1d80").of(Procurement) if r.item_code]
    assert len(items) == 7
    first = items[0]
    assert (first.item_code, first.item_name, first.function_code, first.economic_code, first.line) == (
        "C23120302", "车辆加油、添加燃料服务", "2010301", "30231", 524)
    assert (first.quantity, first.amount, first.sme_amount, first.small_micro_amount) == (
        Decimal("1"), Decimal("3.00"), Decimal("3.00"), Decimal("1.80"))
    assert (items[-1].project, items[-1].function_code) == ("乡村振兴工作", "2130599")
    # The rows add up to the table's own 合计 row (read from the right as well).
    (total,) = [r for r in seed("004_fd04dd69df0e1d80").of(Procurement) if r.item_name == "合计" and r.line == 522]
    assert (total.amount, total.sme_amount, total.small_micro_amount) == (
        Decimal("30.05"), Decimal("28.85"), Decimal("22.85"))
    assert sum(r.amount for r in items) == total.amount
    assert sum(r.sme_amount for r in items) == total.sme_amount
    assert sum(r.small_micro_amount for r in items) == total.small_micro_amount


def test_narrative_totals_faithful_even_when_inconsistent() -> None:
    by = {r.item_name: r for r in seed("002_81fcf87bf650a710").of(Procurement)}
    # 002 states SME contracts of 0 万元 yet small/micro contracts of 255.33 万元: kept as stated.
    assert (by["合计"].amount, by["合计"].sme_amount, by["合计"].small_micro_amount) == (
        Decimal("255.33"), Decimal("0"), Decimal("255.33"))
    assert (by["货物"].amount, by["工程"].amount, by["服务"].amount) == (Decimal("21.98"), Decimal("0"), Decimal("233.35"))
    assert (by["合计"].source.line_start, by["服务"].line) == (524, 528)
    # 003: goods 3.45 + services 25.06 = 28.51, the total says 28.52.
    by = {r.item_name: r.amount for r in seed("003_8c009d716d1b93c0").of(Procurement)}
    assert by == {"合计": Decimal("28.52"), "货物": Decimal("3.45"), "服务": Decimal("25.06")}


def test_records_sharing_a_line_have_distinct_keys() -> None:
    records = seed("000_d3b4b252b30afbb1").of(Procurement)
    assert [r.line for r in records] == [482, 482]
    assert len({r.record_key() for r in records}) == 2


def test_other_department_budget() -> None:
    ex = extraction(DATA / "other_tables" / "xisaishan_fgj_2025_budget.txt")
    items = [r for r in ex.of(Procurement) if r.item_code]
    assert [(r.item_code, r.function_code, r.economic_code, r.quantity, r.amount, r.sme_amount, r.small_micro_amount)
            for r in items] == [
        ("A02010105", "2010450", "31002", Decimal("3"), Decimal("4.50"), Decimal("4.50"), Decimal("2.00")),
        ("C23120301", "2010401", "30231", Decimal("1"), Decimal("8.00"), Decimal("5.50"), Decimal("4.00"))]
    assert all(r.source.table == "预算12" for r in items)  # numbered from the table of contents
    stated = {r.item_name: r.amount for r in ex.of(Procurement) if r.source.table == "政府采购预算情况"}
    assert stated == {"合计": Decimal("12.50"), "货物": Decimal("4.50"), "服务": Decimal("8.00")}


def test_other_department_final_account() -> None:
    ex = extraction(DATA / "other_tables" / "xisaishan_fgj_2024_final.txt")
    by = {r.item_name: r for r in ex.of(Procurement)}
    assert (by["合计"].amount, by["合计"].sme_amount, by["合计"].small_micro_amount) == (
        Decimal("18.6"), Decimal("18.6"), Decimal("9.3"))
    # `…货物支出 6.6` / blank line / `万元…`: the sentence runs on across the break.
    assert (by["货物"].amount, by["货物"].source.line_start, by["货物"].source.line_end) == (Decimal("6.6"), 91, 93)
    assert by["服务"].amount == Decimal("12")


def test_row_with_unreadable_codes_is_reported(tmp_path: Path) -> None:
    doc = tmp_path / "garbled.txt"
    doc.write_text("某区某局\n2025年部门预算\n\n2025年政府采购预算表\n\n单位：万元\n\n"
                   "单位代码\t单位名称\t项目\t政府采购品目\t功能科目\t部门支出经济分类\t采购数量\t采购金额\n"
                   "301001\t某区某局本级\t办公\t[A02010105]台式计算机\t[2010301]行政运行\t[31002]办公设备购置\t2\t1.20\t1.20\t0.60\n"
                   "301001\t某区某局本级\t办公\tC2309019 印刷服务\t2010301 行政运行\t[30202]印刷费\t1\t2.00\t2.00\t2.00\n",
                   encoding="utf-8")
    ex = extract_file(doc)
    (row,) = ex.of(Procurement)
    assert (row.item_code, row.quantity, row.amount, row.sme_amount, row.small_micro_amount, row.line) == (
        "A02010105", Decimal("2"), Decimal("1.20"), Decimal("1.20"), Decimal("0.60"), 9)
    (problem,) = [p for p in ex.problems if "bracketed codes" in p.reason]
    assert (problem.file, problem.line) == ("garbled.txt", 10)


def test_totals_stated_without_a_heading_of_their_own(tmp_path: Path) -> None:
    doc = tmp_path / "no_heading.txt"
    doc.write_text("某区某局\n2024 年度部门决算\n\n十、其他重要事项的情况说明\n\n"
                   "1.机关运行经费支出 20 万元。\n\n2.政府采购情况：本年度政府采购支出总额 5.5 万元，其中：政府采购服务支出 5.5 万元。\n",
                   encoding="utf-8")
    got = [(r.item_name, r.amount, r.line) for r in extract_file(doc).of(Procurement)]
    assert got == [("合计", Decimal("5.5"), 8), ("服务", Decimal("5.5"), 8)]
