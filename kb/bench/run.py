"""One benchmark run: a synthetic corpus of N documents → `kb.build.build` → timed questions.

Everything happens in this process, in this order, so the figures are comparable across N:
1. `kb synth` writes N documents (one at a time; flat memory) into a scratch folder;
2. the real build (`kb.build.build`: extraction on all cores, canonical graph, audit, pyoxigraph bulk
   load, LadybugDB COPY, pickles) into a scratch data directory; its progress callbacks time the
   extraction phase; peak memory (getrusage, this process and its worker processes) is read right
   after, before anything else is loaded;
3. the built knowledge base is opened as the API opens it and the three questions are timed on
   pyoxigraph (SPARQL), LadybugDB (Cypher) and the in-memory GraphIndex (networkx's role);
4. rdflib's engine is timed beside an in-memory pyoxigraph on the same slice (rdflib_baseline.py).
"""
from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from kb.bench.memory import PeakSampler
from kb.parallel import cpu_count

Say = Callable[[str], None]


@dataclass(slots=True)
class Options:
    docs: int
    seed: int = 1
    runs: int = 50              # timed repetitions per question and engine
    budget: float = 3.0         # seconds per question and engine, at most (see timing.py)
    rdflib_docs: int = 100      # the rdflib comparison's slice (see rdflib_baseline.py)
    work: Path | None = None    # scratch folder (default: a temporary one, removed after)
    reuse: bool = False         # time the knowledge base an earlier run built in `work` (its build.json)


class FileProgress:
    """The build's progress callbacks → the caller's per-file callback (a progress bar)."""

    def __init__(self, on_file: Callable[[int, int], None] | None = None) -> None:
        self.on_file = on_file

    def __call__(self, item: str, done: int, total: int) -> None:
        if item.endswith((".txt", ".text")) and self.on_file:
            self.on_file(done, total)


def peak_rss_mb() -> tuple[float, float]:
    """(this process, its largest waited-for child) peak resident memory in MiB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def tree_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@contextmanager
def scratch(work: Path | None) -> Iterator[Path]:
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
        yield work
        return
    base = "/dev/shm" if Path("/dev/shm").is_dir() and os.environ.get("KB_BENCH_TMP") == "shm" else None
    folder = Path(tempfile.mkdtemp(prefix="kb-bench-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


BUILD_KEYS = ("corpus_mb", "read_seconds", "extract_cpu_seconds", "worker_cpu_ms_per_doc", "build_phases", "extract_docs_per_s", "extract_docs_per_s_per_core", "extract_mb_per_s",
              "build_seconds", "triples", "nodes", "edges", "problems", "store_mb", "peak_memory_mb", "peak_rss_mb",
              "peak_rss_worker_mb", "rss_before_build_mb")


def _build(opts: Options, corpus: Path, data: Path, say: Say, on_file) -> dict[str, Any]:
    """Write the corpus and build it; the build's figures."""
    from kb.build import build
    from kb.synth.corpus import Options as SynthOptions, write_corpus

    say(f"writing {opts.docs} synthetic documents")
    write_corpus(corpus, opts.docs, SynthOptions(seed=opts.seed))
    texts = sorted(corpus.glob("*.txt"))
    corpus_bytes = sum(p.stat().st_size for p in texts)
    rss_before, _ = peak_rss_mb()
    say("building the knowledge base")
    t0 = time.perf_counter()
    with PeakSampler() as sampler:
        report = build(texts, data, fresh=True, progress=FileProgress(on_file))
    build_seconds = time.perf_counter() - t0
    rss_self, rss_child = peak_rss_mb()
    live = report.path
    sizes = {"rdf": tree_bytes(live / "rdf"), "pg": tree_bytes(live / "pg"), "graph": tree_bytes(live / "graph"),
             "documents": tree_bytes(live / "documents"), "total": tree_bytes(live)}
    return {
        "corpus_mb": round(corpus_bytes / 1e6, 2),
        # Every document read, turned into its part of the graph and serialised, on all cores.
        "read_seconds": round(report.read_seconds, 2),
        "extract_docs_per_s": round(opts.docs / report.read_seconds, 1),
        "extract_mb_per_s": round(corpus_bytes / 1e6 / report.read_seconds, 2),
        # The loaders alone: their CPU time summed over the workers (documents per CPU second =
        # documents per second on one core, however busy the machine was).
        "extract_cpu_seconds": round(report.extract_cpu, 2),
        "extract_docs_per_s_per_core": round(opts.docs / report.extract_cpu, 1),
        # The workers' whole CPU time per document: loaders, graph part, document rules, N-Triples, CSV.
        "worker_cpu_ms_per_doc": round(report.worker_cpu / opts.docs * 1000, 2),
        # read: until the last document's part was made; finish: the rest (pg_copy: LadybugDB's COPY;
        # rdf_after_pg: waiting for the RDF store's last batches and compaction after it).
        "build_phases": report.phases,
        "build_seconds": round(build_seconds, 2),
        "triples": report.triples, "nodes": report.nodes, "edges": report.edges,
        "problems": len(report.problems),
        "store_mb": {k: round(v / 2**20, 1) for k, v in sizes.items()},
        # The build's process tree (this process, the fork server and its workers), sampled; and
        # getrusage's high-water marks of this process and of its largest waited-for child.
        "peak_memory_mb": sampler.peak_mb,
        "peak_rss_mb": round(rss_self, 1), "peak_rss_worker_mb": round(rss_child, 1),
        "rss_before_build_mb": round(rss_before, 1),
    }


