"""Run the project's Cypher (written for the embedded LadybugDB store) on a Bolt server, and
read its answers as the embedded store's plain values, so both give the same rows.

Measured differences, LadybugDB 0.22 vs ArcadeDB 26.10 (Neo4j 5 dialect) — the adapter rewrites
the LadybugDB form into the Neo4j one, outside string literals:

    LadybugDB                         Neo4j / ArcadeDB
    label(n)                          labels(n)[0]
    labels(n)  (a string)             labels(n)[0]      (Neo4j: a list)
    rels(p)                           relationships(p)
    properties(LIST, 'k')             [x IN LIST | x.k]  (Neo4j: properties(n) of one entity only)
    CAST(x AS STRING|INT64|DOUBLE)    toString(x) / toInteger(x) / toFloat(x)
    cast(x, 'STRING')                 toString(x)

Everything else used so far (bounded variable-length paths, OPTIONAL MATCH, collect, DISTINCT,
STARTS WITH, =~, CASE, coalesce, list literals, UNWIND, WITH … WHERE) reads the same on both.
Not rewritable, so the queries must avoid it: list comprehensions (`[x IN l | …]`, which LadybugDB
0.22 rejects), toString() and one-argument round() (which it lacks), and the order of collect()
without ORDER BY (unspecified in both engines).
"""
from __future__ import annotations

import re
import time
from decimal import Decimal
from typing import Any

from neo4j import Driver
from neo4j.graph import Node, Path, Relationship

from kb.stores.base import QueryResult

_CASTS = {"STRING": "toString", "INT64": "toInteger", "INT32": "toInteger", "INT": "toInteger",
          "DOUBLE": "toFloat", "FLOAT": "toFloat", "BOOLEAN": "toBoolean", "BOOL": "toBoolean"}


# String literals, quoted identifiers and comments: masked while rewriting, so never rewritten.
_OPAQUE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*")
_MASK = re.compile(r"\x00(\d+)\x00")


def _call_args(text: str, open_at: int) -> tuple[list[str], int]:
    """Arguments of the call whose '(' is at `open_at` (nesting respected); and the index after ')'."""
    depth, start, args = 0, open_at + 1, []
    for i in range(open_at, len(text)):
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append(text[start:i].strip())
                return args, i + 1
        elif c == "," and depth == 1:
            args.append(text[start:i].strip())
            start = i + 1
    raise ValueError(f"unbalanced parentheses in Cypher: {text[open_at:open_at + 60]!r}")


def _rewrite_calls(text: str, name: str, rewrite) -> str:
    """Replace every call `name(...)` by `rewrite(args)` (None keeps it), innermost arguments first."""
    pattern = re.compile(rf"(?<![\w.]){name}\s*\(", re.IGNORECASE)
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        args, end = _call_args(text, m.end() - 1)
        args = [_rewrite_calls(a, name, rewrite) for a in args]
        new = rewrite(args)
        out.append(text[pos:m.start()])
        out.append(new if new is not None else f"{m.group(0)}{', '.join(args)})")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def to_neo4j(query: str) -> str:
    """The LadybugDB form of a query → the Neo4j form (see the table above)."""
    opaque: list[str] = []

    def mask(m: re.Match) -> str:
        opaque.append(m.group(0))
        return f"\x00{len(opaque) - 1}\x00"

    def literal(token: str) -> str | None:
        """The text of a string-literal argument (masked as a token), else None."""
        m = _MASK.fullmatch(token)
        text = opaque[int(m.group(1))] if m else ""
        return text[1:-1] if text[:1] in ("'", '"') else None

    def properties(args: list[str]) -> str | None:
        key = literal(args[1]) if len(args) == 2 else None
        return f"[_x IN {args[0]} | _x.`{key}`]" if key else None

    def cast(args: list[str]) -> str | None:
        if len(args) == 1 and (m := re.fullmatch(r"(.+?)\s+AS\s+(\w+)", args[0], re.IGNORECASE | re.DOTALL)):
            expr, kind = m.groups()
        elif len(args) == 2 and literal(args[1]):
            expr, kind = args[0], literal(args[1])
        else:
            return None
        fn = _CASTS.get(kind.upper())
        return f"{fn}({expr})" if fn else None

    text = _OPAQUE.sub(mask, query)
    text = _rewrite_calls(text, "label", lambda a: f"labels({a[0]})[0]" if len(a) == 1 else None)
    text = re.sub(r"(?<![\w.])labels\s*\(([^()]*)\)(?!\s*\[)", r"labels(\1)[0]", text)
    text = re.sub(r"(?<![\w.])rels\s*\(", "relationships(", text)
    text = _rewrite_calls(text, "properties", properties)
    text = _rewrite_calls(text, "cast", cast)
    return _MASK.sub(lambda m: opaque[int(m.group(1))], text)


def plain(value: Any) -> Any:
    """A Bolt value → the value LadybugDB's store gives (kb/stores/ladybug_store.plain): nodes and
    relationships as property dicts with `_LABEL`, a path as its nodes and relationships."""
    if isinstance(value, Node):
        return {"_LABEL": next(iter(value.labels), None), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_LABEL": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"_NODES": [plain(n) for n in value.nodes], "_RELS": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, Decimal):
        return Decimal(format(value.normalize(), "f"))
    if hasattr(value, "to_native"):  # neo4j.time.Date / DateTime
        return value.to_native()
    return value


def cypher(driver: Driver, query: str, params: dict[str, Any] | None = None, *, database: str | None = None,
           limit: int = 10_000, timeout: float = 30.0) -> QueryResult:
    """Run a (LadybugDB-form) read query over Bolt; rows as plain values, at most `limit`."""
    from neo4j import Query, READ_ACCESS
    started = time.monotonic()
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        result = session.run(Query(to_neo4j(query), timeout=timeout), params or {})
        columns = list(result.keys())
        rows: list[list[Any]] = []
        cut = None
        for record in result:
            if len(rows) >= limit:
                cut = f"row limit {limit} reached (KB_ROW_LIMIT); more rows exist"
                break
            rows.append([plain(v) for v in record.values()])
    return QueryResult(columns, rows, cut, time.monotonic() - started)
