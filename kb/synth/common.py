"""Text both templates share: how a flow is written (with its occasional typo), the 决算
情况说明 narrative, project self-evaluation tables and the glossary of function codes."""
from __future__ import annotations

import random
from decimal import Decimal

from kb.synth import aid, codes
from kb.synth.page import Page, Truth, class_totals, pct, text_num
from kb.synth.plan import ZERO, Flow, Plan, Project


def written(flow: Flow, typo_rate: float, rng: random.Random) -> tuple[str, bool, bool]:
    """The recipient as this mention writes it, whether a typo was made, and whether one could
    have been (a one-character stem like 忠县 carries none)."""
    text = flow.recipient.written
    # the place's own name (after any parent written before it: 恩施州宣恩县), or the short form a
    # prefecture is written in (恩施州)
    name = flow.recipient.name if text.endswith(flow.recipient.name) else text
    if rng.random() < typo_rate:
        wrong = aid.typo_of(name, rng)
        if wrong is not None:
            return text[: len(text) - len(name)] + wrong, True, True
    return text, False, aid.typo_of(name, random.Random(0)) is not None


def amount_text(amount: Decimal, rng: random.Random, allow_yuan: bool) -> str:
    if allow_yuan and rng.random() < 0.1:
        return f"{int(amount * 10000)}元"
    return f"{text_num(amount)}万元"


def record_flow(truth: Truth, plan: Plan, flow: Flow, project: Project, text: str, typo: bool, amount_written: str,
                origin: str, line: int, typo_eligible: bool = True) -> None:
    """One statement of a flow. `typo_eligible` is False where the place is written inside a project's
    name (names are copied, not retyped, so they keep their spelling)."""
    r = flow.recipient
    truth.flows.append({
        "payer_department": plan.department, "payer_place": plan.county.name, "payer_code": plan.county.code,
        "payer_region": plan.county.region, "recipient": r.name, "recipient_level": r.level,
        "recipient_code": r.code, "recipient_county": r.county, "recipient_region": aid.PLACES[r.code].region,
        "recipient_text": text, "recipient_written": r.written, "typo": typo, "amount": str(flow.amount), "amount_text": amount_written,
        "unit": "万元", "year": plan.year, "stage": "budget" if plan.stage == "预算" else "actual",
        "flow_type": flow.flow_type, "purpose": flow.purpose, "project": project.name, "origin": origin, "line": line,
        "typo_eligible": typo_eligible,
    })


def single_flow(p: Project) -> Flow | None:
    """The flow a project *is* (a project named after its one recipient), if it is one."""
    flows = [i.flow for i in p.items if i.flow]
    return flows[0] if len(flows) == 1 and len(p.items) == 1 else None


def basic_share(plan: Plan, truth: Truth, rng: random.Random) -> str:
    """基本支出's share of the total as the narrative states it (wrong when a `percentage`
    inconsistency is injected); recorded as a check. The caller sets the check's line."""
    basic, total = plan.personnel + plan.running, plan.total
    expected = pct(basic, total)
    stated = expected
    if plan.inconsistency == "percentage":
        stated = text_num(Decimal(expected) + Decimal(rng.choice((-1, 1)) * rng.randint(20, 150)) / 10)
    truth.checks.append({"kind": "percentage" if stated != expected else "percent", "what": "基本支出占比",
                         "part": str(basic), "whole": str(total), "stated": stated, "expected": expected, "line": None})
    return stated


