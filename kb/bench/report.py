"""Benchmark results as files: one JSON per corpus size, and a Markdown table over all of them.

    bench/results/docs-100.json, docs-1000.json, docs-10000.json   (what `kb bench --json` prints)
    bench/results/summary.md                                         (one column per size, rebuilt each run)

The table shows the figures the targets are stated in; the JSON files hold every figure.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# (row title, how to read it from a result) — the order of the table.
ROWS: list[tuple[str, Any]] = [
    ("documents", lambda r: r["docs"]),
    ("corpus MB", lambda r: r["corpus_mb"]),
    ("cores", lambda r: r["cores"]),
    ("memory allocator (kb/allocator.py)", lambda r: r.get("allocator", "system malloc")),
    ("documents read → graph parts, docs/s (all cores)", lambda r: r["extract_docs_per_s"]),
    ("extraction (loaders) docs per CPU second (per core)", lambda r: r["extract_docs_per_s_per_core"]),
    ("documents read, MB/s", lambda r: r["extract_mb_per_s"]),
    ("worker CPU ms per document (loaders, graph, audit, N-Triples, CSV)", lambda r: r["worker_cpu_ms_per_doc"]),
    ("build s (text → queryable KB)", lambda r: r["build_seconds"]),
    ("build phases s", lambda r: ", ".join(f"{k} {v:g}" for k, v in r.get("build_phases", {}).items())),
    ("triples", lambda r: r["triples"]),
    ("nodes", lambda r: r["nodes"]),
    ("edges", lambda r: r["edges"]),
    ("store MB: pyoxigraph", lambda r: r["store_mb"]["rdf"]),
    ("store MB: LadybugDB", lambda r: r["store_mb"]["pg"]),
    ("store MB: graph (document parts)", lambda r: r["store_mb"]["graph"]),
    ("store MB: document texts", lambda r: r["store_mb"]["documents"]),
    ("store MB: whole build", lambda r: r["store_mb"]["total"]),
    ("peak memory MB (build + workers, sampled)", lambda r: r["peak_memory_mb"]),
    ("peak RSS MB (build process, getrusage)", lambda r: r["peak_rss_mb"]),
    ("payer (flows out)", lambda r: f"{r['payer']['name']} ({r['payer']['flows_out']})"),
]
QUESTIONS = ("flows", "trace", "aggregation")
ENGINES = ("sparql", "cypher", "graph_index")


def latency_rows() -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for q in QUESTIONS:
        for e in ENGINES:
            rows.append((f"{q} p50 / p95 ms: {e}",
                         lambda r, q=q, e=e: _pair(r["latency"][q][e]) + f" ({r['latency'][q][e]['rows']} rows)"))
        rows.append((f"{q} p50 / p95 ms: rdflib vs pyoxigraph in memory, same slice",
                     lambda r, q=q: "not timed (minutes per run)" if q not in r["rdflib"]["latency"] else
                     f"{_pair(r['rdflib']['latency'][q]['rdflib'])} vs {_pair(r['rdflib']['latency'][q]['oxigraph_memory'])}"))
    rows += [
        ("rdflib slice: documents / triples", lambda r: f"{r['rdflib']['documents']} / {r['rdflib']['triples']}"),
        ("SPARQL vs rdflib, aggregation p50 (same slice)", lambda r: f"{r['sparql_vs_rdflib_speedup']}×"),
        ("on-disk store vs rdflib (when the slice is the whole KB)",
         lambda r: "—" if r.get("sparql_store_vs_rdflib_speedup") is None else f"{r['sparql_store_vs_rdflib_speedup']}×"),
        ("whole benchmark s", lambda r: r["total_seconds"]),
    ]
    return rows


def _pair(lat: dict) -> str:
    mark = "*" if lat.get("bounded") else ""
    return f"{lat['p50_ms']:g} / {lat['p95_ms']:g}{mark}"


def table(results: list[dict]) -> list[list[str]]:
    """Header row, then one row per figure; one column per result."""
    out = [["figure", *(f"{r['docs']} docs" for r in results)]]
    for title, get in ROWS + latency_rows():
        cells = []
        for r in results:
            try:
                cells.append(str(get(r)))
            except (KeyError, TypeError):
                cells.append("—")
        out.append([title, *cells])
    return out


def markdown(results: list[dict]) -> str:
    rows = table(results)
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows[1:]]
    return ("# Benchmark results (`kb bench`)\n\nWritten by `kb bench --results bench/results`; see bench/README.md for "
            "what each figure means. `*`: repetitions cut by the time budget.\n\n" + "\n".join(lines) + "\n")


def save(result: dict, folder: Path) -> Path:
    """Write docs-N.json, then rebuild summary.md from every docs-*.json in the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"docs-{result['docs']}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    results = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("docs-*.json")]
    results.sort(key=lambda r: r["docs"])
    (folder / "summary.md").write_text(markdown(results), encoding="utf-8")
    return path
