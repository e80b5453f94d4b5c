"""三公经费: the table (公开09 决算 / 预算08 预算) and the narrative (三公经费…情况说明), each read on
its own, because they often disagree (003: the table's budget 31.62, the narrative's 30).

Table: one data row after the title; 决算 tables have 12 cells (budget then actual, each 合计,
因公出国(境)费, 车 小计, 购置费, 运行维护费, 接待费), 预算 tables have the first six; the older layout
has one row per part with 预算数 and 决算数 columns. A blank cell is `None`, not zero: the document
left it blank.

Narrative: statements numbered `1.` `(1)` `（一）`; each names one part and states its budget
(全年预算为 / 预算控制数为) and/or its actual (支出决算为 / 支出 X 万元). A heading without a figure
(`（一）因公出国（境）费用`) names the part of the statement that follows it.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from loaders.amounts import IN_WAN, NUMBER, parse_number
from loaders.context import Context
from loaders.extract import extractor
from loaders.prose import join_sentences
from loaders.sections import section, table_name, titled
from loaders.records import Record, ThreePublic
from loaders.tables import Table, amount as cell_amount, compact

TOTAL = "合计"
ABROAD = "因公出国(境)费"
VEHICLES = "公务用车购置及运行维护费"
PURCHASE = "公务用车购置费"
RUNNING = "公务用车运行维护费"
RECEPTION = "公务接待费"
TABLE_ITEMS = (TOTAL, ABROAD, VEHICLES, PURCHASE, RUNNING, RECEPTION)

def _cells(cells: list[str], unit: str) -> list[Decimal | None] | None:
    """A data row: every cell a number or blank, at least one number; else None."""
    if len(cells) < 6:
        return None
    try:
        values = [cell_amount(c, unit) for c in cells]
    except ValueError:
        return None
    numbers = [v for v in values if v is not None]
    # The column index row `1 2 3 … 12` of 决算 tables is not data.
    if not numbers or numbers == [Decimal(i) for i in range(1, len(numbers) + 1)]:
        return None
    return values


def _table(ctx: Context) -> Iterator[ThreePublic]:
    stage_final = ctx.document.stage == "决算"
    tables = titled(ctx, "三公")
    for table in tables:
        name = table_name(ctx, table) or ("公开09" if stage_final else "预算08")
        found = next(((row, v) for row in table.rows if (v := _cells(row.cells, table.money_unit))), None)
        if found is not None:
            row, values = found
            values = (values + [None] * 12)[:12]
            for i, item in enumerate(TABLE_ITEMS):
                budget, actual = values[i], values[i + 6] if stage_final else None
                yield ThreePublic(item=item, budget=budget, actual=actual, origin="table", line=row.line,
                                  source=ctx.source(row.line, row.line, name))
            return
        long = list(_long_rows(ctx, table, name, stage_final))
        if long:
            yield from long
            return
    if tables:
        ctx.warn(tables[-1].first_line, "三公 table title without a data row (its body is missing)")


def _long_rows(ctx: Context, table: Table, name: str, final: bool) -> Iterator[ThreePublic]:
    """The older layout: one row per part (`合计 12.40 11.05`, `1.因公出国（境）费 …`), the columns
    预算数 then 决算数."""
    for row in table.rows:
        label = compact(next((c for c in row.cells if c), ""))
        named = _named(label)
        item = TOTAL if label.endswith("合计") or label == "合计" else (named[0][1] if named else None)
        if item is None:
            continue
        values = [v for c in row.cells[1:] if c and (v := _cell(c, table.money_unit)) is not None]
        if not values and any(c for c in row.cells[1:]):
            continue  # a header row naming the parts, not a data row
        budget = values[0] if values else None
        actual = values[1] if final and len(values) > 1 else None
        yield ThreePublic(item=item, budget=budget, actual=actual, origin="table", line=row.line,
                          source=ctx.source(row.line, row.line, name))


def _cell(cell: str, unit: str) -> Decimal | None:
    try:
        return cell_amount(cell, unit)
    except ValueError:
        return None


_SECTION_RE = re.compile(r"^\s*(?:-\s*)?(?:第.部分|[一二三四五六七八九十]+、).*三公.*(?:情况说明|预算情况)")
# Statements start at `1.` `(1)` `（一）`, a new line or after `。`; `17. 32` (OCR) is a number, not `17.`.
_STATEMENT_SPLIT_RE = re.compile(r"(?=(?<![\d.])\d{1,2}\s*[.、．](?!\s*\d)|[（(](?:\d+|[一二三四五六七八九十]+)[)）]|\n)|(?<=。)")
_PART_RES = (
    (VEHICLES, re.compile(r"公务用车购置及运行(?:维护)?费")),
    (PURCHASE, re.compile(r"公务用车购置费")),
    (RUNNING, re.compile(r"公务用车运行(?:维护)?费")),
    (ABROAD, re.compile(r"因公出国\s*[（(]境[)）]\s*费")),
    (RECEPTION, re.compile(r"(?<![内宾])公务接待费")),
    (TOTAL, re.compile(r"三公.{0,2}经费")),
)
_SUB_ITEM_RE = re.compile(r"外宾接待|国内公务接待")  # details of 公务接待费, not parts of 三公
_N = IN_WAN
_BUDGET_RE = re.compile(rf"(?:全年预算|年初预算|预算控制数|经费预算)(?:数)?\s*为?\s*{_N}")
_ACTUAL_RE = re.compile(rf"(?:支出决算(?:数)?\s*为|费\s*支出)\s*{_N}")
_BOTH_RE = re.compile(rf"预算数与支出数均为\s*({NUMBER})")
_NONE_SPENT_RE = re.compile(r"^\s*\d*\s*[.、．]?\s*无.{0,12}支出")
_BARE_RE = re.compile(rf"(?:费用?)\s*{_N}")


def _amount(m: re.Match[str] | None) -> Decimal | None:
    return parse_number(m.group(1)) if m else None


def _named(text: str) -> list[tuple[int, str]]:
    """(offset, part) of every part a text names, in order; overlapping names cannot occur."""
    return sorted((m.start(), item) for item, rx in _PART_RES for m in rx.finditer(text))


def _clauses(stmt: str) -> list[tuple[int, str]]:
    """A statement naming several parts (`其中：因公出国（境）费0万元，公务接待费2.6万元`) is cut
    before each part name; one naming a single part is one clause."""
    named = _named(stmt)
    if len({item for _, item in named}) < 2:
        return [(0, stmt)]
    cuts = [0] + [at for at, _ in named[1:]] + [len(stmt)]
    return [(a, stmt[a:b]) for a, b in zip(cuts, cuts[1:])]


def _read(stmt: str, final: bool) -> tuple[str | None, Decimal | None, Decimal | None, list[re.Match[str]]]:
    """(part, budget, actual, matches of the figures) of one clause."""
    named = _named(stmt)
    item = named[0][1] if named else None
    found = [m for m in (_BOTH_RE.search(stmt), _BUDGET_RE.search(stmt), _ACTUAL_RE.search(stmt)) if m]
    budget, actual = _amount(_BUDGET_RE.search(stmt)), _amount(_ACTUAL_RE.search(stmt))
    if both := _BOTH_RE.search(stmt):
        budget = actual = parse_number(both.group(1))
    if item and not found and (none := _NONE_SPENT_RE.search(stmt)):
        actual, found = Decimal(0), [none]  # `1.无因公出国(境)费支出。`
    elif item and not found and (bare := _BARE_RE.search(stmt)):
        # `公务接待费0.98万元` / `(1)公务用车购置费 19.58 万元，完成年初预算的 100%`: the stage says which.
        found = [bare]
        if final:
            actual = parse_number(bare.group(1))
        else:
            budget = parse_number(bare.group(1))
    return item, budget, actual, found


def _narrative(ctx: Context) -> Iterator[ThreePublic]:
    sec = section(ctx, _SECTION_RE, keep="三公")
    if sec is None:
        return
    prose = join_sentences(ctx.lines, *sec)
    final = ctx.document.stage == "决算"
    heading_item: str | None = None
    bounds = [m.start() for m in _STATEMENT_SPLIT_RE.finditer(prose.text)] + [len(prose.text)]
    for s_start, s_end in zip([0] + bounds, bounds):
        for offset, clause in _clauses(prose.text[s_start:s_end]):
            start, end = s_start + offset, s_start + offset + len(clause)
            if not clause.strip() or _SUB_ITEM_RE.search(clause):
                continue
            start += len(clause) - len(clause.lstrip())
            item, budget, actual, found = _read(clause.strip(), final)
            if budget is None and actual is None:
                # A heading (`（一）因公出国（境）费用`) names the part of the figure that follows it.
                heading_item = item if item and len(clause.strip()) <= 20 else heading_item
                continue
            if item is None:
                item = heading_item
                if item is None:
                    ctx.warn(prose.line_at(start), "三公 figure without a part named before it")
                    continue
            heading_item = None
            first, last = prose.lines_of(start, end)
            line = prose.line_at(start + min(m.start() for m in found))
            yield ThreePublic(item=item, budget=budget, actual=actual, origin="narrative", line=line,
                              source=ctx.source(first, last, "三公经费情况说明"))


@extractor("three_public")
def extract(ctx: Context) -> Iterator[Record]:
    yield from _table(ctx)
    yield from _narrative(ctx)
