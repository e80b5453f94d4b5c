"""Generic helpers for the tab-separated tables of a disclosure (公开01-09, 预算01-15 ...).

The PDF-to-text step leaves each table as a run of lines whose cells are separated by tabs,
preceded by a caption (heading `三、支出决算表`, title `2024 年度支出决算表`, number mark
`公开 03 表` / `预算05表`, unit line `单位：万元`, department line) and followed by notes (`注：…`).
This module finds those tables and reads their cells; it knows nothing about budget codes.

    tables = ctx.tables                      # find_tables(lines), once per document: every tab table
    t.mark, t.titles, t.unit, t.rows         # 公开03, [(161, '2024 年度支出决算表')], 万元, [Row(line, cells)]
    header, body = split_header(t.rows, is_body)
    placed = place_values(cells, keys, checks)  # .values .shift .violations .ties
    toc = ctx.contents                       # read_toc(lines): {normalised title: (number, line)}

Why rows are not aligned by position: the extraction merges or splits header cells and drops
empty cells of merged code columns, so a row's value cells are found after its name cell and
placed against the header's measures by arithmetic (total = basic + project), not by index.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Sequence

from loaders.amounts import parse_number, to_wan
from loaders.text_search import spaceless

# `公开 03 表`, `预算05表`, `公开 02 表 单位:万元` → ('公开', '03'); only on short lines, so that a
# sentence citing a table (`详见公开05表`) is not taken for a caption.
_MARK_RE = re.compile(r"(公开|预算)\s*(\d{1,2})\s*表")
_UNIT_RE = re.compile(r"位\s*[:：]\s*(亿元|万元|元)(?![\u4e00-\u9fff])")
_DEPT_RE = re.compile(r"^\s*(?:部门|单位)\s*[:：]")
_NOTE_RE = re.compile(r"^\s*(?:注|备注)\s*\d*\s*[:：.]")
_PAGE_RE = re.compile(r"^\s*[-—–]?\s*\d{1,3}\s*[-—–]?\s*$")
_ENUM_RE = re.compile(r"^[-•·\s]*([一二三四五六七八九十廿]+)\s*[、.．]\s*")
_YEAR_RE = re.compile(r"^\d{4}\s*年(?:度)?")
_SPACE_RE = re.compile(r"\s+")
# An amount cell as printed: `1,990.17`, `1, 105. 52`, `0.15`, `35`; never letters or CJK.
_AMOUNT_RE = re.compile(r"^-?\d[\d,，\s]*(?:[.．]\s*\d+)?$")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "“": "", "”": "", '"': "", "：": ":"})
MAX_CAPTION_CHARS = 60
_CENT = Decimal("0.01")
_TITLE_END_RE = re.compile(r"表(?:\([^)]*\))?$")
_CAPTION_RAW_CHARS = 2 * MAX_CAPTION_CHARS + 20
_BRACKET_RE = re.compile(r'[（）“”"：]')


_NON_TAB_SPACE = re.compile(r"[^\S\t]")


def split_cells(line: str) -> list[str]:
    """A table line → its cells, each stripped (empty cells kept: they hold column positions)."""
    if _spaceless_row(line):
        return line.split("\t")     # no space to strip (most lines): one C-level call instead of one per cell
    return [c.strip() for c in line.split("\t")]


def _spaceless_row(line: str) -> bool:
    """Whether the line holds no space but tabs (_NON_TAB_SPACE finds none), told without a regex where it can be:
    every space but the ASCII one is unprintable, and so is the tab (tests/loaders checks both)."""
    if " " in line:
        return False
    if line.replace("\t", "").isprintable():
        return True
    return _NON_TAB_SPACE.search(line) is None   # an unprintable character: a space, or another


@functools.lru_cache(maxsize=1 << 16)
def compact(text: str) -> str:
    """Text without any whitespace and with ASCII brackets: OCR puts spaces inside words (`事 业 收 入`).
    Memoised: the same cells and captions recur in every table and every document."""
    t = text if spaceless(text) else _SPACE_RE.sub("", text)
    return t.translate(_BRACKETS) if _BRACKET_RE.search(t) else t


def table_mark(text: str) -> str | None:
    """`公开 03 表` → `公开03`; `预算5表` → `预算05`; None when the text carries no table number."""
    m = _MARK_RE.search(text) if "表" in text else None
    if not m or len(compact(text)) > MAX_CAPTION_CHARS:
        return None
    return f"{m.group(1)}{int(m.group(2)):02d}"


def money_unit(text: str) -> str | None:
    """`单位：万元` / `单位: 元` → the unit (万元, 元, 亿元); None for `单位：某某办公室` or no unit."""
    m = _UNIT_RE.search(text) if "位" in text else None
    return m.group(1) if m else None


def is_amount(cell: str) -> bool:
    """Whether a cell holds a number (OCR spaces and thousands separators allowed)."""
    return bool(cell) and bool(_AMOUNT_RE.match(cell))


@functools.lru_cache(maxsize=1 << 16)
def amount(cell: str, unit: str = "万元") -> Decimal | None:
    """A cell → Decimal in 万元 (None when blank). Raises ValueError naming the cell if not a number."""
    value = parse_number(cell)
    if value is None:
        return None
    wan = to_wan(value, unit)
    if unit == "万元":
        return wan
    # 5,230,000.00 元 → 523.00 万元, not 523.000000: drop the zeros the scaling added, keep cents
    wan = wan.normalize()
    return wan.quantize(_CENT) if wan.as_tuple().exponent > -2 else wan


def normal_title(text: str) -> str:
    """A table title without numbering, year, spaces or bracket style: `五、2024年一般公共预算支出表（分功能科目）`
    → `一般公共预算支出表(分功能科目)`. Titles compare equal across the contents, heading and caption."""
    t = compact(text).lstrip("-•·")
    t = _ENUM_RE.sub("", t).replace("()", "")
    return _YEAR_RE.sub("", t)


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 廿一 → 21 (the numbering of headings and contents); None if not a numeral."""
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if not text:
        return None
    if text.startswith("廿"):
        rest = chinese_number(text[1:]) if len(text) > 1 else 0
        return None if rest is None else 20 + rest
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = digits.get(tens, None) if tens else 1
        o = digits.get(ones, None) if ones else 0
        return None if t is None or o is None else t * 10 + o
    return digits.get(text) if len(text) == 1 else None


