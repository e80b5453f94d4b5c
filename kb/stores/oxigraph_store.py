"""The RDF projection in an embedded pyoxigraph store on disk.

rdflib builds the graph (kb/rdf.py); it is handed over as N-Triples and bulk-loaded, which
writes the store's files directly instead of inserting triple by triple. Queries run on a
read-only store; pyoxigraph has no query timeout of its own, so the query runs in a worker
thread that the caller stops waiting for (kb/stores/base.py).
"""
from __future__ import annotations

import fcntl
import io
import os
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
    """A new store at `path` filled by one bulk load that reads N-Triples as the caller hands
    them over (`write`), through a pipe, in a background thread.

    One load for the whole build, not one per batch: pyoxigraph sorts each million triples into
    files that it adds to the store only when the load commits, so nothing is compacted while
    the build reads. Loading 256 MB batches one after another made RocksDB merge the files of
    the earlier batches again at each one: at 3,000 documents 103 CPU s against 83 for the same
    triples in one load (bench/README.md). pyoxigraph releases the GIL while it parses and
    sorts, so the build extracts and loads at once; the loader holds ~1.8 GB while it works.
    `lenient` skips IRI validation: the text comes from kb/rdf.py and kb/ntriples.py, which
    percent-encode every IRI they make."""

    def __init__(self, path: Path) -> None:
        if path.exists():
            raise FileExistsError(f"{path}: a store is already there; build into a fresh directory")
        self.path = path
        self.store = ox.Store(str(path))
        read_end, write_end = os.pipe()
        try:  # fewer hand-overs between the build and the loader (Linux; the default is 64 KB)
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 1 << 20)
        except (AttributeError, OSError):
            pass
        self._feed = _Feed(read_end)
        self._out = open(write_end, "wb", buffering=1 << 20)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="bulk-load")
        self._load = self._pool.submit(self._run)
        self._compaction: Future | None = None
        self.seconds: dict[str, float] = {}  # the end of the load: its last batches, compaction, count

    def _run(self) -> None:
        try:
            self.store.bulk_load(io.BufferedReader(self._feed, 1 << 20), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        finally:
            self._feed.close()  # a failed load makes the writer's next write fail at once

    def write(self, text: str | bytes) -> None:
        """Add N-Triples (UTF-8 bytes, or text encoded here: workers send bytes, so the build
        process does not spend its time encoding). Waits while the loader is behind."""
        try:
            self._out.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        except (BrokenPipeError, ValueError):
            self._load.result()  # the load failed: its error, not the pipe's
            raise

    def complete(self) -> None:
        """End the input; the load commits, then the store is compacted and counted in the
        background while the caller does other work (a build loads LadybugDB meanwhile)."""
        if self._compaction is None:
            self._out.close()
            self._completed = time.monotonic()
            self._compaction = self._pool.submit(self._compact)

    def _compact(self) -> int:
        started = self._completed  # the load's last batches are sorted and committed from here
        self._load.result()
        self.seconds["rdf_commit"] = round(time.monotonic() - started, 2)
        # The triples are counted on the committed store while RocksDB merges its files: that
        # merge runs on one core for half a minute at 10,000 documents, and the count (4 s) on
        # the other instead of after it.
        with ThreadPoolExecutor(1, thread_name_prefix="rdf-count") as counter:
            count = counter.submit(len, self.store)
            self.store.flush()
            # The load leaves a sorted file per million triples and index, and a query reads all
            # of them: compacting them made the 10,000-document aggregation 3x faster (49 s → 16 s).
            self.store.optimize()
            self.seconds["rdf_compact"] = round(time.monotonic() - started - self.seconds["rdf_commit"], 2)
            total = count.result()
        # the wait for the count after the merge (0 when it ended first; never shown as -0.0)
        self.seconds["rdf_count"] = max(0.0, round(time.monotonic() - started - self.seconds["rdf_commit"]
                                                   - self.seconds["rdf_compact"], 2))
        return total

    def finish(self) -> int:
        """Wait for the load and the compaction; returns the triple count (duplicates count once)."""
        self.complete()
        try:
            return self._compaction.result()
        finally:
            self._pool.shutdown(wait=True)
            del self.store  # releases the lock so the directory can be renamed and reopened read-only

    def abort(self) -> None:
        """Stop the load (it fails at its next read, keeping nothing); the caller removes the directory."""
        self._feed.stopped = True
        try:
            self._out.close()
        except OSError:
            pass
        self._pool.shutdown(wait=True)
        del self.store


class _Feed(io.RawIOBase):
    """The pipe's read end as the loader reads it; once `stopped`, a read fails, so an aborted
    build's load ends without committing."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd, self.stopped = fd, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = os.read(self.fd, len(buffer)) if not self.stopped else b""
        if self.stopped:  # checked after the read too: the end of input an abort causes is no end
            raise OSError("the build was aborted")
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


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
