"""Variance statements of every seed against golden files written from reading the seeds."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from loaders.extract import extract_file
from loaders.records import BudgetLine, Problem, Variance

SEEDS = Path(os.environ.get("KB_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"))
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
WITH_VARIANCES = ("000", "001", "002", "003")


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


_cache: dict[str, object] = {}


def extraction(prefix: str):
    if prefix not in _cache:
        _cache[prefix] = extract_file(seed(prefix))
    return _cache[prefix]


def golden(prefix: str) -> list[dict]:
    return json.loads((GOLDEN / prefix / "variances.json").read_text(encoding="utf-8"))


def values(v: Variance) -> dict:
    return {"name": v.name, "initial_budget": format(v.initial_budget, "f"), "final": format(v.final, "f"),
            "rate": None if v.rate is None else format(v.rate, "f"), "reason": v.reason,
            "lines": [v.source.line_start, v.source.line_end]}


@pytest.mark.parametrize("prefix", WITH_VARIANCES)
def test_variance_values_match_the_golden_file(prefix):
    got = [values(v) for v in extraction(prefix).of(Variance)]
    want = [{k: x for k, x in g.items() if k != "function_code"} for g in golden(prefix)]
    assert len(got) == len(want)
    for w, g in zip(want, got):
        assert g == w
    for v in extraction(prefix).of(Variance):
        assert v.line == v.source.line_start and v.source.document == seed(prefix).stem
        assert "年初预算" in "".join(v.source.text.split()) and v.source.table.startswith("五、")


@pytest.mark.parametrize("prefix", WITH_VARIANCES)
def test_variance_function_codes_match_the_documents_tables(prefix):
    ex = extraction(prefix)
    if prefix != "002" and not any(bl.table == "公开05" and bl.code for bl in ex.of(BudgetLine)):
        pytest.skip(f"{prefix}: no 公开05 lines from the tab-table extractor to resolve names against")
    got = [(v.line, v.function_code) for v in ex.of(Variance)]
    assert got == [(g["lines"][0], g["function_code"]) for g in golden(prefix)]


def test_unresolved_chains_are_reported_never_guessed():
    ex = extraction("002")
    reported = [(p.line, p.reason.split(":")[0]) for p in ex.of(Problem) if "name chain not resolved" in p.reason]
    uncoded = [(v.line, v.name) for v in ex.of(Variance) if v.function_code is None and "（项）" in v.name]
    assert len(uncoded) == 18 and reported == uncoded  # once per statement, naming the chain
    assert all(p.file == seed("002").name for p in ex.of(Problem))


def test_a_budget_has_no_variance_statements():
    assert extraction("004").of(Variance) == []
