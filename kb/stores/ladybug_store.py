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
from kb.stores.pg_staging import Late, PgStaging, rel_of
from kb.stores.pg_values import pg_columns

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


def write_database(graph: CanonicalGraph, path: Path) -> PgSchema:
    """Create a new LadybugDB database at `path` (which must not exist) holding `graph`."""
    if path.exists():
        raise FileExistsError(f"{path}: a database is already there; build into a fresh directory")
    staging = PgStaging(path.parent / (path.name + ".csv"))
    try:
        staging.add_graph(graph)
        return load_staging(staging, path)
    finally:
        shutil.rmtree(staging.folder, ignore_errors=True)


def load_staging(staging: PgStaging, path: Path, buffer_pool_mb: int = 1024) -> PgSchema:
    """Create a new LadybugDB database at `path` from the staged CSV files (which are removed):
    the declared tables, widened by the rel pairs and late columns the files hold, one COPY per
    file, then the late values. The buffer pool is bounded: by default LadybugDB takes most of
    the machine's memory."""
    if path.exists():
        raise FileExistsError(f"{path}: a database is already there; build into a fresh directory")
    files = staging.close()
    schema = declared_schema()
    for file in files:
        if file.startswith("rel_"):
            rel, src, dst = rel_of(file)
            schema.rel_pairs.setdefault(rel, set()).add((src, dst))
            schema.rel_columns.setdefault(rel, {})
        else:
            schema.nodes.setdefault(file[5:-4], {})
    added: dict[str, dict[str, str]] = {}  # table → column → type: columns the files do not have
    for late in staging.late:
        name = late.file[5:-4] if late.file.startswith("node_") else rel_of(late.file)[0]
        table = schema.nodes[name] if late.file.startswith("node_") else schema.rel_columns[name]
        if late.column not in table:
            _widen(added.setdefault(name, {}), late.column, late.kind)
    # No checkpoint after every COPY (the default): one at the end, which makes the load 2-3x faster.
    db = ladybug.Database(str(path), auto_checkpoint=False, buffer_pool_size=buffer_pool_mb * 1024 * 1024)
    conn = ladybug.Connection(db)
    try:
        conn.execute("BEGIN TRANSACTION")  # one commit for every table: less than half the time
        for statement in schema.ddl():
            conn.execute(statement)
        conn.execute("COMMIT")
        for file in files:
            where = staging.folder / file
            if file.startswith("node_"):
                conn.execute(f'COPY `{file[5:-4]}` FROM "{where}" ({CSV_OPTIONS})')
            else:
                rel, src, dst = rel_of(file)
                conn.execute(f'COPY `{rel}` FROM "{where}" ({CSV_OPTIONS}, from="{src}", to="{dst}")')
        for name, columns in sorted(added.items()):
            for column, kind in sorted(columns.items()):
                conn.execute(f"ALTER TABLE `{name}` ADD `{column}` {kind}")
            (schema.nodes[name] if name in schema.nodes else schema.rel_columns[name]).update(columns)
        _set_late(conn, staging.late)
        conn.execute("CHECKPOINT")  # everything into the database file, nothing left in the WAL
    finally:
        conn.close()
        db.close()
    return schema


def _set_late(conn: ladybug.Connection, late: list[Late]) -> None:
    """Values the CSV files could not carry, set by parameterised queries, one per (file, column)."""
    grouped: dict[tuple[str, str], list[Late]] = defaultdict(list)
    for v in late:
        grouped[(v.file, v.column)].append(v)
    for (file, col), batch in sorted(grouped.items()):
        if file.startswith("node_"):
            conn.execute(f"UNWIND $rows AS r MATCH (n:`{file[5:-4]}` {{id: r.id}}) SET n.`{col}` = r.v",
                         {"rows": [{"id": v.key[0], "v": v.value} for v in batch]})
        else:  # parallel edges of one type between two nodes would all get the last value (none has lists yet)
            rel, src, dst = rel_of(file)
            conn.execute(f"UNWIND $rows AS r MATCH (a:`{src}` {{id: r.a}})-[e:`{rel}`]->(b:`{dst}` {{id: r.b}}) "
                         f"SET e.`{col}` = r.v", {"rows": [{"a": v.key[0], "b": v.key[1], "v": v.value} for v in batch]})


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
