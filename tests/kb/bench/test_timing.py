"""kb.bench.timing: nearest-rank percentiles and the bounds on repetitions."""
from __future__ import annotations

import time

from kb.bench.timing import measure, percentile


def test_nearest_rank_percentiles():
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert percentile(values, 50) == 10.0
    assert percentile(values, 95) == 19.0
    assert percentile([7.0], 95) == 7.0


def test_runs_stop_at_the_count_and_return_the_rows():
    calls = []
    lat = measure(lambda: calls.append(1) or 42, runs=5, budget=60)
    assert (lat.runs, lat.rows, lat.bounded, len(calls)) == (5, 42, False, 6)  # one untimed first run


def test_a_query_slower_than_the_budget_runs_once():
    lat = measure(lambda: time.sleep(0.05) or 1, runs=50, budget=0.04)
    assert lat.runs == 1 and lat.bounded and lat.p50_ms >= 50


def test_a_query_slower_than_the_whole_budget_is_timed_by_its_first_run():
    calls = []
    lat = measure(lambda: calls.append(time.sleep(0.05)) or 3, runs=50, budget=0.01)
    assert len(calls) == 1 and lat.runs == 1 and lat.bounded and lat.rows == 3 and lat.p50_ms >= 50
