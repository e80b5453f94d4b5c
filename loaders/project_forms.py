"""Project forms of a budget (项目支出(绩效目标)申报表) and the text helpers every project reader shares.

A form starts at its `项目名称` row and runs to the next one. It gives the project code, the ticked
category and frequency (checkboxes `<input checked="" type="checkbox"/>`, or `√` in OCR), the legal
basis (立项依据), the year's budget (项目当年预算) and the breakdown lines (项目支出明细及依据).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from loaders.amounts import amounts_in
from loaders.context import Context
from loaders.tables import amount as cell_amount
from loaders.text_search import spaceless

SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"</?[a-z][^>]*>")


def flat(text: str) -> str:
    return text if spaceless(text) else SPACES.sub("", text)


def number(cell: str, unit: str = "万元") -> Decimal | None:
    try:
        return cell_amount(cell, unit)
    except ValueError:
        return None


# --- checkboxes --------------------------------------------------------------------------------

# `1. 运转类 <input checked="" type="checkbox"/> 2. 特定目标类…` / OCR: `1、常年性项目 √ 2、延续性项目□`.
_OPTION_RE = re.compile(r"\d\s*[.、．]\s*([^<√✓□口\d]+?)\s*(<input[^>]*>|[√✓]|□|口)")
_FREQUENCY = {"常年": "常年", "一次": "一次性", "延续": "延续性", "持续": "延续性"}


def checked_option(text: str) -> str | None:
    """The label of the ticked option, or None when none (or more than one) is ticked."""
    ticked = [m.group(1).strip() for m in _OPTION_RE.finditer(flat(text).replace("<inputchecked", "<input checked"))
              if "checked" in m.group(2) or m.group(2) in "√✓"]
    return ticked[0] if len(ticked) == 1 else None


def category_of(label: str | None) -> str | None:
    if label is None:
        return None
    return "特定目标类" if label.startswith("特定目标类") else label


def frequency_of(label: str | None) -> str | None:
    if label is None:
        return None
    return next((v for k, v in _FREQUENCY.items() if label.startswith(k)), label)


def same_name(a: str, b: str) -> bool:
    """Names equal but for spaces and a 项目 suffix (`重点办` / `重点办项目`)."""
    return _bare_name(a) == _bare_name(b)


@functools.lru_cache(maxsize=1 << 12)
def _bare_name(name: str) -> str:
    # memoised: matching compares every form's and evaluation's name with every project's
    return flat(name).removesuffix("项目")


# A project code as the forms and the project table print it: `42010323104T000000104`.
CODE_RE = re.compile(r"^[0-9A-Z]{12,}$")


# --- 预算: 申报表 -------------------------------------------------------------------------------------

@dataclass(slots=True)
class Declaration:
    """One 项目支出(绩效目标)申报表, as read."""

    name: str
    line: int
    end: int
    code: str | None = None
    category: str | None = None
    frequency: str | None = None
    legal_basis: str | None = None
    budget: Decimal | None = None
    lines: list[tuple[int, str, str | None, Decimal | None]] = field(default_factory=list)


NAME_ROW_RE = re.compile(r"^项目名\s*称[\t ]")
_BREAKDOWN_HEAD = "项目支出明细及依据"
_BREAKDOWN_END = ("项目资产配置", "项目绩效总目标")


def form_blocks(ctx: Context) -> list[tuple[int, int]]:
    starts = [n for n, line in enumerate(ctx.lines, 1) if "项目名" in line and NAME_ROW_RE.match(line)]
    return [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else len(ctx.lines)) for i, s in enumerate(starts)]


def name_cell(cells: list[str]) -> str | None:
    """The first cell that reads as a name (OCR leaves fragments like `· 1 B A` before it)."""
    for c in cells[1:]:
        c = c.strip()
        if len(re.findall(r"[\u4e00-\u9fff]", c)) >= 2 and not re.search(r"[A-Za-z<>]", c):
            return re.sub(r"^称\s*", "", c)
    return None


def declaration(ctx: Context, first: int, last: int) -> Declaration | None:
    cells = ctx.lines[first - 1].split("\t")
    name = name_cell(cells)
    if name is None:
        ctx.error(first, "project form without a readable 项目名称")
        return None
    squashed = [flat(c) for c in cells]
    code_at = next((i for i, c in enumerate(squashed) if c in ("项目代码", "项目编码", "项目编号")), None)
    code = squashed[code_at + 1] if code_at is not None and code_at + 1 < len(squashed) else ""
    d = Declaration(name=name, line=first, end=last, code=code if CODE_RE.match(code) else None)
    in_breakdown = False
    for n in range(first + 1, last + 1):
        line = ctx.lines[n - 1]
        first_cell = line.partition("\t")[0].lstrip()
        if first_cell[:1] not in ("项", "立") and "细" not in first_cell:
            # every label read below starts its first cell (项目类别, 立项依据, 项目资产配置 …) but 项目支出明细及依据,
            # which may follow a number: most lines are none, and only a breakdown line is read from them
            if in_breakdown and line.strip():
                d.lines.append(_breakdown_row(ctx, n, [c.strip() for c in line.split("\t")]))
            continue
        cells = [c.strip() for c in line.split("\t")]
        head = flat(cells[0])
        if in_breakdown:
            if any(head.startswith(e) for e in _BREAKDOWN_END):
                in_breakdown = False
            elif line.strip():
                d.lines.append(_breakdown_row(ctx, n, cells))
            continue
        if head.startswith("项目类别"):
            d.category = category_of(checked_option("".join(cells[1:])))
        elif head.startswith("项目安排频度") or head.startswith("项目安排额度"):
            d.frequency = frequency_of(checked_option("".join(cells[1:])))
        elif head.startswith("立项依据"):
            d.legal_basis = _TAGS.sub(" ", " ".join(c for c in cells[1:] if c)).strip() or None
            d.legal_basis = SPACES.sub(" ", d.legal_basis) if d.legal_basis else None
        elif head.startswith("项目总预算") and "项目当年预算" in cells:
            found = amounts_in(cells[cells.index("项目当年预算") + 1])
            d.budget = found[0][0] if found else None
        elif _BREAKDOWN_HEAD in head:
            in_breakdown = True
    return d


def _breakdown_row(ctx: Context, n: int, cells: list[str]) -> tuple[int, str, str | None, Decimal | None]:
    values = [c for c in cells if c]
    item, basis = values[0], (values[1] if len(values) > 2 else None)
    raw = values[2] if len(values) > 2 else (values[1] if len(values) > 1 else "")
    found = amounts_in(raw)
    amount = found[0][0] if found else number(raw)
    if not found and amount is not None:
        ctx.warn(n, f"breakdown amount {raw!r} without a unit; read as 万元 (the form's unit)")
    if amount is None:
        ctx.warn(n, f"breakdown line {item!r} without an amount")
    return n, item, basis, amount


# 整体绩效目标申报表 → 项目支出情况: `\t调查研究工作\t运转类项目支出\t13\t13\t…`
_OVERVIEW_RE = re.compile(r"^\t([^\t]+)\t(运转类|特定目标类)[^\t]*\t([^\t]+)\t")


def overview_names(ctx: Context) -> list[tuple[str, Decimal | None]]:
    return [(m.group(1).strip(), number(m.group(3))) for line in ctx.lines
            if ("运转类" in line or "特定目标类" in line) and (m := _OVERVIEW_RE.match(line))]


