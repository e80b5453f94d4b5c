"""budget_tables: BudgetLines from the seeds' tab tables against hand-written golden files, and from
hand-written disclosures of other departments, districts and years (tests/data/budget_tables)."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from loaders.extractors.budget_tables import budget_tables
from loaders.reader import read
from loaders.records import MEASURE_LABELS, BudgetLine, Problem
from tests.loaders.golden import DATA, Comparison, compare, context, load, seed_path

D = Decimal
DATA = DATA / "budget_tables"
SEEDS = ("000", "001", "003", "004")


@lru_cache(maxsize=None)
def extract(path: Path) -> tuple[tuple[BudgetLine, ...], tuple[Problem, ...]]:
    """This extractor alone (others may be mid-change): its lines and the problems it reported."""
    ctx = context(path)
    lines = tuple(budget_tables(ctx))
    return lines, tuple(ctx.problems)


def key_of(line: BudgetLine) -> tuple:
    return line.table, line.source.line_start, line.code or line.unit_code or line.name


def in_tab_table(row: dict) -> bool:
    """A row of a numbered tab table (公开NN / 预算NN); the golden file also holds lines of the narrative."""
    return row["table"][:2] in ("公开", "预算")


def golden(seed: str) -> list[dict]:
    return [r for r in load(seed, "budget_lines") if in_tab_table(r)]


def compared(seed: str) -> Comparison:
    lines, _ = extract(seed_path(seed))
    return compare(seed, "budget_lines", list(lines), only=in_tab_table)


@pytest.mark.parametrize("seed", SEEDS)
def test_golden_value_by_value(seed):
    result = compared(seed)
    assert not result.wrong, result.wrong[0]


@pytest.mark.parametrize("seed", SEEDS)
def test_recall_and_no_wrong_amounts(seed):
    result = compared(seed)
    print(f"{seed}: recall {result.found}/{result.total} = {result.recall:.1%}, wrong amounts {len(result.wrong_amounts)}")
    assert result.total > 0 and result.recall >= 0.99
    assert result.wrong_amounts == []


@pytest.mark.parametrize("seed", SEEDS)
def test_no_line_beyond_the_golden_file(seed):
    """Each line extracted from a tab table is one the golden file holds."""
    assert compared(seed).extra == []


def test_every_line_has_provenance_and_a_known_fund():
    for seed in SEEDS:
        path = seed_path(seed)
        lines, _ = extract(path)
        text = read(path)
        for ln in lines:
            assert ln.source.document == path.stem and ln.source.table == ln.table
            assert ln.source.text == text.line(ln.source.line_start)
            assert set(ln.measures) <= set(MEASURE_LABELS) and ln.measures
            assert all(isinstance(v, Decimal) for v in ln.measures.values())


def test_000_fund_types_levels_and_shifted_cells():
    lines, _ = extract(seed_path("000"))
    by = {key_of(ln): ln for ln in lines}
    assert by[("公开05", 246, "2010301")].fund_type == "一般公共预算"
    assert by[("公开07", 314, "2120803")].fund_type == "政府性基金预算"
    assert by[("公开03", 173, "2010301")].fund_type == "全部资金"
    assert by[("公开04", 224, "本年支出合计")].fund_type == "财政拨款"
    assert by[("公开03", 173, "2010301")].level == "项"
    assert by[("公开06", 284, "303")].level == "类" and by[("公开06", 284, "303")].classification == "economic"
    # 公开03 prints its code rows one cell left of the header's columns: placed by arithmetic, and said so
    assert "cells shifted" in by[("公开03", 174, "2014004")].repairs[0]
    assert by[("公开03", 174, "2014004")].measures == {"total": D("5.00"), "project": D("5.00")}
    # the summary table's 类 by name get their code, and the repair says so
    assert by[("公开01", 115, "213")].repairs == ("类 code 213 given from the name: the table lists 类 by name only",)
    # 公开06's total line: 公用经费合计 printed far right of its label
    assert by[("公开06", 298, "公用经费合计")].measures == {"total": D("245.40"), "running": D("245.40")}


def test_003_truncated_codes_repaired_and_warned():
    lines, problems = extract(seed_path("003"))
    by = {key_of(ln): ln for ln in lines}
    pension = by[("公开02", 140, "2080506")]
    assert pension.repairs == ("code 208050 is truncated; 2080506 机关事业单位职业年金缴费支出 from the document's other tables",)
    assert by[("公开06", 285, "30108")].name == "机关事业单位基本养老保险缴"      # name cut off by OCR, kept
    warned = {(p.line, p.reason.split(";")[0]) for p in problems if p.severity == "warning"}
    assert (140, "公开02 code 208050 is truncated") in warned
    assert (280, "公开06 code 3010 is truncated") in warned
    # 1,015.00 + 90.51 = 1,105.51, printed 1,105.52: within rounding (0.01 per term), values as printed, no warning
    assert not any(p.line == 162 and "row arithmetic" in p.reason for p in problems)
    assert by[("公开03", 162, "合计")].measures == {"total": D("1105.52"), "basic": D("1015.00"), "project": D("90.51")}


def test_row_arithmetic_warns_beyond_rounding_only(tmp_path):
    doc = tmp_path / "rounding.txt"
    doc.write_text("\n".join([
        "南湖区档案馆 2023 年度部门决算", "", "公开 03 表", "单位：万元",
        "项目\t本年支出合计\t基本支出\t项目支出",
        "合计\t100.02\t60.00\t40.00",            # 0.02 off with two terms: rounding
        "2010301\t行政运行\t100.03\t60.00\t40.00",  # 0.03 off: a real difference
    ]), encoding="utf-8")
    lines, problems = extract(doc)
    assert [ln.measures["total"] for ln in lines] == [D("100.02"), D("100.03")]
    assert [(p.line, p.severity) for p in problems if "row arithmetic does not hold" in p.reason] == [(7, "warning")]


def test_001_lost_bodies_are_errors_not_lines():
    lines, problems = extract(seed_path("001"))
    errors = {(p.line, p.reason.split(" ")[1]) for p in problems if p.severity == "error"}
    assert errors == {(85, "公开01"), (92, "公开02"), (229, "公开07"), (23, "公开08")}
    assert {ln.table for ln in lines} == {"公开03", "公开04", "公开05", "公开06"}
    # the body of 公开03 lost its caption: known by its header, and its 合计 row read
    total = next(ln for ln in lines if ln.table == "公开03")
    assert total.measures["total"] == D("2859.97")
    assert total.repairs == ("table 公开03 known by its header: its caption (number and title) is lost",)


def test_004_budget_tables_units_and_missing_table():
    lines, problems = extract(seed_path("004"))
    units = [ln for ln in lines if ln.table == "预算06" and ln.unit_code]
    assert [(u.unit_code, u.name, u.measures["project"]) for u in units] == [
        ("104", "武汉市江汉区人民政府办公室", D("3371.83")), ("104001", "武汉市江汉区人民政府办公室本级", D("3371.83"))]
    assert [(p.line, p.severity) for p in problems if "预算02" in p.reason] == [(49, "error")]
    assert not {ln.table for ln in lines} & {"预算08", "预算11", "预算12", "预算13"}   # others' tables


def test_hand_written_final_account_in_yuan():
    lines, problems = extract(DATA / "county_transport_2022_final.txt")
    by = {key_of(ln): ln for ln in lines}
    assert by[("公开03", 44, "合计")].measures == {"total": D("523"), "basic": D("323"), "project": D("200")}
    assert by[("公开01", 24, "214")].measures == {"total": D("523")}
    income = by[("公开01", 23, "一般公共预算财政拨款收入")]          # `5, 230, 000. 00` 元 on the income side
    assert (income.classification, income.measures) == ("income", {"total": D("523.00")})
    run = by[("公开03", 47, "2140101")]           # printed 214010, repaired from 公开05
    assert run.level == "项" and run.measures == {"total": D("323"), "basic": D("323")}
    assert "code 214010 is truncated" in run.repairs[0]
    # the stray empty cells before 公路养护's total: placed by total = basic + project
    assert by[("公开03", 49, "2140106")].measures == {"total": D("200"), "project": D("200")}
    assert by[("公开05", 64, "2140106")].fund_type == "一般公共预算"       # known by its title alone
    assert by[("公开06", 73, "30211")].measures == {"total": D("23"), "running": D("23")}
    assert by[("公开06", 74, "人员经费合计")].measures["personnel"] == D("300")
    errors = sorted((p.line, p.reason.split(" ")[1]) for p in problems if p.severity == "error")
    assert errors == [(7, "公开04"), (30, "公开02")]


def test_hand_written_budget_split_codes_and_bad_cell():
    lines, problems = extract(DATA / "district_education_2025_budget.txt")
    by = {key_of(ln): ln for ln in lines}
    assert by[("预算01", 21, "205")].measures == {"total": D("1200.00")}
    assert by[("预算01", 24, "支出总计")].measures == {"total": D("1280.50")}
    assert [(ln.source.line_start, ln.name, ln.measures["total"]) for ln in lines if ln.classification == "income"] == [
        (21, "一般公共预算拨款收入", D("1280.50")), (23, "本年收入合计", D("1280.50")), (24, "收入总计", D("1280.50"))]
    pre = by[("预算05", 34, "2050201")]           # 205 | 02 | 01 printed in three columns
    assert pre.level == "项" and pre.measures == {"total": D("1200.00"), "basic": D("800.00"),
                                                   "personnel": D("800.00"), "project": D("400.00")}
    assert by[("预算07", 46, "30107")].repairs[0].startswith("code 3010 is truncated; 30107 绩效工资")
    assert by[("预算05", 36, "2080599")].measures["running"] == D("80.50")       # `208 05 99` in one cell
    assert by[("预算07", 49, "30211")].name == "差旅费"                          # `30211 差旅费` in one cell
    bad = [p for p in problems if p.line == 48]
    assert bad and bad[0].severity == "error" and "80.5O" in bad[0].reason
    assert ("预算07", 48, "30201") not in by                  # not read, and said so
    missing = sorted(p.reason.split(" ")[1] for p in problems if "listed in the contents" in p.reason)
    assert missing == ["预算02", "预算03", "预算04", "预算06"]


def test_002_has_no_tab_tables_and_says_so():
    """The OCR'd 002 lost its cells (narrative_lines reads it); 公开07/08 are declared empty under their headings."""
    lines, problems = extract(seed_path("002"))
    assert lines == ()
    errors = sorted(p.reason.split(" ")[1] for p in problems if p.severity == "error")
    assert errors == ["公开01", "公开02", "公开03", "公开04", "公开05", "公开06"]


