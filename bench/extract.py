"""Time to extract the seed disclosures (issue 2's target: well under one second for all five).

    .venv/bin/python bench/extract.py [../shared/seeds] [--repeat 7]

Prints the median and min of `repeat` runs over all files, and records per second. Run in one
process so import time is not counted; the first (warm-up) run is discarded.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.extract import extract_file, iter_paths  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", default=[str(Path(__file__).resolve().parents[2] / "shared" / "seeds")])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    files = iter_paths(args.paths)
    size = sum(f.stat().st_size for f in files)
    extract_all = lambda: [extract_file(f) for f in files]  # noqa: E731
    results = extract_all()  # warm-up: regex compilation, imports
    times, cpu = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        results = extract_all()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    records = sum(len(r.records) for r in results)
    med = statistics.median(times)
    print(f"files: {len(files)}  bytes: {size}  records: {records}")
    print(f"extract all: median {med * 1000:.1f} ms, min {min(times) * 1000:.1f} ms over {args.repeat} runs")
    # CPU time of this process: what the extraction costs when other processes load the machine
    print(f"cpu time: median {statistics.median(cpu) * 1000:.1f} ms, min {min(cpu) * 1000:.1f} ms")
    print(f"throughput: {len(files) / med:.1f} documents/s, {size / med / 1e6:.2f} MB/s, {records / med:.0f} records/s")


if __name__ == "__main__":
    main()
