"""Extraction on all cores: a process pool over files, results streamed back in input order.

Extraction is pure Python (regular expressions over text), so threads would share one core; each
file is extracted in a worker process (started by a fork server) and its `Extraction` pickled back. At most `in_flight`
files are submitted ahead of the one the caller is waiting for, so memory stays bounded however
many files there are and however slowly the caller consumes them (a build that folds each
extraction into its graph as it arrives never holds the whole corpus twice).

A file that cannot be read raises the loader's own `ReadError` (file, line, reason) in the caller,
in order: the files before it have been yielded, none after it. One worker or one file runs in
this process.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

from loaders.extract import extract_file
from loaders.reader import ReadError
from loaders.records import Extraction

# Files submitted per worker ahead of the one awaited: enough to keep every worker busy while the
# caller handles a result, few enough that pending extractions stay a handful of documents.
AHEAD_PER_WORKER = 4


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
    ctx.set_forkserver_preload(["loaders.extract", "loaders.extractors"])
    return ctx


def _extract(path: Path) -> Extraction | tuple[str, str, int | None]:
    # ReadError's constructor takes (path, reason, line), which pickling does not replay: send the
    # parts back and raise it again in the caller.
    try:
        return extract_file(path)
    except ReadError as exc:
        return (exc.path, exc.reason, exc.line)


def _unwrap(result: Extraction | tuple[str, str, int | None]) -> Extraction:
    if isinstance(result, tuple):
        raise ReadError(result[0], result[1], result[2])
    return result


def extract_files(files: Iterable[Path], workers: int | None = None,
                  in_flight: int | None = None) -> Iterator[tuple[Path, Extraction]]:
    """(path, Extraction) for every file, in the order given, extracted on `workers` processes
    (default: every core). `in_flight` bounds the files submitted but not yet yielded."""
    files = list(files)
    workers = max(1, min(workers or cpu_count(), len(files)))
    if workers == 1:
        for path in files:
            yield path, _unwrap(_extract(path))
        return
    limit = max(workers, in_flight or workers * AHEAD_PER_WORKER)
    pending: deque[tuple[Path, Future]] = deque()
    todo = iter(files)
    with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
        try:
            for path in todo:
                pending.append((path, pool.submit(_extract, path)))
                if len(pending) >= limit:
                    break
            while pending:
                path, future = pending.popleft()
                result = future.result()
                nxt = next(todo, None)
                if nxt is not None:
                    pending.append((nxt, pool.submit(_extract, nxt)))
                yield path, _unwrap(result)
        finally:
            for _, future in pending:  # a caller that stops early (or an error) cancels the rest
                future.cancel()
