"""Fixtures of the sync tests: the test servers (tests/servers.py), and the canonical graph and
RDF graph of the real seeds (sync_seeds.py)."""
from __future__ import annotations

import pytest
import rdflib

from kb.canonical import build_graph
from kb.model import CanonicalGraph
from kb.rdf import to_rdf
from tests.kb.sync.sync_seeds import seed_extractions
from tests.servers import arcadedb, virtuoso  # noqa: F401  (session fixtures, imported to be used here)


@pytest.fixture(scope="session")
def seed_graph() -> CanonicalGraph:
    return build_graph(seed_extractions())


@pytest.fixture(scope="session")
def seed_rdf(seed_graph: CanonicalGraph) -> rdflib.Graph:
    return to_rdf(seed_graph)
