"""A budget's 政府采购预算表 (预算12, as seed 004 prints it): services bought for the office's own
running costs (printing, fuel, car maintenance) and for projects, with the SME shares."""
from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from kb.synth import codes
from kb.synth.page import Page, Truth, table_num
from kb.synth.plan import CENT, ZERO, Plan

# real items of the 政府采购品目分类目录 the seeds buy, by the economic line that pays for them
_ITEMS = {"30202": ("C23090199", "其他印刷服务"), "30231": ("C23120302", "车辆加油、添加燃料服务")}
_CAR_REPAIR = ("C23120301", "车辆维修和保养服务")


@dataclass(frozen=True, slots=True)
class Purchase:
    project: str
    item: tuple[str, str]
    function_code: str
    economic_code: str
    amount: Decimal
    sme: Decimal
    small: Decimal


def purchases(plan: Plan, rng: random.Random) -> list[Purchase]:
    out: list[Purchase] = []
    admin = plan.dept_type.basic_code

    def shares(amount: Decimal) -> tuple[Decimal, Decimal]:
        sme = (amount * rng.choice((60, 100, 100)) / 100).quantize(CENT)
        return sme, (sme * rng.choice((60, 100)) / 100).quantize(CENT)

    for econ in ("30202", "30231"):
        available = plan.economic.get(econ, ZERO)
        if available >= 1:
            amount = (available * rng.randint(30, 90) / 100).quantize(CENT)
            out.append(Purchase("在职人员公用", _ITEMS[econ], admin, econ, amount, *shares(amount)))
            if econ == "30231" and available - amount >= 1:
                repair = (available - amount).quantize(CENT)
                out.append(Purchase("在职人员公用", _CAR_REPAIR, admin, econ, repair, *shares(repair)))
    for p in plan.projects:
        for it in p.items:
            if it.item == "资料印刷":
                out.append(Purchase(p.name, _ITEMS["30202"], p.function_code, "30202", it.amount, *shares(it.amount)))
    return out


def procurement_table(plan: Plan, page: Page, truth: Truth, rng: random.Random) -> Decimal:
    """Writes 预算12 and returns the total (the narrative states it)."""
    rows = purchases(plan, rng)
    page.para("预算12表")
    page.para(f"{plan.year}年政府采购预算表")
    page.para("单位：万元")
    if not rows:
        page.add("注：本单位无政府采购预算")
        page.blank()
        return ZERO
    page.row("单位代码", "单位名称", "项目", "政府采购品目", "功能科目", "部门支出经济分类", "资金来源", "资金性质",
             "采购数量", "单价(万元)", "计量单位", "采购金额", "", "", "")
    page.row("", "", "", "", "", "", "", "", "", "", "", "采购金额合计(万元)", "其中面向中小企业(万元)", "其中面向小微企业(万元)", "")
    total = sum((r.amount for r in rows), ZERO)
    sme = sum((r.sme for r in rows), ZERO)
    small = sum((r.small for r in rows), ZERO)
    page.row("", "合计", "", "", "", "", "", "", "", table_num(total), "", "", table_num(total), table_num(sme), table_num(small))
    page.row(plan.unit_code, plan.department, *([""] * 13))
    unit = plan.department + "本级"
    for r in rows:
        n = page.row(plan.unit_code + "001", unit, r.project, f"[{r.item[0]}]{r.item[1]}",
                     f"[{r.function_code}]{codes.FUNCTION[r.function_code]}",
                     f"[{r.economic_code}]{codes.ECONOMIC[r.economic_code]}", "预算安排", "经费拨款补助", "1",
                     table_num(r.amount), "1", "", table_num(r.amount), table_num(r.sme), table_num(r.small))
        truth.procurement.append({
            "unit": unit, "project": r.project, "item_code": r.item[0], "item_name": r.item[1],
            "function_code": r.function_code, "economic_code": r.economic_code, "quantity": "1",
            "amount": str(r.amount), "sme_amount": str(r.sme), "small_micro_amount": str(r.small), "line": n})
    page.blank()
    return total