def is_title(text: str) -> bool:
    """A caption line that names a table: short, not a note, and ends in `表` or `表(…)`."""
    if "表" not in text:
        return False             # most short lines: no need to compact them
    t = compact(text)
    return 0 < len(t) <= MAX_CAPTION_CHARS and not _NOTE_RE.match(t) and bool(_TITLE_END_RE.search(t))


@dataclass(slots=True)
class Row:
    line: int                    # 1-based line number in the document
    cells: list[str]


@dataclass(slots=True)
class Table:
    """One table as printed: caption, rows (header and body together) and notes."""

    first_line: int
    last_line: int
    mark: str | None = None                         # 公开03 / 预算05 when printed
    titles: list[tuple[int, str]] = field(default_factory=list)   # (line, title as printed)
    unit: str | None = None                         # 万元 / 元 / 亿元 when a unit line was found
    unit_line: int | None = None
    rows: list[Row] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    closed: bool = False                            # a note or prose ended it

    @property
    def money_unit(self) -> str:
        """The declared unit, 万元 when none is printed (the national template's default)."""
        return self.unit or "万元"


def _numbered(title: str) -> bool:
    return bool(_ENUM_RE.match(title))


def _caption(table: Table | None, n: int) -> Table:
    return table if table is not None and not table.rows and not table.closed else Table(n, n)


