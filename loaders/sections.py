"""Where a fact sits in a disclosure: the headings of its narrative (第三部分 / 十二、 / （四）), the section under
a heading, and the tables whose caption names a subject (`三公`, `项目支出预算表` …) with the number the
document gives them (公开09 / 预算12, printed or from the contents).

Used by the units, 三公, procurement and project readers; the tables themselves come from
`Context.tables` (loaders.tables.find_tables, once per document).
"""
from __future__ import annotations

import functools
import re

from loaders.context import Context
from loaders.tables import Table, chinese_number, compact, normal_title

# A heading of the narrative: 第三部分 / 十二、 / （四） (the table of contents repeats them, hence `last`).
HEADING_RE = re.compile(r"^\s*(?:-\s*)?(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


@functools.lru_cache(maxsize=16)
def headings(lines: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    """(line number, level, text) of every heading line, computed once per document."""
    out = []
    for n, line in enumerate(lines, 1):
        # a heading starts with its numbering (第, a numeral, a bracket), or with a space or dash before it
        if len(line) <= 60 and line and (line[0] in _HEADING_FIRST or line[0].isspace()) \
                and (level := heading_level(line)) is not None:
            out.append((n, level, line))
    return tuple(out)


_HEADING_FIRST = frozenset("第一二三四五六七八九十（(-")


def last_heading(ctx: Context, pattern: re.Pattern[str]) -> int | None:
    """Line number of the last heading matching `pattern` (the body, not the table of contents)."""
    for n, _, line in reversed(headings(ctx.lines)):   # the last one: looked for from the end
        if pattern.search(line):
            return n
    return None


def heading_level(line: str) -> int | None:
    """0 for 第X部分, 1 for 十二、, 2 for （四）; None for a line that is not a heading."""
    if len(line) > 60 or not ("、" in line or "部分" in line or "）" in line or ")" in line):
        return None              # every heading holds one of these (十二、 第三部分 （四）): most lines none
    m = HEADING_RE.match(line)
    if not m:
        return None
    head = m.group(0).lstrip(" -")
    return 0 if head.startswith("第") else 1 if head.endswith("、") else 2


def section(ctx: Context, pattern: re.Pattern[str], keep: str | None = None) -> tuple[int, int] | None:
    """(first, last) lines of the section under the last heading matching `pattern`: it ends before
    the next heading of the same or a higher level, unless that heading contains `keep` (a second
    heading on the same subject, as in 004's 三公 part)."""
    start = last_heading(ctx, pattern)
    if start is None:
        return None
    level = heading_level(ctx.lines[start - 1])
    for n, other, line in headings(ctx.lines):
        if n > start and other <= level and not (keep and keep in line):
            return start, n - 1
    return start, len(ctx.lines)


# --- tables by caption -------------------------------------------------------------------------

def titled(ctx: Context, word: str) -> list[Table]:
    """The tables whose caption contains `word` (`三公`, `分单位`, `政府采购预算表` …), bodies or not."""
    return [t for t in ctx.tables if any(word in compact(title) for _, title in t.titles)]


def table_name(ctx: Context, table: Table) -> str | None:
    """公开09 / 预算12: the printed mark, else the table's number in the contents (a numbered list
    `十二、2024年政府采购预算表`, or `- 十二、…` as some converters print it)."""
    if table.mark:
        return table.mark
    prefix = "预算" if ctx.document.stage == "预算" else "公开"
    wanted = {normal_title(title) for _, title in table.titles}
    for title, (number, _) in ctx.contents.items():
        if title in wanted:
            return f"{prefix}{number:02d}"
    for n, _, line in headings(ctx.lines):
        m = _NUMBERED_RE.match(line)
        if n < table.first_line and m and normal_title(line) in wanted and (k := chinese_number(m.group(1))):
            return f"{prefix}{k:02d}"
    return None


_NUMBERED_RE = re.compile(r"^\s*(?:-\s*)?([一二三四五六七八九十]+)、")