def run(opts: Options, say: Say = lambda _: None, on_file: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    from kb import allocator
    from kb.bench.queries import engine_queries, pick_payer
    from kb.bench.rdflib_baseline import compare
    from kb.bench.timing import measure
    from kb.investigate import GraphIndex
    from kb.knowledge_base import KnowledgeBase
    from kb.settings import Settings

    started = time.perf_counter()
    result: dict[str, Any] = {"docs": opts.docs, "seed": opts.seed, "cores": cpu_count(),
                              "python": platform.python_version(), "machine": platform.machine(),
                              "allocator": allocator.in_use() or "system malloc"}
    with scratch(opts.work) as work:
        corpus, data = work / "corpus", work / "data"
        saved = work / "build.json"  # the build's figures, kept so --reuse can time queries again
        if opts.reuse and saved.is_file() and (data / "current").exists():
            say(f"reusing the knowledge base built in {work}")
            result.update(json.loads(saved.read_text(encoding="utf-8")))
        else:
            result.update(_build(opts, corpus, data, say, on_file))
            saved.write_text(json.dumps({k: result[k] for k in BUILD_KEYS}), encoding="utf-8")
        say(f"built in {result['build_seconds']:.1f} s; timing queries")
        kb = KnowledgeBase.open(settings=Settings.from_env(data))
        try:
            t1 = time.perf_counter()
            idx = GraphIndex.of(kb.index_graph)
            result["open_graph_index_seconds"] = round(time.perf_counter() - t1, 2)
            subject = pick_payer(idx)
            result["payer"] = {"place": subject.place_id, "name": subject.name, "full_name": subject.full_name,
                               "flows_out": subject.flows_out}
            latency: dict[str, dict[str, Any]] = {}
            for question, engines in engine_queries(kb, idx, subject).items():
                latency[question] = {}
                for engine, fn in engines.items():
                    say(f"  {question} on {engine}")
                    try:
                        latency[question][engine] = measure(fn, opts.runs, opts.budget).to_dict()
                    except Exception as exc:  # a timeout is a figure too; the other engines still run
                        latency[question][engine] = {"error": f"{type(exc).__name__}: {exc}"}
            say(f"rdflib beside pyoxigraph on {min(opts.docs, opts.rdflib_docs)} documents")
            # rdflib's 3-hop trace takes minutes even on 100 documents: timed only when the slice is the whole KB.
            baseline = compare(kb.path / "graph", idx, subject, opts.rdflib_docs, opts.runs, opts.budget,
                               trace=opts.docs <= opts.rdflib_docs)
        finally:
            kb.close()
    result["latency"] = latency
    result["rdflib"] = baseline.to_dict()
    result.update({
        "flows_p50_ms": latency["flows"]["graph_index"]["p50_ms"],
        "flows_p95_ms": latency["flows"]["graph_index"]["p95_ms"],
        "trace_p50_ms": latency["trace"]["graph_index"]["p50_ms"],
        "trace_p95_ms": latency["trace"]["graph_index"]["p95_ms"],
        "aggregation_sparql_p95_ms": latency["aggregation"]["sparql"].get("p95_ms"),
        "sparql_vs_rdflib_speedup": round(baseline.speedup, 1),
        # The on-disk store against rdflib, when rdflib could hold the whole knowledge base.
        "sparql_store_vs_rdflib_speedup": (round(baseline.latency["aggregation"]["rdflib"].p50_ms
                                                 / max(latency["aggregation"]["sparql"]["p50_ms"], 1e-6), 1)
                                           if baseline.documents == opts.docs and "p50_ms" in latency["aggregation"]["sparql"]
                                           else None),
        "total_seconds": round(time.perf_counter() - started, 1),
    })
    return result
