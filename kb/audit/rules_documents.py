"""Across documents: a department's budget (预算) against its final account (决算) of the same year.

The 决算 restates each function line's 年初预算; it must equal the 预算 document's figure. The
execution rate (执行率) is reported with each such comparison."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from kb.audit import corpus_rule
from kb.audit.finding import Figure, Finding, fmt
from kb.audit.tolerance import differs
from loaders.records import BudgetLine, Extraction, Variance


def _department_key(ex: Extraction) -> tuple[str, int] | None:
    d = ex.document
    if not d.department or not d.fiscal_year:
        return None
    return d.department.replace("本级", ""), d.fiscal_year


@corpus_rule("cross.budget_vs_final")
def budget_vs_final(extractions: list[Extraction]) -> Iterable[Finding]:
    budgets = {_department_key(ex): ex for ex in extractions if ex.document.stage == "预算"}
    for final in (ex for ex in extractions if ex.document.stage == "决算"):
        budget = budgets.get(_department_key(final))
        if budget is None:
            continue
        planned = {ln.code: ln for ln in budget.of(BudgetLine) if ln.classification == "function" and ln.code
                   and ln.fund_type == "一般公共预算" and "total" in ln.measures and not ln.unit_code}
        for v in final.of(Variance):
            line = planned.get(v.function_code or "")
            if line is None or v.initial_budget is None:
                continue
            stated, planned_total = v.initial_budget, line.measures["total"]
            if not differs(stated, planned_total, 1):
                continue
            diff = stated - planned_total
            rate = "" if v.final is None or not planned_total else \
                f"；按预算文件计算执行率为{(v.final / planned_total * 100).quantize(Decimal('0.1'))}%"
            yield Finding(
                rule="cross.budget_vs_final", severity="medium", document=final.document.id,
                department=final.document.department,
                figures=(Figure.of(f"决算 {v.function_code} 年初预算", stated, v),
                         Figure.of(f"预算 {line.table}表 {line.code}", planned_total, line)),
                arithmetic=f"决算所列年初预算 {fmt(stated)} ≠ 预算文件 {fmt(planned_total)}（差 {fmt(diff)}）",
                message=f"{final.document.fiscal_year}年决算第{v.line}行称{v.name}（{v.function_code}）年初预算为"
                        f"{fmt(stated)}万元，而同年预算文件{line.table}表为{fmt(planned_total)}万元{rate}。",
                difference=diff, documents=(final.document.id, budget.document.id))