def find_tables(lines: Sequence[str]) -> list[Table]:
    """Every table of a document, in order. A caption line (number mark, title, unit or department)
    opens a table unless the current one has no rows yet; tab lines are its rows; a note or a
    prose line closes it. Rows after a closed table open an uncaptioned table (its caption was
    lost). Page numbers between rows are skipped."""
    tables: list[Table] = []
    cur: Table | None = None
    for n, raw in enumerate(lines, 1):
        has_tab = "\t" in raw
        if has_tab:
            # split_cells, inline (the most common line of a document)
            cells = raw.split("\t") if _spaceless_row(raw) else [c.strip() for c in raw.split("\t")]
            blank = cells.count("")
            # most lines of a document: a row with four or more filled cells is never a caption
            # (counted, not filtered: no list is built for the most common line)
            row = len(cells) - blank > 3 and ("注" not in raw or not _NOTE_RE.match(next(filter(None, cells))))
            if not row:
                if blank == len(cells):
                    continue     # only whitespace and tabs
                text = raw.strip()
                filled = list(filter(None, cells)) if blank else cells
        else:
            row = False
            text = raw.strip()
            if not text:
                continue
            cells = filled = [text]
        # A caption or a note holds one of these (表 title or mark, 单位 unit, 部门 department, 注 note): most lines
        # hold none and skip every caption test.
        if not row and ("表" in text or "位" in text or "注" in text or "部门" in text):
            short = len(text) <= _CAPTION_RAW_CHARS          # prose paragraphs are never captions: skip the regexes
            single = " ".join(filled) if short and (len(filled) == 1 or not has_tab) else None
            # each test only where its key character is: most lines are prose or rows, and a call costs more than `in`
            mark = table_mark(text) if short and len(filled) <= 3 and "表" in text else None
            if "注" in filled[0] and _NOTE_RE.match(filled[0]):
                if cur is not None:
                    cur.notes.append((n, text))
                    cur.last_line, cur.closed = n, True
                continue
            unit = money_unit(text) if short and len(filled) <= 2 and "位" in text else None
            title = single if not mark and single is not None and "表" in single and is_title(single) else None
            if mark or unit or title or (single is not None and ("部门" in single or "单位" in single)
                                         and _DEPT_RE.match(single)):
                new = _caption(cur, n)
                # a different title or mark on a caption that has one already begins the next table
                # (the contents list its titles one per line, each a caption without rows)
                if new is cur and ((title and cur.titles
                                    and (normal_title(title) not in {normal_title(t) for _, t in cur.titles}
                                         or _numbered(title) and any(_numbered(t) for _, t in cur.titles)))
                                   or (mark and cur.mark and mark != cur.mark)):
                    new = Table(n, n)
                if new is not cur:
                    tables.append(new)
                    cur = new
                cur.last_line = n
                if mark:
                    cur.mark = cur.mark or mark
                    rest = _MARK_RE.sub("", text)
                    for cell in split_cells(rest):
                        if is_title(cell):
                            cur.titles.append((n, cell))
                elif title:
                    cur.titles.append((n, title))
                if unit and cur.unit is None:
                    cur.unit, cur.unit_line = unit, n
                continue
        if has_tab:
            if cur is None or cur.closed:
                cur = Table(n, n)
                tables.append(cur)
            cur.rows.append(Row(n, cells))
            cur.last_line = n
            continue
        if cur is None or cur.closed:
            continue             # nothing for a page number or prose to end
        if _PAGE_RE.match(text):
            continue
        # Prose ends a table; a short fragment before any row is a wrapped caption line
        # (`公室本级` continuing `单位：…办`), not prose.
        if cur.rows or len(compact(text)) > 12 or text.endswith("。"):
            cur.closed = True
    return tables


def split_header(rows: Sequence[Row], is_body: Callable[[Row], bool]) -> tuple[list[Row], list[Row]]:
    """Rows before the first body row are the header; the rest is the body."""
    for i, row in enumerate(rows):
        if is_body(row):
            return list(rows[:i]), list(rows[i:])
    return list(rows), []


def read_toc(lines: Sequence[str], max_gap: int = 3) -> dict[str, tuple[int, int]]:
    """The table of contents: the first run of three or more headings numbered 一、二、三 … that end
    in 表, close together. Returns {normal_title: (number, line)} — the number is the table's
    number in the template (公开NN / 预算NN) when the document prints no mark."""
    run: list[tuple[int, int, str]] = []
    for n, raw in enumerate(lines, 1):
        if "表" in raw:          # is_title needs 表: most lines end here, unstripped
            text = raw.strip()
            m = _ENUM_RE.match(text)
            num = chinese_number(m.group(1)) if m else None
        else:
            num = None
        if num is None or not is_title(text):
            if run and n - run[-1][1] > max_gap:
                if len(run) >= 3:
                    break
                run = []
            continue
        if run and (num != run[-1][0] + 1 or n - run[-1][1] > max_gap):
            if len(run) >= 3:
                break
            run = []
        if not run and num != 1:
            continue
        run.append((num, n, normal_title(text)))
    if len(run) < 3:
        return {}
    return {title: (num, line) for num, line, title in run}


