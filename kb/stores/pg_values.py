"""How canonical property values become property-graph values (LadybugDB here; Neo4j over Bolt
should do the same so the named Cypher queries give the same rows on both).

Money: a Decimal property `p` becomes two properties: `p` as DOUBLE, so that `sum()`, `avg()` and
comparisons work in every Cypher engine (LadybugDB 0.22 cannot sum its DECIMAL type, Neo4j has
none), and `p_exact` as the exact decimal text (e.g. "2200.0000" stays "2200"), which is the
figure of record: read it when a value is shown or compared to a document. Dates are DATE;
lists are lists of strings; everything else keeps its type.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Iterator

from kb.model import Value

EXACT_SUFFIX = "_exact"

# Python type of a canonical value → LadybugDB column type (bool before int: bool is an int).
PG_TYPES: dict[type, str] = {bool: "BOOLEAN", int: "INT64", Decimal: "DOUBLE", float: "DOUBLE", date: "DATE",
                             str: "STRING", list: "STRING[]"}


def decimal_text(value: Decimal) -> str:
    """Exact, plain decimal text without exponent or trailing zeros: 2200.0000 → 2200, 1.50 → 1.5."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def money(value: Decimal) -> tuple[float, str]:
    """A Decimal as its two property-graph values: the DOUBLE and the exact text."""
    return float(value), decimal_text(value)


def pg_items(props: dict[str, Value]) -> Iterator[tuple[str, Any]]:
    """Canonical properties → (name, value) of property-graph properties (adds `<name>_exact`
    beside each Decimal)."""
    for name, value in props.items():
        if isinstance(value, Decimal):
            number, exact = money(value)
            yield name, number
            yield name + EXACT_SUFFIX, exact
        elif isinstance(value, (list, tuple)):
            yield name, [str(v) for v in value]
        else:
            yield name, value


def pg_props(props: dict[str, Value]) -> dict[str, Any]:
    return dict(pg_items(props))


def pg_columns(name: str, value: Value) -> dict[str, str]:
    """The column(s) a canonical property needs, with their LadybugDB types."""
    kind = list if isinstance(value, tuple) else type(value)
    if kind is Decimal:
        return {name: "DOUBLE", name + EXACT_SUFFIX: "STRING"}
    return {name: PG_TYPES.get(kind, "STRING")}
