"""Projects and breakdown lines, against golden files read by hand from the seeds."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import extract_file
from loaders.project_forms import checked_option, frequency_of
from tests.loaders.golden import DATA, SEED_STEMS, compare, extraction, seed
from loaders.records import Extraction, Problem, Project, ProjectLine

def project(ex: Extraction, name: str) -> Project:
    (p,) = [p for p in ex.of(Project) if p.name == name]
    return p


@pytest.mark.parametrize("name", ('projects', 'project_lines'))
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_matches_golden(stem: str, name: str) -> None:
    result = compare(stem, name)
    assert not result.wrong and not result.extra, (result.wrong + result.extra)[0]


def test_004_rural_revitalisation_table_and_breakdown_disagree() -> None:
    ex = seed("004_fd04dd69df0e1d80")
    p = project(ex, "乡村振兴工作")
    assert (p.code, p.budget, p.category, p.frequency, p.source.line_start) == (
        "42010323104T000000104", Decimal("3049.80"), "运转类", "常年", 511)
    assert "乡村振兴及对口帮扶工作" in p.aliases
    assert p.function_codes == ("2130599",)
    lines = [r for r in ex.of(ProjectLine) if r.project == "乡村振兴工作"]
    assert [r.amount for r in lines] == [Decimal(a) for a in
                                         ("2200.00", "420.00", "120.00", "184.80", "200.00", "5.00", "5.00", "15.00")]
    assert sum(r.amount for r in lines) == Decimal("3149.80")
    assert (lines[0].item, lines[0].basis, lines[0].source.line_start) == (
        "对口宣恩县区域协作结对帮扶资金", "结对帮扶恩施州宣恩县", 736)


def test_004_names_differ_between_table_and_forms() -> None:
    ex = seed("004_fd04dd69df0e1d80")
    assert project(ex, "走访慰问专项经费").aliases == ("慰问一线工作人员",)
    assert project(ex, "总值班室工作").aliases == ("区政府总值班室",)
    assert project(ex, "挂职领导保障经费").frequency == "一次性"
    # `8.8万` and `1.00万` are 万元 like `2200.00万元`.
    lines = {r.item: r.amount for r in ex.of(ProjectLine) if r.project == "总值班室工作"}
    assert lines == {"开展业务培训": Decimal("1.00"), "办公办公会": Decimal("1.91"), "值班工作保障": Decimal("8.8"),
                     "政务值班系统维护": Decimal("3.6")}


def test_final_accounts_budget_and_executed_from_self_evaluations() -> None:
    p = project(seed("000_d3b4b252b30afbb1"), "劳务派遣人员工资项目")
    assert (p.budget, p.executed, p.frequency, p.source.line_end) == (Decimal("80"), Decimal("112.93"), "常年", 895)
    assert p.aliases == ("劳务派遣人员项目",)  # as the narrative names it
    # 002 (OCR, cells one per line): `7 6.95 99.35 20` is two amounts, not one spaced number.
    p = project(seed("002_81fcf87bf650a710"), "金融办及金融服务中心运转经费")
    assert (p.budget, p.executed, p.source.line_end) == (Decimal("7"), Decimal("6.95"), 1933)
    assert p.unit == "武汉市洪山区人民政府办公室"  # `武汉市洪山区人民政` + `府办公室` on the next line
    p = project(seed("002_81fcf87bf650a710"), "区乡村振兴局工作经费")
    assert (p.budget, p.executed, p.aliases) == (Decimal("3.5"), Decimal("3.175"), ("扶贫办工作经费项目",))
    # 003: the 项目名称 cell starts with OCR debris (`· 1 B A`); OCR spaces inside `31. 33`.
    ex = seed("003_8c009d716d1b93c0")
    kept = project(ex, "机要保密工作")
    assert (kept.budget, kept.category, kept.unit) == (Decimal("31.00"), "部门预算项目", None)  # `部门预算享项目` mended
    assert any(pr.line == 1147 and "interleaved" in pr.reason for pr in ex.of(Problem))
    assert project(ex, "督办、文印、宣传、国家安全阵地建设及信息化经费").executed == Decimal("31.33")


def test_narrative_only_project_is_kept_and_flagged() -> None:
    ex = seed("001_87de7c93fc8d4773")
    p = project(ex, "巩固脱贫衔接乡村振兴项目")
    assert (p.budget, p.executed, p.source.line_start) == (Decimal("1783"), Decimal("1793"), 385)
    assert any(pr.line == 385 and "narrative only" in pr.reason for pr in ex.of(Problem))


def test_yuan_where_wan_is_meant_is_flagged() -> None:
    ex = seed("002_81fcf87bf650a710")
    flagged = {pr.line for pr in ex.of(Problem) if "元 where 万元 is meant" in pr.reason}
    assert flagged == {641, 649, 661, 671}


@pytest.mark.parametrize("text, label", [
    ('1. 运转类 <input checked="" type="checkbox"/> 2. 特定目标类本级支出 <input type="checkbox"/>', "运转类"),
    ("1、常年性项目 √ 2、延续性项目□ 3、一次性项目□", "常年性项目"),
    ("1、常年性项目 □ 2、延续 性项目 √ 3、一次性项目□", "延续性项目"),
    ('1. 一次性项目 <input type="checkbox"/> 2. 常年项目 <input type="checkbox"/>', None),
])
def test_checked_option(text: str, label: str | None) -> None:
    assert checked_option(text) == label


def test_frequency_names() -> None:
    assert [frequency_of(x) for x in ("常年项目", "常年性项目", "一次性项目", "延续性项目")] == ["常年", "常年", "一次性", "延续性"]


def test_other_department_budget() -> None:
    ex = extraction(DATA / "other_tables" / "xisaishan_fgj_2025_budget.txt")
    p = project(ex, "重点项目前期工作经费")
    assert (p.code, p.budget, p.category, p.frequency, p.aliases, p.function_codes) == (
        "42020325215T000000201", Decimal("1020.00"), "特定目标类", "延续性", ("重点建设项目前期工作",), ("2010450",))
    assert p.legal_basis == "1. 《西塞山区重点项目建设管理办法》。 2. 区政府常务会议纪要〔2024〕12号。"
    lines = [(r.item, r.amount, r.source.line_start) for r in ex.of(ProjectLine) if r.project == p.name]
    # `60000元` is 6 万元; the breakdown (970) does not add up to the table (1020): kept as stated.
    assert lines == [("可行性研究报告编制", Decimal("960.00"), 136), ("专家评审费", Decimal("6"), 137),
                     ("项目库系统维护", Decimal("4"), 138)]
    q = project(ex, "价格监测")
    assert (q.category, q.frequency, q.aliases, q.unit) == ("运转类", "常年", ("价格监测工作经费",), "黄石市西塞山区价格认证中心")
    assert any(pr.line == 154 and "without a unit" in pr.reason for pr in ex.of(Problem))


def test_other_department_final_account() -> None:
    ex = extraction(DATA / "other_tables" / "xisaishan_fgj_2024_final.txt")
    p = project(ex, "重点项目前期工作经费")
    assert (p.budget, p.executed, p.category, p.frequency, p.aliases) == (
        Decimal("1020.00"), Decimal("968.50"), "部门预算项目", "延续性", ("重点项目前期工作",))
    q = project(ex, "价格监测")
    assert (q.budget, q.executed, q.source.line_start, q.source.line_end) == (Decimal("40"), Decimal("39.2"), 124, 149)
    assert any(pr.line == 103 and "元 where 万元" in pr.reason for pr in ex.of(Problem))


def test_project_row_without_a_code_is_kept_and_flagged(tmp_path: Path) -> None:
    doc = tmp_path / "nocode.txt"
    doc.write_text("某区某局\n2025年部门预算\n\n2025年项目支出预算表\n\n单位：元\n\n"
                   "项目编号\t项目名称\t项目单位\t合计\n"
                   "\t合计\t\t1,250,000.00\n"
                   "\t档案数字化\t某区某局本级\t1,250,000.00\n", encoding="utf-8")
    ex = extract_file(doc)
    (p,) = ex.of(Project)
    # A table in 元 is converted to 万元.
    assert (p.code, p.name, p.unit, p.budget, p.source.line_start) == (None, "档案数字化", "某区某局本级", Decimal("125"), 10)
    assert [(pr.line, pr.reason) for pr in ex.of(Problem) if "project code" in pr.reason] == [
        (10, "project '档案数字化' has no project code ('')")]


def test_form_with_a_project_code_is_matched_by_code(tmp_path: Path) -> None:
    doc = tmp_path / "coded_form.txt"
    doc.write_text("某区某局\n2025年部门预算\n\n2025年项目支出预算表\n\n单位：万元\n\n"
                   "项目编号\t项目名称\t项目单位\t合计\n"
                   "42011125301T000000001\t档案数字化\t某区某局本级\t30.00\n"
                   "42011125301T000000002\t档案库房改造\t某区某局本级\t30.00\n\n"
                   "项目支出绩效目标申报表\n\n"
                   "项目名称\t档案数字化改造\t项目代码\t42011125301T000000002\n"
                   "项目总预算\t30万元\t项目当年预算\t30万元\n", encoding="utf-8")
    projects = {p.name: p.aliases for p in extract_file(doc).of(Project)}
    # By name the form would be 档案数字化 (same amount, closer name); its code says otherwise.
    assert projects == {"档案数字化": (), "档案库房改造": ("档案数字化改造",)}


def test_self_evaluation_with_one_cell_per_line(tmp_path: Path) -> None:
    doc = tmp_path / "cells.txt"
    doc.write_text("某县某办\n2024 年度部门决算\n\n十三、预算绩效情况说明\n\n"
                   "1.聘用人员经费绩效自评综述：项目全年预算数为 37.14 万元，执行数为 35.28 万元。\n\n"
                   "2.聘用人员工作经费绩效自评综述：项目全年预算数为\n215.1 万元，执行数为 193.59 万元。\n\n"
                   "2024 年度聘用人员经费项目自评表\n\n项目名称\n聘用人员经费\n主管部门\n某县某办\n项目实施单位\n某县某办\n"
                   "项目类别\n1、部门预算项目 <input checked=\"\" type=\"checkbox\"/> 2、区直专项 <input type=\"checkbox\"/>\n"
                   "预算执行情况 (万元) (20分)\n预算数(A)\n执行数(B)\n执行率(B/A)\n年度财政资金总额\n37.14\n35.28\n95%\n19\n"
                   "年度绩效目标1 (80分)\n", encoding="utf-8")
    ex = extract_file(doc)
    kept = {p.name: (p.budget, p.executed, p.unit, p.category, p.aliases) for p in ex.of(Project)}
    assert kept == {
        "聘用人员经费": (Decimal("37.14"), Decimal("35.28"), "某县某办", "部门预算项目", ()),
        # Alike in name, not in amount: another project (stated in the narrative only), not an alias.
        "聘用人员工作经费": (Decimal("215.1"), Decimal("193.59"), None, None, ()),
    }


def test_a_breakdown_item_listed_twice_is_two_facts(tmp_path: Path) -> None:
    doc = tmp_path / "twice.txt"
    doc.write_text("某区某局\n2025年部门预算\n\n项目支出绩效目标申报表\n\n"
                   "项目名称\t档案数字化\t项目代码\t\n项目总预算\t10万元\t项目当年预算\t10万元\n"
                   "2025年项目支出明细及依据\t项目内容\t测算依据及说明\t本级财政拨款金额\n"
                   "\t印刷费\t上半年\t3万元\n\t印刷费\t下半年\t2万元\n\t扫描服务\t外包\t5万元\n"
                   "项目资产配置计划及采购计划\t\n", encoding="utf-8")
    ex = extract_file(doc)
    assert [(ln.item, ln.amount, ln.source.line_start) for ln in ex.of(ProjectLine)] == [
        ("印刷费", Decimal("3"), 9), ("印刷费", Decimal("2"), 10), ("扫描服务", Decimal("5"), 11)]
    # the line is part of a breakdown line's identity: two 印刷费 lines are two facts, not a restatement
    assert len({ln.record_key() for ln in ex.of(ProjectLine)}) == 3
    assert [p for p in ex.of(Problem) if "stated again" in p.reason] == []