# A check is (result, parts): values[result] must equal the signed sum of values[part].
Check = tuple[str, tuple[tuple[int, str], ...]]


def _violations(values: dict[str, Decimal | None], checks: Sequence[Check]) -> int:
    """How many checks fail by more than rounding: the documents warn of 尾数误差, so a sum may differ
    from its printed total by 0.01 万元 per summed term (the audit's rule, kb/audit/tolerance.py)."""
    bad = 0
    for result, parts in checks:
        if result not in values:
            continue
        # one pass over the parts (called for every row of every table): present? filled? summed in order
        present, count, total = False, 0, _ZERO
        for sign, k in parts:
            if k in values:
                present = True
                v = values[k]
                if v is not None:
                    total += sign * v
                    count += 1
        if present and abs((values[result] or 0) - total) > (_TOLERANCE[count] if count < 16 else _CENT * count):
            bad += 1
    return bad


_ZERO = Decimal(0)
# 0.01 万元 per summed term, at least one term's worth
_TOLERANCE = (_CENT,) + tuple(_CENT * k for k in range(1, 16))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a row's value cells went: the values by measure, how many leading cells were dropped
    (negative: blanks added in front), how many checks still fail (a finding in the disclosure, or
    a doubtful placement) and how many other placements scored as well (0 = the only good one)."""

    values: dict[str, Decimal | None]
    shift: int
    violations: int
    ties: int


def place_values(cells: Sequence[str], keys: Sequence[str], checks: Sequence[Check] = (),
                 unit: str = "万元") -> Placement:
    """Place a row's value cells (those after its name) on the table's measures `keys`.

    Extra cells may only be blank ones dropped from either end; missing cells are blanks added at
    either end. Among the placements, the one that breaks fewest `checks` wins (then the one whose
    first measure is filled, then the least shifted). Raises ValueError for a filled cell that is
    not a number, or for more filled cells than measures."""
    n = len(keys)
    parsed = [amount(c, unit) if c else None for c in cells]
    if len(parsed) == n:         # most rows: as many cells as measures, nothing to choose
        values = dict(zip(keys, parsed))
        return Placement(values, 0, _violations(values, checks), 0)
    options: list[tuple[int, list[Decimal | None]]] = []
    if len(parsed) >= n:
        for off in range(len(parsed) - n + 1):
            dropped = parsed[:off] + parsed[off + n:]
            if all(v is None for v in dropped):
                options.append((off, parsed[off:off + n]))
    else:
        pad = n - len(parsed)
        for front in range(pad + 1):
            options.append((-front, [None] * front + parsed + [None] * (pad - front)))
    if not options:
        filled = [c for c in cells if c]
        raise ValueError(f"{len(filled)} filled cells for {n} columns ({', '.join(keys)}): {filled}")
    if len(options) == 1:        # most rows: as many cells as measures, nothing to choose
        off, vals = options[0]
        values = dict(zip(keys, vals))
        return Placement(values, off, _violations(values, checks), 0)
    scored = []
    for off, vals in options:
        values = dict(zip(keys, vals))
        bad = _violations(values, checks)
        scored.append(((bad, bool(vals) and vals[0] is None, abs(off)), off, values))
    scored.sort(key=lambda s: s[0])
    (bad, _, _), off, values = scored[0]
    # placements that give different values yet break no more checks: the arithmetic could not decide
    ties = len({tuple(s[2].values()) for s in scored if s[0][0] == bad}) - 1
    return Placement(values, off, bad, ties)


__all__ = ["Row", "Table", "Check", "split_cells", "compact", "table_mark", "money_unit", "is_amount",
           "amount", "normal_title", "chinese_number", "is_title", "find_tables", "split_header",
           "read_toc", "place_values", "Placement"]
