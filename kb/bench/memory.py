"""Peak memory of this process and every process it started, sampled while a build runs.

getrusage reports the largest child only once the child has been waited for, and the extraction
workers are children of a fork server (kb/parallel.py) that lives until this process ends, so it
misses them. This sampler reads /proc (Linux) every `interval` seconds: the resident memory of this
process and of all its descendants, summed at each sample; the largest sum is the peak the machine
had to hold. Between samples a short spike can be missed; getrusage's high-water mark of this
process (never missed) is reported beside it.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended while we looked
            continue
        fields = text[text.rindex(")") + 2:].split()
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and all its descendants, in KiB."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(tree.get(pid, ()))
    return total


class PeakSampler:
    """`with PeakSampler() as s: ...` then `s.peak_mb`: the largest summed RSS seen."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="peak-rss", daemon=True)

    @property
    def available(self) -> bool:
        return Path(f"/proc/{os.getpid()}/statm").exists()

    @property
    def peak_mb(self) -> float | None:
        return round(self.peak_kb / 1024, 1) if self.available else None

    def _run(self) -> None:
        while True:
            self.peak_kb = max(self.peak_kb, tree_rss_kb(os.getpid()))
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> "PeakSampler":
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if self.available:
            self.peak_kb = max(self.peak_kb, tree_rss_kb(os.getpid()))
