"""Write the canonical graph to a Neo4j-compatible server over Bolt (the official `neo4j` driver).

Tested against ArcadeDB's Bolt plugin (no Neo4j server can be installed on our machines); the
Cypher used is plain Neo4j 5 Cypher, and where a server lacks a feature we say so in the log
and in the report instead of failing or pretending.

Values: the same as the embedded LadybugDB store (kb/stores/pg_values.py), so the named Cypher
queries give the same rows on both: a Decimal property `p` is written twice, as `p` (a float,
for sum/avg/comparisons; Neo4j has no decimal type) and as `p_exact` (the exact decimal text,
the figure of record). Dates are Bolt dates, lists are lists of strings.

Writes are batched: one `UNWIND $rows … MERGE … SET x = row.props` per batch of nodes of one
label, or of edges of one (type, source label, target label). `SET x = …` replaces every
property, so re-syncing a changed graph leaves no stale values. Edges are CREATEd (parallel
edges stay apart) after the old edges between the same nodes are deleted. `replace=True` (the
CLI's default) first empties the database, so facts gone from the graph are gone from the server.
"""
from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import ClientError, DatabaseError

from kb.model import CanonicalGraph
from kb.stores.pg_values import pg_props

log = logging.getLogger("kb.sync.neo4j")

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
DEFAULT_BATCH = 1000
DELETE_BATCH = 5000


class SyncError(RuntimeError):
    """The server refused or lost part of the graph: says what, in which batch, and why."""


@dataclass(slots=True)
class SyncReport:
    server: str                                   # the server's agent string, e.g. "Neo4j/5.26.0 …"
    nodes: int = 0
    edges: int = 0
    batches: int = 0
    deleted: int = 0                              # nodes removed first (replace=True)
    seconds: float = 0.0
    id_index: dict[str, str] = field(default_factory=dict)   # label → constraint / index / none
    notes: list[str] = field(default_factory=list)           # every degradation, in words


def _name(text: str, what: str) -> str:
    """Labels and types are spliced into Cypher (they cannot be parameters): allow identifiers only."""
    if not IDENTIFIER.match(text):
        raise SyncError(f"{what} {text!r} is not a plain identifier; refusing to splice it into Cypher")
    return text


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _check_edges(graph: CanonicalGraph) -> None:
    missing = [e for e in graph.edges.values() if e.source not in graph.nodes or e.target not in graph.nodes]
    if missing:
        e = missing[0]
        raise SyncError(f"{len(missing)} edge(s) point at nodes not in the graph, e.g. "
                        f"({e.source})-[:{e.type}]->({e.target})")


