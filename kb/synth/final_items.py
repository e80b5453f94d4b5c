"""公开02, 03 and 05 as seed 000 prints them: 项 rows only (no 类/款 subtotals), the code in the
first of three 类/款/项 columns, and 公开03's rows shifted one cell against their header."""
from __future__ import annotations

import random
from decimal import Decimal

from kb.synth.page import Page, Truth, function_rows, table_num
from kb.synth.plan import ZERO, Plan

GENERAL = "一般公共预算"


def income_and_expenditure(plan: Plan, page: Page, truth: Truth, title) -> None:
    """公开02 and 公开03."""
    y, total = plan.year, plan.total
    items = [r for r in function_rows(plan.lines) if len(r.code) == 7]
    title("二、收入决算表", f"{y} 年度收入决算表", "公开 02 表")
    page.row("项目", "", "", "本年收入 合计", "财政拨款 收入", "上级 补助 收入", "事 业 收 入", "经 营 收 入",
             "附 属 单 位 上 缴 收 入", "其 他 收 入", "")
    page.row("功能分类科目编 码", "", "科目名称", "", "", "", "", "", "", "", "")
    page.row("类", "款", "项", "栏次", "1", "2", "3", "4", "5", "6", "7")
    n = page.row("", "", "", "合计", table_num(total), table_num(total), "", "", "", "", "")
    truth.line("公开02", "function", None, "合计", "全部资金", {"total": total, "fiscal_income": total}, n)
    for r in items:
        n = page.row(r.code, "", "", r.name, table_num(r.total), table_num(r.total), "", "", "", "", "")
        truth.line("公开02", "function", r.code, r.name, "全部资金", {"total": r.total, "fiscal_income": r.total}, n)
    page.blank()

    title("三、支出决算表", f"{y} 年度支出决算表", "公开 03 表")
    basic = plan.personnel + plan.running
    page.row("项目", "", "", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "")
    page.row("功能分类科目编码", "科目名称", "", "", "", "", "", "", "", "")
    page.row("类", "款", "项", "栏次", "1", "2", "3", "4", "5", "6")
    n = page.row("", "", "", "合计", table_num(total), table_num(basic), table_num(plan.project_total or None), "", "", "")
    truth.line("公开03", "function", None, "合计", "全部资金", {"total": total, "basic": basic, "project": plan.project_total}, n)
    for r in items:
        n = page.row(r.code, r.name, "", table_num(r.total), table_num(r.basic or None), table_num(r.project or None), "", "", "", "")
        truth.line("公开03", "function", r.code, r.name, "全部资金", {"total": r.total, "basic": r.basic, "project": r.project}, n)
    page.blank()


def general_budget(plan: Plan, page: Page, truth: Truth, rng: random.Random, title) -> None:
    """公开05."""
    y = plan.year
    general = [l for l in plan.lines if l.fund == GENERAL]
    title("五、一般公共预算财政拨款支出决算表", f"{y} 年度一般公共预算财政拨款支出决算表", "公开 05 表")
    gt = plan.general_total
    gbasic = sum((l.basic for l in general), ZERO)
    gproj = sum((l.project for l in general), ZERO)
    shown = gt
    if plan.inconsistency == "class_sum":   # no 类 rows here: the 合计 is what disagrees with its rows
        shown = gt + Decimal(rng.choice((-1, 1)) * rng.randint(100, 5000)) / 100
        truth.checks.append({"kind": "class_sum", "table": "公开05", "code": None, "stated": str(shown), "expected": str(gt)})
    page.row("项目", "", "", "本年支出", "", "")
    page.row("功能分类科目编码", "", "", "科目名称", "小计", "基本支出", "项目支出")
    page.row("类", "款", "项", "栏次", "1", "2", "3")
    n = page.row("", "", "", "合计", table_num(shown), table_num(gbasic), table_num(gproj or None))
    truth.line("公开05", "function", None, "合计", GENERAL, {"total": shown, "basic": gbasic, "project": gproj}, n)
    for r in (r for r in function_rows(general) if len(r.code) == 7):
        n = page.row(r.code, "", "", r.name, table_num(r.total), table_num(r.basic or None), table_num(r.project or None))
        truth.line("公开05", "function", r.code, r.name, GENERAL, {"total": r.total, "basic": r.basic, "project": r.project}, n)
    page.para("注：本表反映部门本年度一般公共预算财政拨款支出情况。")
