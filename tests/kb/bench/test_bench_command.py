"""`kb bench --docs 20 --json`: runs end to end and reports figures that hold together. Small N only;
no timing is asserted (speed targets are measured by `make bench`, see bench/README.md)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app

QUESTIONS = ("flows", "trace", "aggregation")


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    work = tmp_path_factory.mktemp("bench")
    result = CliRunner().invoke(app, ["bench", "--docs", "20", "--json", "--runs", "3", "--budget", "0.2",
                                      "--rdflib-docs", "20", "--work", str(work / "scratch"),
                                      "--results", str(work / "results")])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    return json.loads(last), work


def test_reports_the_keys_the_issue_names(bench_run):
    r, _ = bench_run
    for key in ("extract_docs_per_s", "build_seconds", "flows_p95_ms", "trace_p95_ms", "sparql_vs_rdflib_speedup"):
        assert isinstance(r[key], (int, float)) and r[key] > 0, key
    assert r["docs"] == 20
    # seconds are printed to 0.01 s and rates to 0.1: each rate lies within what those roundings allow
    for seconds, rate in (("read_seconds", "extract_docs_per_s"), ("extract_cpu_seconds", "extract_docs_per_s_per_core")):
        s = r[seconds]
        assert 20 / (s + 0.005) - 0.05 <= r[rate] <= 20 / max(s - 0.005, 1e-9) + 0.05, rate
    # the loaders' CPU time summed over the workers fits in the reading phase on every core, and in the workers' own
    assert r["extract_cpu_seconds"] <= r["read_seconds"] * r["cores"] + 0.01
    assert r["extract_cpu_seconds"] <= r["worker_cpu_ms_per_doc"] * 20 / 1000 + 0.01
    assert r["build_seconds"] >= r["read_seconds"]
    assert r["peak_memory_mb"] >= r["peak_rss_mb"] * 0.9 > 0 and r["store_mb"]["total"] >= r["store_mb"]["rdf"] + r["store_mb"]["pg"]


def test_counts_are_those_of_the_built_knowledge_base(bench_run):
    from kb.knowledge_base import KnowledgeBase
    from kb.settings import Settings

    r, work = bench_run
    kb = KnowledgeBase.open(settings=Settings.from_env(work / "scratch" / "data"))
    try:
        stats = kb.stats()
        assert (r["triples"], r["nodes"], r["edges"]) == (stats["triples"], stats["nodes"], stats["edges"])
        assert len(kb.documents) == 20
    finally:
        kb.close()


def test_every_engine_gives_the_same_aggregation(bench_run):
    r, _ = bench_run
    agg = r["latency"]["aggregation"]
    rows = {agg[e]["rows"] for e in ("sparql", "cypher", "graph_index")}
    rows |= {r["rdflib"]["latency"]["aggregation"][e]["rows"] for e in ("rdflib", "oxigraph_memory")}
    assert len(rows) == 1 and rows.pop() > 0  # the slice is the whole corpus at 20 documents
    assert r["rdflib"]["documents"] == 20 and r["rdflib"]["triples"] == r["triples"]


def test_latencies_are_ordered_and_bounded(bench_run):
    r, _ = bench_run
    for q in QUESTIONS:
        for lat in r["latency"][q].values():
            assert 1 <= lat["runs"] <= 3 and 0 < lat["p50_ms"] <= lat["p95_ms"] <= lat["max_ms"]
            assert lat["bounded"] == (lat["runs"] < 3)
    assert r["flows_p95_ms"] == r["latency"]["flows"]["graph_index"]["p95_ms"]


def test_results_folder_holds_the_json_and_the_table(bench_run):
    r, work = bench_run
    saved = json.loads((work / "results" / "docs-20.json").read_text(encoding="utf-8"))
    assert saved == r
    table = (work / "results" / "summary.md").read_text(encoding="utf-8")
    assert "| figure | 20 docs |" in table
    assert f"| triples | {r['triples']} |" in table
