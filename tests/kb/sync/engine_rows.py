"""Rows of two engines made comparable: what differs by engine, not by answer, is taken out.

- properties that are absent (Bolt) or NULL columns (LadybugDB) are the same thing: dropped;
- floats are compared to 9 significant digits (sums may add in another order);
- rows are a multiset, and also a sequence when `ordered` (the query has ORDER BY: the named
  queries order by unique keys, so the order is part of the answer);
- collect() gives no order without ORDER BY in either engine: rows that differ only in the order
  inside lists are the same answer.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any


def norm(value: Any, sort_lists: bool = False) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, norm(v, sort_lists)) for k, v in value.items()
                            if v is not None and k not in ("_ID", "_SRC", "_DST")))
    if isinstance(value, (list, tuple)):
        items = [norm(v, sort_lists) for v in value]
        return ("list", tuple(sorted(items, key=repr) if sort_lists else items))
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, Decimal):
        return Decimal(format(value.normalize(), "f"))
    return value


def same_rows(left: list[list[Any]], right: list[list[Any]], ordered: bool = False) -> str | None:
    """None when both are the same answer, else a short description of the difference."""
    if ordered and [norm(r) for r in left] != [norm(r) for r in right]:
        first = next((i for i, (a, b) in enumerate(zip(left, right)) if norm(a) != norm(b)), min(len(left), len(right)))
        if sorted(map(norm, left), key=repr) == sorted(map(norm, right), key=repr):
            return f"same rows in another order, first difference at row {first}"
    for sort_lists in (False, True):
        a = sorted((norm(r, sort_lists) for r in left), key=repr)
        b = sorted((norm(r, sort_lists) for r in right), key=repr)
        if a == b:
            return None
    only_left = [r for r in a if r not in b][:3]
    only_right = [r for r in b if r not in a][:3]
    return f"{len(left)} vs {len(right)} rows; only in the first: {only_left}; only in the second: {only_right}"
