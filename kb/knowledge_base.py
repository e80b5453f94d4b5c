"""A built knowledge base opened read-only for queries: the one object the CLI and the API use.

It resolves `current` once, at open, so a build that swaps in a new version while this object is
in use does not change what it answers; open a new one to see the new build.
"""
from __future__ import annotations

import json
import threading
from functools import cached_property
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx

from kb.build import CURRENT
from kb.model import CanonicalGraph
from kb.settings import Settings
from kb.stores import ladybug_store, oxigraph_store
from kb.stores.base import QueryResult
from kb.stores.graph_file import load_pack
from kb.stores.nx_graph import to_networkx


class NoKnowledgeBase(FileNotFoundError):
    """No built knowledge base in the data directory."""


class KnowledgeBase:
    def __init__(self, path: Path, settings: Settings):
        self.path = path
        self.settings = settings
        manifest = path / "manifest.json"
        if not manifest.is_file():
            raise NoKnowledgeBase(f"{path}: not a built knowledge base (no manifest.json)")
        self.manifest: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
        self._rdf = oxigraph_store.open_read_only(path / "rdf")
        self._pg = ladybug.Database(str(path / "pg"), read_only=True)
        self._local = threading.local()  # one LadybugDB connection per thread (see _connection)
        self._connections: list[ladybug.Connection] = []
        self._connections_lock = threading.Lock()

    @classmethod
    def open(cls, data_dir: Path | str | None = None, settings: Settings | None = None) -> "KnowledgeBase":
        settings = settings or Settings.from_env(data_dir)
        link = settings.data_dir / CURRENT
        if not link.exists():
            raise NoKnowledgeBase(f"{settings.data_dir}: no knowledge base here; build one with "
                                  f"`kb build PATH...` (data dir from --data-dir or KB_DATA_DIR)")
        return cls(link.resolve(), settings)

    @property
    def build_id(self) -> str:
        return self.path.name

    @property
    def rdf_store(self):
        """The read-only pyoxigraph store, for dumps and the SPARQL Protocol endpoint's own serialisers
        (queries go through `sparql`, which applies the guard, the timeout and the row limit)."""
        return self._rdf

    @property
    def documents(self) -> list[dict[str, Any]]:
        return self.manifest["documents"]

    def sparql(self, query: str, params: dict[str, Any] | None = None, *,
               limit: int | None = None, timeout: float | None = None) -> QueryResult:
        """A read-only SPARQL query. pyoxigraph cannot be interrupted: past the timeout the caller
        gets QueryTimeout at once, while the query finishes in a background thread and is dropped."""
        return oxigraph_store.sparql(self._rdf, query, params, limit=limit or self.settings.row_limit,
                                     timeout=timeout or self.settings.query_timeout)

    def cypher(self, query: str, params: dict[str, Any] | None = None, *,
               limit: int | None = None, timeout: float | None = None) -> QueryResult:
        """A read-only Cypher query, interrupted by LadybugDB itself at the timeout."""
        return ladybug_store.cypher(self._connection(), query, params, limit=limit or self.settings.row_limit,
                                    timeout=timeout or self.settings.query_timeout)

    def _connection(self) -> ladybug.Connection:
        """This thread's connection. Connections are not meant to be shared between threads, and
        one per query threw away the statements it had prepared: planning the named flows query
        took 2.6 of its 10 ms at 10,000 documents, every time (bench/README.md)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = ladybug.Connection(self._pg)
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    @cached_property
    def graph(self) -> CanonicalGraph:
        return load_pack(self.path / "graph")

    @cached_property
    def index_graph(self) -> CanonicalGraph:
        """The graph the investigators' index walks (kb.investigate): all of it but the facts it
        never reads (narrative statements, procurement, variances, assets),
        a quarter of the nodes; SPARQL and Cypher hold them all."""
        from kb.investigate.index import UNINDEXED_LABELS
        return load_pack(self.path / "graph", UNINDEXED_LABELS)

    @cached_property
    def networkx(self) -> nx.MultiDiGraph:
        return to_networkx(self.graph)

    def stats(self) -> dict[str, Any]:
        """Triples in the RDF store; nodes per label and edges per type in the property graph."""
        conn = ladybug.Connection(self._pg)
        try:
            nodes, edges = ladybug_store.counts(conn)
        finally:
            conn.close()
        return {"build": self.build_id, "documents": len(self.documents),
                "triples": oxigraph_store.triple_count(self._rdf),
                "nodes": sum(nodes.values()), "edges": sum(edges.values()),
                "nodes_per_label": nodes, "edges_per_type": edges}

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._pg.close()
        del self._rdf