@pytest.mark.parametrize("seed", SEEDS)
def test_golden_rows_are_on_the_lines_they_cite(seed):
    """The golden file itself against the seed text: each row's name and amounts are printed on its line
    (names and amounts compared without OCR spaces and thousands separators)."""
    text = read(seed_path(seed))
    for row in golden(seed):
        printed = "".join(text.line(row["line"]).split()).replace(",", "")
        unlabeled_total = row["name"] == "合计" and not any("\u4e00" <= ch <= "\u9fff" for ch in printed)
        assert row["name"] in printed or unlabeled_total, (row["line"], row["name"])   # 001 公开05: label above
        for k, v in row.items():
            if k in MEASURE_LABELS and v is not None:
                assert v in printed, (row["line"], k, v)
        if row["code"] and row["table"][-2:] not in ("01", "04"):    # summary tables print no code
            assert row["code"][:-1] in printed, (row["line"], row["code"])


def test_income_table_by_unit_is_read_by_its_header(tmp_path):
    """A 收入预算总表 that lists units (单位编码 in the header) gives lines with unit_code."""
    doc = tmp_path / "income_by_unit.txt"
    doc.write_text("\n".join([
        "南湖区文化局 2025 年部门预算", "", "预算02表", "2025年收入预算总表", "单位：万元",
        "单位编码\t单位名称\t合计\t一般公共预算拨款收入\t政府性基金预算拨款收入\t事业收入",
        "\t合计\t1, 300. 00\t1,280.50\t\t19.50",
        "207001\t南湖区文化局本级\t1,300.00\t1,280.50\t\t19.50",
    ]), encoding="utf-8")
    lines, problems = extract(doc)
    assert [(ln.unit_code, ln.name, ln.measures) for ln in lines] == [
        (None, "合计", {"total": D("1300.00"), "general_budget": D("1280.50"), "business_income": D("19.50")}),
        ("207001", "南湖区文化局本级",
         {"total": D("1300.00"), "general_budget": D("1280.50"), "business_income": D("19.50")})]
    assert all(ln.table == "预算02" and ln.code is None for ln in lines)
    assert problems == ()                         # 1,280.50 + 19.50 = 1,300.00: the columns add up