def narrative_final(plan: Plan, page: Page, truth: Truth, typo_rate: float, rng: random.Random,
                    three_budget: Decimal, three_actual: Decimal) -> None:
    d, y = plan.department, plan.year
    total, basic, proj = plan.total, plan.personnel + plan.running, plan.project_total
    page.para(f"第三部分 {d} {y}年度部门决算情况说明")
    page.para("一、收入支出决算总体情况说明")
    n = page.para(f"{y}年度收、支总计{text_num(total)}万元。")
    truth.checks.append({"kind": "statement", "what": "收支总计", "stated": str(total), "expected": str(total), "line": n})
    page.para("二、收入决算情况说明")
    page.para(f"{y}年度收入合计{text_num(total)}万元。其中：财政拨款收入{text_num(total)}万元，占本年收入100%。")
    page.para("三、支出决算情况说明")
    stated = total
    if plan.inconsistency == "narrative_total":
        stated = total + Decimal(rng.choice((-1, 1)) * rng.randint(100, 20000)) / 100
    share = basic_share(plan, truth, rng)
    n = page.para(f"{y} 年度支出合计 {text_num(stated)} 万元，其中：基本支出 {text_num(basic)} 万元，占本年支出 "
                  f"{share}%；项目支出 {text_num(proj)} 万元，占本年支出 {pct(proj, total)}%。")
    truth.checks[-1]["line"] = n
    truth.checks.append({"kind": "narrative_total" if stated != total else "statement", "what": "支出合计",
                         "stated": str(stated), "expected": str(total), "line": n})
    page.para("四、财政拨款收入支出决算总体情况说明")
    fund = f"政府性基金预算财政拨款收入 {text_num(plan.fund_total)} 万元。" if plan.fund_total else "本年度无政府性基金预算财政拨款收入。"
    page.para(f"{y} 年度财政拨款收、支总计 {text_num(total)} 万元。其中：一般公共预算财政拨款收入 "
              f"{text_num(plan.general_total)} 万元；{fund}")
    page.para("五、一般公共预算财政拨款支出决算情况说明")
    page.para("(一)一般公共预算财政拨款支出决算总体情况")
    gt = plan.general_total
    page.para(f"{y} 年度一般公共预算财政拨款支出 {text_num(gt)} 万元，占本年支出合计的 {pct(gt, total)}%。")
    page.para("(二)一般公共预算财政拨款支出决算结构情况")
    page.para(f"{y} 年度一般公共预算财政拨款支出 {text_num(gt)} 万元，主要用于以下方面：")
    general = [l for l in plan.lines if l.fund == "一般公共预算"]
    for i, (cls, amount) in enumerate(sorted(class_totals(general).items()), 1):
        page.para(f"{i}. {codes.FUNCTION[cls]}(类){text_num(amount)} 万元，占 {pct(amount, gt)}%。")
    page.para("(三)一般公共预算财政拨款支出决算具体情况")
    init = sum((l.initial_budget for l in general), ZERO)
    gproj = [p for p in plan.projects if p.fund == "一般公共预算"]
    uses = []
    flow_parts: list[tuple[Project, Flow, str, bool, str, bool]] = []
    named: list[tuple[Project, Flow]] = []
    for p in gproj:
        part = f"{p.name} {text_num(p.amount)} 万元"
        flows = [i.flow for i in p.items if i.flow]
        if single_flow(p):
            named.append((p, flows[0]))
        elif flows:
            bits = []
            for f in flows:
                w, typo, eligible = written(f, typo_rate, rng)
                amt = amount_text(f.amount, rng, allow_yuan=True)
                bits.append(f"对口帮扶{w} {amt}")
                flow_parts.append((p, f, w, typo, amt, eligible))
            part += "，其中：" + "、".join(bits)
        uses.append(part)
    n = page.para(f"{y}年度一般公共预算财政拨款支出年初预算为 {text_num(init)} 万元，支出决算为 {text_num(gt)} 万元，"
                  f"完成年初预算的 {pct(gt, init)}%。其中：基本支出 {text_num(sum((l.basic for l in general), ZERO))} 万元，"
                  f"项目支出 {text_num(sum((p.amount for p in gproj), ZERO))} 万元。项目支出主要用于" + "；".join(uses) + "。")
    for p, f, w, typo, amt, eligible in flow_parts:
        record_flow(truth, plan, f, p, w, typo, amt, "narrative", n, eligible)
    for p, f in named:
        record_flow(truth, plan, f, p, f.recipient.written, False, f"{text_num(p.amount)} 万元", "narrative", n, False)
    for i, l in enumerate(general, 1):
        rate = f"，完成年初预算的 {pct(l.total, l.initial_budget)}%" if l.initial_budget else ""
        why = "" if l.initial_budget == l.total else "，主要原因是年中追加或调减预算"
        n = page.para(f"{i}.{codes.chain_name(l.code)}。年初预算为 {text_num(l.initial_budget)} 万元，支出决算为 "
                      f"{text_num(l.total)} 万元{rate}{why}。")
        truth.variances.append({"function_code": l.code, "name": codes.FUNCTION[l.code], "initial_budget": str(l.initial_budget),
                                "final": str(l.total), "line": n})
    page.para("六、一般公共预算财政拨款基本支出决算情况说明")
    page.para(f"{y}年度一般公共预算财政拨款基本支出{text_num(basic)}万元，其中：")
    pers = [f"{codes.ECONOMIC[c]}{text_num(a)}万元" for c, a in sorted(plan.economic.items()) if c[:3] in ("301", "303") and a]
    run = [f"{codes.ECONOMIC[c]}{text_num(a)}万元" for c, a in sorted(plan.economic.items()) if c[:3] == "302" and a]
    page.para(f"人员经费{text_num(plan.personnel)}万元，主要包括：" + "，".join(pers) + "。")
    page.para(f"公用经费{text_num(plan.running)}万元，主要包括：" + "，".join(run) + "。")
    page.para("七、政府性基金预算财政拨款收入支出决算情况说明")
    page.para(f"{y} 年度政府性基金预算财政拨款本年收入 {text_num(plan.fund_total)} 万元，本年支出 {text_num(plan.fund_total)} 万元。")
    page.para("八、国有资本经营预算财政拨款支出决算情况说明")
    page.para("本单位当年无国有资本经营预算财政拨款支出。")
    page.para("九、财政拨款“三公”经费支出决算情况说明")
    n = page.para(f"{y} 年度“三公”经费财政拨款支出全年预算为 {text_num(three_budget)} 万元，支出决算为 "
                  f"{text_num(three_actual)} 万元，完成全年预算的 {pct(three_actual, three_budget)}%。")
    truth.three_public.append({"item": "合计", "budget": str(three_budget), "actual": str(three_actual), "origin": "narrative", "line": n})
    page.para("十、机关运行经费支出说明")
    page.para(f"{y} 年度{d}机关运行经费支出 {text_num(plan.running)} 万元。")
    page.para("十一、预算绩效情况说明")
    page.para(f"我单位组织对 {y} 年度一般公共预算项目支出全面开展绩效自评，共涉及项目 {len(plan.projects)} 个。")
    for i, p in enumerate(plan.projects, 1):
        rate = pct(p.executed or ZERO, p.budget)
        extra = ""
        flows = [it.flow for it in p.items if it.flow]
        if flows:
            extra = "主要产出和效益是：保障" + "、".join(f"对口帮扶{f.recipient.written}" for f in flows) + "工作。"
        n = page.para(f"{i}.{p.name}绩效自评综述：项目全年预算数为 {text_num(p.budget)} 万元，执行数为 "
                      f"{text_num(p.executed or ZERO)} 万元，完成预算的 {rate}%。{extra}")
        truth.project_lines[p.name] = n
        f = single_flow(p)
        if f is not None:
            record_flow(truth, plan, f, p, f.recipient.written, False, f"{text_num(p.executed or ZERO)} 万元", "narrative", n, False)
    page.para(f"第四部分 {y} 年重点工作完成情况")
    page.para("一、围绕中心工作，统筹推进年度重点任务，各项工作按计划完成。")
    glossary(plan, page)
    page.para("第六部分 附件")
    for p in plan.projects:
        self_evaluation(plan, page, p, truth)


