"""The seeds as the sync tests use them: seeds 000–003 through the real extractors, seed 004's
records hand-built from its real lines by tests/kb/records_004.py (provenance read from the file)
until 004's flow and table extractors land."""
from __future__ import annotations

from loaders.extract import extract_file
from tests.kb.records_004 import DOC as DOC_004, SEEDS, jianghan_extraction


def seed_extractions() -> list:
    paths = sorted(p for p in SEEDS.glob("*.txt") if not p.name.startswith(DOC_004))
    assert len(paths) == 4, f"expected seeds 000–003 in {SEEDS} (set KB_SEEDS), found {[p.name for p in paths]}"
    return [extract_file(p) for p in paths] + [jianghan_extraction()]
