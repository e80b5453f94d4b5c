"""Seed extractions and their findings, computed once per session."""
from __future__ import annotations

import pytest

from loaders.extract import extract_file


@pytest.fixture(scope="session")
def seed_extractions(seeds_dir):
    found = {p.name[:3]: extract_file(p) for p in sorted(seeds_dir.glob("*.txt"))}
    assert len(found) == 5, f"expected the five seeds in {seeds_dir}"
    return found


@pytest.fixture(scope="session")
def seed_findings(seed_extractions):
    from kb.audit import run_checks
    return run_checks(list(seed_extractions.values()))


def findings_of(findings, doc_prefix: str, rule: str):
    return [f for f in findings if f.document.startswith(doc_prefix) and f.rule == rule]