def test_uncaptioned_economic_table_known_by_its_header(tmp_path):
    """Its title lost (as in 001), a 基本支出决算明细表 is still known by 人员经费/公用经费/经济分类 in its header."""
    doc = tmp_path / "uncaptioned.txt"
    doc.write_text("\n".join([
        "北湖区档案馆 2023 年度部门决算", "", "注：本表反映部门本年度一般公共预算财政拨款支出情况。", "- 9 -",
        "人员经费\t\t\t公用经费\t\t\t\t\t",
        "经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数\t经济分类科目编码\t科目名称\t决算数",
        "301\t工资福利支出\t12. 50\t302\t商品和服务支出\t3.20\t\t\t",
        "30101\t基本工资\t1O.00\t\t\t\t\t\t",
    ]), encoding="utf-8")
    lines, problems = extract(doc)
    assert [(p.line, p.severity) for p in problems] == [(8, "error")] and "1O.00" in problems[0].reason
    assert [(ln.table, ln.code, ln.measures) for ln in lines] == [
        ("公开06", "301", {"total": D("12.50"), "personnel": D("12.50")}),
        ("公开06", "302", {"total": D("3.20"), "running": D("3.20")})]


def test_garbled_amounts_are_errors_wherever_they_are(tmp_path):
    doc = tmp_path / "garbled.txt"
    doc.write_text("\n".join([
        "西湖区统计局 2023 年度部门决算", "", "公开 03 表", "单位：万元",
        "项目\t本年支出合计\t基本支出\t项目支出", "合计\t1O.00\t10.00\t",
        "2010501\t行政运行\t10.00\t10.00\t", "",
        "公开 01 表", "单位：万元", "项目\t行次\t金额\t项目\t行次\t金额",
        "一、一般公共预算财政拨款收入\t1\t10.00\t一、一般公共服务支出\t31\tl0.00",
        "二、政府性基金预算财政拨款收入\t2\t5.O0\t二、外交支出\t32\t",
    ]), encoding="utf-8")
    lines, problems = extract(doc)
    assert [(ln.table, ln.classification, ln.code or ln.name) for ln in lines] == [
        ("公开03", "function", "2010501"), ("公开01", "income", "一般公共预算财政拨款收入")]
    assert [(p.line, p.severity) for p in problems] == [(6, "error"), (12, "error"), (13, "error")]
    assert "1O.00" in problems[0].reason and "l0.00" in problems[1].reason and "5.O0" in problems[2].reason


