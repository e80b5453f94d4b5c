"""Project self-evaluations of a final account (项目支出绩效自评表): name, implementing unit, category and
frequency (ticked boxes), 预算数 and 执行数. Tab rows in clean files; in OCR'd files (002) the cells come
one per line, a value on the line after its label.
"""
from __future__ import annotations

import re
from decimal import Decimal

from rapidfuzz import fuzz

from loaders.context import Context
from loaders.project_forms import (NAME_ROW_RE, checked_option, flat, frequency_of, name_cell, number,
                                   same_name)
from loaders.records import Project

_EVAL_TITLE_RE = re.compile(r"\d{4}\s*年度\s*[“\"]?(.+?)[”\"]?\s*(?:项目)?\s*自评表")
_OCR_NAME_RE = re.compile(r"^\s*项目名称(?:\s+(\S.*?))?\s*$")
# A line of figures only: `19.59 19.59 100% 20`, `7 6.95 99.35 20`, or one figure a line (`37.14`).
# The numbers are strict here: the lenient NUMBER would read `7 6.95` as one OCR-spaced number.
_FIGURES_RE = re.compile(r"^\s*\d+(?:\.\d+)?%?(?:\s+\d+(?:\.\d+)?%?)*\s*$")
_FIGURES_END = ("年度绩效目标", "项目绩效总目标", "一级指标", "年度绩效指标")
_LABELS = ("项目类别", "项目属性", "项目类型", "预算执行", "主管部门")


def evaluation_blocks(ctx: Context) -> list[tuple[int, int]]:
    starts = [n for n, line in enumerate(ctx.lines, 1)
              if "项目名" in line and (NAME_ROW_RE.match(line) or ("\t" not in line and _OCR_NAME_RE.match(line)))]
    return [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else len(ctx.lines)) for i, s in enumerate(starts)]


def _next_text(ctx: Context, n: int, last: int) -> tuple[int, str] | None:
    """The next non-blank line after n (cells one per line: the value follows its label)."""
    return next(((k, ctx.lines[k - 1].strip()) for k in range(n + 1, min(last, n + 3) + 1) if ctx.lines[k - 1].strip()), None)


def _eval_name(ctx: Context, first: int, last: int) -> str | None:
    line = ctx.lines[first - 1]
    if "\t" in line:
        return name_cell(line.split("\t"))
    named = _OCR_NAME_RE.match(line).group(1)
    if named:
        return named
    following = _next_text(ctx, first, last)
    return flat(following[1]) if following and not following[1].startswith(_LABELS) else None


def _figures(ctx: Context, start: int, last: int) -> tuple[Decimal | None, Decimal | None, int | None]:
    """预算数 and 执行数 from the lines of figures after the 预算执行情况 header: the two numbers
    before the first percentage (执行率), else the first two."""
    tokens: list[tuple[str, int]] = []
    for n in range(start, min(last, start + 30) + 1):
        text = ctx.lines[n - 1].strip()
        if text.startswith(_FIGURES_END):
            break
        if _FIGURES_RE.match(text):
            tokens.extend((t, n) for t in text.split())
    pct = next((i for i, (t, _) in enumerate(tokens) if t.endswith("%")), None)
    pair = tokens[pct - 2:pct] if pct is not None and pct >= 2 else tokens[:2]
    if len(pair) < 2:
        return None, None, None
    return number(pair[0][0]), number(pair[1][0]), pair[1][1]


def evaluation(ctx: Context, first: int, last: int) -> Project | None:
    name = _eval_name(ctx, first, last)
    title = next((m.group(1).strip() for n in range(first - 1, max(0, first - 8), -1)
                  if (m := _EVAL_TITLE_RE.search(ctx.lines[n - 1]))), None)
    if name is None:
        if title is None:
            ctx.error(first, "项目自评表 without a readable 项目名称 or title")
            return None
        ctx.warn(first, f"项目名称 unreadable; the title's name {title!r} used")
        name = title
    category = frequency = unit = None
    budget = executed = amount_line = None
    for n in range(first + 1, min(last, first + 40) + 1):
        text = ctx.lines[n - 1]
        if "项" not in text and "资" not in text and "预" not in text:
            continue             # every label read below holds one of these (项目类别, 资金总额, 预算执行 …)
        squashed = flat(text)
        if squashed in ("项目类别", "项目类型") and (following := _next_text(ctx, n, last)):
            squashed += flat(following[1])  # the options on the line after their label
        if "项目实施单位" in squashed and unit is None:
            unit = _implementing_unit(ctx, n, last)
        if squashed.startswith("项目类别"):
            category = _known_category(ctx, n, checked_option(squashed[4:]))
        elif squashed.startswith("项目类型"):
            frequency = frequency_of(checked_option(squashed[4:]))
        elif "资金总" in squashed and "\t" in text:
            nums = [v for c in text.split("\t") if (v := number(c)) is not None]
            if len(nums) >= 2:
                budget, executed, amount_line = nums[0], nums[1], n
                break
        elif squashed.startswith("预算执行"):
            budget, executed, amount_line = _figures(ctx, n + 1, last)
            if amount_line is not None:
                break
    if amount_line is None:
        ctx.warn(first, f"项目自评表 {name!r}: no 预算数/执行数 row found")
    # The title repeats the name, often without its 项目 suffix: only a different name is an alias.
    aliases = (title,) if title and not same_name(title, name) else ()
    return Project(code=None, name=name, unit=unit, category=category, frequency=frequency, budget=budget,
                   executed=executed, function_codes=(), legal_basis=None,
                   source=ctx.source(first, amount_line or first, "项目自评表"), aliases=aliases)


_FINAL_CATEGORIES = ("部门预算项目", "区直专项", "市直专项", "市对下转移支付项目")


def _known_category(ctx: Context, n: int, label: str | None) -> str | None:
    """The ticked 项目类别 of a 自评表; an OCR-garbled label (`部门预算享项目`) is mended to the
    form's printed option it is closest to, with a warning."""
    if label is None or label in _FINAL_CATEGORIES:
        return label
    best = max(_FINAL_CATEGORIES, key=lambda c: fuzz.ratio(label, c))
    if fuzz.ratio(label, best) >= 80:
        ctx.warn(n, f"项目类别 {label!r} read as {best!r} (OCR)")
        return best
    return label


def _implementing_unit(ctx: Context, n: int, last: int) -> str | None:
    """项目实施单位: the next cell (tab rows), or the lines after it up to 预算执行情况 (OCR rows,
    where `武汉市洪山区人民政\n府办公室` is one name broken in two)."""
    cells = [c.strip() for c in ctx.lines[n - 1].split("\t")]
    at = next(i for i, c in enumerate(cells) if "项目实施单位" in flat(c))
    if flat(cells[at]).split("项目实施单位", 1)[1]:
        # OCR interleaved the label with the name (003: `中国共产党武 项目实施单位 市蔡甸区委员会`).
        ctx.warn(n, "项目实施单位 interleaved with other text; unit not read")
        return None
    after = [c for c in cells[at + 1:] if c]
    if after:
        return flat(after[0])
    if "\t" in ctx.lines[n - 1]:
        return None
    parts = []
    for k in range(n + 1, min(last, n + 4) + 1):
        text = flat(ctx.lines[k - 1])
        if text.startswith(_LABELS):
            break
        parts.append(text)
    return "".join(parts) or None
