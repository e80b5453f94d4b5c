"""BudgetLine records recovered from the narrative (情况说明) and the self-evaluation table, for
disclosures whose tables did not survive as tab-separated text (OCR'd seed 002).

A 决算's 情况说明 follows the national template: section N restates table 公开0N (一 收入支出总表,
二 收入, 三 支出, 四 财政拨款总表, 五 一般公共预算支出 by function, 六 基本支出). A section is read only
when the tab-table extractor found no line of its table, so a well-formed file is never read twice.
A 预算's 情况说明 has the same order in budget wording; its tables are numbered differently from its
sections, so it is read only when none of its tables survived.

Each statement becomes its own record with its own lines: 002 states basic expenditure as 1793.53
(section 三) and 1708.19 (section 六, 一般公共预算 only) and project expenditure as 18557.84 and
18557.54; an auditor compares them, so none is preferred over another.

`table` is the section the statement sits in (`情况说明三`, `情况说明五（三）`), which keeps two
statements of the same row apart and tells them from table rows; `source.table` has the heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from loaders.amounts import clean_number, to_wan
from loaders.budget_codes import CLASSES, ECONOMIC
from loaders.context import Context
from loaders.extract import extractor
from loaders.narrative import (CHAIN, Chain, FunctionCodes, Section, chain_of, glossary_codes, narrative_part,
                               part_range, sections, variance_statements)
from loaders.prose import Prose, join_prose
from loaders.records import BudgetLine

_NUM = r"(-?\d[\d,，]*(?:[.．]\d+)?)(万元|亿元|元)"


@dataclass(frozen=True, slots=True)
class _Row:
    """The row a template section restates: its subject, the figures stated after it (`其中：基本支出
    1793.53 万元`, counted only when the amount follows the label directly, so `基本支出减少 2.36 万元`,
    a change, is not one), its name and fund type."""

    pattern: re.Pattern[str]
    name: str
    measure: str
    fund: str
    extras: tuple[tuple[re.Pattern[str], str], ...] = ()


def _row_of(subject: str, name: str, measure: str, fund: str, *extras: tuple[str, str]) -> _Row:
    # `(?<!..预算)`: `一般公共预算财政拨款收入` is not the all-funds `财政拨款收入`.
    return _Row(re.compile(rf"{subject}(?:为|是)?{_NUM}"), name, measure, fund,
                tuple((re.compile(rf"(?<![\u4e00-\u9fff]{{2}}预算){label}(?:为)?{_NUM}"), key) for label, key in extras))


_INCOME = (("财政拨款收入", "fiscal_income"), ("上级补助收入", "upper_subsidy"), ("事业收入", "business_income"),
           ("经营收入", "operating_income"), ("附属单位上缴收入", "affiliate_income"), ("其他收入", "other_income"))
_SPLIT = (("基本支出", "basic"), ("项目支出", "project"))
_GENERAL = "一般公共预算(?:财政)?拨款(?:本年)?收入"

# 决算 情况说明 (第三部分): section N restates 公开0N.
FINAL_ROWS: dict[tuple[int, int | None], _Row] = {
    (1, None): _row_of(r"(?<!财政拨款)收、?支总计(?:均|各)?", "收支总计", "total", "全部资金"),
    (2, None): _row_of(r"收入合计", "收入合计", "total", "全部资金", *_INCOME),
    (3, None): _row_of(r"支出合计", "支出合计", "total", "全部资金", *_SPLIT),
    (4, None): _row_of(r"财政拨款收、?支总计(?:均|各)?", "财政拨款收支总计", "total", "财政拨款", (_GENERAL, "general_budget")),
    (5, 1): _row_of(r"一般公共预算财政拨款支出", "一般公共预算财政拨款支出", "total", "一般公共预算"),
    (5, 2): _row_of(r"一般公共预算财政拨款支出", "一般公共预算财政拨款支出", "total", "一般公共预算"),
    (6, None): _row_of(r"一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本支出", "basic", "一般公共预算",
                       ("人员经费", "personnel"), ("公用经费", "running")),
}
# 预算 情况说明 (第二部分): the same order, with budget wording; 五（二） splits basic and project,
# 五（三） lists the 类, 六 the economic 类 of basic expenditure.
BUDGET_ROWS: dict[tuple[int, int | None], _Row] = {
    (1, None): _row_of(r"(?<!财政拨款)收支总预算", "收支总预算", "total", "全部资金"),
    (2, None): _row_of(r"收入预算", "收入预算", "total", "全部资金", (_GENERAL, "general_budget")),
    (3, None): _row_of(r"支出预算", "支出预算", "total", "全部资金", *_SPLIT),
    (4, None): _row_of(r"财政拨款收支总预算", "财政拨款收支总预算", "total", "财政拨款", (_GENERAL, "general_budget")),
    (5, 1): _row_of(r"一般公共预算(?:财政)?拨款", "一般公共预算拨款", "total", "一般公共预算"),
    (5, 2): _row_of(r"基本支出", "一般公共预算拨款", "basic", "一般公共预算",
                    ("人员经费", "personnel"), ("公用经费", "running"), ("项目支出", "project")),
    (6, None): _row_of(r"一般公共预算基本支出", "一般公共预算基本支出", "basic", "一般公共预算"),
}
_WHOLE_RE = tuple((re.compile(rf"{label}(?:为)?{_NUM}"), key)
                  for label, key in (("基本支出", "basic"), ("项目支出", "project"), ("整体支出总额", "total")))
# A budget's 类 and economic lines name national classes without markers: `1、一般公共服务支出 889.52 万元`.
_NATIONAL_CLASS_LINE = re.compile(rf"(?<![\u4e00-\u9fff])({'|'.join(sorted(CLASSES.values(), key=len, reverse=True))})"
                                  rf"(?:为)?{_NUM}")
_ECONOMIC_CLASSES = {name: code for code, name in ECONOMIC.items() if len(code) == 3}
_ECONOMIC_LINE = re.compile(rf"(?<![\u4e00-\u9fff])({'|'.join(sorted(_ECONOMIC_CLASSES, key=len, reverse=True))})"
                            rf"(?:为)?{_NUM}")
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
    for table in {bl.table or "" for bl in ctx.found_of(BudgetLine)}:   # each table once, not each line
        m = re.search(r"(公开|预算)\s*0?(\d{1,2})", table)
        if m:
            out.add(f"{m.group(1)}{int(m.group(2)):02d}")
        if "整体绩效" in table:
            out.add("整体绩效")
    return out


@extractor("narrative_lines")
def narrative_lines(ctx: Context) -> Iterator[BudgetLine]:
    final = ctx.document.stage == "决算"
    if not final and ctx.document.stage != "预算":
        return
    done = _tables_read(ctx)
    codes = FunctionCodes(ctx.found_of(BudgetLine), ctx.once("glossary", lambda: glossary_codes(ctx.lines)))
    part = narrative_part(ctx.lines, 3 if final else 2)
    # sections and their prose are shared with variances (Context.once): both read the 情况说明
    for sec in ctx.once(("sections", *part), lambda: sections(ctx.lines, *part)) if part else ():
        prose = ctx.once(("prose", sec.first, sec.last), lambda: join_prose(ctx.lines, sec.first, sec.last))
        # A figure the OCR lost is reported wherever it is, whether or not the table survived.
        for m in _NO_AMOUNT.finditer(prose.text):
            ctx.warn(prose.line_at(m.start()), f"{m.group(1)} is followed by 万元 without a figure (OCR lost it); not read")
        if final:
            if f"公开{sec.number:02d}" not in done or sec.number > 6:
                yield from _final_section(ctx, sec, prose, codes, done)
        # A budget's tables are numbered differently from its sections (预算05 is not always 五):
        # its narrative is read only when no table of it survived at all.
        elif not any(t.startswith("预算") for t in done):
            yield from _budget_section(ctx, sec, prose, codes)
    if final and "整体绩效" not in done:
        yield from _self_evaluation(ctx)


def _table(sec: Section) -> str:
    return f"情况说明{_cn(sec.number)}" + (f"（{_cn(sec.sub)}）" if sec.sub else "")


def _final_section(ctx: Context, sec: Section, prose: Prose, codes: FunctionCodes, done: set[str]) -> Iterator[BudgetLine]:
    table, at = _table(sec), (sec.number, sec.sub)
    row = FINAL_ROWS.get(at) or FINAL_ROWS.get((sec.number, None))
    if row and (line := _row(ctx, prose, table, sec, row)):
        yield line
    if at == (5, 2):
        yield from _class_lines(ctx, prose, table, sec, codes)
    if at == (5, 3):
        yield from _item_lines(ctx, prose, table, sec, codes)
    if "绩效" in sec.heading and "整体绩效" not in done:
        yield from _whole_department(ctx, prose, table, sec)


def _budget_section(ctx: Context, sec: Section, prose: Prose, codes: FunctionCodes) -> Iterator[BudgetLine]:
    table, at = _table(sec), (sec.number, sec.sub)
    row = BUDGET_ROWS.get(at) or BUDGET_ROWS.get((sec.number, None))
    if row and (line := _row(ctx, prose, table, sec, row)):
        yield line
    if at == (5, 3):
        for m in _NATIONAL_CLASS_LINE.finditer(prose.text):
            chain = Chain(m.group(1), None, None, m.group(1))
            yield _coded(ctx, codes, chain, m.group(1), {"total": _wan(m.group(2), m.group(3))},
                         table, prose.lines_of(m.start(), m.end()), sec)
    if sec.number == 6:  # `（一）工资福利支出 851.19 万元` lines read as subsections: any part of 六
        for m in _ECONOMIC_LINE.finditer(prose.text):
            first, last = prose.lines_of(m.start(), m.end())
            yield BudgetLine("economic", _ECONOMIC_CLASSES[m.group(1)], m.group(1), "类", "一般公共预算",
                             {"total": _wan(m.group(2), m.group(3))}, table, ctx.source(first, last, sec.heading),
                             repairs=(f"类 code {_ECONOMIC_CLASSES[m.group(1)]} from the national economic classification",))


def _row(ctx: Context, prose: Prose, table: str, sec: Section, row: _Row) -> BudgetLine | None:
    m = row.pattern.search(prose.text)
    if not m:
        return None
    measures = {row.measure: _wan(m.group(1), m.group(2))}
    end = m.end()
    for pattern, key in row.extras:
        em = pattern.search(prose.text, m.end())
        if em and key not in measures:
            measures[key] = _wan(em.group(1), em.group(2))
            end = max(end, em.end())
    first, last = prose.lines_of(m.start(), end)
    return BudgetLine("function", None, row.name, None, row.fund, measures, table, ctx.source(first, last, sec.heading))


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
    for v in ctx.once(("variances", sec.first, sec.last), lambda: variance_statements(prose)):
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
        ctx.warn(lines[0], f"{c.text}: name chain not resolved to a function code ({why}); its budget line "
                           "keeps the whole chain as its name, its variance has no function_code")
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
