"""Table arithmetic inside one document: children sum to parents (项 → 款 → 类 → 合计), total =
basic + project, basic = personnel + running, fund-type columns sum to the total, and the
三公 total equals its parts."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Iterable, Iterator

from kb.audit import doc_rule
from kb.audit.finding import Figure, Finding, finding_of as _finding, fmt
from kb.audit.tolerance import differs
from loaders.records import MEASURE_LABELS, BudgetLine, Extraction, ThreePublic

# The next level below a code of each length (function: 类 3 → 款 5 → 项 7; economic: 3 → 5).
CHILD_LENGTH = {3: 5, 5: 7}
# 公开06 / 预算07 total rows name a part of the economic classes, not all of them.
PERSONNEL_CLASSES = ("301", "303")


def _where(line: BudgetLine) -> str:
    """公开03表, 预算05表; a line the loaders recovered from the narrative names its section instead."""
    return f"{line.table}表" if line.table[:2] in ("公开", "预算") else line.table


def _label(line: BudgetLine) -> str:
    what = line.code + " " + line.name if line.code else line.name
    return f"{_where(line)} {what}"



def _groups(ex: Extraction) -> dict[tuple, list[BudgetLine]]:
    groups: dict[tuple, list[BudgetLine]] = defaultdict(list)
    for line in ex.of(BudgetLine):
        groups[(line.table, line.classification, line.fund_type, line.unit_code)].append(line)
    return groups


def _compare_sum(ex: Extraction, parent: BudgetLine, children: list[BudgetLine], what: str) -> Iterator[Finding]:
    for measure, stated in parent.measures.items():
        if not any(measure in c.measures for c in children):
            continue  # a column the child rows do not have (e.g. the income side of a 合计 row)
        parts = [c.measures.get(measure, Decimal(0)) for c in children]
        computed = sum(parts, Decimal(0))
        if not differs(stated, computed, len(children)):
            continue
        col = MEASURE_LABELS.get(measure, measure)
        terms = " + ".join(f"{c.code or c.name} {fmt(c.measures.get(measure))}" for c in children)
        figures = [Figure.of(f"{_label(parent)}（{col}）", stated, parent)]
        figures += [Figure.of(f"{_label(c)}（{col}）", c.measures.get(measure), c) for c in children]
        diff = stated - computed
        yield _finding(
            ex, "table.children_sum", "medium", figures,
            f"{terms} = {fmt(computed)} ≠ {fmt(stated)}（差 {fmt(diff)}）",
            f"{_where(parent)}第{parent.source.line_start}行{parent.code or ''}{parent.name}的{col}为{fmt(stated)}万元，"
            f"但其{what}合计为{fmt(computed)}万元，相差{fmt(abs(diff))}万元。",
            diff)


@doc_rule("table.children_sum")
def children_sum(ex: Extraction) -> Iterable[Finding]:
    for lines in _groups(ex).values():
        coded = [ln for ln in lines if ln.code]
        codes = {ln.code for ln in coded}
        for parent in coded:
            want = CHILD_LENGTH.get(len(parent.code))
            children = [c for c in coded if want and len(c.code) == want and c.code.startswith(parent.code)]
            if children:
                yield from _compare_sum(ex, parent, children, "下级科目")
        # A top-level row has no parent printed in the same table.
        tops = [ln for ln in coded if not any(ln.code != p and ln.code.startswith(p) for p in codes)]
        for total in (ln for ln in lines if not ln.code and "合计" in ln.name and "总计" not in ln.name):
            parts = tops
            if lines[0].classification == "economic":
                if "人员经费" in total.name:
                    parts = [t for t in tops if t.code[:3] in PERSONNEL_CLASSES]
                elif "公用经费" in total.name:
                    parts = [t for t in tops if t.code[:3] not in PERSONNEL_CLASSES]
            if parts:
                yield from _compare_sum(ex, total, parts, "各科目")


# Row identities: (stated measure, parts, what the parts are called in Chinese).
ROW_IDENTITIES = (
    ("total", ("basic", "project"), "基本支出与项目支出之和"),
    ("basic", ("personnel", "running"), "人员经费与公用经费之和"),
    ("total", ("general_budget", "fund_budget", "capital_budget"), "各类财政拨款之和"),
)


@doc_rule("table.row_identity")
def row_identity(ex: Extraction) -> Iterable[Finding]:
    for line in ex.of(BudgetLine):
        m = line.measures
        for whole, parts, what in ROW_IDENTITIES:
            if whole not in m or not any(p in m for p in parts):
                continue
            computed = sum((m.get(p, Decimal(0)) for p in parts), Decimal(0))
            if not differs(m[whole], computed, len(parts)):
                continue
            diff = m[whole] - computed
            terms = " + ".join(f"{MEASURE_LABELS[p]} {fmt(m.get(p))}" for p in parts)
            yield _finding(
                ex, "table.row_identity", "medium", [Figure.of(_label(line), m[whole], line)],
                f"{terms} = {fmt(computed)} ≠ {MEASURE_LABELS[whole]} {fmt(m[whole])}（差 {fmt(diff)}）",
                f"{_where(line)}第{line.source.line_start}行{line.code or ''}{line.name}的{MEASURE_LABELS[whole]}"
                f"为{fmt(m[whole])}万元，而{what}为{fmt(computed)}万元，相差{fmt(abs(diff))}万元。",
                diff)


THREE_PUBLIC_PARTS = ("因公出国(境)费", "公务用车购置及运行维护费", "公务接待费")
VEHICLE_PARTS = ("公务用车购置费", "公务用车运行维护费")


def _tp_item(item: str) -> str:
    return item.replace("（", "(").replace("）", ")").replace(" ", "")


@doc_rule("table.three_public_sum")
def three_public_sum(ex: Extraction) -> Iterable[Finding]:
    """三公 total = 出国 + 车辆 + 接待, and 车辆 = 购置 + 运行维护, for budget and actual, per statement."""
    by_origin: dict[str, dict[str, ThreePublic]] = defaultdict(dict)
    for tp in ex.of(ThreePublic):
        if tp.origin == "table":
            by_origin[tp.source.table or "table"].setdefault(_tp_item(tp.item), tp)
    for items in by_origin.values():
        for whole, parts in (("合计", THREE_PUBLIC_PARTS), ("公务用车购置及运行维护费", VEHICLE_PARTS)):
            total = items.get(whole)
            present = [items[p] for p in parts if p in items]
            if total is None or not present:
                continue
            for col, zh in (("budget", "预算数"), ("actual", "决算数")):
                stated = getattr(total, col)
                if stated is None:
                    continue
                computed = sum((getattr(p, col) or Decimal(0) for p in present), Decimal(0))
                if not differs(stated, computed, len(present)):
                    continue
                diff = stated - computed
                yield _finding(
                    ex, "table.three_public_sum", "medium",
                    [Figure.of(f"三公 {whole} {zh}", stated, total)]
                    + [Figure.of(f"三公 {p.item} {zh}", getattr(p, col), p) for p in present],
                    f"{' + '.join(fmt(getattr(p, col)) for p in present)} = {fmt(computed)} ≠ {fmt(stated)}",
                    f"“三公”经费表中{whole}{zh}为{fmt(stated)}万元，但各项之和为{fmt(computed)}万元，"
                    f"相差{fmt(abs(diff))}万元。", diff)


@doc_rule("three_public.narrative_vs_table")
def three_public_narrative(ex: Extraction) -> Iterable[Finding]:
    """The 三公 figures the narrative states against the 三公 table (公开09 / 预算08)."""
    table = {_tp_item(tp.item): tp for tp in ex.of(ThreePublic) if tp.origin == "table"}
    for said in (tp for tp in ex.of(ThreePublic) if tp.origin != "table"):
        shown = table.get(_tp_item(said.item))
        if shown is None:
            continue
        for col, zh in (("budget", "预算数"), ("actual", "决算数")):
            a, b = getattr(said, col), getattr(shown, col)
            if a is None or b is None or not differs(a, b, 1):
                continue
            diff = a - b
            yield _finding(
                ex, "three_public.narrative_vs_table", "medium",
                [Figure.of(f"情况说明 三公 {said.item} {zh}", a, said), Figure.of(f"{shown.source.table}表 三公 {shown.item} {zh}", b, shown)],
                f"叙述 {fmt(a)} ≠ 表 {fmt(b)}（差 {fmt(diff)}）",
                f"第{said.line}行说明称“三公”经费中{said.item}的{zh}为{fmt(a)}万元，而{shown.source.table}表第{shown.line}行为"
                f"{fmt(b)}万元，相差{fmt(abs(diff))}万元。", diff)
