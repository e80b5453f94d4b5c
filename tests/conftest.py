"""Shared fixtures for the whole suite. Keep this file minimal: fixtures used by one package
belong in that package's conftest.

- `seeds_dir`: the five seed disclosures, read-only (`../shared/seeds` beside the repository,
  or the folder named by KB_SEEDS).
- `seed_kb`: the data directory of a knowledge base built from the seeds, once per test session
  (building takes seconds). Treat it as read-only: open it with
  `kb.knowledge_base.KnowledgeBase.open(seed_kb)`; a test that builds or changes a knowledge
  base copies it first (`shutil.copytree(seed_kb, tmp_path / "data", symlinks=True)`).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SEEDS = Path(os.environ.get("KB_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"seed disclosures not found at {SEEDS} (set KB_SEEDS)"
    return SEEDS


@pytest.fixture(scope="session")
def seed_kb(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kb.build import build

    data_dir = tmp_path_factory.mktemp("seed_kb") / "data"
    build([seeds_dir], data_dir)
    return data_dir
