"""What a narrative figure is about, in terms the tables use.

`支出合计` in 三、支出决算情况说明 is the all-funds expenditure total (公开03 合计); `一般公共预算财政拨款
基本支出` is the basic expenditure of the general budget (公开05 合计, basic column); `农林水支出(类)`
under 一般公共预算 is the 213 row of 公开05. A subject this module cannot place is left alone: the
audit never guesses what a sentence means.
"""
from __future__ import annotations

import re
from decimal import Decimal

from loaders.records import BudgetLine, Statement

# Scope prefixes, longest first. The value is the fund_type of the tables that state that scope.
SCOPES = (
    ("一般公共预算财政拨款", "一般公共预算"), ("一般公共预算拨款", "一般公共预算"), ("一般公共预算", "一般公共预算"),
    ("政府性基金预算财政拨款", "政府性基金预算"), ("政府性基金预算", "政府性基金预算"),
    ("国有资本经营预算财政拨款", "国有资本经营预算"), ("国有资本经营预算", "国有资本经营预算"),
    ("一般", "一般公共预算"), ("财政拨款", "财政拨款"),
)
# Core subjects → the measure of the total row that states them.
CORES = {
    "收、支总计": "grand_total", "收支总计": "grand_total", "收支总预算": "grand_total",
    "收入合计": "income", "收入预算": "income", "本年收入": "income", "收入": "income", "拨款收入": "income",
    "支出合计": "total", "支出预算": "total", "本年支出": "total", "支出": "total", "拨款": "total",
    "基本支出": "basic", "项目支出": "project", "人员经费": "personnel", "公用经费": "running",
}
# Sentences about the budget inside a final account, or about something else entirely.
SKIP = re.compile(r"年初预算|全年预算|预算数|原因|主要用于|其中|以前年度|上年结转")
_CLASS_SUFFIX = re.compile(r"[（(]类[）)]")


def section_scope(section: str | None) -> str:
    s = section or ""
    if "一般公共预算" in s:
        return "一般公共预算"
    if "政府性基金" in s:
        return "政府性基金预算"
    if "国有资本" in s:
        return "国有资本经营预算"
    if "财政拨款" in s:
        return "财政拨款"
    return "全部资金"


def classify(st: Statement, class_names: dict[str, str]) -> tuple[str, str, str | None] | None:
    """→ (scope, measure, function class code or None), or None when the subject is not a total."""
    subject = st.subject.replace(" ", "")
    if SKIP.search(subject) or st.amount is None:
        return None
    scope = None
    for prefix, fund in SCOPES:
        if subject.startswith(prefix) and subject != prefix:
            scope, subject = fund, subject[len(prefix):]
            break
        if subject == prefix and prefix.endswith("拨款"):
            scope, subject = fund, "拨款"
            break
    scope = scope or section_scope(st.section)
    if subject in CORES:
        return scope, CORES[subject], None
    name = _CLASS_SUFFIX.sub("", subject)
    name = name[:-2] if name.endswith("支出") and name not in class_names else name
    for candidate in (name, name + "支出"):
        if candidate in class_names:
            return scope, "total", class_names[candidate]
    return None


def table_value(lines: list[BudgetLine], scope: str, measure: str, code: str | None) -> tuple[BudgetLine, Decimal] | None:
    """The table figure for a classified subject: a 合计 row (or a 类 row) of a table of that scope."""
    if measure in ("grand_total", "income"):
        return None  # 总计 rows include carry-over, income tables differ in layout: restatements cover them
    fund = {"财政拨款": None}.get(scope, scope)
    for line in lines:
        if line.classification != "function" or line.unit_code:
            continue
        if scope == "财政拨款":
            if not line.table.endswith("04"):
                continue
        elif line.fund_type != fund:
            continue
        if code is None and (line.code or "合计" not in line.name or "总计" in line.name):
            continue
        if code is not None and line.code != code:
            continue
        if measure in line.measures:
            return line, line.measures[measure]
    return None
