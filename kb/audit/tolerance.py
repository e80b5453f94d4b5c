"""Rounding: the documents warn that totals may differ from the sum of their parts by 尾数误差.
We allow 0.01 万元 per summed term and report nothing within it."""
from __future__ import annotations

from decimal import Decimal

CENT = Decimal("0.01")


def tolerance(terms: int) -> Decimal:
    return CENT * max(terms, 1)


def differs(stated: Decimal, computed: Decimal, terms: int) -> bool:
    return abs(stated - computed) > tolerance(terms)
