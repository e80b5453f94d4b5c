"""A document being written: lines with their numbers, and the truth collected beside them.

Renderers call `add` and get the 1-based line number back, which the truth records as the
fact's provenance; `Truth` gathers budget lines, projects, flows and arithmetic checks in the
shape written to `<name>.truth.json`. Amounts go into the truth as strings (Decimal, never float).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kb.synth import codes
from kb.synth.plan import ZERO, FunctionLine


def table_num(d: Decimal | None) -> str:
    """2,818.99 as the tables print it; blank for nothing."""
    return "" if d is None else f"{d:,.2f}"


def text_num(d: Decimal) -> str:
    """3150.39, 331.4, 700: as the narrative writes it (no separators, no trailing zeros)."""
    s = f"{d:.2f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def pct(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "0"
    return text_num((part * 100 / whole).quantize(Decimal("0.1")))


@dataclass(slots=True)
class Truth:
    budget_lines: list[dict[str, Any]] = field(default_factory=list)
    flows: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    variances: list[dict[str, Any]] = field(default_factory=list)
    three_public: list[dict[str, Any]] = field(default_factory=list)
    procurement: list[dict[str, Any]] = field(default_factory=list)
    project_lines: dict[str, int] = field(default_factory=dict)   # project name → line stating it

    def line(self, table: str, classification: str, code: str | None, name: str, fund: str,
             measures: dict[str, Decimal | None], line: int, unit_code: str | None = None) -> None:
        level = None if code is None else ({3: "类", 5: "款", 7: "项"}.get(len(code)) if classification == "function"
                                           else {3: "类", 5: "款"}.get(len(code)))
        self.budget_lines.append({
            "table": table, "classification": classification, "code": code, "name": name, "level": level,
            "fund_type": fund, "unit_code": unit_code, "line": line,
            "measures": {k: str(v) for k, v in measures.items() if v is not None and v != ZERO},
        })


@dataclass(slots=True)
class Page:
    lines: list[str] = field(default_factory=list)

    def add(self, text: str = "") -> int:
        self.lines.append(text)
        return len(self.lines)

    def blank(self) -> None:
        self.lines.append("")

    def para(self, text: str) -> int:
        n = self.add(text)
        self.blank()
        return n

    def row(self, *cells: str) -> int:
        return self.add("\t".join(cells))


@dataclass(slots=True)
class Row:
    code: str
    name: str
    personnel: Decimal
    running: Decimal
    project: Decimal

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.running

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


def function_rows(lines: list[FunctionLine]) -> list[Row]:
    """类, 款 and 项 rows in code order; a 类 or 款 row is the sum of the 项 under it."""
    acc: dict[str, list[Decimal]] = {}
    for l in lines:
        for code in (l.code[:3], l.code[:5], l.code):
            a = acc.setdefault(code, [ZERO, ZERO, ZERO])
            a[0] += l.personnel
            a[1] += l.running
            a[2] += l.project
    return [Row(c, codes.FUNCTION[c], *acc[c]) for c in sorted(acc)]


def class_totals(lines: list[FunctionLine]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for l in lines:
        out[l.code[:3]] = out.get(l.code[:3], ZERO) + l.total
    return out


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六: how the summary tables number their rows."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
