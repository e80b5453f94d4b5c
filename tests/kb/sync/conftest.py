"""Fixtures of the sync tests: the test servers (tests/servers.py) and a canonical graph and RDF
graph of the real seeds.

Seeds 000–003 go through the real extractors; seed 004's records are the hand-built ones of
tests/kb/records_004.py (built from 004's real lines, provenance read from the file) until
004's flow and table extractors land."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib

TESTS = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(TESTS), str(TESTS / "kb")]

from records_004 import DOC as DOC_004, SEEDS, jianghan_extraction  # noqa: E402
from servers import arcadedb, virtuoso  # noqa: E402,F401  (session fixtures)

from kb.canonical import build_graph  # noqa: E402
from kb.model import CanonicalGraph  # noqa: E402
from kb.rdf import to_rdf  # noqa: E402
from loaders.extract import extract_file  # noqa: E402


def seed_extractions() -> list:
    paths = sorted(p for p in SEEDS.glob("*.txt") if not p.name.startswith(DOC_004))
    assert len(paths) == 4, f"expected seeds 000–003 in {SEEDS} (set KB_SEEDS), found {[p.name for p in paths]}"
    return [extract_file(p) for p in paths] + [jianghan_extraction()]


@pytest.fixture(scope="session")
def seed_graph() -> CanonicalGraph:
    return build_graph(seed_extractions())


@pytest.fixture(scope="session")
def seed_rdf(seed_graph: CanonicalGraph) -> rdflib.Graph:
    return to_rdf(seed_graph)
