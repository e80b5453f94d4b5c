"""Push an rdflib Graph into one named graph of a SPARQL 1.1 server, replacing what was there.

Two standard ways, both plain SPARQL 1.1 so any server will do (tested on Virtuoso):
- `gsp` — Graph Store HTTP Protocol: PUT the first chunk of N-Triples to `?graph=<iri>` (PUT
  replaces the graph), POST the remaining chunks (POST adds). Virtuoso: /sparql-graph-crud-auth.
- `update` — SPARQL Update: `DROP SILENT GRAPH <iri>`, then `INSERT DATA { GRAPH <iri> { … } }`
  in batches (servers cap the size of one update text). Virtuoso: /sparql-auth.

Re-syncing replaces, never duplicates. Neither way is atomic across chunks: a sync that fails
half-way leaves a partial graph, which the next successful sync replaces whole; the error says
which chunk failed. N-Triples lines are also valid SPARQL triples, so both ways send the
graph's own N-Triples serialisation, cut at line boundaries (one triple per line).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

import httpx
from rdflib import Graph

from kb.stores.base import QueryResult

log = logging.getLogger("kb.sync.sparql")

METHODS = ("gsp", "update")
GSP_CHUNK = 50_000        # triples per GSP request
UPDATE_CHUNK = 2_000      # triples per INSERT DATA (Virtuoso refuses very long update texts)
DEFAULT_GRAPH = "https://w3id.org/budget-kb/graph/kb"


class SparqlSyncError(RuntimeError):
    """The server refused a request: names the endpoint, the chunk, the HTTP status and its answer."""


@dataclass(slots=True)
class SparqlSyncReport:
    endpoint: str
    graph: str
    method: str
    triples: int = 0              # triples sent
    requests: int = 0
    stored: int | None = None     # triples the server holds in the graph afterwards, when asked
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def ntriples_lines(graph: Graph) -> list[str]:
    """The graph as N-Triples, one triple per line (literal newlines are escaped by the format)."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _chunks(lines: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(lines), size):
        yield lines[start:start + size]


def _iri(text: str) -> str:
    if any(c in text for c in "<>\"{}|^`\\ \n"):
        raise SparqlSyncError(f"graph name {text!r} is not a valid IRI")
    return f"<{text}>"


def _check(response: httpx.Response, what: str) -> None:
    if response.status_code >= 300:
        raise SparqlSyncError(f"{what}: {response.request.method} {response.request.url} answered "
                              f"HTTP {response.status_code}: {response.text[:500].strip()}")


class SparqlSync:
    """One named graph on one server. `auth` is an httpx auth (Virtuoso's -auth endpoints want digest)."""

    def __init__(self, endpoint: str, graph_iri: str = DEFAULT_GRAPH, method: str = "gsp",
                 auth: httpx.Auth | None = None, query_endpoint: str | None = None, timeout: float = 120.0):
        if method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
        _iri(graph_iri)
        self.endpoint = endpoint
        self.graph_iri = graph_iri
        self.method = method
        self.query_endpoint = query_endpoint
        self.client = httpx.Client(auth=auth, timeout=timeout)
        self.report = SparqlSyncReport(endpoint, graph_iri, method)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "SparqlSync":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def push(self, graph: Graph) -> SparqlSyncReport:
        return self.push_lines(ntriples_lines(graph))

    def push_lines(self, lines: list[str]) -> SparqlSyncReport:
        """Replace the named graph by these N-Triples lines (one triple each, as a store dumps them)."""
        started = time.perf_counter()
        if self.method == "gsp":
            self._push_gsp(lines)
        else:
            self._push_update(lines)
        self.report.triples = len(lines)
        if self.query_endpoint:
            self.report.stored = self.count()
            if self.report.stored != len(lines):
                # e.g. a server that folds "2200.0"^^xsd:decimal and "2200.00"^^xsd:decimal into one value
                note = f"sent {len(lines)} triples, the server holds {self.report.stored} in <{self.graph_iri}>"
                log.warning(note)
                self.report.notes.append(note)
        self.report.seconds = time.perf_counter() - started
        log.info("synced %d triples to <%s> at %s by %s in %d requests, %.1f s", len(lines), self.graph_iri,
                 self.endpoint, self.method, self.report.requests, self.report.seconds)
        return self.report

    def _push_gsp(self, lines: list[str]) -> None:
        # PUT even when the graph is empty: that is what empties the server's copy.
        chunks = list(_chunks(lines, GSP_CHUNK)) or [[]]
        for n, chunk in enumerate(chunks):
            body = ("\n".join(chunk) + "\n").encode("utf-8") if chunk else b""
            send = self.client.put if n == 0 else self.client.post
            r = send(self.endpoint, params={"graph": self.graph_iri}, content=body,
                     headers={"Content-Type": "application/n-triples"})
            _check(r, f"graph store chunk {n + 1}/{len(chunks)} ({len(chunk)} triples)")
            self.report.requests += 1

    def _push_update(self, lines: list[str]) -> None:
        g = _iri(self.graph_iri)
        self.update(f"DROP SILENT GRAPH {g}", "drop the old graph")
        chunks = list(_chunks(lines, UPDATE_CHUNK))
        for n, chunk in enumerate(chunks):
            self.update("INSERT DATA { GRAPH %s {\n%s\n} }" % (g, "\n".join(chunk)),
                        f"INSERT DATA chunk {n + 1}/{len(chunks)} ({len(chunk)} triples)")

    def update(self, text: str, what: str) -> None:
        r = self.client.post(self.endpoint, content=text.encode("utf-8"),
                             headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        _check(r, what)
        self.report.requests += 1

    def count(self) -> int:
        """Triples in the named graph, as the server's query endpoint counts them."""
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(self.graph_iri)} {{ ?s ?p ?o }} }}"
        r = self.client.get(self.query_endpoint, params={"query": query},
                            headers={"Accept": "application/sparql-results+json"})
        _check(r, "count the graph's triples")
        return int(r.json()["results"]["bindings"][0]["n"]["value"])


