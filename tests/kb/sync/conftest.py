"""Fixtures of the sync tests: the test servers (tests/servers.py), and the seeds' knowledge base
(`seed_kb` of tests/conftest.py, built once per session by the real pipeline) as the canonical
graph and as the RDF its store holds — the same two things `kb sync` sends."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kb.knowledge_base import KnowledgeBase
from kb.model import CanonicalGraph
from kb.stores import oxigraph_store
from tests.servers import arcadedb, virtuoso  # noqa: F401  (session fixtures, imported to be used here)


@pytest.fixture(scope="session")
def seed_graph(seed_kb: Path) -> CanonicalGraph:
    return KnowledgeBase.open(seed_kb).graph


@pytest.fixture(scope="session")
def seed_rdf(seed_kb: Path) -> rdflib.Graph:
    store = oxigraph_store.open_read_only(KnowledgeBase.open(seed_kb).path / "rdf")
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return rdflib.Graph().parse(data=data, format="nt")
