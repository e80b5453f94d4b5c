"""The budget's project tables: 预算11 项目支出预算表, 预算12–14, and each project's 预算15
项目支出(绩效目标)申报表 with its 项目支出明细 (where aid flows are written) and targets."""
from __future__ import annotations

import random
from decimal import Decimal

from kb.synth import common
from kb.synth.procurement import procurement_table
from kb.synth.page import Page, Truth, table_num, text_num
from kb.synth.plan import ZERO, Plan, Project


def project_table(plan: Plan, page: Page, truth: Truth) -> None:
    y = plan.year
    page.para("预算11表")
    page.para(f"{y}年项目支出预算表")
    page.para("单位：万元")
    page.row("项目编号", "项目名称", "项目单位", "合计", "本年拨款", "", "", "财政拨款结转结余", "", "", "财政专户管理资金", "单位资金")
    page.row("", "", "", "", "一般公共预算", "政府性基金预算", "国有资本经营预算", "一般公共预算", "政府性基金预算", "国有资本经营预算", "", "")
    total = sum((p.budget for p in plan.projects), ZERO)
    general = sum((p.budget for p in plan.projects if p.fund == "一般公共预算"), ZERO)
    other = table_num((total - general) or None)
    page.row("", "合计", "", table_num(total), table_num(general), other, "", "", "", "", "", "")
    page.row(plan.unit_code, plan.department, "", table_num(total), table_num(general), other, "", "", "", "", "", "")
    page.row(plan.unit_code + "001", plan.department + "本级", "", table_num(total), table_num(general), other, "", "", "", "", "", "")
    page.row("31", "本级支出项目", "", table_num(total), table_num(general), other, "", "", "", "", "", "")
    for p in plan.projects:
        g = p.budget if p.fund == "一般公共预算" else None
        f = p.budget if p.fund != "一般公共预算" else None
        n = page.row(p.code, p.name, plan.department + "本级", table_num(p.budget), table_num(g), table_num(f), "", "", "", "", "", "")
        truth.project_lines.setdefault(p.name, n)
    page.blank()
    procurement_table(plan, page, truth, random.Random(f"{plan.doc_id}:procurement"))
    page.para("预算13表")
    page.para(f"{y}年政府向社会力量购买服务预算表")
    page.add("注：本单位无向社会力量购买服务")
    page.blank()
    page.para("预算14表")
    page.para(f"{y}年部门整体绩效目标申报表")
    page.row("部门（单位）名称", plan.department)
    page.row("项目支出情况", "项目名称", "支出项目类别", "项目总预算", "项目本年度预算")
    for p in plan.projects:
        page.row("", p.name, f"{p.category}项目支出", text_num(p.budget), text_num(p.budget))
    page.blank()


def declarations(plan: Plan, page: Page, truth: Truth, typo_rate: float, rng: random.Random) -> None:
    broken = None
    if plan.inconsistency == "breakdown_sum":
        # never a flow's own line: the flow's amount stays what the truth says it is
        broken = rng.choice([p for p in plan.projects if any(i.flow is None for i in p.items)]).name
    for p in plan.projects:
        _declaration(plan, p, page, truth, typo_rate, rng, broken == p.name)


_FREQ = ("一次性", "常年", "延续性")


def _box(checked: bool) -> str:
    return '<input checked="" type="checkbox"/>' if checked else '<input type="checkbox"/>'


def _declaration(plan: Plan, p: Project, page: Page, truth: Truth, typo_rate: float, rng: random.Random,
                 broken: bool) -> None:
    y = plan.year
    page.para(f"{y}年{plan.county.name}项目支出(绩效目标)申报表")
    page.para("单位名称：（盖章）")
    page.row("项目名称", p.name, "项目代码", "", "", "")
    page.row("项目主管部门", plan.department, "项目执行单位", plan.department, "", "")
    page.row("项目年度", f"{y}年", "", "", "", "")
    page.row("项目类别", f"1. 运转类 {_box(p.category == '运转类')} 2. 特定目标类本级支出 {_box(p.category == '特定目标类')} "
             f"3. 特定目标类上级转移支出 {_box(False)}", "", "", "", "")
    page.row("项目安排频度", " ".join(f"{i}. {f}项目 {_box(p.frequency == f)}" for i, f in enumerate(_FREQ, 1)), "", "", "", "")
    page.row("立项依据", p.legal_basis, "", "", "", "")
    page.row("项目实施方案", f"按照年度工作计划组织实施{p.name}。", "", "", "", "")
    page.row("项目总预算", f"{text_num(p.budget)}万元", "项目当年预算", f"{text_num(p.budget)}万元", "", "")
    page.row(f"{y}年预算申报项目资金来源", "来源项目", f"{y}年预算申报数", "", "", "")
    page.row("", "当年预算合计", f"{text_num(p.budget)}万元", "", "", "")
    page.row("", "1. 财政拨款收入（区级安排数）", f"{text_num(p.budget)}万元", "", "", "")
    page.row("", "2. 财政拨款收入（上级转移支付）", "", "", "", "")
    page.row(f"{y}年项目支出明细及依据", "项目内容", "测算依据及说明", "本级财政拨款金额", "上级转移支付金额", "其他资金")
    places = []
    items_sum = ZERO
    last_plain = max((i for i, it in enumerate(p.items) if it.flow is None), default=None)
    for idx, it in enumerate(p.items):
        amount = it.amount
        if broken and idx == last_plain:
            amount = it.amount + Decimal(rng.choice((1, 2, 5, 10)))
            truth.checks.append({"kind": "breakdown_sum", "project": p.name, "item": it.item,
                                 "stated": str(amount), "expected": str(it.amount), "line": len(page.lines) + 1})
        items_sum += amount
        if it.flow:
            w, typo, eligible = common.written(it.flow, typo_rate, rng)
            places.append(w)
            item = it.item.format(w=w)
            basis = it.basis.format(w=w)
            n = page.row("", item, basis, f"{amount:.2f}万元", "", "")
            common.record_flow(truth, plan, it.flow, p, w, typo, f"{amount:.2f}万元", "breakdown", n, eligible)
        else:
            basis = it.basis.format(places="、".join(places)) if "{places}" in it.basis else it.basis
            page.row("", it.item, basis, f"{text_num(amount)}万元", "", "")
    truth.checks.append({"kind": "breakdown_sum" if broken else "breakdown", "project": p.name,
                         "stated": str(items_sum), "expected": str(p.budget)})
    page.row("项目资产配置计划及采购计划", "", "", "", "", "")
    page.row("品名", "数量", "金额", "", "", "")
    page.row("项目绩效总目标", "", "", "", "", "")
    page.row("名称", "目标说明", "", "", "", "")
    page.row("年度绩效目标1", f"完成{p.name}年度各项任务。", "", "", "", "")
    page.row("年度绩效目标表", "", "", "", "", "", "", "", "", "")
    page.row("目标名称", "指标权重比例(%)", "一级指标", "二级指标", "三级指标", "指标值", "", "", "", "指标值确定依据")
    page.row("", "", "", "", "", "前年", "上年", "预计当年实现", "指标分值权重", "")
    last1 = last2 = None
    for k, ind in enumerate(p.indicators):
        ind.line = page.row("年度绩效目标1" if k == 0 else "", "100" if k == 0 else "", ind.level1 if ind.level1 != last1 else "",
                 ind.level2 if ind.level2 != last2 else "", ind.name, ind.target, ind.target, ind.target,
                 text_num(ind.weight), "计划数据")
        last1, last2 = ind.level1, ind.level2
    page.blank()