def push_graph(graph: Graph, endpoint: str, graph_iri: str = DEFAULT_GRAPH, method: str = "gsp",
               user: str | None = None, password: str | None = None, auth_scheme: str = "digest",
               query_endpoint: str | None = None) -> SparqlSyncReport:
    """Replace the named graph `graph_iri` at `endpoint` (GSP or update endpoint, per `method`) by `graph`."""
    auth: httpx.Auth | None = None
    if user:
        if auth_scheme not in ("digest", "basic"):
            raise ValueError(f"auth_scheme must be digest or basic, not {auth_scheme!r}")
        auth = httpx.DigestAuth(user, password or "") if auth_scheme == "digest" else httpx.BasicAuth(user, password or "")
    with SparqlSync(endpoint, graph_iri, method, auth, query_endpoint) as sync:
        return sync.push(graph)


XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "gYear")}


def plain(term: dict | None) -> object:
    """A SPARQL JSON result term → the plain value the embedded store gives (kb/stores/oxigraph_store.plain):
    IRIs as text, xsd:decimal as Decimal, integers as int, booleans, doubles, other literals as written."""
    if term is None:
        return None
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return value
    if kind == "bnode":
        return f"_:{value}"
    datatype = term.get("datatype", "")
    try:
        if datatype == XSD + "decimal":
            return Decimal(value)
        if datatype in _INTEGERS:
            return int(value)
        if datatype == XSD + "boolean":
            return value in ("true", "1")
        if datatype in (XSD + "double", XSD + "float"):
            return float(value)
    except (ValueError, ArithmeticError):
        return value
    return value


def select(endpoint: str, query: str, default_graph: str | None = None, *, limit: int = 10_000,
           timeout: float = 60.0, auth: httpx.Auth | None = None) -> QueryResult:
    """Run a SELECT or ASK query on a remote SPARQL endpoint; `default_graph` makes that named graph
    the query's default graph (the SPARQL protocol's default-graph-uri), as the embedded store has it."""
    started = time.monotonic()
    params = {"query": query}
    if default_graph:
        params["default-graph-uri"] = default_graph
    r = httpx.post(endpoint, data=params, auth=auth, timeout=timeout,
                   headers={"Accept": "application/sparql-results+json"})
    _check(r, "query")
    answer = r.json()
    if "boolean" in answer:
        return QueryResult(["ask"], [[bool(answer["boolean"])]], None, time.monotonic() - started)
    columns = answer["head"]["vars"]
    bindings = answer["results"]["bindings"]
    cut = f"row limit {limit} reached (KB_ROW_LIMIT); more rows exist" if len(bindings) > limit else None
    rows = [[plain(b.get(c)) for c in columns] for b in bindings[:limit]]
    return QueryResult(columns, rows, cut, time.monotonic() - started)
