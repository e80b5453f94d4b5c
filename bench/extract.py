"""Time extraction. Issue 2's target: the five seeds in well under one second. Issue 6's: at least 100
documents/s per core, i.e. under 10 ms of CPU per synthetic document.

    .venv/bin/python bench/extract.py [../shared/seeds] [--repeat 7]
    .venv/bin/python bench/extract.py --synth 400 [--seed 7] [--repeat 3]

Files: prints the median and min of `repeat` runs over all files, and records per second.
--synth N: writes N synthetic documents (`kb synth`, same seed, same bytes) to a temporary folder and prints the
CPU time of `extract_file` per document: median and mean over the documents, each document's time being its
fastest of `repeat` runs (what the code costs, without the spikes other processes on the machine cause), and the
whole fastest run divided by N (garbage collection and all).
Run in one process so import time is not counted; the first (warm-up) run is discarded.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.extract import extract_file, iter_paths  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(Path(__file__).resolve().parents[2] / "shared" / "seeds")])
    ap.add_argument("--repeat", type=int, default=None, help="runs (default 7 for files, 3 for --synth)")
    ap.add_argument("--synth", type=int, default=None, metavar="N", help="time N synthetic documents instead")
    ap.add_argument("--seed", type=int, default=7, help="seed of the synthetic corpus")
    args = ap.parse_args()
    if args.synth:
        synth(args.synth, args.seed, args.repeat or 3)
    else:
        files(iter_paths(args.paths), args.repeat or 7)


def files(paths: list[Path], repeat: int) -> None:
    size = sum(f.stat().st_size for f in paths)
    extract_all = lambda: [extract_file(f) for f in paths]  # noqa: E731
    results = extract_all()  # warm-up: regex compilation, imports
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        results = extract_all()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    records = sum(len(r.records) for r in results)
    med = statistics.median(times)
    print(f"files: {len(paths)}  bytes: {size}  records: {records}")
    print(f"extract all: median {med * 1000:.1f} ms, min {min(times) * 1000:.1f} ms over {repeat} runs")
    # CPU time of this process: what the extraction costs when other processes load the machine
    print(f"cpu time: median {statistics.median(cpu) * 1000:.1f} ms, min {min(cpu) * 1000:.1f} ms")
    print(f"throughput: {len(paths) / med:.1f} documents/s, {size / med / 1e6:.2f} MB/s, {records / med:.0f} records/s")


def synth(count: int, seed: int, repeat: int) -> None:
    from kb.synth.corpus import Options, write_corpus

    out = Path(tempfile.mkdtemp(prefix="extract-bench-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    try:
        write_corpus(out, count, Options(seed=seed))
        paths = iter_paths([out])
        for f in paths[:10]:
            extract_file(f)      # warm-up: regex compilation, imports, the memoised cells
        best = [float("inf")] * len(paths)
        runs = []
        records = 0
        for _ in range(repeat):
            run = time.process_time()
            records = 0
            for i, f in enumerate(paths):
                c0 = time.process_time()
                records += len(extract_file(f).records)
                best[i] = min(best[i], time.process_time() - c0)
            runs.append(time.process_time() - run)
    finally:
        shutil.rmtree(out)
    ms = [b * 1000 for b in best]
    whole = min(runs) / len(paths) * 1000
    print(f"synthetic documents: {len(paths)} (seed {seed})  records: {records}  runs: {repeat}")
    print(f"cpu per document: median {statistics.median(ms):.2f} ms, mean {statistics.mean(ms):.2f} ms, "
          f"max {max(ms):.2f} ms (each document's fastest run)")
    print(f"cpu per document, whole run: {whole:.2f} ms (fastest of {repeat}: {min(runs):.2f} s); "
          f"{1000 / whole:.0f} documents/s per core")


if __name__ == "__main__":
    main()
