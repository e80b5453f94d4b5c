"""Rows of two engines made comparable: what differs by engine, not by answer, is taken out.

- properties that are absent (Bolt) or NULL columns (LadybugDB) are the same thing: dropped;
- floats are compared to 9 significant digits (sums may add in another order);
- rows are a multiset; when the query has ORDER BY on returned columns, the sequence of those
  columns' values must also agree (rows that tie on them may come in either order);
- collect() gives no order without ORDER BY in either engine: rows that differ only in the order
  inside lists are the same answer.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any


def order_columns(query: str, columns: list[str]) -> list[int] | None:
    """Positions of the columns the query's last ORDER BY sorts on; None when it sorts on
    anything that is not a returned column (then only the multiset can be compared)."""
    parts = re.split(r"\bORDER\s+BY\b", query, flags=re.IGNORECASE)
    if len(parts) < 2:
        return None
    clause = re.split(r"\b(?:LIMIT|SKIP|OFFSET)\b", parts[-1], flags=re.IGNORECASE)[0]
    keys = []
    for item in re.split(r",|\s+(?=[?$(]|DESC|ASC)", clause.strip()):
        item = re.sub(r"^(?:DESC|ASC)\s*\(\s*(.*?)\s*\)$", r"\1", item.strip(), flags=re.IGNORECASE)
        item = re.sub(r"\s+(?:DESC|ASC)$", "", item, flags=re.IGNORECASE).lstrip("?$")
        if not item:
            continue
        if item not in columns:
            return None
        keys.append(columns.index(item))
    return keys or None


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


def same_rows(left: list[list[Any]], right: list[list[Any]], order_by: list[int] | None = None) -> str | None:
    """None when both are the same answer, else a short description of the difference."""
    if order_by:
        keys = [[norm(r[i]) for i in order_by] for r in left], [[norm(r[i]) for i in order_by] for r in right]
        if keys[0] != keys[1]:
            first = next((i for i, (a, b) in enumerate(zip(*keys)) if a != b), min(map(len, keys)))
            return f"ordered differently: the sort keys first differ at row {first}"
    for sort_lists in (False, True):
        a = sorted((norm(r, sort_lists) for r in left), key=repr)
        b = sorted((norm(r, sort_lists) for r in right), key=repr)
        if a == b:
            return None
    only_left = [r for r in a if r not in b][:3]
    only_right = [r for r in b if r not in a][:3]
    return f"{len(left)} vs {len(right)} rows; only in the first: {only_left}; only in the second: {only_right}"
