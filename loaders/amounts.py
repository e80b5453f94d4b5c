"""Amounts as the documents print them: `1, 105. 52`, `2,818.99`, `3149.8万元`, `10400元`.

Everything becomes a `Decimal` in 万元. Floats never appear: the text is cleaned and handed to
`Decimal` directly, so `0.1 + 0.2` problems cannot arise.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

# Scale of each unit relative to 万元.
UNIT_TO_WAN: dict[str, Decimal] = {"元": Decimal("0.0001"), "万元": Decimal(1), "万": Decimal(1),
                                   "亿元": Decimal(10000), "亿": Decimal(10000)}

# A number as OCR leaves it: digits with stray spaces and commas inside, an optional decimal part.
NUMBER = r"-?\d[\d,，\s]*(?:[.．]\s*\d+)?"
# A figure in 万元 inside a sentence (`支出总额 12.5 万元`), the number captured.
IN_WAN = rf"({NUMBER})\s*万元"
_SEPARATORS = re.compile(r"[,，\s]")
_NUMBER_RE = re.compile(rf"^\s*({NUMBER})\s*$")
_WITH_UNIT_RE = re.compile(rf"({NUMBER})\s*(亿元|万元|元|亿|万)")


# Memoised (Decimals are immutable): the same cells (0.00, 12.50 …) recur across rows, tables and documents.
@functools.lru_cache(maxsize=1 << 16)
def parse_number(cell: str | None) -> Decimal | None:
    """A table cell → Decimal, or None for a blank cell. Raises ValueError for non-numbers."""
    if cell is None:
        return None
    s = cell.strip()
    if s in ("", "-", "—", "——", "/", "－"):
        return None
    m = _NUMBER_RE.match(s)
    if not m:
        raise ValueError(f"not a number: {cell!r}")
    return _clean(m.group(1))


def clean_number(text: str) -> Decimal:
    """Digits as OCR left them (`1, 105. 52`) → Decimal."""
    return _clean(text)


@functools.lru_cache(maxsize=1 << 16)
def _clean(text: str) -> Decimal:
    digits = _SEPARATORS.sub("", text).replace("．", ".")
    try:
        return Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise ValueError(f"not a number: {text!r}") from exc


def to_wan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount in 元/万元/亿元 to 万元."""
    try:
        scale = UNIT_TO_WAN[unit]
    except KeyError:
        raise ValueError(f"unknown money unit {unit!r}") from None
    return value * scale


def amounts_in(text: str) -> list[tuple[Decimal, str, int, int]]:
    """Every `number + money unit` in a sentence: (amount in 万元, unit as written, start, end)."""
    out = []
    for m in _WITH_UNIT_RE.finditer(text):
        out.append((to_wan(_clean(m.group(1)), m.group(2)), m.group(2), m.start(), m.end()))
    return out
