"""Work on all cores: a process pool over files, results streamed back in input order.

Extraction is pure Python (regular expressions over text), so threads would share one core; each
file is handled in a worker process (started by a fork server) and its result pickled back (a
build sends back each document's part of the knowledge base, kb/parts.py). At most `in_flight`
items are submitted ahead of the one the caller is waiting for, so memory stays bounded however
many files there are and however slowly the caller consumes them.

A file that cannot be read raises the loader's own `ReadError` (file, line, reason) in the caller,
in order: the files before it have been yielded, none after it. One worker or one file runs in
this process.
"""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

from loaders.reader import ReadError

# Files submitted per worker ahead of the one awaited: enough to keep every worker busy while the
# caller handles a result, few enough that pending extractions stay a handful of documents.
AHEAD_PER_WORKER = 4
T = TypeVar("T")
R = TypeVar("R")


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    """Workers come from a fork server, not from forking this process: a plain fork of a process
    with threads (a web server, a query timeout thread, a database's own threads) can copy a lock
    that some thread holds, and the child then waits on it forever. The fork server is a clean
    single-threaded process that has imported the loaders once, so workers still start fast."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["loaders.extract", "loaders.extractors", "kb.parts", "kb.canonical", "kb.ntriples",
                               "kb.audit.rules_tables", "kb.audit.rules_cross", "kb.audit.rules_projects",
                               "kb.audit.rules_documents", "kb.stores.pg_staging"])
    return ctx


def _worker_started() -> None:
    """The modules a worker imported (loaders, gazetteer, schema) live as long as it does: moved out
    of the garbage collector's sight, each full collection no longer walks them (3-4% of extraction).
    A document makes ~10^5 short-lived objects, few of them in cycles: collecting after every 50,000
    allocations rather than 700 saves ~2.5% of a worker's time and keeps its memory as flat."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


class _Failed(tuple):
    """A ReadError as it crosses the process boundary: (path, reason, line). ReadError's
    constructor takes (path, reason, line), which pickling does not replay."""


def _call(fn: Callable[[T], R], item: T) -> R | _Failed:
    try:
        return fn(item)
    except ReadError as exc:
        return _Failed((exc.path, exc.reason, exc.line))


def _unwrap(result: R | _Failed) -> R:
    if isinstance(result, _Failed):
        raise ReadError(result[0], result[1], result[2])
    return result


def map_ordered(fn: Callable[[T], R], items: Iterable[T], workers: int | None = None,
                in_flight: int | None = None) -> Iterator[tuple[T, R]]:
    """(item, fn(item)) for every item, in the order given, computed on `workers` processes
    (default: every core; `fn` must be a module-level function). `in_flight` bounds the items
    submitted but not yet yielded. `items` is consumed lazily, so it may be a generator."""
    items = iter(items)
    first = list(itertools.islice(items, 2))
    workers = 1 if len(first) < 2 else max(1, workers or cpu_count())
    todo = itertools.chain(first, items)
    if workers == 1:
        for item in todo:
            yield item, _unwrap(_call(fn, item))
        return
    limit = max(workers, in_flight or workers * AHEAD_PER_WORKER)
    pending: deque[tuple[T, Future]] = deque()
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_worker_started) as pool:
        try:
            for item in todo:
                pending.append((item, pool.submit(_call, fn, item)))
                if len(pending) >= limit:
                    break
            while pending:
                item, future = pending.popleft()
                result = future.result()
                nxt = next(todo, None)
                if nxt is not None:
                    pending.append((nxt, pool.submit(_call, fn, nxt)))
                yield item, _unwrap(result)
        finally:
            for _, future in pending:  # a caller that stops early (or an error) cancels the rest
                future.cancel()
