"""Time `kb synth` (target: 10,000 documents in well under a minute on one core, flat memory).

    .venv/bin/python bench/synth.py [--docs 10000] [--seed 1] [--out DIR]

Reports wall time, CPU time of this process (what "one core" means on a shared machine), and
peak memory, which must not grow with --docs: documents are written one at a time.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kb.synth.corpus import Options, write_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None, help="folder to write to (default: a temporary one, removed after)")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="synth-bench-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    wall, cpu = time.perf_counter(), time.process_time()
    summary = write_corpus(out, args.docs, Options(seed=args.seed))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{summary.documents} documents, {summary.bytes / 1e6:.1f} MB of text, {summary.flows} flow mentions")
    print(f"wall {wall:.1f} s ({summary.documents / wall:.0f} docs/s); CPU {cpu:.1f} s ({summary.documents / cpu:.0f} docs/s "
          f"on one core); peak RSS {peak_mb:.0f} MB")
    if args.out is None:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
