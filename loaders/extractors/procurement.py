"""政府采购 (procurement): the rows of a budget's 政府采购预算表 (004's 预算12) and the totals the
narrative states (决算 `政府采购支出说明`, 预算 `政府采购预算情况`).

Table rows name the item, function and economic codes in brackets: `[C23120302]车辆加油、添加燃料服务`,
`[2010301]行政运行`, `[30231]公务用车运行维护费`. The three amount columns (合计, 面向中小企业,
面向小微企业) are read from the right: in 004 the header spans one column fewer than the rows, so
counting from the left would shift them.

Narrative totals become records whose `item_name` says what they are: 合计 (the total, with the
SME and small/micro amounts stated with it), 货物, 工程, 服务.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from loaders.amounts import IN_WAN, parse_number
from loaders.context import Context
from loaders.extract import extractor
from loaders.prose import join_sentences
from loaders.sections import section, table_name, titled
from loaders.records import Procurement, Record
from loaders.tables import amount as cell_amount

_CODED_RE = re.compile(r"^\[([A-Z]?\d+)\]\s*(.*)$")


def _number(cell: str, unit: str = "万元") -> Decimal | None:
    try:
        return cell_amount(cell, unit)
    except ValueError:
        return None


def _table(ctx: Context) -> Iterator[Procurement]:
    for table in titled(ctx, "政府采购预算表"):
        name = table_name(ctx, table) or "政府采购预算表"
        for row in table.rows:
            cells = row.cells
            coded = [(i, m) for i, c in enumerate(cells) if (m := _CODED_RE.match(c))]
            if len(coded) >= 3:
                yield _row(ctx, row.line, name, cells, coded, table.money_unit)
            elif "合计" in cells[:2]:
                yield _total_row(ctx, row.line, name, cells, table.money_unit)
            elif coded or any(_number(c) is not None for c in cells[2:]):
                # Unit rows (`104 武汉市江汉区人民政府办公室`) hold no amounts; anything else is a row
                # whose codes could not be read.
                ctx.warn(row.line, f"procurement row with {len(coded)} bracketed codes (item, function, economic expected); not read")


def _row(ctx: Context, n: int, table: str, cells: list[str], coded: list, unit: str) -> Procurement:
    (i_item, item), (_, function), (i_econ, economic) = coded[:3]
    # Quantity first, then price, unit of measure and the amounts; all in the table's money unit
    # except the quantity, which is a count.
    numbers = [(i, v) for i, c in enumerate(cells) if i > i_econ and (v := _number(c, unit)) is not None]
    amounts = [v for _, v in numbers[-3:]]
    if len(numbers) < 4:
        ctx.warn(n, f"procurement row with {len(numbers)} numbers after the economic code (expected quantity, price and three amounts)")
    amount, sme, small = (amounts + [None] * 3)[:3] if len(amounts) == 3 else (amounts[0] if amounts else None, None, None)
    return Procurement(
        unit=cells[1] or None if i_item > 1 else None,
        project=cells[i_item - 1] or None if i_item > 2 else None,
        item_code=item.group(1), item_name=item.group(2) or None,
        function_code=function.group(1), economic_code=economic.group(1),
        quantity=_number(cells[numbers[0][0]]) if len(numbers) >= 4 else None,
        amount=amount, sme_amount=sme, small_micro_amount=small,
        line=n, source=ctx.source(n, n, table),
    )


def _total_row(ctx: Context, n: int, table: str, cells: list[str], unit: str) -> Procurement:
    """The table's 合计 row: its last three numbers are the total, SME and small/micro amounts."""
    numbers = [v for c in cells if (v := _number(c, unit)) is not None]
    amount, sme, small = ([None] * 3 + numbers)[-3:]
    return Procurement(unit=None, project=None, item_code=None, item_name="合计", function_code=None,
                       economic_code=None, quantity=None, amount=amount, sme_amount=sme,
                       small_micro_amount=small, line=n, source=ctx.source(n, n, table))


_SECTION_RE = re.compile(r"政府采购.*(?:支出说明|预算情况|情况说明)")
_N = IN_WAN
_TOTAL_RE = re.compile(rf"(?:支出总额|支出合计)\s*为?\s*{_N}")
_KIND_RE = re.compile(rf"(?:政府采购)?(货物|工程|服务)(?:类|支出)\s*{_N}")
_SME_RE = re.compile(rf"授予中小企业合同金额\s*{_N}")
_SMALL_RE = re.compile(rf"授予小微企业合同金额\s*{_N}")


def _narrative(ctx: Context) -> Iterator[Procurement]:
    sec = section(ctx, _SECTION_RE)
    if sec is None:
        # No heading of its own (`3.政府采购情况：…` inside 其他重要事项): the paragraph that states it.
        start = next((n for n, line in enumerate(ctx.lines, 1)
                      if "政府采购" in line and "\t" not in line and _TOTAL_RE.search(line)), None)
        if start is None:
            return
        sec = (start, min(start + 4, len(ctx.lines)))
    prose = join_sentences(ctx.lines, *sec)
    text = prose.text
    table = "政府采购支出说明" if ctx.document.stage == "决算" else "政府采购预算情况"
    total = _TOTAL_RE.search(text)
    if total is None:
        if re.search(r"\d\s*万元", text):
            ctx.warn(sec[0], "政府采购 section states amounts but no total (支出总额/支出合计)")
        return
    sme, small = _SME_RE.search(text), _SMALL_RE.search(text)
    first, _ = prose.lines_of(total.start(), total.end())
    last = max(prose.line_at(m.end() - 1) for m in (total, sme, small) if m)
    yield _stated(ctx, "合计", parse_number(total.group(1)), first, last, table,
                  sme=parse_number(sme.group(1)) if sme else None,
                  small=parse_number(small.group(1)) if small else None)
    for m in _KIND_RE.finditer(text):
        first, last = prose.lines_of(m.start(), m.end())
        yield _stated(ctx, m.group(1), parse_number(m.group(2)), first, last, table)


def _stated(ctx: Context, what: str, amount: Decimal, first: int, last: int, table: str,
            sme: Decimal | None = None, small: Decimal | None = None) -> Procurement:
    return Procurement(unit=None, project=None, item_code=None, item_name=what, function_code=None,
                       economic_code=None, quantity=None, amount=amount, sme_amount=sme,
                       small_micro_amount=small, line=first, source=ctx.source(first, last, table))


@extractor("procurement")
def extract(ctx: Context) -> Iterator[Record]:
    yield from _table(ctx)
    yield from _narrative(ctx)
