"""Repeat a query a bounded number of times and report its latency percentiles.

Each measurement runs the query once untimed (caches, lazy indexes, query parsing on first use), then up
to `runs` times or until `budget` seconds have passed, whichever comes first, but at least `min_runs`
times so a slow engine still gets a median — or once, when the untimed run alone took more than
budget / min_runs; and a first run slower than the whole budget is itself the one measurement
(rdflib's 3-hop trace takes from one to twelve minutes on 100 documents here). Percentiles are nearest-rank on the sorted timings.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any, Callable


@dataclass(slots=True)
class Latency:
    runs: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    rows: int          # what the query returned (the same question must give the same rows everywhere)
    bounded: bool      # stopped by the time budget before `runs`

    def to_dict(self) -> dict[str, Any]:
        return {"runs": self.runs, "p50_ms": round(self.p50_ms, 3), "p95_ms": round(self.p95_ms, 3),
                "max_ms": round(self.max_ms, 3), "rows": self.rows, "bounded": self.bounded}


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of an ascending list."""
    if not sorted_values:
        raise ValueError("no timings")
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def measure(query: Callable[[], int], runs: int = 50, budget: float = 10.0, min_runs: int = 3) -> Latency:
    """Time `query` (which returns its row count); see the module docstring for the bounds."""
    started = time.perf_counter()
    rows = query()
    first = (time.perf_counter() - started) * 1000
    if first > budget * 1000:  # slower than the whole budget (rdflib's trace): its one run is the figure
        return Latency(1, first, first, first, rows, bounded=True)
    if first > budget * 1000 / min_runs:
        min_runs = 1  # one run takes more than its share of the budget
    timings: list[float] = []
    deadline = time.perf_counter() + budget
    while len(timings) < runs and (len(timings) < min_runs or time.perf_counter() < deadline):
        started = time.perf_counter()
        rows = query()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return Latency(len(timings), percentile(timings, 50), percentile(timings, 95), timings[-1], rows,
                   bounded=len(timings) < runs)
