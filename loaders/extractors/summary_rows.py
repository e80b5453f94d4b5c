"""The two-sided summary tables (决算 公开01/04, 预算 预算01/04): income on the left, expenditure on the
right, one row of the document carrying one line of each side.

    一、一般公共预算财政拨款收入 | 1 | 2,818.99 | 一、一般公共服务支出 | 31 | 1,995.17

The right side lists the expenditure 类 by name (given their national code) and the totals; the
left side lists income by source or fund, the carry-over and the totals. Each side's row with an
amount becomes its own BudgetLine: the right as classification `function`, the left as `income`
(no code: income lines are named, not coded). A fund line under a carry-over heading
(`年初财政拨款结转和结余` → `一般公共预算财政拨款`) is named after both, so that it is not taken
for the year's income from that fund.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Callable, Iterator

from loaders.budget_codes import class_of
from loaders.context import Context
from loaders.records import BudgetLine
from loaders.tables import Check, Row, amount, compact, is_amount
from loaders.extractors.budget_rows import ENUM_RE, is_words, line_of, place, printed_name

if TYPE_CHECKING:
    from loaders.extractors.budget_tables import Found

ROW_NUMBER_RE = re.compile(r"^\d{1,3}$")
_TOP_LEVEL = re.compile(r"^[一二三四五六七八九十廿]+、")   # 二、上年结转, not （一） under it
FUND_PREFIXES = (("一般公共预算", "general_budget"), ("政府性基金", "fund_budget"), ("国有资本经营", "capital_budget"))
RIGHT_TOTALS = {"本年支出合计", "总计", "支出总计", "本年支出"}
LEFT_INCOME_TOTALS = {"本年收入合计", "本年收入"}
LEFT_TOTALS = LEFT_INCOME_TOTALS | {"总计", "收入总计"}


def read_summary(ctx: Context, f: "Found", checks_for: Callable[[list[str]], tuple[Check, ...]]) -> Iterator[BudgetLine]:
    right = None                 # cell index of the expenditure side's 项目 column
    keys = ["total"]
    has_row_numbers = False
    for row in f.header:
        cells = [compact(c) for c in row.cells]
        items = [i for i, c in enumerate(cells) if c == "项目"]
        if len(items) >= 2 and right is None:
            right = items[1]
        has_row_numbers |= any(c in ("行次", "行") for c in cells)
        for c in cells:
            key = next((k for p, k in FUND_PREFIXES if c.startswith(p)), None)
            if key and key not in keys:
                keys.append(key)
    checks = checks_for(keys)
    carryover: str | None = None     # the carry-over heading the left side's fund lines sit under
    for row in f.body:
        label_i = next((i for i in range(len(row.cells) - 1, -1, -1) if is_words(row.cells[i])), None)
        on_right = label_i is not None and not (right is not None and label_i < right - 1 or right is None and label_i == 0)
        left_end = label_i if on_right else (right if right is not None else len(row.cells))
        income, carryover = _income_side(ctx, f, row, left_end, has_row_numbers, carryover)
        if income is not None:
            yield income
        if on_right:
            line = _expenditure_side(ctx, f, row, label_i, keys, checks, has_row_numbers)
            if line is not None:
                yield line
        elif right is not None:
            _unlabelled(ctx, f, row.line, row.cells[right:], has_row_numbers, "expenditure")


def _unlabelled(ctx: Context, f: "Found", line: int, cells: list[str], has_row_numbers: bool, side: str) -> None:
    """One side of a row without a label: an amount there is reported (its row number is not an amount)."""
    filled = [c for c in cells if c]
    if has_row_numbers and filled and ROW_NUMBER_RE.match(filled[0]):
        filled = filled[1:]      # 行次 1, 2, 3 …
    if any(is_amount(c) for c in filled):
        ctx.warn(line, f"{f.number}: {side}-side amount {filled[0]} with no label; not read")


def _skip_row_number(cells: list[str], start: int, has_row_numbers: bool) -> int:
    return start + 1 if has_row_numbers and start < len(cells) and ROW_NUMBER_RE.match(cells[start]) else start


def _income_side(ctx: Context, f: "Found", row: Row, end: int, has_row_numbers: bool,
                 carryover: str | None) -> tuple[BudgetLine | None, str | None]:
    """The left side of a row (cells before `end`) → an `income` line when it has an amount, and the
    carry-over heading in force after it."""
    cells = row.cells[:end]
    if not cells:
        return None, carryover
    if not cells[0] or not is_words(cells[0]):
        _unlabelled(ctx, f, row.line, cells, has_row_numbers, "income")
        return None, carryover
    name = ENUM_RE.sub("", printed_name(cells[0]))
    flat = compact(name)
    if flat in LEFT_TOTALS:
        carryover = None
    elif "结转" in flat or "结余" in flat:
        carryover = name
    elif carryover is not None and any(flat.startswith(p) for p, _ in FUND_PREFIXES):
        name = f"{carryover}：{name}"
    else:
        carryover = None if _TOP_LEVEL.match(cells[0].strip()) else carryover
    start = _skip_row_number(cells, 1, has_row_numbers)
    placed = place(ctx, f, Row(row.line, cells), start, ["total"], (), None, f"income {name}")
    if placed is None or not placed[0]:
        return None, carryover
    measures, repairs = placed
    return line_of(f, ctx, row, "income", None, None, name, measures, repairs), carryover


def _expenditure_side(ctx: Context, f: "Found", row: Row, label_i: int, keys: list[str], checks: tuple[Check, ...],
                      has_row_numbers: bool) -> BudgetLine | None:
    """The right side: 类 by name (`一、一般公共服务支出`), the totals, and the year-end carry-over."""
    cells = row.cells
    start = _skip_row_number(cells, label_i + 1, has_row_numbers)
    if not any(cells[start:]):
        return None              # no amount beside the name (most 类 of the list): nothing is read or reported
    name = ENUM_RE.sub("", printed_name(cells[label_i]))
    code = class_of(name)
    flat = compact(name)
    if code is None and flat not in RIGHT_TOTALS and not ("结转" in flat and "结余" in flat):
        ctx.warn(row.line, f"{f.number} {name}: expenditure-side row not recognised; not read")
        return None
    placed = place(ctx, f, row, start, keys, checks, None, name)
    if placed is None or not placed[0]:
        return None
    measures, repairs = placed
    if code is not None:
        repairs = (f"类 code {code} given from the name: the table lists 类 by name only",) + repairs
        return line_of(f, ctx, row, "function", code, "类", name, measures, repairs)
    elif flat in RIGHT_TOTALS:
        income = _income_beside(ctx, f, row, label_i, has_row_numbers)
        if income is not None:
            measures["income"] = income
        return line_of(f, ctx, row, "function", None, None, name, measures, repairs)
    else:
        if "total" in measures:
            measures["carryover_end"] = measures.pop("total")
        return line_of(f, ctx, row, "function", None, None, name, measures, repairs)


def _income_beside(ctx: Context, f: "Found", row: Row, right_i: int, has_row_numbers: bool) -> Decimal | None:
    """The income side of a totals row (`本年收入合计 27 3,150.39 | 本年支出合计 …`): 本年收入 as `income`
    on the expenditure total's line too, so that 收入 = 支出 + 结转结余 can be checked on one record."""
    cells = row.cells[:right_i]
    if not cells or compact(ENUM_RE.sub("", cells[0])) not in LEFT_INCOME_TOTALS:
        return None
    rest = cells[_skip_row_number(cells, 1, has_row_numbers):]
    raw = next((c for c in rest if c), None)
    try:
        return amount(raw, f.table.money_unit) if raw else None
    except ValueError:
        return None              # reported once, by the income side's own line
