"""Seed extractions for the audit tests, read once per session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from loaders.extract import extract_file

SEEDS = Path(os.environ.get("KB_SEEDS", Path(__file__).resolve().parents[4] / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seed_extractions():
    return {p.name[:3]: extract_file(p) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_findings(seed_extractions):
    from kb.audit import run_checks
    return run_checks(list(seed_extractions.values()))


def findings_of(findings, doc_prefix: str, rule: str):
    return [f for f in findings if f.document.startswith(doc_prefix) and f.rule == rule]