class Neo4jSync:
    """One sync run over an open driver: schema, optional emptying, nodes, then edges."""

    def __init__(self, driver: Driver, database: str | None = None, batch_size: int = DEFAULT_BATCH):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.report = SyncReport(server=driver.get_server_info().agent)

    def _session(self):
        return self.driver.session(database=self.database)

    # -- schema ---------------------------------------------------------------------------------

    def ensure_id_index(self, labels: Iterable[str]) -> None:
        """A uniqueness constraint on `id` per label; else a plain index; else say MERGE will scan."""
        with self._session() as session:
            for label in sorted(set(labels)):
                label = _name(label, "label")
                self.report.id_index[label] = self._index_one(session, label)

    def _index_one(self, session, label: str) -> str:
        tries = (
            ("constraint", f"CREATE CONSTRAINT bkb_{label.lower()}_id IF NOT EXISTS "
                           f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"),
            ("index", f"CREATE INDEX bkb_{label.lower()}_id_index IF NOT EXISTS FOR (n:`{label}`) ON (n.id)"),
        )
        for kind, statement in tries:
            try:
                session.run(statement).consume()
                return kind
            except (ClientError, DatabaseError) as exc:
                note = f"{self.report.server}: no {kind} on {label}.id ({exc.code}: {exc.message})"
                log.warning("%s; trying the next way", note)
                self.report.notes.append(note)
        note = f"{label}.id has no index on this server: MERGE by id will scan every {label} node"
        log.warning(note)
        self.report.notes.append(note)
        return "none"

    # -- data -----------------------------------------------------------------------------------

    def delete_all(self) -> int:
        """Empty the database in bounded transactions (a single DETACH DELETE of millions would not fit)."""
        total = 0
        with self._session() as session:
            while True:
                n = session.execute_write(
                    lambda tx: tx.run("MATCH (n) WITH n LIMIT $k DETACH DELETE n RETURN count(*) AS n",
                                      k=DELETE_BATCH).single()["n"])
                total += n
                if n < DELETE_BATCH:
                    break
        self.report.deleted = total
        return total

    def write_nodes(self, graph: CanonicalGraph, merge: bool = True) -> None:
        """MERGE by id; CREATE when the database was just emptied (nothing to merge with, and faster)."""
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in graph.nodes.values():
            props = pg_props(node.props)
            props["id"] = node.id
            by_label[node.label].append({"id": node.id, "props": props})
        for label, rows in sorted(by_label.items()):
            write = (f"MERGE (n:`{_name(label, 'label')}` {{id: row.id}})" if merge else
                     f"CREATE (n:`{_name(label, 'label')}`)")
            query = f"UNWIND $rows AS row {write} SET n = row.props RETURN count(n) AS written"
            for batch in _chunks(rows, self.batch_size):
                self._write(query, batch, f"{label} nodes")
                self.report.nodes += len(batch)

    def write_edges(self, graph: CanonicalGraph, clear_first: bool = True) -> None:
        """CREATE, not MERGE: parallel edges of one type (one FUNDS per flow) must stay apart, as in
        LadybugDB. So that re-syncing does not duplicate them, the edges of each synced type between
        each synced pair are deleted first (all before any is created: a pair's parallel edges may
        fall into different batches). Skipped when the database was just emptied."""
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for edge in sorted(graph.edges.values(), key=lambda e: e.key):
            key = (edge.type, graph.nodes[edge.source].label, graph.nodes[edge.target].label)
            groups[key].append({"source": edge.source, "target": edge.target, "props": pg_props(edge.props)})
        for etype, src, dst in groups:
            _name(etype, "edge type"), _name(src, "label"), _name(dst, "label")
        match = "UNWIND $rows AS row MATCH (a:`{}` {{id: row.source}}) MATCH (b:`{}` {{id: row.target}}) "
        if clear_first:
            for (etype, src, dst), rows in sorted(groups.items()):
                pairs = [{"source": s, "target": t} for s, t in sorted({(r["source"], r["target"]) for r in rows})]
                delete = (match.format(src, dst) + f"OPTIONAL MATCH (a)-[old:`{etype}`]->(b) "
                          f"DELETE old RETURN count(DISTINCT row) AS written")
                for batch in _chunks(pairs, self.batch_size):
                    self._write(delete, batch, f"old {src}-[:{etype}]->{dst} edges")
        for (etype, src, dst), rows in sorted(groups.items()):
            create = (match.format(src, dst) +
                      f"CREATE (a)-[r:`{etype}`]->(b) SET r = row.props RETURN count(r) AS written")
            for batch in _chunks(rows, self.batch_size):
                self._write(create, batch, f"{src}-[:{etype}]->{dst} edges")
                self.report.edges += len(batch)

    def _write(self, query: str, batch: list[dict[str, Any]], what: str) -> None:
        def work(tx: ManagedTransaction) -> int:
            return tx.run(query, rows=batch).single()["written"]
        try:
            written = self._session_write(work)
        except (ClientError, DatabaseError) as exc:
            first = batch[0].get("id") or batch[0].get("source")
            raise SyncError(f"batch of {len(batch)} {what} (first: {first}) refused by "
                            f"{self.report.server}: {exc.code}: {exc.message}") from exc
        if written != len(batch):
            raise SyncError(f"batch of {len(batch)} {what}: the server wrote {written}")
        self.report.batches += 1

    def _session_write(self, work) -> int:
        with self._session() as session:
            return session.execute_write(work)

    def run(self, graph: CanonicalGraph, replace: bool = True) -> SyncReport:
        started = time.perf_counter()
        _check_edges(graph)
        self.ensure_id_index(n.label for n in graph.nodes.values())
        if replace:
            deleted = self.delete_all()
            log.info("emptied the database: %d nodes deleted", deleted)
        self.write_nodes(graph, merge=not replace)
        self.write_edges(graph, clear_first=not replace)
        self.report.seconds = time.perf_counter() - started
        log.info("synced %d nodes and %d edges in %d batches to %s in %.1f s", self.report.nodes,
                 self.report.edges, self.report.batches, self.report.server, self.report.seconds)
        return self.report


def sync_graph(graph: CanonicalGraph, uri: str, user: str | None = None, password: str | None = None,
               database: str | None = None, batch_size: int = DEFAULT_BATCH, replace: bool = True) -> SyncReport:
    """Open a driver on `uri` (bolt://, neo4j://), write `graph`, close; return what was done."""
    auth = (user, password or "") if user else None
    with GraphDatabase.driver(uri, auth=auth) as driver:
        driver.verify_connectivity()
        return Neo4jSync(driver, database, batch_size).run(graph, replace=replace)
