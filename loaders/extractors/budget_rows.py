"""Reading the rows of one identified budget table into BudgetLines (used by budget_tables).

Three layouts: `function` (code, name, measures), `economic` (the same, or 公开06's three
side-by-side code/name/amount groups) and `units` (预算06: one row per 单位 with its code). The
two-sided `summary` tables (公开01/04, 预算01/04) are read by loaders.extractors.summary_rows.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from loaders.budget_codes import economic_candidates, same_name
from loaders.context import Context
from loaders.records import BudgetLine
from loaders.tables import Check, Row, amount, compact, is_amount, place_values
from loaders.text_search import spaceless

if TYPE_CHECKING:
    from loaders.extractors.budget_tables import Found

CODE_RE = re.compile(r"^\d{3,7}$")
_TWO_DIGITS = re.compile(r"\d{2}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
# `一、` `（一）` `(十二)、`: the numbering needs its bracket or its 、, or 一般公共预算 would lose its 一.
ENUM_RE = re.compile(r"^(?:[（(][一二三四五六七八九十廿]+[)）][、.．]?|[一二三四五六七八九十廿]+[、.．])")
_SPACES = re.compile(r"\s+")
# Header labels → measure keys. 小计 under 基本支出 is `basic`; elsewhere it is the row total.
LABEL_KEYS = {
    "本年支出合计": "total", "本年收入合计": "total", "合计": "total", "小计": "total", "总计": "total",
    "决算数": "total", "预算数": "total", "金额": "total",
    "基本支出": "basic", "项目支出": "project", "人员经费": "personnel", "公用经费": "running",
    "上缴上级支出": "upper_remit", "经营支出": "operating_expense", "事业单位经营支出": "operating_expense",
    "对附属单位补助支出": "affiliate_subsidy",
    "财政拨款收入": "fiscal_income", "上级补助收入": "upper_subsidy", "事业收入": "business_income",
    "经营收入": "operating_income", "事业单位经营收入": "operating_income", "附属单位上缴收入": "affiliate_income",
    "其他收入": "other_income", "年初结转和结余": "carryover_start", "本年收入": "income",
    "年末结转和结余": "carryover_end", "上年结转结余": "carryover_start", "年终结转结余": "carryover_end",
    "一般公共预算财政拨款": "general_budget", "一般公共预算拨款": "general_budget",
    "一般公共预算拨款收入": "general_budget", "政府性基金预算财政拨款": "fund_budget",
    "政府性基金预算拨款": "fund_budget", "政府性基金预算拨款收入": "fund_budget",
    "国有资本经营预算财政拨款": "capital_budget", "国有资本经营预算拨款": "capital_budget",
    "国有资本经营预算拨款收入": "capital_budget",
}
GROUPS = {"本年支出", "本年一般公共预算基本支出", "本年政府性基金预算支出", "国有资本经营预算支出",
          "本年国有资本经营预算支出", "本年一般公共预算支出", "政府性基金预算支出"}
TOTAL_LABELS = {"合计", "总计", "本年支出合计", "本年收入合计"}
PERSONNEL_CLASSES = ("301", "303")   # 人员经费 = 工资福利 + 对个人和家庭的补助; the rest is 公用经费
LEVELS = {"function": {3: "类", 5: "款", 7: "项"}, "economic": {3: "类", 5: "款"}}


def is_code(cell: str) -> bool:
    """A code cell (CODE_RE: 3 to 7 digits), tested with str methods where they agree with the regex (`\\d` is
    str.isdecimal; `$` also matches before a final newline, which cells never hold): it runs on most cells of
    every table."""
    return 3 <= len(cell) <= 7 and cell.isdecimal() or cell.endswith("\n") and CODE_RE.match(cell) is not None


def is_words(cell: str) -> bool:
    """A name or label cell: it has Chinese characters (a garbled amount such as `1O.00` has none)."""
    return not cell.isascii() and _CJK.search(cell) is not None   # isascii: a flag, no scan (amounts, codes)


def label_of(cell: str) -> str | None:
    """The total label a cell holds (`合计`, `本年支出合计` ...), or None."""
    if "计" not in cell:
        return None              # every total label ends in 计 (most cells: no need to compact them)
    t = compact(cell)
    return t if t in TOTAL_LABELS else None


def printed_name(text: str) -> str:
    """A name as printed, without the spaces line-wrapping put inside it (`公务用车运行维护 费`)."""
    return text if spaceless(text) else _SPACES.sub("", text)


def header_keys(header: list[Row]) -> list[str]:
    """The table's measures in column order, read from its header labels. A group heading
    (本年支出, or 基本支出 above 小计/人员经费/公用经费) is replaced by the labels of the next line."""
    merged: list[tuple[str, str | None]] = []      # (label, group it sits under)
    for row in header:
        if any("栏次" in c for c in row.cells):
            continue
        toks = [t for t in (compact(c) for c in row.cells) if t in LABEL_KEYS or t in GROUPS]
        if not toks:
            continue
        labels = [t for t, _ in merged]
        group = next((t for t in labels if t in GROUPS), None)
        if group is None and "基本支出" in labels and toks[0] in ("小计", "合计"):
            group = "基本支出"
        if group is None:
            merged.extend((t, None) for t in toks)
            continue
        i = labels.index(group)
        merged[i:i + 1] = [(t, group) for t in toks if t not in GROUPS]
    keys = []
    for label, group in merged:
        if label in GROUPS:
            continue
        key = "basic" if group == "基本支出" and label in ("小计", "合计") else LABEL_KEYS[label]
        keys.append(key)
    return keys


def _column_one(header: list[Row]) -> int | None:
    """Cell index of column 1 in the 栏次 row (`类 款 项 栏次 1 2 3`), when the header prints one."""
    for row in header:
        cells = [compact(c) for c in row.cells]
        if any("栏次" in c for c in cells) and "1" in cells and "2" in cells:
            return cells.index("1")
    return None


def code_index(bodies: Iterable[list[Row]]) -> dict[str, str]:
    """Full-length function codes with their names, from every function table of the document:
    what a truncated code (`201030`) is repaired against."""
    index: dict[str, str] = {}
    for body in bodies:
        for row in body:
            for i, cell in enumerate(row.cells):
                if is_code(cell) and len(cell) in (3, 5, 7):
                    name = next((c for c in row.cells[i + 1:] if is_words(c)), "")
                    index.setdefault(cell, printed_name(name))
                    break
    return index


def resolve_code(ctx: Context, line: int, printed: str, name: str, classification: str,
                 index: dict[str, str], table: str = "") -> tuple[str, str | None, tuple[str, ...]]:
    """(code, level, repairs): a truncated code (one digit short) is completed from the document's
    other tables (function) or the national list (economic) when exactly one code fits the name."""
    levels = LEVELS[classification]
    if len(printed) in levels:
        return printed, levels[len(printed)], ()
    if classification == "function":
        fits = [c for c, n in index.items() if len(c) == len(printed) + 1 and c.startswith(printed)
                and (same_name(name, n) or same_name(n, name))]
        where = "the document's other tables"
    else:
        fits = [c for c in economic_candidates(printed, name) if len(c) == len(printed) + 1]
        where = "the national economic classification"
    if len(fits) == 1 and len(fits[0]) in levels:
        note = f"code {printed} is truncated; {fits[0]} {name} from {where}"
        ctx.warn(line, f"{table} {note}".strip())
        return fits[0], levels[len(fits[0])], (note,)
    ctx.warn(line, f"{table} code {printed} ({name}) has {len(printed)} digits, not a {classification} code length; "
                   f"{'no' if not fits else len(fits)} matching code in {where}, kept as printed")
    return printed, None, ()


def line_of(f: "Found", ctx: Context, row: Row, classification: str, code: str | None, level: str | None,
          name: str, measures: dict[str, Decimal], repairs: tuple[str, ...], unit_code: str | None = None) -> BudgetLine:
    if f.how in ("header", "note"):
        repairs += (f"table {f.number} known by its {f.how}: its caption (number and title) is lost",)
    return BudgetLine(classification=classification, code=code, name=name, level=level, fund_type=f.kind.fund_type,
                      measures=measures, table=f.number, source=ctx.source(row.line, row.line, table=f.number),
                      unit_code=unit_code, repairs=repairs)


def place(ctx: Context, f: "Found", row: Row, value_from: int, keys: list[str], checks: tuple[Check, ...],
           col1: int | None, what: str) -> tuple[dict[str, Decimal], tuple[str, ...]] | None:
    """Place the cells from `value_from` on `keys`; report failed arithmetic and doubtful placements."""
    cells = row.cells[value_from:]
    if not any(cells):
        return {}, ()            # no value printed (a 类 the department spends nothing on): nothing to place or report
    try:
        p = place_values(cells, keys, checks, f.table.money_unit)
    except ValueError as exc:
        ctx.error(row.line, f"{f.number} {what}: {exc}; row not read")
        return None
    measures = {k: v for k, v in p.values.items() if v is not None}
    repairs: tuple[str, ...] = ()
    if p.violations:
        ctx.warn(row.line, f"{f.number} {what}: row arithmetic does not hold as printed "
                           f"({', '.join(f'{k}={v}' for k, v in measures.items())})")
    elif p.ties:
        ctx.warn(row.line, f"{f.number} {what}: the arithmetic cannot tell which columns the cells belong to "
                           f"({p.ties + 1} placements); placed nearest the name")
    if col1 is not None and value_from + p.shift != col1 and not p.ties and measures:
        repairs = (f"cells shifted: the values start at cell {value_from + p.shift + 1}, the header's column 1 "
                   f"is cell {col1 + 1}; placed by row arithmetic",)
    return measures, repairs


_SPACED_CODE = re.compile(r"^(\d{3})(?:\s+(\d{2}))(?:\s+(\d{2}))?$")
_CODE_AND_NAME = re.compile(r"^(\d{3,7})\s*([\u4e00-\u9fff].*)$")
_SPACE_OR_CJK = re.compile(r"[\s\u4e00-\u9fff]")   # what the two patterns above need: without it neither matches


# A row where some cell starts as one of the two patterns above (cells hold no tab, so within a cell `\s` is
# `[^\S\t]`): most rows have none, and one search of the row replaces a test per cell. Searched in the row with
# a tab before every cell, the first too: a pattern that starts with a character is looked for only there.
_MERGED_IN_ROW = re.compile(r"\t\d{3}(?:\d{0,4}[^\S\t]*[\u4e00-\u9fff]|[^\S\t]+\d{2})")


def has_merged(cells: list[str]) -> bool:
    """Whether `unmerge` would change the cells (most rows: no)."""
    return _MERGED_IN_ROW.search("\t" + "\t".join(cells)) is not None


def unmerge(cells: list[str]) -> list[str]:
    """OCR joins what the table prints apart: `201 03 01` is one code, `2010301 行政运行` a code and a name.
    Always a new list."""
    if not has_merged(cells):
        return list(cells)
    out: list[str] = []
    for c in cells:
        if not c[:1].isdigit() or _SPACE_OR_CJK.search(c) is None:
            out.append(c)        # names, labels, blanks and plain amounts: nothing to split
            continue
        m = _CODE_AND_NAME.match(c)
        if m:
            out += [m.group(1), m.group(2)]
            continue
        m = _SPACED_CODE.match(c)
        out.append("".join(g for g in m.groups() if g) if m else c)
    return out


def read_table(ctx: Context, f: "Found", index: dict[str, str],
               checks_for: Callable[[list[str]], tuple[Check, ...]]) -> Iterator[BudgetLine]:
    """A function, economic or units table (the two-sided summary tables: loaders.extractors.summary_rows)."""
    layout = f.kind.layout
    if layout == "function" and any(compact(c) in ("单位编码", "单位代码", "单位名称") for r in f.header for c in r.cells):
        layout = "units"         # the same title lists units in some templates (收入预算总表)
    keys = header_keys(f.header)
    if layout == "economic" and (sum(compact(c) == "科目名称" for r in f.header for c in r.cells) > 1
                                 or any(sum(map(is_code, r.cells)) > 1 for r in f.body)):
        yield from _economic_groups(ctx, f, index)
        return
    if not keys:
        ctx.error(f.table.first_line, f"{f.number}: no measure columns recognised in the header; table not read")
        return
    checks, col1 = checks_for(keys), _column_one(f.header)
    classification = "economic" if layout == "economic" else "function"
    for n, row in enumerate(f.body):
        line = _coded_row(ctx, f, row, n == 0, keys, checks, col1, classification, index, layout == "units")
        if line is not None:
            yield line


def _coded_row(ctx: Context, f: "Found", row: Row, first: bool, keys: list[str], checks: tuple[Check, ...],
               col1: int | None, classification: str, index: dict[str, str], by_unit: bool) -> BudgetLine | None:
    """The row's line, or None (a repeated header, a row of words, no values). A function, not a generator: it
    runs for every row of every table."""
    cells = row.cells
    joined = "\t".join(cells)   # cells hold no tab, so 栏次 in it is 栏次 in one cell
    if "栏次" in joined or not _DIGIT.search(joined):
        return None              # the header printed again after a page break, or a row of words
    # the code is the first cell of most rows: tested before the search of every cell
    code_i = 0 if is_code(cells[0]) else next((i for i, c in enumerate(cells) if is_code(c)), None)
    # every total label ends in 计: most rows hold none, and need no call per cell
    label_i = next((i for i, c in enumerate(cells) if label_of(c)), None) if "计" in joined else None
    repairs: tuple[str, ...] = ()
    printed = None
    if code_i is not None and (label_i is None or code_i < label_i):
        printed = cells[code_i]
        # 类 / 款 / 项 printed in three columns (`201  03  01`): one code
        j = code_i + 1
        while len(printed) < 7 and j < len(cells) and _TWO_DIGITS.fullmatch(cells[j]):
            printed, j = printed + cells[j], j + 1
        # the name follows the code in most rows
        name_i = j if j < len(cells) and is_words(cells[j]) else \
            next((i for i in range(j, len(cells)) if is_words(cells[i])), None)
        if name_i is None:
            ctx.warn(row.line, f"{f.number} {printed}: no name printed in the row")
            name_i, name = j - 1, index.get(printed, "")
        else:
            name = printed_name(cells[name_i])
    elif label_i is not None:
        name_i, name = label_i, printed_name(cells[label_i])
    elif first and all(is_amount(c) for c in cells if c) and any(cells):
        # 001 公开05: the 合计 label sits in the header line above (`栏次 合计`), the row has only amounts
        start = next(i for i, c in enumerate(cells) if c)
        name_i, name = start - 1, "合计"
        if any("栏次" in c and "合计" in c for r in f.header for c in map(compact, r.cells)):
            repairs = ("label 合计 printed in the header line, not in the row",)
        else:
            ctx.warn(row.line, f"{f.number}: the first row has amounts but no code and no label; read as 合计")
    else:
        if any(is_amount(c) and "." in c for c in cells):
            ctx.warn(row.line, f"{f.number}: row with amounts but no code and no total label; not read")
        return None
    what = f"{printed or ''} {name}".strip()
    placed = place(ctx, f, row, name_i + 1, keys, checks, col1, what)
    if placed is None or not placed[0]:
        return None
    measures, shifted = placed
    if by_unit:
        return line_of(f, ctx, row, "function", None, None, name, measures, repairs + shifted, unit_code=printed)
    code = level = None
    if printed is not None:
        code, level, fixed = resolve_code(ctx, row.line, printed, name, classification, index, f.number)
        repairs += fixed
    return line_of(f, ctx, row, classification, code, level, name, measures, repairs + shifted)


def _economic_groups(ctx: Context, f: "Found", index: dict[str, str]) -> Iterator[BudgetLine]:
    """公开06: code, name, amount three times per line (人员经费 | 公用经费 | 公用经费 资本性支出);
    the totals line prints `人员经费合计 … 公用经费合计 …` with its amounts shifted."""
    unit = f.table.money_unit
    for row in f.body:
        cells, label, i = row.cells, "", 0
        while i < len(cells):
            cell = cells[i]
            if is_code(cell) and i + 1 < len(cells) and is_words(cells[i + 1]):
                name, raw = printed_name(cells[i + 1]), cells[i + 2] if i + 2 < len(cells) else ""
                i, label = i + 3, ""
                try:
                    value = amount(raw, unit)
                except ValueError as exc:
                    ctx.error(row.line, f"{f.number} {cell} {name}: {exc}; not read")
                    continue
                if value is None:
                    continue
                code, level, repairs = resolve_code(ctx, row.line, cell, name, "economic", index, f.number)
                part = "personnel" if code[:3] in PERSONNEL_CLASSES else "running"
                yield line_of(f, ctx, row, "economic", code, level, name, {"total": value, part: value}, repairs)
                continue
            if is_words(cell):
                label += compact(cell)         # `公用经` + `费合计`: a label split over two cells
            elif cell and label.endswith("合计"):
                part = "personnel" if label.startswith("人员") else "running"
                try:
                    value = amount(cell, unit)
                except ValueError as exc:
                    ctx.error(row.line, f"{f.number} {label}: {exc}; not read")
                else:
                    yield line_of(f, ctx, row, "economic", None, None, label, {"total": value, part: value}, ())
                label = ""
            elif cell:
                ctx.warn(row.line, f"{f.number}: amount {cell} with no code and no total label; not read")
            i += 1
