"""The same figure in different places of one document: narrative against table, narrative
against narrative, every stated percentage recomputed, and year-on-year changes that imply two
different previous-year figures for the same total."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Iterable

from kb.audit import doc_rule
from kb.audit.finding import Figure, Finding, finding_of as _finding, fmt
from kb.audit.subjects import classify, table_value
from kb.audit.tolerance import CENT, differs
from loaders.records import BudgetLine, Extraction, Statement, Variance

SCOPE_ZH = {"全部资金": "", "一般公共预算": "一般公共预算", "政府性基金预算": "政府性基金预算",
            "国有资本经营预算": "国有资本经营预算", "财政拨款": "财政拨款"}
MEASURE_ZH = {"total": "支出合计", "income": "收入合计", "grand_total": "收支总计", "basic": "基本支出",
              "project": "项目支出", "personnel": "人员经费", "running": "公用经费"}



def _class_names(ex: Extraction) -> dict[str, str]:
    return {ln.name: ln.code for ln in ex.of(BudgetLine)
            if ln.classification == "function" and ln.code and len(ln.code) == 3}


def _what(scope: str, measure: str, code: str | None, names: dict[str, str]) -> str:
    if code:
        name = next((n for n, c in names.items() if c == code), code)
        return f"{SCOPE_ZH[scope]}{name}（{code}）"
    return SCOPE_ZH[scope] + MEASURE_ZH[measure]


@doc_rule("narrative.vs_table")
def narrative_vs_table(ex: Extraction) -> Iterable[Finding]:
    names = _class_names(ex)
    lines = ex.of(BudgetLine)
    for st in ex.of(Statement):
        key = classify(st, names)
        if key is None:
            continue
        found = table_value(lines, *key)
        if found is None:
            continue
        line, value = found
        if not differs(value, st.amount, 1):
            continue
        what = _what(*key, names)
        diff = st.amount - value
        # Lines the loaders recovered from the narrative itself (OCR files) carry a section, not a table.
        where = f"{line.table}表" if line.table[:2] in ("公开", "预算") else line.table
        yield _finding(
            ex, "narrative.vs_table", "medium",
            [Figure.of(f"情况说明 {what}", st.amount, st), Figure.of(f"{line.table}表 {line.code or line.name}", value, line)],
            f"叙述 {fmt(st.amount)} ≠ 表 {fmt(value)}（差 {fmt(diff)}）",
            f"第{st.line}行说明称{what}为{fmt(st.amount)}万元，而{where}第{line.source.line_start}行为"
            f"{fmt(value)}万元，相差{fmt(abs(diff))}万元。", diff)


@doc_rule("narrative.restatement")
def restatement(ex: Extraction) -> Iterable[Finding]:
    """The narrative states one total twice with different amounts (where no table settles it)."""
    names = _class_names(ex)
    lines = ex.of(BudgetLine)
    groups: dict[tuple, list[Statement]] = defaultdict(list)
    for st in ex.of(Statement):
        key = classify(st, names)
        if key is not None and table_value(lines, *key) is None:
            groups[key].append(st)
    for key, sts in groups.items():
        first = sts[0]
        for other in sts[1:]:
            if not differs(first.amount, other.amount, 1):
                continue
            what = _what(*key, names)
            diff = other.amount - first.amount
            yield _finding(
                ex, "narrative.restatement", "medium",
                [Figure.of(f"情况说明 {what}", first.amount, first), Figure.of(f"情况说明 {what}", other.amount, other)],
                f"{fmt(first.amount)} ≠ {fmt(other.amount)}（差 {fmt(diff)}）",
                f"同一文件中{what}在第{first.line}行为{fmt(first.amount)}万元，在第{other.line}行却为"
                f"{fmt(other.amount)}万元，相差{fmt(abs(diff))}万元。", diff)
            break  # one finding per pair of differing statements is enough to point at the figure


def _pct_tolerance(stated: Decimal, numerator: Decimal, denominator: Decimal) -> Decimal:
    """Half a unit of the percentage's last printed digit, plus what rounding the two amounts to
    0.01 万元 can move the ratio: 12.88 ÷ 15.70 may be anything from 81.98% to 82.10%."""
    exp = stated.as_tuple().exponent
    half_ulp = Decimal(5) * Decimal(10) ** (exp - 1)
    relative = Decimal("0.005") / abs(numerator) + Decimal("0.005") / abs(denominator) if numerator and denominator else 0
    return half_ulp + abs(stated) * relative + CENT / 100


def _level_of(sts: list[Statement], i: int) -> Statement | None:
    """The level a change statement belongs to: the nearest earlier figure of the same subject within
    three lines (`支出合计 3150.39 万元，…支出合计增加 490.44 万元`)."""
    st = sts[i]
    return next((p for p in reversed(sts[:i]) if p.amount is not None and p.subject == st.subject
                 and abs(p.line - st.line) <= 3), None)


@doc_rule("narrative.percentage")
def percentages(ex: Extraction) -> Iterable[Finding]:
    """Recompute 增长 Y% from the change and the level it belongs to."""
    sts = ex.of(Statement)
    for i, st in enumerate(sts):
        if st.change is None or st.change_pct is None:
            continue
        level = _level_of(sts, i)
        if level is None:
            continue
        base = level.amount - st.change
        if base <= 0:
            continue
        computed = (st.change / base * 100).quantize(Decimal("0.01"))
        if abs(st.change / base * 100 - st.change_pct) <= _pct_tolerance(st.change_pct, st.change, base):
            continue
        yield _finding(
            ex, "narrative.percentage", "low",
            [Figure.of(f"{st.subject} 本年", level.amount, level), Figure.of(f"{st.subject} 增减额", st.change, st)],
            f"{fmt(st.change)} ÷ ({fmt(level.amount)} − {fmt(st.change)}) = {computed}% ≠ {st.change_pct}%",
            f"第{st.line}行称{st.subject}增减{fmt(st.change)}万元、变动{st.change_pct}%，但按本年{fmt(level.amount)}万元"
            f"推算应为{computed}%。", None)


TOTAL_FAMILY = ("收、支总计", "收支总计", "收入合计", "支出合计", "财政拨款收、支总计", "财政拨款收支总计")


@doc_rule("narrative.yoy_conflict")
def yoy_conflict(ex: Extraction) -> Iterable[Finding]:
    """Two totals equal this year but with different year-on-year changes imply two different
    previous-year figures; when all income is 财政拨款 the totals must move together."""
    sts = ex.of(Statement)
    changes = []
    for i, st in enumerate(sts):
        if st.change is None or st.subject not in TOTAL_FAMILY:
            continue
        level = _level_of(sts, i)
        if level is not None:
            changes.append((level, st))
    seen: set[tuple[Decimal, Decimal]] = set()
    for a_level, a in changes:
        for b_level, b in changes:
            if a.line >= b.line or a_level.amount != b_level.amount or not differs(a.change, b.change, 2):
                continue
            pair = (a.change, b.change)
            if pair in seen:
                continue
            seen.add(pair)
            diff = b.change - a.change
            yield _finding(
                ex, "narrative.yoy_conflict", "low",
                [Figure.of(f"{a.subject} 本年", a_level.amount, a_level), Figure.of(f"{a.subject} 比上年增减", a.change, a),
                 Figure.of(f"{b.subject} 本年", b_level.amount, b_level), Figure.of(f"{b.subject} 比上年增减", b.change, b)],
                f"{fmt(a_level.amount)} − {fmt(a.change)} = {fmt(a_level.amount - a.change)} ≠ "
                f"{fmt(b_level.amount)} − {fmt(b.change)} = {fmt(b_level.amount - b.change)}",
                f"本年{a.subject}与{b.subject}同为{fmt(a_level.amount)}万元，第{a.line}行称比上年增加{fmt(a.change)}万元，"
                f"第{b.line}行却称增加{fmt(b.change)}万元，两处隐含的上年数相差{fmt(abs(diff))}万元。", diff)


@doc_rule("narrative.variance_rate")
def variance_rate(ex: Extraction) -> Iterable[Finding]:
    """完成年初预算的 Z% recomputed as final ÷ initial budget."""
    for v in ex.of(Variance):
        if v.rate is None or not v.initial_budget or v.final is None:
            continue
        computed = (v.final / v.initial_budget * 100).quantize(Decimal("0.01"))
        if abs(v.final / v.initial_budget * 100 - v.rate) <= _pct_tolerance(v.rate, v.final, v.initial_budget):
            continue
        yield _finding(
            ex, "narrative.variance_rate", "low",
            [Figure.of(f"{v.function_code or v.name} 年初预算", v.initial_budget, v),
             Figure.of(f"{v.function_code or v.name} 决算", v.final, v)],
            f"{fmt(v.final)} ÷ {fmt(v.initial_budget)} = {computed}% ≠ {v.rate}%",
            f"第{v.line}行称{v.name}完成年初预算的{v.rate}%，但{fmt(v.final)}÷{fmt(v.initial_budget)}应为{computed}%。",
            None)
