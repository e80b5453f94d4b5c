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


def declared_schema(path: Path = DECLARED_SCHEMA) -> PgSchema:
    """The tables the ontology declares (empty when the generated file is absent)."""
    schema = PgSchema()
    if not path.is_file():
        return schema
    data = json.loads(path.read_text(encoding="utf-8"))
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
    for node in graph.nodes.values():
        cols = schema.nodes.setdefault(node.label, {})
        for name, value in node.props.items():
            for col, kind in pg_columns(name, value).items():
                _widen(cols, col, kind)
    for edge in graph.edges.values():
        pair = (graph.nodes[edge.source].label, graph.nodes[edge.target].label)
        schema.rel_pairs.setdefault(edge.type, set()).add(pair)
        cols = schema.rel_columns.setdefault(edge.type, {})
        for name, value in edge.props.items():
            for col, kind in pg_columns(name, value).items():
                _widen(cols, col, kind)
    return schema


def _cell(value: Any, kind: str) -> tuple[str, bool]:
    """CSV text for a value, and whether it must be set afterwards because CSV cannot carry it."""
    if value is None:
        return "", False
    if kind == "STRING[]":
        items = [str(v) for v in value]
        if any(not v or v != v.strip() or _UNSAFE_IN_LIST & set(v) for v in items):
            return "", True
        return "[" + ",".join(items) + "]", False
    if kind == "STRING":
        return (format(value, "f") if isinstance(value, Decimal) else
                value.isoformat() if isinstance(value, date) else str(value)), False
    if kind == "BOOLEAN":
        return ("true" if value else "false"), False
    if kind == "DATE":
        return value.isoformat(), False
    return repr(value) if isinstance(value, float) else str(value), False


def _write_csv(path: Path, header: list[str], kinds: list[str], rows: list[dict[str, Any]]) -> list[tuple[dict, str]]:
    """Write rows; return (row, column) pairs left for a parameterised SET."""
    later: list[tuple[dict, str]] = []
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        for row in rows:
            cells = []
            for col, kind in zip(header, kinds):
                text, deferred = _cell(row.get(col), kind)
                if deferred:
                    later.append((row, col))
                cells.append(text)
            out.writerow(cells)
    return later


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
            for row, col in later:
                conn.execute(f"MATCH (n:`{label}` {{id: $id}}) SET n.`{col}` = $v", {"id": row["id"], "v": row[col]})
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
            for row, col in later:
                conn.execute(f"MATCH (a:`{src}` {{id: $a}})-[r:`{rel}`]->(b:`{dst}` {{id: $b}}) SET r.`{col}` = $v",
                             {"a": row["from"], "b": row["to"], "v": row[col]})
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
