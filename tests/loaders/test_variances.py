"""Variance statements of every seed against golden files written from reading the seeds."""
from __future__ import annotations

import pytest

from loaders.records import Problem, Variance
from tests.loaders.golden import compare, seed, seed_path

WITH_VARIANCES = ("000", "001", "002", "003")


@pytest.mark.parametrize("prefix", WITH_VARIANCES)
def test_variance_values_and_codes_match_the_golden_file(prefix):
    result = compare(prefix, "variances")
    assert not result.wrong and not result.extra, (result.wrong + result.extra)[0]
    for v in seed(prefix).of(Variance):
        assert v.line == v.source.line_start and v.source.document == seed_path(prefix).stem
        assert "年初预算" in "".join(v.source.text.split()) and v.source.table.startswith("五、")


def test_unresolved_chains_are_reported_never_guessed():
    ex = seed("002")
    reported = [(p.line, p.reason.split(":")[0]) for p in ex.of(Problem) if "name chain not resolved" in p.reason]
    uncoded = [(v.line, v.name) for v in ex.of(Variance) if v.function_code is None and "（项）" in v.name]
    assert len(uncoded) == 18 and reported == uncoded  # once per statement, naming the chain
    assert all(p.file == seed_path("002").name for p in ex.of(Problem))


def test_a_budget_has_no_variance_statements():
    assert seed("004").of(Variance) == []
