"""The property-graph projection in an embedded LadybugDB database (the maintained Kùzu fork).

LadybugDB needs a schema: one node table per label and one relationship table per edge type
(with every FROM/TO label pair it connects). The tables and columns the ontology declares
(ontology/generated/pg_schema.json) are always created, so a query naming a label that no
document happened to produce returns no rows instead of failing; properties the graph carries
beyond them are added as they are found. Values follow kb/stores/pg_values.py (money as DOUBLE plus exact
text). Bulk load is COPY FROM CSV files written next to the database; list elements that CSV
list syntax cannot carry (commas, brackets, quotes) are set afterwards with parameterised queries.
"""
from __future__ import annotations

import csv
import functools
import json
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import ladybug

from kb.model import CanonicalGraph
from kb.readonly import QueryTimeout, check_cypher
from kb.stores.base import QueryResult, take_rows
from kb.stores.pg_values import pg_columns, pg_props

_UNSAFE_IN_LIST = set(',[]{}"\'\\\n')
# Python's csv dialect, stated in full: left to auto-detection, LadybugDB sniffs the first rows and,
# when none of them is quoted, reads a later quoted multi-line field as two broken records.
CSV_OPTIONS = "header=true, parallel=false, delim=',', quote='\"', escape='\"', auto_detect=false"
DECLARED_SCHEMA = Path(__file__).resolve().parents[2] / "ontology" / "generated" / "pg_schema.json"


@dataclass(slots=True)
class PgSchema:
    """Node tables (label → column → type) and rel tables (type → FROM/TO pairs, column → type)."""

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    rel_pairs: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    rel_columns: dict[str, dict[str, str]] = field(default_factory=dict)

    def ddl(self) -> list[str]:
        out = []
        for label, cols in sorted(self.nodes.items()):
            body = ", ".join(["`id` STRING PRIMARY KEY"] + [f"`{c}` {t}" for c, t in sorted(cols.items()) if c != "id"])
            out.append(f"CREATE NODE TABLE `{label}`({body})")
        for rel, pairs in sorted(self.rel_pairs.items()):
            parts = [f"FROM `{a}` TO `{b}`" for a, b in sorted(pairs)]
            parts += [f"`{c}` {t}" for c, t in sorted(self.rel_columns.get(rel, {}).items())]
            out.append(f"CREATE REL TABLE `{rel}`({', '.join(parts)})")
        return out


def _widen(columns: dict[str, str], name: str, kind: str) -> None:
    """Record a column's type; two different types for one property fall back to STRING."""
    old = columns.get(name)
    columns[name] = kind if old in (None, kind) else "STRING"


