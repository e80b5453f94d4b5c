"""CSV files for LadybugDB's COPY, written a part of the graph at a time.

A build formats each document's nodes and edges as CSV rows in the worker that read the
document (`format_rows`) and appends them to one file per node label and one per (edge type,
source label, target label) (`PgStaging`), so the whole graph is never held as rows at once.
Columns are the ones the ontology declares (ontology/generated/pg_schema.json), known to every
worker without looking at the data. A value that cannot go into those files — a property the
ontology does not declare, a list element that CSV list syntax cannot carry (commas, brackets,
quotes) — is kept aside as a `Late` value and set after the COPY with a parameterised query.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from kb.model import CanonicalGraph, Edge, Node
from kb.stores.pg_values import EXACT_SUFFIX, money, pg_columns, pg_items

_UNSAFE_IN_LIST = set(',[]{}"\'\\\n')


@dataclass(frozen=True, slots=True)
class Late:
    """A value set after the COPY: of node `key[0]`, or of the edge `key[0]` → `key[1]`."""
    file: str
    key: tuple[str, ...]
    column: str
    kind: str      # its column type
    value: Any


def node_file(label: str) -> str:
    return f"node_{label}.csv"


def rel_file(rel: str, source: str, target: str) -> str:
    return f"rel_{rel}_{source}_{target}.csv"


@lru_cache(maxsize=1)
def _declared() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    from kb.stores.ladybug_store import declared_schema
    schema = declared_schema()
    return schema.nodes, schema.rel_columns


def node_columns(label: str) -> list[tuple[str, str]]:
    """(column, type) of a node file after its `id`, in file order."""
    cols = _declared()[0].get(label, {})
    return [(c, cols[c]) for c in sorted(cols) if c != "id"]


def rel_columns(rel: str) -> list[tuple[str, str]]:
    cols = _declared()[1].get(rel, {})
    return [(c, cols[c]) for c in sorted(cols)]


def _text(value: Any) -> str:
    """A cell's text (values as `pg_items` gives them: no Decimals)."""
    if isinstance(value, date):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def _list_text(value: Any) -> str | None:
    """CSV list syntax, or None when an element holds what that syntax cannot carry."""
    items = [str(v) for v in value]
    if any(not v or v != v.strip() or not _UNSAFE_IN_LIST.isdisjoint(v) for v in items):
        return None
    return "[" + ",".join(items) + "]"


@lru_cache(maxsize=None)
def _layout(file: str) -> tuple[int, dict[str, tuple[int, str]]]:
    """(cells per row after the key columns, column → (its position, its type)) of a staging file."""
    columns = node_columns(file[5:-4]) if file.startswith("node_") else rel_columns(rel_of(file)[0])
    return len(columns), {c: (i, kind) for i, (c, kind) in enumerate(columns)}


def _cells(file: str, key: tuple[str, ...], props: dict[str, Any], late: list[Late]) -> list[str]:
    """One row's cells from canonical properties (mapped by `pg_items`), each at its column's place."""
    width, layout = _layout(file)
    cells = [""] * width
    for name, value in props.items():
        # the common cases first, as `pg_items` and `_text` would give them (a worker writes
        # ~1,700 rows per document): text, whole numbers, money (DOUBLE and its exact text)
        kind = type(value)
        place = layout.get(name)
        if place is not None:
            if kind is str and place[1] == "STRING":
                cells[place[0]] = value
                continue
            if kind is int and place[1] == "INT64":
                cells[place[0]] = str(value)
                continue
            if kind is Decimal and place[1] == "DOUBLE":
                exact = layout.get(name + EXACT_SUFFIX)
                if exact is not None:
                    number, cells[exact[0]] = money(value)
                    cells[place[0]] = repr(number)  # as `_text` writes a float
                    continue
        if value is not None:
            _cell(layout, cells, file, key, {name: value}, late)
    return cells


def _cell(layout: dict[str, tuple[int, str]], cells: list[str], file: str, key: tuple[str, ...],
          props: dict[str, Any], late: list[Late]) -> None:
    for col, value in pg_items(props):
        if value is None:
            continue
        place = layout.get(col)
        if place is None:  # not declared: a column added after the COPY
            late.append(Late(file, key, col, pg_columns(col, value)[col], value))
            continue
        i, kind = place
        if kind == "STRING[]":
            text = _list_text(value)
            if text is None:
                late.append(Late(file, key, col, kind, value))
            cells[i] = text or ""
        elif kind == "BOOLEAN":
            cells[i] = "true" if value else "false"
        else:
            cells[i] = value if type(value) is str else _text(value)


def format_rows(graph: CanonicalGraph, nodes: Iterable[Node], edges: Iterable[Edge]) -> tuple[dict[str, str], list[Late]]:
    """CSV rows (no header) per staging file for these nodes and edges of `graph`, and the late values."""
    buffers: dict[str, io.StringIO] = {}
    writers: dict[str, Any] = {}
    late: list[Late] = []

    def writer(file: str):
        w = writers.get(file)
        if w is None:
            buffers[file] = io.StringIO()
            w = writers[file] = csv.writer(buffers[file])
        return w

    for node in nodes:
        file = node_file(node.label)
        writer(file).writerow([node.id, *_cells(file, (node.id,), node.props, late)])
    for edge in edges:
        file = rel_file(edge.type, graph.nodes[edge.source].label, graph.nodes[edge.target].label)
        writer(file).writerow([edge.source, edge.target,
                               *_cells(file, (edge.source, edge.target), edge.props, late)])
    return {f: b.getvalue() for f, b in buffers.items()}, late


class PgStaging:
    """The staging folder: rows appended per file, late values kept in memory (they are few)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.late: list[Late] = []
        self._open: dict[str, Any] = {}

    def append(self, rows: dict[str, str | bytes], late: list[Late]) -> None:
        """Add CSV rows per file (UTF-8 bytes, or text encoded here)."""
        for file, text in rows.items():
            f = self._open.get(file)
            if f is None:
                f = self._open[file] = (self.folder / file).open("wb")
                f.write((",".join(_header(file)) + "\r\n").encode("utf-8"))
            f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        self.late.extend(late)

    def add_graph(self, graph: CanonicalGraph, nodes: Iterable[Node] | None = None,
                  edges: Iterable[Edge] | None = None) -> None:
        self.append(*format_rows(graph, graph.nodes.values() if nodes is None else nodes,
                                 graph.edges.values() if edges is None else edges))

    def close(self) -> list[str]:
        """Close every file; the files written, node files first (COPY needs a rel's ends loaded)."""
        for f in self._open.values():
            f.close()
        files = sorted(self._open)
        self._open.clear()
        return [f for f in files if f.startswith("node_")] + [f for f in files if f.startswith("rel_")]


def _header(file: str) -> list[str]:
    if file.startswith("node_"):
        return ["id", *(c for c, _ in node_columns(file[5:-4]))]
    rel = rel_of(file)[0]
    return ["from", "to", *(c for c, _ in rel_columns(rel))]


@lru_cache(maxsize=None)
def rel_of(file: str) -> tuple[str, str, str]:
    """rel_FUNDS_Place_Place.csv → (FUNDS, Place, Place): labels have no underscore, types may."""
    parts = file[4:-4].split("_")
    return "_".join(parts[:-2]), parts[-2], parts[-1]
