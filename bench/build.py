"""Time `kb build`: documents → knowledge base (extraction, canonical graph, RDF, LadybugDB).

    .venv/bin/python bench/build.py [PATH ...] [--synth N] [--seed 1]

With no PATH it builds the seed disclosures (../shared/seeds or KB_SEEDS); --synth N builds N
synthetic documents from `kb synth` instead, to see how the build scales. Prints the wall time of
each phase, then triples, nodes and edges; then times a reload of the same documents (must be a
no-op) and a forced rebuild. Everything is written to a temporary directory, removed after.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kb.build import build  # noqa: E402

SEEDS = Path(os.environ.get("KB_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))


class PhaseClock:
    """Turns the build's progress callbacks into time spent per phase."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.phase = "extract"
        self.spent: dict[str, float] = {}

    def __call__(self, item: str, done: int, total: int) -> None:
        phase = "extract" if item.endswith((".txt", ".text")) else item
        if phase != self.phase:
            now = time.perf_counter()
            self.spent[self.phase] = self.spent.get(self.phase, 0.0) + now - self.last
            self.phase, self.last = phase, now


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--synth", type=int, default=0, help="build N synthetic documents instead")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="build-bench-"))
    try:
        paths = args.paths or [SEEDS]
        if args.synth:
            from kb.synth.corpus import Options, write_corpus
            write_corpus(work / "corpus", args.synth, Options(seed=args.seed))
            paths = [work / "corpus"]
        data = work / "data"
        clock = PhaseClock()
        t = time.perf_counter()
        report = build(paths, data, progress=clock)
        total = time.perf_counter() - t
        clock("done", 1, 1)
        documents = len(report.added)
        print(f"build: {documents} documents in {total:.2f} s ({documents / total:.1f} docs/s); "
              f"{report.triples} triples, {report.nodes} nodes, {report.edges} edges, {len(report.problems)} problems")
        print("  phases: " + ", ".join(f"{k} {v:.2f} s" for k, v in clock.spent.items()))
        t = time.perf_counter()
        again = build(paths, data)
        print(f"reload (no change): {time.perf_counter() - t:.2f} s, rebuilt={again.rebuilt}")
        t = time.perf_counter()
        build(paths[:1], data, force=True)
        print(f"forced rebuild: {time.perf_counter() - t:.2f} s")
        size = sum(f.stat().st_size for f in (data / "builds").rglob("*") if f.is_file()) / 1e6
        print(f"on disk (two builds kept): {size:.1f} MB; peak RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
