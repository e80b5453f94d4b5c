"""A 部门预算 (budget) in the national template, laid out like seed 004: cover, 基本概况,
预算情况说明, 三公, 名词解释 and the tables 预算01–15 (projects, procurement, performance
targets, and each project's 申报表 with its 项目支出明细)."""
from __future__ import annotations

import random
from decimal import Decimal

from kb.synth import codes, common
from kb.synth.page import Page, Truth, class_totals, cn_number, function_rows, pct, table_num, text_num
from kb.synth.plan import ZERO, Plan

GENERAL, GOV = "一般公共预算", "政府性基金预算"


def render(plan: Plan, page: Page, truth: Truth, typo_rate: float, rng: random.Random) -> None:
    d, y = plan.department, plan.year
    total, basic, proj = plan.total, plan.personnel + plan.running, plan.project_total
    general = [l for l in plan.lines if l.fund == GENERAL]
    gov = [l for l in plan.lines if l.fund == GOV]
    page.blank()
    page.para(f"{d} {y} 年预算")
    page.para("目 录")
    for h in ("第一部分 基本概况", "第二部分 预算情况说明", "第三部分 一般公共预算“三公”经费预算情况说明",
              "第四部分 名词解释", "第五部分 预算公开报表"):
        page.para(h)
    page.para("第一部分 基本概况")
    page.para("一、主要职能")
    page.para(f"负责{d}职责范围内的各项工作，承办上级交办的其他事项。")
    page.para("二、预算单位构成情况")
    page.para("本单位由机关单位组成。此次公开内容涵盖本机关单位经费预算。")
    page.para("三、人员构成")
    s = plan.staff
    page.para(f"{d}共有编制 {s['编制']} 人。{y - 1} 年 12 月在职人员实有数 {s['在职']} 人。离退休人员实有数 {s['离退休']} 人。")
    page.para("第二部分 预算情况说明")
    page.para("一、收支预算总体安排情况")
    stated = total
    if plan.inconsistency == "narrative_total":
        stated = total + Decimal(rng.choice((-1, 1)) * rng.randint(100, 20000)) / 100
    n = page.para(f"{y} 年收支总预算 {text_num(stated)} 万元。")
    truth.checks.append({"kind": "narrative_total" if stated != total else "statement", "what": "收支总预算",
                         "stated": str(stated), "expected": str(total), "line": n})
    page.para("二、收入预算安排情况")
    page.para(f"{y} 年收入预算 {text_num(total)} 万元。其中：一般公共预算拨款收入 {text_num(plan.general_total)} 万元，"
              f"占 {pct(plan.general_total, total)}%。")
    page.para("三、支出预算安排情况")
    share = common.basic_share(plan, truth, rng)
    truth.checks[-1]["line"] = len(page.lines) + 1
    page.para(f"{y} 年支出预算 {text_num(total)} 万元。其中：基本支出 {text_num(basic)} 万元，占 {share}%；"
              f"项目支出 {text_num(proj)} 万元，占 {pct(proj, total)}%。")
    page.para("四、一般公共预算支出安排情况")
    page.para(f"基本支出 {text_num(basic)} 万元，其中：人员经费 {text_num(plan.personnel)} 万元，公用经费 "
              f"{text_num(plan.running)} 万元；项目支出 {text_num(proj)} 万元。")
    for i, (cls, amount) in enumerate(sorted(class_totals(general).items()), 1):
        page.para(f"{i}、{codes.FUNCTION[cls]} {text_num(amount)} 万元。")
    page.para("五、项目支出安排情况")
    page.para(f"{y} 年项目支出 {text_num(proj)} 万元，具体使用情况如下：")
    for i, p in enumerate(plan.projects, 1):
        flows = [it.flow for it in p.items if it.flow]
        use = ("主要用于对口帮扶" + "、".join(f.recipient.written for f in flows) + "工作经费") if flows else f"主要用于{p.items[0].item}等"
        n = truth.project_lines[p.name] = page.para(f"{i}、{p.name} {text_num(p.budget)} 万元，{use}。")
        if common.single_flow(p):
            f = flows[0]
            common.record_flow(truth, plan, f, p, f.recipient.written, False, f"{text_num(p.budget)} 万元", "narrative", n, False)
    page.para("六、其他重要事项说明")
    page.para(f"{y} 年机关运行经费 {text_num(plan.running)} 万元。")
    from kb.synth.procurement import purchases
    bought = sum((r.amount for r in purchases(plan, random.Random(f"{plan.doc_id}:procurement"))), ZERO)
    page.para(f"{y} 年预算中纳入政府采购预算支出合计 {text_num(bought)} 万元。")
    page.para("第三部分 一般公共预算“三公”经费预算情况说明")
    tp = plan.three_public
    three = sum((v[0] for v in tp.values()), ZERO)
    n = page.para(f"{y}年一般公共预算安排“三公”经费预算{text_num(three)}万元。公务接待费{text_num(tp['公务接待费'][0])}万元，"
                  f"公务用车运行维护费{text_num(tp['公务用车运行维护费'][0])}万元。")
    truth.three_public.append({"item": "合计", "budget": str(three), "actual": None, "origin": "narrative", "line": n})
    common.glossary(plan, page, "第四部分")
    page.para("第五部分 预算公开报表")

    # 预算01 收支预算总表
    page.row("预算01表", "", f"{y}年收支预算总表", "")
    page.row("", "", "单位：万元", "")
    page.row("收 入", "", "支 出", "")
    page.row("项 目", "预算数", "项 目", "预算数")
    by_class = class_totals(plan.lines)
    incomes = [("一、一般公共预算拨款收入", plan.general_total), ("二、政府性基金预算拨款收入", plan.fund_total)]
    for i, (code, name) in enumerate(codes.SUMMARY_ROWS):
        left = incomes[i] if i < len(incomes) else ("", None)
        page.row(left[0], table_num(left[1] or None), f"{cn_number(i + 1)}、{name}", table_num(by_class.get(code)))
    page.row("本年收入合计", table_num(total), "本年支出合计", table_num(total))
    page.row("收 入 总 计", table_num(total), "支 出 总 计", table_num(total))
    page.blank()
    # 预算02 收入预算总表: by unit, as the national template has it
    _head(page, "预算02表", f"{y}年收入预算总表")
    page.row("单位编码", "单位名称", "合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
             "财政专户管理资金收入", "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "上年结转结余")
    for code, name in (("", "合计"), (plan.unit_code, d), (plan.unit_code + "001", d + "本级")):
        page.row(code, name, table_num(total), table_num(plan.general_total), table_num(plan.fund_total or None),
                 "", "", "", "", "", "", "", "")
    page.blank()
    # 预算03 支出预算总表
    _head(page, "预算03表", f"{y}年支出预算总表")
    page.row("科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出")
    n = page.row("", "合计", table_num(total), table_num(basic), table_num(proj or None), "", "", "")
    truth.line("预算03", "function", None, "合计", "全部资金", {"total": total, "basic": basic, "project": proj}, n)
    for r in function_rows(plan.lines):
        n = page.row(r.code, r.name, table_num(r.total), table_num(r.basic or None), table_num(r.project or None), "", "", "")
        truth.line("预算03", "function", r.code, r.name, "全部资金", {"total": r.total, "basic": r.basic, "project": r.project}, n)
    page.blank()
    # 预算04 财政拨款收支预算总表
    _head(page, "预算04表", f"{y}年财政拨款收支预算总表")
    page.row("项目", "预算数", "项目", "预算数")
    page.row("一、本年收入", table_num(total), "一、本年支出", table_num(total))
    for i, (code, name) in enumerate(codes.SUMMARY_ROWS):
        page.row("", "", f"（{cn_number(i + 1)}）{name}", table_num(by_class.get(code)))
    page.row("收 入 总 计", table_num(total), "支 出 总 计", table_num(total))
    page.blank()
    # 预算05 一般公共预算支出表(分功能科目)
    _head(page, "预算05表", f"{y}年一般公共预算支出表(分功能科目)")
    page.row("科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出")
    page.row("", "", "", "小计", "人员经费", "公用经费", "")
    gb = sum((l.basic for l in general), ZERO)
    gp = sum((l.project for l in general), ZERO)
    n = page.row("", "合计", table_num(plan.general_total), table_num(gb), table_num(plan.personnel), table_num(plan.running),
                 table_num(gp or None))
    truth.line("预算05", "function", None, "合计", GENERAL, {"total": plan.general_total, "basic": gb, "personnel": plan.personnel,
                                                         "running": plan.running, "project": gp}, n)
    first = True
    for r in function_rows(general):
        shown = r.total
        if first and len(r.code) == 3 and plan.inconsistency == "class_sum":
            shown = r.total + Decimal(rng.choice((-1, 1)) * rng.randint(100, 5000)) / 100
            truth.checks.append({"kind": "class_sum", "table": "预算05", "code": r.code, "stated": str(shown), "expected": str(r.total)})
        first = first and len(r.code) != 3
        n = page.row(r.code, r.name, table_num(shown), table_num(r.basic or None), table_num(r.personnel or None),
                     table_num(r.running or None), table_num(r.project or None))
        truth.line("预算05", "function", r.code, r.name, GENERAL, {"total": shown, "basic": r.basic, "personnel": r.personnel,
                                                                "running": r.running, "project": r.project}, n)
    page.blank()
    # 预算06 分单位
    _head(page, "预算06表", f"{y}年一般公共预算支出表(分单位)")
    page.row("单位编码", "单位名称", "合计", "基本支出", "", "", "项目支出")
    page.row("", "", "", "小计", "人员经费", "公用经费", "")
    page.row("", "合计", table_num(plan.general_total), table_num(gb), table_num(plan.personnel), table_num(plan.running), table_num(gp or None))
    for code, name in ((plan.unit_code, d), (plan.unit_code + "001", d + "本级")):
        page.row(code, name, table_num(plan.general_total), table_num(gb), table_num(plan.personnel), table_num(plan.running), table_num(gp or None))
    page.blank()
    # 预算07 基本支出表 (economic)
    _head(page, "预算07表", f"{y}年一般公共预算基本支出表")
    page.row("部门预算支出经济分类科目", "", "本年一般公共预算基本支出", "", "")
    page.row("科目编码", "科目名称", "合计", "人员经费", "公用经费")
    n = page.row("", "合计", table_num(basic), table_num(plan.personnel), table_num(plan.running))
    truth.line("预算07", "economic", None, "合计", GENERAL, {"total": basic, "personnel": plan.personnel, "running": plan.running}, n)
    for cls in ("301", "302", "303"):
        members = {c: a for c, a in plan.economic.items() if c.startswith(cls)}
        if not members:
            continue
        key = "running" if cls == "302" else "personnel"
        for c in [cls] + sorted(members):
            a = sum(members.values(), ZERO) if c == cls else members[c]
            n = page.row(c, codes.ECONOMIC[c], table_num(a), table_num(a) if key == "personnel" else "", table_num(a) if key == "running" else "")
            truth.line("预算07", "economic", c, codes.ECONOMIC[c], GENERAL, {"total": a, key: a}, n)
    page.blank()
    _three_public_table(plan, page, truth, rng)
    _head(page, "预算09表", f"{y}年政府性基金预算支出表")
    page.row("科目编码", "科目名称", "本年政府性基金预算支出", "", "")
    page.row("", "", "合计", "基本支出", "项目支出")
    if gov:
        for r in function_rows(gov):
            n = page.row(r.code, r.name, table_num(r.total), "", table_num(r.project))
            truth.line("预算09", "function", r.code, r.name, GOV, {"total": r.total, "project": r.project}, n)
    else:
        page.add("注：本单位无政府性基金预算相关支出")
    page.blank()
    _head(page, "预算10表", f"{y}年国有资本经营预算支出表")
    page.add("注：本单位无国有资本经营预算相关支出")
    page.blank()
    from kb.synth.declaration import declarations, project_table
    project_table(plan, page, truth)
    declarations(plan, page, truth, typo_rate, rng)


def _three_public_table(plan: Plan, page: Page, truth: Truth, rng: random.Random) -> None:
    _head(page, "预算08表", f"{plan.year}年一般公共预算“三公”经费支出表")
    tp = plan.three_public
    parts = [tp[k][0] for k in ("因公出国(境)费", "公务用车购置费", "公务用车运行维护费", "公务接待费")]
    s = sum(parts, ZERO)
    shown = s
    if plan.inconsistency == "three_public_sum":
        shown = s + Decimal(rng.randint(100, 900)) / 100
        truth.checks.append({"kind": "three_public_sum", "table": "预算08", "stated": str(shown), "expected": str(s)})
    page.row("“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费")
    page.row("", "", "小计", "公务用车购置费", "公务用车运行费", "")
    n = page.row(table_num(shown), table_num(parts[0] or None), table_num(parts[1] + parts[2]), table_num(parts[1] or None),
                 table_num(parts[2]), table_num(parts[3]))
    for item, v in zip(("合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"),
                       (shown, parts[0], parts[1] + parts[2], parts[1], parts[2], parts[3])):
        truth.three_public.append({"item": item, "budget": str(v), "actual": None, "origin": "table", "line": n})
    page.blank()


def _head(page: Page, label: str, title: str) -> None:
    page.para(label)
    page.para(title)
    page.para("单位：万元")