def test_income_side_totals_carryover_and_unlabelled_amounts(tmp_path):
    """The left side of a summary table: each income line with an amount, a fund line under the
    carry-over heading named after both, and an amount with no label (either side) reported, not read."""
    doc = tmp_path / "income_side.txt"
    doc.write_text("\n".join([
        "东湖区水务局 2023 年度部门决算", "", "公开 04 表", "单位：万元",
        "项目\t行次\t决算数\t项目\t行次\t小计\t一般公共预算财政拨款\t政府性基金预算财政拨款",
        "一、一般公共预算财政拨款\t1\t100.00\t一、一般公共服务支出\t33\t100.00\t100.00\t",
        "\t2\t7.50\t二、外交支出\t34\t\t\t",
        "\t3\t\t\t35\t4.00\t4.00\t",
        "本年收入合计\t27\t100.00\t本年支出合计\t59\t100.00\t100.00\t",
        "年初财政拨款结转和结余\t28\t20.00\t年末财政拨款结转和结余\t60\t20.00\t20.00\t",
        "一般公共预算财政拨款\t29\t20.00\t\t61\t\t\t",
        "总计\t32\t120.00\t总计\t64\t120.00\t120.00\t",
    ]), encoding="utf-8")
    lines, problems = extract(doc)
    income = [(ln.source.line_start, ln.name, ln.measures) for ln in lines if ln.classification == "income"]
    assert income == [(6, "一般公共预算财政拨款", {"total": D("100.00")}), (9, "本年收入合计", {"total": D("100.00")}),
                      (10, "年初财政拨款结转和结余", {"total": D("20.00")}),
                      (11, "年初财政拨款结转和结余：一般公共预算财政拨款", {"total": D("20.00")}),
                      (12, "总计", {"total": D("120.00")})]
    assert all(ln.fund_type == "财政拨款" and ln.code is None and ln.level is None
               for ln in lines if ln.classification == "income")
    assert [(p.line, p.severity) for p in problems] == [(7, "warning"), (8, "warning")]
    assert "income-side amount 7.50" in problems[0].reason and "expenditure-side amount 4.00" in problems[1].reason
    total = next(ln for ln in lines if ln.name == "本年支出合计")
    assert total.measures["income"] == D("100.00")


def test_budget_income_side_groups_this_years_and_carried_over_funds(tmp_path):
    """预算04: （一）一般公共预算拨款 under 一、本年收入 is this year's; under 二、上年结转 it is carried over."""
    doc = tmp_path / "budget_04.txt"
    doc.write_text("\n".join([
        "东湖区水务局 2025 年部门预算", "", "预算04表", "2025年财政拨款收支预算总表", "单位：万元",
        "收 入\t\t支 出\t", "项目\t预算数\t项目\t预算数",
        "一、本年收入\t90.00\t一、本年支出\t100.00",
        "（一）一般公共预算拨款\t90.00\t（一）一般公共服务支出\t100.00",
        "二、上年结转\t10.00\t（二）公共安全支出\t",
        "（一）一般公共预算拨款\t10.00\t\t",
        "收 入 总 计\t100.00\t支 出 总 计\t100.00",
    ]), encoding="utf-8")
    lines, problems = extract(doc)
    assert [(ln.source.line_start, ln.name, ln.measures["total"]) for ln in lines if ln.classification == "income"] == [
        (8, "本年收入", D("90.00")), (9, "一般公共预算拨款", D("90.00")), (10, "上年结转", D("10.00")),
        (11, "上年结转：一般公共预算拨款", D("10.00")), (12, "收入总计", D("100.00"))]
    assert len({ln.record_key() for ln in lines}) == len(lines) and problems == ()
