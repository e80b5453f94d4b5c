"""The RDF projection in an embedded pyoxigraph store on disk.

rdflib builds the graph (kb/rdf.py); it is handed over as N-Triples and bulk-loaded, which
writes the store's files directly instead of inserting triple by triple. Queries run on a
read-only store; pyoxigraph has no query timeout of its own, so the query runs in a worker
thread that the caller stops waiting for (kb/stores/base.py).
"""
from __future__ import annotations

import re
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

import pyoxigraph as ox
import rdflib

from kb.readonly import _SPARQL_OPAQUE, check_sparql
from kb.stores.base import QueryResult, run_with_timeout, take_rows

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "gYear")}


def write_store(graph: rdflib.Graph | Iterable[str], path: Path) -> int:
    """Create a new store at `path` (which must not exist) holding `graph` (an rdflib Graph, or
    N-Triples lines, e.g. kb.rdf.ntriples_lines); returns the triple count."""
    if not isinstance(graph, rdflib.Graph):  # streamed through staging files: memory stays flat
        loader = BulkLoader(path)
        for line in graph:
            loader.write(line)
        return loader.finish()
    if path.exists():
        raise FileExistsError(f"{path}: a store is already there; build into a fresh directory")
    store = ox.Store(str(path))
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    store.flush()
    count = len(store)
    del store  # releases the lock so the directory can be renamed and reopened read-only
    return count


class BulkLoader:
    """A new store at `path` filled from N-Triples text handed over a part at a time.

    The text goes to a staging file beside the store; every `batch_mb` the file is closed and
    bulk-loaded by a background thread while the caller goes on (pyoxigraph releases the GIL
    while it parses and sorts, so a build extracts and loads at once). One batch loads at a
    time; each adds its own sorted files to the store, which `finish` compacts (`Store.optimize`).
    A 256 MB batch costs ~400 MB of memory while it loads. `lenient` skips
    IRI validation: the text comes from kb/rdf.py, which percent-encodes every IRI it makes."""

    def __init__(self, path: Path, batch_mb: int = 256) -> None:
        if path.exists():
            raise FileExistsError(f"{path}: a store is already there; build into a fresh directory")
        self.path, self.batch_bytes = path, batch_mb << 20
        self.store = ox.Store(str(path))
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="bulk-load")
        self._loads: list[Future] = []
        self._batches = 0
        self._file = None
        self._size = 0
        self._completing = False

    def write(self, text: str | bytes) -> None:
        """Add N-Triples (UTF-8 bytes, or text encoded here: workers send bytes, so the build
        process does not spend its time encoding)."""
        if self._file is None:
            self._batches += 1
            self._staging = self.path.parent / f"{self.path.name}.{self._batches}.nt"
            self._file, self._size = self._staging.open("wb"), 0
        self._file.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        self._size += len(text)
        if self._size >= self.batch_bytes:
            self._hand_over()

    def _hand_over(self) -> None:
        self._file.close()
        self._file = None
        for done in [f for f in self._loads if f.done()]:
            done.result()  # a batch that failed stops the build now, not at the end
        self._loads.append(self._pool.submit(self._load, self._staging))

    def _load(self, staging: Path) -> None:
        try:
            self.store.bulk_load(path=str(staging), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        finally:
            staging.unlink(missing_ok=True)

    def complete(self) -> None:
        """Hand over what is left; the batches, the compaction and the count then run in the
        background while the caller does other work (a build loads LadybugDB meanwhile)."""
        if self._file is not None:
            self._hand_over()
        self._completing = True
        self._loads.append(self._pool.submit(self._compact))

    def _compact(self) -> int:
        self.store.flush()
        # Every batch left its own sorted files and a query reads all of them: compacting them
        # made the 10,000-document aggregation 3x faster (49 s → 16 s) for 29 s of build time.
        self.store.optimize()
        return len(self.store)

    def finish(self) -> int:
        """Load what is left, wait for every batch; returns the triple count (duplicates count once)."""
        if not self._completing:
            self.complete()
        try:
            count = [f.result() for f in self._loads][-1]  # the last is the compaction's count
        finally:
            self._pool.shutdown(wait=True)
        del self.store  # releases the lock so the directory can be renamed and reopened read-only
        return count

    def abort(self) -> None:
        """Stop after the batch being loaded; the caller removes the directory."""
        if self._file is not None:
            self._file.close()
            self._file = None
        for f in self._loads:
            f.cancel()
        self._pool.shutdown(wait=True)
        for p in self.path.parent.glob(f"{self.path.name}.*.nt"):
            p.unlink(missing_ok=True)


def open_read_only(path: Path) -> ox.Store:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no RDF store (run `kb build` first)")
    return ox.Store.read_only(str(path))


def plain(term: Any) -> Any:
    """An RDF term → a plain value: IRIs as text, xsd:decimal as Decimal, integers as int,
    booleans as bool, dates as ISO text, other literals as their lexical form."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt == XSD + "decimal":
                return Decimal(term.value)
            if dt in _INTEGERS:
                return int(term.value)
            if dt == XSD + "boolean":
                return term.value in ("true", "1")
            if dt in (XSD + "double", XSD + "float"):
                return float(term.value)
        except (ValueError, ArithmeticError):
            return term.value  # an ill-typed literal is shown as written
        return term.value
    if isinstance(term, ox.Triple):
        return [plain(term.subject), plain(term.predicate), plain(term.object)]
    return str(term)


def _literal(value: Any) -> ox.Literal | ox.NamedNode:
    """A parameter value → the RDF term substituted for its variable."""
    if isinstance(value, (ox.Literal, ox.NamedNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, (date, datetime)):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


def bind_parameters(query: str, params: dict[str, Any]) -> str:
    """Replace each `?name` / `$name` of a parameter by its value as an RDF term.

    Done on the text (outside strings, IRIs and comments) because pyoxigraph's substitutions only
    apply to projected variables; a parameter therefore must not appear in the SELECT clause."""
    if not params:
        return query
    terms = {k: str(_literal(v)) for k, v in params.items()}
    bare = _SPARQL_OPAQUE.sub(lambda m: " " * len(m.group(0)), query)
    out, last = [], 0
    for m in re.finditer(r"[?$]([A-Za-z_][A-Za-z_0-9]*)", bare):
        if m.group(1) in terms:
            out += [query[last:m.start()], terms[m.group(1)]]
            last = m.end()
    return "".join(out) + query[last:]


def sparql(store: ox.Store, query: str, params: dict[str, Any] | None = None, *,
           limit: int, timeout: float) -> QueryResult:
    """Run a read-only SPARQL query; `params` bind variables by name (SEP-0007 substitution)."""
    check_sparql(query)
    started = time.monotonic()
    deadline = started + timeout
    query = bind_parameters(query, params or {})

    def run() -> QueryResult:
        answer = store.query(query)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(["ask"], [[bool(answer)]])
        if isinstance(answer, ox.QuerySolutions):
            columns = [v.value for v in answer.variables]
            rows, cut = take_rows(([plain(s[c]) for c in columns] for s in answer), limit, deadline)
            return QueryResult(columns, rows, cut)
        rows, cut = take_rows(([plain(t.subject), plain(t.predicate), plain(t.object)] for t in answer),
                              limit, deadline)
        return QueryResult(["subject", "predicate", "object"], rows, cut)

    result = run_with_timeout(run, timeout, "SPARQL")
    result.elapsed = time.monotonic() - started
    return result


def triple_count(store: ox.Store) -> int:
    return len(store)