@functools.lru_cache(maxsize=4)
def _declared(path: Path) -> dict | None:
    """The generated schema file, read once per process so every build of a process (and every
    test of a session) uses the same tables even if the file is regenerated meanwhile."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def declared_schema(path: Path = DECLARED_SCHEMA) -> PgSchema:
    """The tables the ontology declares (empty when the generated file is absent)."""
    schema = PgSchema()
    data = _declared(path)
    if data is None:
        return schema
    for label, spec in data.get("node_labels", {}).items():
        cols = schema.nodes.setdefault(label, {})
        for prop in spec.get("properties", {}).values():
            cols.update(prop.get("columns", {}))
    for rel, spec in data.get("edge_types", {}).items():
        schema.rel_pairs[rel] = {tuple(pair) for pair in spec.get("pairs", [])}
        cols = schema.rel_columns.setdefault(rel, {})
        for prop in spec.get("properties", {}).values():
            cols.update(prop.get("columns", {}))
    return schema


def derive_schema(graph: CanonicalGraph, declared: PgSchema | None = None) -> PgSchema:
    """The declared schema (by default the ontology's), widened by what `graph` holds."""
    schema = declared_schema() if declared is None else declared
    seen: set[tuple[str, str, type]] = set()  # (label, property, value type): columns once per kind
    for node in graph.nodes.values():
        for name, value in node.props.items():
            seen.add((node.label, name, type(value)))
        schema.nodes.setdefault(node.label, {})
    for label, name, kind in sorted(seen, key=lambda t: (t[0], t[1], t[2].__name__)):
        for col, pg in pg_columns(name, _SAMPLE[kind]).items():
            _widen(schema.nodes[label], col, pg)
    seen.clear()
    for edge in graph.edges.values():
        pair = (graph.nodes[edge.source].label, graph.nodes[edge.target].label)
        schema.rel_pairs.setdefault(edge.type, set()).add(pair)
        schema.rel_columns.setdefault(edge.type, {})
        for name, value in edge.props.items():
            seen.add((edge.type, name, type(value)))
    for rel, name, kind in sorted(seen, key=lambda t: (t[0], t[1], t[2].__name__)):
        for col, pg in pg_columns(name, _SAMPLE[kind]).items():
            _widen(schema.rel_columns[rel], col, pg)
    return schema


# One value of each canonical type, to ask pg_columns which columns a property of that type needs.
_SAMPLE: dict[type, Any] = {str: "", int: 0, bool: True, Decimal: Decimal(0), date: date(2000, 1, 1),
                            list: [], tuple: ()}


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def _list_text(value: Any) -> str | None:
    """CSV list syntax, or None when an element holds what that syntax cannot carry."""
    items = [str(v) for v in value]
    if any(not v or v != v.strip() or not _UNSAFE_IN_LIST.isdisjoint(v) for v in items):
        return None
    return "[" + ",".join(items) + "]"


def _write_csv(path: Path, header: list[str], kinds: list[str], rows: list[dict[str, Any]]) -> list[tuple[dict, str]]:
    """Write rows; return (row, column) pairs left for a parameterised SET."""
    later: list[tuple[dict, str]] = []
    lists = {col for col, kind in zip(header, kinds) if kind == "STRING[]"}
    bools = {col for col, kind in zip(header, kinds) if kind == "BOOLEAN"}
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        for row in rows:
            cells = [""] * len(header)
            for i, col in enumerate(header):
                value = row.get(col)
                if value is None:
                    continue
                if col in lists:
                    text = _list_text(value)
                    if text is None:
                        later.append((row, col))
                        continue
                    cells[i] = text
                elif col in bools:
                    cells[i] = "true" if value else "false"
                else:
                    cells[i] = _text(value)
            out.writerow(cells)
    return later


def _by_column(later: list[tuple[dict, str]]) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row, col in later:
        grouped[col].append(row)
    return sorted(grouped.items())


def write_database(graph: CanonicalGraph, path: Path) -> PgSchema:
    """Create a new LadybugDB database at `path` (which must not exist) holding `graph`."""
    if path.exists():
        raise FileExistsError(f"{path}: a database is already there; build into a fresh directory")
    schema = derive_schema(graph)
    staging = path.parent / (path.name + ".csv")
    staging.mkdir(parents=True, exist_ok=True)
    # No checkpoint after every COPY (the default): one at the end, which makes the load 2-3x faster.
    db = ladybug.Database(str(path), auto_checkpoint=False)
    conn = ladybug.Connection(db)
    try:
        conn.execute("BEGIN TRANSACTION")  # one commit for every table: less than half the time
        for statement in schema.ddl():
            conn.execute(statement)
        conn.execute("COMMIT")
        by_label: dict[str, list[dict]] = defaultdict(list)
        for node in sorted(graph.nodes.values(), key=lambda n: n.id):
            by_label[node.label].append({"id": node.id, **pg_props(node.props)})
        for label, rows in sorted(by_label.items()):
            cols = sorted(c for c in schema.nodes[label] if c != "id")
            header, kinds = ["id", *cols], ["STRING", *(schema.nodes[label][c] for c in cols)]
            file = staging / f"node_{label}.csv"
            later = _write_csv(file, header, kinds, rows)
            conn.execute(f'COPY `{label}` FROM "{file}" ({CSV_OPTIONS})')
            for col, batch in _by_column(later):
                conn.execute(f"UNWIND $rows AS r MATCH (n:`{label}` {{id: r.id}}) SET n.`{col}` = r.v",
                             {"rows": [{"id": row["id"], "v": row[col]} for row in batch]})
        by_pair: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for edge in sorted(graph.edges.values(), key=lambda e: e.key):
            pair = (edge.type, graph.nodes[edge.source].label, graph.nodes[edge.target].label)
            by_pair[pair].append({"from": edge.source, "to": edge.target, **pg_props(edge.props)})
        for (rel, src, dst), rows in sorted(by_pair.items()):
            cols = sorted(schema.rel_columns.get(rel, {}))
            header = ["from", "to", *cols]
            kinds = ["STRING", "STRING", *(schema.rel_columns[rel][c] for c in cols)]
            file = staging / f"rel_{rel}_{src}_{dst}.csv"
            later = _write_csv(file, header, kinds, rows)
            conn.execute(f'COPY `{rel}` FROM "{file}" ({CSV_OPTIONS}, from="{src}", to="{dst}")')
            for col, batch in _by_column(later):  # parallel edges of one type between two nodes
                conn.execute(                        # would all get the last value (none has lists yet)
                    f"UNWIND $rows AS r MATCH (a:`{src}` {{id: r.a}})-[e:`{rel}`]->(b:`{dst}` {{id: r.b}}) "
                    f"SET e.`{col}` = r.v", {"rows": [{"a": row["from"], "b": row["to"], "v": row[col]} for row in batch]})
        conn.execute("CHECKPOINT")  # everything into the database file, nothing left in the WAL
    finally:
        conn.close()
        db.close()
        shutil.rmtree(staging, ignore_errors=True)
    return schema


def open_read_only(path: Path) -> ladybug.Connection:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no LadybugDB database (run `kb build` first)")
    return ladybug.Connection(ladybug.Database(str(path), read_only=True))


def plain(value: Any) -> Any:
    """Engine values → plain values: nodes and relationships as property dicts without internals."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k not in ("_ID", "_SRC", "_DST")}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return Decimal(format(value.normalize(), "f"))
    return value


def cypher(conn: ladybug.Connection, query: str, params: dict[str, Any] | None = None, *,
           limit: int, timeout: float) -> QueryResult:
    """Run a read-only Cypher query; at most `limit` rows; interrupted after `timeout` seconds."""
    check_cypher(query)
    started = time.monotonic()
    conn.set_query_timeout(max(1, int(timeout * 1000)))
    try:
        result = conn.execute(query, params or {})
    except RuntimeError as exc:
        if "Interrupted" in str(exc):
            raise QueryTimeout(f"Cypher query timed out after {timeout:g} s (KB_QUERY_TIMEOUT)") from None
        raise
    if isinstance(result, list):  # several statements: the last one's rows
        result = result[-1]
    columns = result.get_column_names()

    def rows():
        while result.has_next():
            yield [plain(v) for v in result.get_next()]

    out, cut = take_rows(rows(), limit, started + timeout)
    result.close()
    return QueryResult(columns, out, cut, time.monotonic() - started)


def counts(conn: ladybug.Connection) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and edges per type."""
    nodes, edges = {}, {}
    tables = conn.execute("CALL show_tables() RETURN name, type")
    listed = []
    while tables.has_next():
        listed.append(tables.get_next())
    for name, kind in sorted(listed):
        if kind == "NODE":
            nodes[name] = conn.execute(f"MATCH (n:`{name}`) RETURN count(n)").get_next()[0]
        elif kind == "REL":
            edges[name] = conn.execute(f"MATCH ()-[r:`{name}`]->() RETURN count(r)").get_next()[0]
    return nodes, edges
