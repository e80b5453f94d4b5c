"""A 部门决算 (final account) in the national template, laid out like seeds 000/003: cover,
概况, tables 公开01–09 (tab-separated), 情况说明, 重点工作, 名词解释, 项目自评表."""
from __future__ import annotations

from decimal import Decimal

from kb.synth import codes, common, final_items
from kb.synth.page import Page, Truth, class_totals, cn_number, function_rows, table_num
from kb.synth.plan import ZERO, Plan

FUND_GENERAL, FUND_GOV = "一般公共预算", "政府性基金预算"


def render(plan: Plan, page: Page, truth: Truth, typo_rate: float, rng) -> None:
    d, y = plan.department, plan.year
    general = [l for l in plan.lines if l.fund == FUND_GENERAL]
    gov = [l for l in plan.lines if l.fund == FUND_GOV]
    page.blank()
    page.add(f"{y} 年度")
    page.add(f"{d}部门决算")
    page.blank()
    page.para(f"{y + 1} 年 {rng.randint(7, 10)} 月 {rng.randint(1, 28)} 日")
    page.para("目 录")
    page.para(f"第一部分 {d}概况")
    page.para(f"第二部分 {d} {y} 年度部门决算表")
    page.para(f"第三部分 {d} {y} 年度部门决算情况说明")
    page.para(f"第四部分 {y} 年度重点工作完成情况")
    page.para("第五部分 名词解释")
    page.para("第六部分 附件")
    page.para(f"第一部分 {d}概况")
    page.para("一、部门主要职责")
    page.para(f"贯彻落实上级和本级党委、政府的决策部署，负责{d}职责范围内的各项工作。")
    page.para("二、机构设置情况")
    page.para(f"从单位构成看，{d}部门决算由实行独立核算的{d}本级决算组成。")
    s = plan.staff
    page.para(f"{d}共有编制 {s['编制']} 人，在职人员实有数 {s['在职']} 人，离退休人员 {s['离退休']} 人。")
    page.para(f"第二部分 {d} {y} 年度部门决算表")
    short = d.replace(plan.place_name, "", 1) if d.startswith(plan.place_name) else d
    dept_line = f"部门：{plan.county.name}{short}本级"
    total = plan.total

    # 公开01 收入支出决算总表
    _title(page, "一、收入支出决算总表", f"{y} 年度收入支出决算总表", "公开 01 表", dept_line)
    page.row("收入", "", "", "支出", "", "")
    page.row("项目", "行次", "金额", "项目", "行次", "金额")
    by_class = class_totals(plan.lines)
    incomes = [("一、一般公共预算财政拨款收入", plan.general_total), ("二、政府性基金预算财政拨款收入", plan.fund_total)]
    for i, (code, name) in enumerate(codes.SUMMARY_ROWS):
        left = incomes[i] if i < len(incomes) else ("", None)
        page.row(left[0], str(i + 1), table_num(left[1] or None), f"{cn_number(i + 1)}、{name}", str(31 + i),
                 table_num(by_class.get(code)))
    page.row("本年收入合计", "27", table_num(total), "本年支出合计", "57", table_num(total))
    page.row("年初结转和结余", "29", "", "年末结转和结余", "59", "")
    page.row("总计", "30", table_num(total), "总计", "60", table_num(total))
    page.blank()

    title = lambda heading, name, label: _title(page, heading, name, label, dept_line)  # noqa: E731
    basic = plan.personnel + plan.running
    if plan.layout == "items":
        final_items.income_and_expenditure(plan, page, truth, title)
    else:
        # 公开02 收入决算表 (003's layout: code, name, then the columns)
        _title(page, "二、收入决算表", f"{y} 年度收入决算表", "公开 02 表", dept_line)
        page.row("项目", "", "", "", "", "", "", "", "")
        page.row("功能分类科目", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
        page.row("", "栏次", "1", "2", "3", "4", "5", "6", "7")
        n = page.row("类款项", "合计", table_num(total), table_num(total), "", "", "", "", "")
        truth.line("公开02", "function", None, "合计", "全部资金", {"total": total, "fiscal_income": total}, n)
        for r in function_rows(plan.lines):
            n = page.row(r.code, r.name, table_num(r.total), table_num(r.total), "", "", "", "", "")
            truth.line("公开02", "function", r.code, r.name, "全部资金", {"total": r.total, "fiscal_income": r.total}, n)
        page.para("注：本表反映部门本年度取得的各项收入情况。")

        # 公开03 支出决算表
        _title(page, "三、支出决算表", f"{y} 年度支出决算表", "公开 03 表", dept_line)
        page.row("项目", "", "", "", "", "", "", "")
        page.row("功能分类科目", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
        page.row("类款项", "栏次", "1", "2", "3", "4", "5", "6")
        basic = plan.personnel + plan.running
        n = page.row("", "合计", table_num(total), table_num(basic), table_num(plan.project_total or None), "", "", "")
        truth.line("公开03", "function", None, "合计", "全部资金", {"total": total, "basic": basic, "project": plan.project_total}, n)
        for r in function_rows(plan.lines):
            n = page.row(r.code, r.name, table_num(r.total), table_num(r.basic or None), table_num(r.project or None), "", "", "")
            truth.line("公开03", "function", r.code, r.name, "全部资金", {"total": r.total, "basic": r.basic, "project": r.project}, n)
        page.para("注：本表反映部门本年度各项支出情况。")

    # 公开04 财政拨款收入支出决算总表
    _title(page, "四、财政拨款收入支出决算总表", f"{y}年度财政拨款收入支出决算总表", "公开 04 表", dept_line)
    page.row("收 入", "", "", "支 出", "", "", "", "", "")
    page.row("项目", "行次", "决算数", "项目", "行次", "决算数", "", "", "")
    page.row("", "", "", "", "", "小计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
    page.row("栏次", "", "1", "栏次", "", "2", "3", "4", "5")
    gen_class, gov_class = class_totals(general), class_totals(gov)
    incomes4 = [("一、一般公共预算财政拨款", plan.general_total), ("二、政府性基金预算财政拨款", plan.fund_total),
                ("三、国有资本经营预算财政拨款", None)]
    for i, (code, name) in enumerate(codes.SUMMARY_ROWS):
        left = incomes4[i] if i < len(incomes4) else ("", None)
        page.row(left[0], str(i + 1), table_num(left[1] or None), f"{cn_number(i + 1)}、{name}", str(33 + i),
                 table_num(by_class.get(code)), table_num(gen_class.get(code)), table_num(gov_class.get(code)), "")
    page.row("本年收入合计", "27", table_num(total), "本年支出合计", "59", table_num(total),
             table_num(plan.general_total), table_num(plan.fund_total or None), "")
    page.row("年初财政拨款结转和结余", "28", "", "年末财政拨款结转和结余", "60", "", "", "", "")
    page.row("总计", "32", table_num(total), "总计", "64", table_num(total),
             table_num(plan.general_total), table_num(plan.fund_total or None), "")
    page.para("注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。")

    if plan.layout == "items":
        final_items.general_budget(plan, page, truth, rng, title)
    else:
        # 公开05 一般公共预算财政拨款支出决算表
        _title(page, "五、一般公共预算财政拨款支出决算表", f"{y} 年度一般公共预算财政拨款支出决算表", "公开 05 表", dept_line)
        page.row("", "项目", "", "本年支出", "")
        page.row("功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出")
        page.row("类款项", "栏次", "1", "2", "3")
        gbasic = sum((l.basic for l in general), ZERO)
        gproj = sum((l.project for l in general), ZERO)
        n = page.row("", "合计", table_num(plan.general_total), table_num(gbasic), table_num(gproj or None))
        truth.line("公开05", "function", None, "合计", FUND_GENERAL, {"total": plan.general_total, "basic": gbasic, "project": gproj}, n)
        first_class = True
        for r in function_rows(general):
            shown = r.total
            if first_class and len(r.code) == 3 and plan.inconsistency == "class_sum":
                shown = r.total + Decimal(rng.choice((-1, 1)) * rng.randint(100, 5000)) / 100
                truth.checks.append({"kind": "class_sum", "table": "公开05", "code": r.code,
                                     "stated": str(shown), "expected": str(r.total)})
            if len(r.code) == 3:
                first_class = False
            n = page.row(r.code, r.name, table_num(shown), table_num(r.basic or None), table_num(r.project or None))
            truth.line("公开05", "function", r.code, r.name, FUND_GENERAL, {"total": shown, "basic": r.basic, "project": r.project}, n)
        page.para("注：本表反映部门本年度一般公共预算财政拨款支出情况。")

    # 公开06 基本支出决算明细表: three blocks side by side, as the national template prints it
    _title(page, "六、一般公共预算财政拨款基本支出决算明细表", f"{y}年度一般公共预算财政拨款基本支出决算明细表", "公开 06 表", dept_line)
    page.row("人员经费", "", "", "公用经费", "", "", "", "", "", "")
    page.row("经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数", "")
    blocks = [_economic_block(plan, ("301", "303")), _economic_block(plan, ("302",)), _economic_block(plan, ("310",))]
    for i in range(max(len(b) for b in blocks)):
        cells: list[str] = []
        for b in blocks:
            cells.extend(b[i][:2] + (table_num(b[i][2]),) if i < len(b) else ("", "", ""))
        n = page.row(*cells, "")
        for b in blocks:
            if i < len(b) and b[i][2] is not None:
                truth.line("公开06", "economic", b[i][0], b[i][1], FUND_GENERAL, {"final": b[i][2]}, n)
    n = page.row("人员经费合计", "", table_num(plan.personnel), "公用经费合计", "", "", "", "", "", table_num(plan.running))
    truth.line("公开06", "economic", None, "人员经费合计", FUND_GENERAL, {"personnel": plan.personnel}, n)
    truth.line("公开06", "economic", None, "公用经费合计", FUND_GENERAL, {"running": plan.running}, n)
    page.para("注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")

    # 公开07 政府性基金
    _title(page, "七、政府性基金预算财政拨款收入支出决算表", f"{y} 年度政府性基金预算财政拨款收入支出决算表", "公开 07 表", dept_line)
    page.row("", "项目", "", "", "", "本年支出", "", "")
    page.row("功能分类科目编码", "科目名称", "年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余")
    page.row("类款项", "栏次", "1", "2", "3", "4", "5", "6")
    if gov:
        ft = plan.fund_total
        n = page.row("", "合计", "", table_num(ft), table_num(ft), "", table_num(ft), "")
        truth.line("公开07", "function", None, "合计", FUND_GOV, {"income": ft, "total": ft, "project": ft}, n)
        for r in function_rows(gov):
            n = page.row(r.code, r.name, "", table_num(r.total), table_num(r.total), "", table_num(r.project), "")
            truth.line("公开07", "function", r.code, r.name, FUND_GOV, {"income": r.total, "total": r.total, "project": r.project}, n)
        page.blank()
    else:
        page.row("", "合计", "", "", "", "", "", "")
        page.blank()
        page.para(f"本部门 {y} 年度无政府性基金预算财政拨款收入、支出及结转和结余情况。")
    _title(page, "八、国有资本经营预算财政拨款支出决算表", f"{y} 年度国有资本经营预算财政拨款支出决算表", "公开 08 表", dept_line)
    page.para(f"本部门 {y} 年度无国有资本经营预算财政拨款支出。")

    # 公开09 三公
    _title(page, "九、财政拨款“三公”经费支出决算表", f"{y} 年度财政拨款“三公”经费支出决算表", "公开 09 表", dept_line)
    tp = plan.three_public
    b = [tp[k][0] for k in ("因公出国(境)费", "公务用车购置费", "公务用车运行维护费", "公务接待费")]
    a = [tp[k][1] or ZERO for k in ("因公出国(境)费", "公务用车购置费", "公务用车运行维护费", "公务接待费")]
    b_total, a_total = sum(b, ZERO), sum(a, ZERO)
    a_shown = a_total
    if plan.inconsistency == "three_public_sum":
        a_shown = a_total + Decimal(rng.randint(100, 900)) / 100
        truth.checks.append({"kind": "three_public_sum", "table": "公开09", "stated": str(a_shown), "expected": str(a_total)})
    page.row("预算数", "", "", "", "", "", "决算数", "", "", "", "", "")
    page.row("合计", "因公出国 (境) 费", "公务用车购置及运行维护费", "", "", "公务 接待 费",
             "合计", "因公出国 (境) 费", "公务用车购置及运行维护费", "", "", "公务 接待 费")
    page.row("", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "")
    page.row(*(str(i) for i in range(1, 13)))
    n = page.row(*(table_num(v) for v in (b_total, b[0], b[1] + b[2], b[1], b[2], b[3], a_shown, a[0], a[1] + a[2], a[1], a[2], a[3])))
    for item, bv, av in zip(("合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"),
                            (b_total, b[0], b[1] + b[2], b[1], b[2], b[3]), (a_shown, a[0], a[1] + a[2], a[1], a[2], a[3])):
        truth.three_public.append({"item": item, "budget": str(bv), "actual": str(av), "origin": "table", "line": n})
    page.blank()
    common.narrative_final(plan, page, truth, typo_rate, rng, b_total, a_total)


def _economic_block(plan: Plan, classes: tuple[str, ...]) -> list[tuple[str, str, Decimal | None]]:
    """(code, name, amount) rows of one block of 公开06: each 类, then its 款 (blank when nothing)."""
    out: list[tuple[str, str, Decimal | None]] = []
    for cls in classes:
        members = {c: a for c, a in plan.economic.items() if c.startswith(cls)}
        out.append((cls, codes.ECONOMIC[cls], sum(members.values(), ZERO) if members else None))
        for c in sorted(k for k in codes.ECONOMIC if len(k) == 5 and k.startswith(cls)):
            out.append((c, codes.ECONOMIC[c], members.get(c)))
    return out


def _title(page: Page, heading: str, title: str, label: str, dept_line: str) -> None:
    page.para(heading)
    page.para(title)
    page.para(label)
    page.para(dept_line)
    page.para("单位：万元")