def glossary(plan: Plan, page: Page, part: str = "第五部分") -> None:
    page.para(f"{part} 名词解释")
    page.para("(一)本部门使用的支出功能分类科目(到项级)")
    for i, l in enumerate(plan.lines, 1):
        page.para(f"{i}.{codes.chain_name(l.code)}。反映{codes.FUNCTION[l.code]}方面的支出。")
    page.para("(二)基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。")
    page.para("(三)项目支出：指在基本支出之外为完成特定行政任务或事业发展目标所发生的支出。")


def self_evaluation(plan: Plan, page: Page, p: Project, truth: Truth) -> None:
    page.para(f"{plan.year} 年度{p.name}项目自评表")
    page.para(f"单位名称：{plan.department}")
    n = page.row("项目名称", "", p.name, "", "", "", "")
    f = single_flow(p)
    if f is not None:  # the table's 执行数 is the payment (the loaders read it as an `indicator` flow)
        record_flow(truth, plan, f, p, f.recipient.written, False, text_num(p.executed or ZERO), "indicator", n, False)
    page.row("主管部门", "", plan.department, "项目实施单位", "", plan.department, "")
    box = lambda on: '<input checked="" type="checkbox"/>' if on else '<input type="checkbox"/>'  # noqa: E731
    page.row("项目类别", "", f"1、部门预算项目 {box(True)} 2、区直专项 {box(False)}", "", "", "", "")
    page.row("项目类型", "", f"1、常年性项目 {box(p.frequency == '常年')} 2、延续性项目 {box(p.frequency == '延续性')} "
             f"3、一次性项目 {box(p.frequency == '一次性')}", "", "", "", "")
    page.row("预算执行情况 (万元) (20分)", "", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分 (20分*执行率)")
    executed = p.executed or ZERO
    rate = min(Decimal(1), executed / p.budget) if p.budget else Decimal(0)
    page.row("", "年度财政资金总额", text_num(p.budget), text_num(executed), f"{pct(executed, p.budget)}%",
             text_num((rate * 20).quantize(Decimal("0.1"))))
    page.row("年度绩效目标1 (80分)", "一级指标", "二级指标", "三级指标", "年初目标值 (A)", "实际完成值(B)", "得分")
    last1 = last2 = None
    for ind in p.indicators:
        l1 = ind.level1 if ind.level1 != last1 else ""
        l2 = ind.level2 if ind.level2 != last2 else ""
        last1, last2 = ind.level1, ind.level2
        ind.line = page.row("", l1, l2, ind.name, ind.target, ind.actual or "", text_num(ind.weight))
    page.row("总分", text_num(sum((i.weight for i in p.indicators), ZERO) + (rate * 20).quantize(Decimal("0.1"))))
    page.blank()
