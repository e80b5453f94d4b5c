"""kb.parallel: extraction on two workers gives what one process does, in file order; a bad file fails by name."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.parallel import map_ordered
from loaders.extract import extract_file, iter_paths
from loaders.reader import ReadError


def test_two_workers_give_the_serial_results_in_order(seeds_dir: Path):
    files = iter_paths([seeds_dir])
    serial = [extract_file(f) for f in files]
    parallel = list(map_ordered(extract_file, files, workers=2, in_flight=2))
    assert [p for p, _ in parallel] == files
    assert [e.document.sha256 for _, e in parallel] == [e.document.sha256 for e in serial]
    assert [len(e.records) for _, e in parallel] == [len(e.records) for e in serial]


def test_an_unreadable_file_raises_read_error_after_the_files_before_it(seeds_dir: Path, tmp_path: Path):
    good = iter_paths([seeds_dir])[0]
    shutil.copy(good, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    shutil.copy(good, tmp_path / "c.txt")
    seen = []
    with pytest.raises(ReadError) as info:
        for path, _ in map_ordered(extract_file, iter_paths([tmp_path]), workers=2):
            seen.append(path.name)
    assert seen == ["a.txt"]
    assert info.value.path == str(tmp_path / "b.txt")
    assert "binary" in info.value.reason
