"""What every store's query returns, and the shared way rows are cut at the limit or the timeout."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from kb.readonly import QueryTimeout


@dataclass(slots=True)
class QueryResult:
    """Rows of plain Python values (str, int, Decimal, bool, None, lists), column by column.

    `cut` says why rows are missing when they are: the row limit was reached or the timeout
    expired while rows were streaming; None means every row is here."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    cut: str | None = None
    elapsed: float = 0.0

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def run_with_timeout(start: Callable[[], Any], timeout: float, what: str) -> Any:
    """Run `start()` in a worker thread and wait at most `timeout` seconds for it.

    Used where the engine has no timeout of its own (pyoxigraph): the engine releases the GIL,
    so the wait is honoured; the abandoned worker finishes in the background and its result is dropped."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = start()
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    worker = threading.Thread(target=work, name=f"query:{what}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"{what} query timed out after {timeout:g} s (KB_QUERY_TIMEOUT)")
    if "error" in box:
        raise box["error"]
    return box["value"]


def take_rows(rows: Iterable[list[Any]], limit: int, deadline: float) -> tuple[list[list[Any]], str | None]:
    """At most `limit` rows, stopping early (with the reason) at the limit or past the deadline."""
    out: list[list[Any]] = []
    it: Iterator[list[Any]] = iter(rows)
    for row in it:
        if len(out) >= limit:
            return out, f"row limit {limit} reached (KB_ROW_LIMIT); more rows exist"
        if time.monotonic() > deadline:
            return out, "timed out while reading rows (KB_QUERY_TIMEOUT); more rows may exist"
        out.append(row)
    return out, None
