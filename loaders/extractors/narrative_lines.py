"""BudgetLine records recovered from the narrative (情况说明) and the self-evaluation table, for
disclosures whose tables did not survive as tab-separated text (OCR'd seed 002).

A 决算's 情况说明 follows the national template: section N restates table 公开0N (一 收入支出总表,
二 收入, 三 支出, 四 财政拨款总表, 五 一般公共预算支出 by function, 六 基本支出). A section is read only
when the tab-table extractor found no line of its table, so a well-formed file is never read twice.
Each statement becomes its own record with its own lines: 002 states basic expenditure as 1793.53
(section 三) and 1708.19 (section 六, 一般公共预算 only) and project expenditure as 18557.84 and
18557.54; an auditor compares them, so none is preferred over another.

`table` is the section the statement sits in (`情况说明三`, `情况说明五（三）`), which keeps two
statements of the same row apart; `source.table` carries the full heading.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from loaders.amounts import clean_number, to_wan
from loaders.context import Context
from loaders.extract import extractor
from loaders.narrative import (CHAIN, Chain, FunctionCodes, Prose, Section, chain_of, glossary_codes, join_prose,
                               part_range, sections, variance_statements)
from loaders.records import BudgetLine

_AMOUNT = r"(-?\d[\d,，]*(?:[.．]\d+)?)(万元|亿元|元)"

# Labels a statement may give an amount for, and the measure each amount is. A label counts only
# when the amount follows it directly: `基本支出减少 2.36 万元` is a change, not a level.
_MEASURE_OF = {"基本支出": "basic", "项目支出": "project", "人员经费": "personnel", "公用经费": "running",
               "财政拨款收入": "fiscal_income", "上级补助收入": "upper_subsidy", "事业收入": "business_income",
               "经营收入": "operating_income", "附属单位上缴收入": "affiliate_income", "其他收入": "other_income",
               "一般公共预算财政拨款收入": "general_budget", "整体支出总额": "total"}

# Per template section: (the row's subject pattern, its name, its measure, the fund type).
_ROWS: dict[tuple[int, int | None], tuple[str, str, str, str]] = {
    (1, None): (r"(?<!财政拨款)收、?支总计(?:均|各)?", "收支总计", "total", "全部资金"),
    (2, None): (r"收入合计", "收入合计", "total", "全部资金"),
    (3, None): (r"支出合计", "支出合计", "total", "全部资金"),
    (4, None): (r"财政拨款收、?支总计(?:均|各)?", "财政拨款收支总计", "total", "财政拨款"),
    (5, 1): (r"一般公共预算财政拨款支出", "一般公共预算财政拨款支出", "total", "一般公共预算"),
    (5, 2): (r"一般公共预算财政拨款支出", "一般公共预算财政拨款支出", "total", "一般公共预算"),
    (6, None): (r"一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本支出", "basic", "一般公共预算"),
}
_EXTRAS = {2: ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
           3: ("基本支出", "项目支出"), 4: ("一般公共预算财政拨款收入",), 6: ("人员经费", "公用经费")}
_ROW_RE = {key: re.compile(rf"{row[0]}(?:为|是)?{_AMOUNT}") for key, row in _ROWS.items()}
# An extra figure of the row (`其中：基本支出 1793.53 万元`); `一般公共预算财政拨款收入` is not `财政拨款收入`.
_EXTRA_RE = {label: re.compile(rf"(?<![\u4e00-\u9fff]{{2}}预算){label}(?:为)?{_AMOUNT}")
             for labels in _EXTRAS.values() for label in labels}
_WHOLE_RE = tuple((re.compile(rf"{label}(?:为)?{_AMOUNT}"), key)
                  for label, key in (("基本支出", "basic"), ("项目支出", "project"), ("整体支出总额", "total")))
# A 类 line of 五（二）: `1.一般公共服务（类）支出 1878.37 万元` (002), `4. 住房保障支出(类)181.89 万元` (000),
# `3. 卫生健康支出类支出 43. 50 万元` (003, no brackets).
_CLASS_LINE = re.compile(rf"(?:(?P<chain>{CHAIN.pattern})(?:支出)?|(?<![\u4e00-\u9fff])(?P<plain>[\u4e00-\u9fff]{{2,20}})类支出)"
                         rf"(?:为)?(?P<num>-?\d[\d,，]*(?:[.．]\d+)?)(?P<unit>万元|亿元|元)")
_NO_AMOUNT = re.compile(r"(一般公共预算财政拨款收入|财政拨款收入|基本支出|项目支出)(万元)")
_SELF_EVAL_ROW = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s+(\d[\d,]*(?:\.\d+)?)\s+(\d+(?:\.\d+)?)[%％]")

_CN = "一二三四五六七八九"


def _cn(n: int) -> str:
    if n < 10:
        return _CN[n - 1]
    return ("" if n < 20 else _CN[n // 10 - 1]) + "十" + (_CN[n % 10 - 1] if n % 10 else "")


def _wan(number: str, unit: str) -> Decimal:
    return to_wan(clean_number(number), unit)


def _tables_read(ctx: Context) -> set[str]:
    """Tables the tab extractor produced lines for, as 公开NN / 预算NN (and 整体绩效 if any)."""
    out = set()
    for bl in ctx.found_of(BudgetLine):
        m = re.search(r"(公开|预算)\s*0?(\d{1,2})", bl.table or "")
        if m:
            out.add(f"{m.group(1)}{int(m.group(2)):02d}")
        if "整体绩效" in (bl.table or ""):
            out.add("整体绩效")
    return out


@extractor("narrative_lines")
def narrative_lines(ctx: Context) -> Iterator[BudgetLine]:
    if ctx.document.stage != "决算":
        return  # the template mapping below is the 决算 one; budgets keep their tables as tabs
    done = _tables_read(ctx)
    codes = FunctionCodes(ctx.found_of(BudgetLine), glossary_codes(ctx.lines))
    part = part_range(ctx.lines, 3)
    if part is not None:
        for sec in sections(ctx.lines, *part):
            prose = join_prose(ctx.lines, sec.first, sec.last)
            # A figure the OCR lost is reported wherever it is, whether or not the table survived.
            for m in _NO_AMOUNT.finditer(prose.text):
                ctx.warn(prose.line_at(m.start()), f"{m.group(1)} is followed by 万元 without a figure (OCR lost it); not read")
            if f"公开{sec.number:02d}" in done and sec.number <= 6:
                continue
            yield from _section_lines(ctx, sec, prose, codes, done)
    if "整体绩效" not in done:
        yield from _self_evaluation(ctx)


def _section_lines(ctx: Context, sec: Section, prose: Prose, codes: FunctionCodes, done: set[str]) -> Iterator[BudgetLine]:
    table = f"情况说明{_cn(sec.number)}" + (f"（{_cn(sec.sub)}）" if sec.sub else "")
    key = (sec.number, sec.sub) if (sec.number, sec.sub) in _ROWS else (sec.number, None)
    if key in _ROWS:
        line = _row(ctx, prose, table, sec, key)
        if line:
            yield line
    if (sec.number, sec.sub) == (5, 2):
        yield from _class_lines(ctx, prose, table, sec, codes)
    if (sec.number, sec.sub) == (5, 3):
        yield from _item_lines(ctx, prose, table, sec, codes)
    if "绩效" in sec.heading and "整体绩效" not in done:
        yield from _whole_department(ctx, prose, table, sec)


def _row(ctx: Context, prose: Prose, table: str, sec: Section, key: tuple[int, int | None]) -> BudgetLine | None:
    _, name, measure, fund = _ROWS[key]
    m = _ROW_RE[key].search(prose.text)
    if not m:
        return None
    measures = {measure: _wan(m.group(1), m.group(2))}
    end = m.end()
    for label in _EXTRAS.get(sec.number, ()):
        em = _EXTRA_RE[label].search(prose.text, m.end())
        if em and _MEASURE_OF[label] not in measures:
            measures[_MEASURE_OF[label]] = _wan(em.group(1), em.group(2))
            end = max(end, em.end())
    first, last = prose.lines_of(m.start(), end)
    return BudgetLine("function", None, name, None, fund, measures, table,
                      ctx.source(first, last, sec.heading))


def _class_lines(ctx: Context, prose: Prose, table: str, sec: Section, codes: FunctionCodes) -> Iterator[BudgetLine]:
    for m in _CLASS_LINE.finditer(prose.text):
        if m.group("chain"):
            chain = chain_of(CHAIN.match(m.group("chain")))
            if chain.kuan:
                continue
        else:
            chain = Chain(m.group("plain"), None, None, m.group("plain") + "类")
        name = chain.lei if chain.lei.endswith("支出") else chain.lei + "支出"
        yield _coded(ctx, codes, chain, name, {"total": _wan(m.group("num"), m.group("unit"))},
                     table, prose.lines_of(m.start(), m.end()), sec)


def _item_lines(ctx: Context, prose: Prose, table: str, sec: Section, codes: FunctionCodes) -> Iterator[BudgetLine]:
    for v in variance_statements(prose):
        measures = {"initial_budget": _wan(*v.initial), "final": _wan(*v.final)}
        first, last = prose.lines_of(v.start, v.end)
        if v.chain is None:
            yield BudgetLine("function", None, v.name, None, "一般公共预算", measures, table,
                             ctx.source(first, last, sec.heading))
            continue
        yield _coded(ctx, codes, v.chain, v.chain.last_name, measures, table, (first, last), sec)


def _coded(ctx: Context, codes: FunctionCodes, c: Chain, name: str, measures: dict[str, Decimal],
           table: str, lines: tuple[int, int], sec: Section) -> BudgetLine:
    code, note = codes.resolve(c)
    if code is None:
        why = note or "no budget line, 名词解释 entry or national 类/款 names it"
        ctx.warn(lines[0], f"budget line {c.text}: name chain not resolved to a function code ({why}); "
                           "the line keeps the whole chain as its name")
        name, note = c.text, None
    return BudgetLine("function", code, name, c.level, "一般公共预算", measures, table,
                      ctx.source(lines[0], lines[1], sec.heading), repairs=(note,) if note else ())


def _whole_department(ctx: Context, prose: Prose, table: str, sec: Section) -> Iterator[BudgetLine]:
    """`基本支出 1793.53 万元，项目支出 18557.54 万元，部门整体支出总额20351.37万元` (预算绩效情况说明)."""
    for sentence in re.finditer(r"[^。]*整体支出总额[^。]*", prose.text):
        measures: dict[str, Decimal] = {}
        for pattern, key in _WHOLE_RE:
            m = pattern.search(sentence.group(0))
            if m:
                measures[key] = _wan(m.group(1), m.group(2))
        if "total" in measures:
            first, last = prose.lines_of(sentence.start(), sentence.end())
            yield BudgetLine("function", None, "部门整体支出", None, "全部资金", measures, table,
                             ctx.source(first, last, sec.heading))


def _self_evaluation(ctx: Context) -> Iterator[BudgetLine]:
    """整体绩效自评表 printed one cell per line: `部门整体支` `出总额` … `预算数（A） 执行数（B）` …
    `20408.02 20351.37 99.90% 20.00`. 预算数 is the adjusted budget (the table's own note says so)."""
    first, last = part_range(ctx.lines, 6) or (1, len(ctx.lines))
    for n in range(first, last + 1):
        if "部门整体" not in ctx.lines[n - 1].replace(" ", ""):
            continue
        prose = join_prose(ctx.lines, n, min(n + 30, last))  # the header cells and the figures row
        m = re.match(r"部门整体支出总额", prose.text)
        row = _SELF_EVAL_ROW.search(prose.text, m.end(), m.end() + 200) if m else None
        if not row or "预算数" not in prose.text[m.end():row.start()]:
            continue
        start, end = prose.lines_of(m.start(), row.end())
        measures = {"adjusted_budget": clean_number(row.group(1)), "final": clean_number(row.group(2))}
        yield BudgetLine("function", None, "部门整体支出总额", None, "全部资金", measures, "整体绩效自评表",
                         ctx.source(start, end, "整体绩效自评表"))
