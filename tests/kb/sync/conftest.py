"""Fixtures of the sync tests: the test servers (tests/servers.py); the seeds' knowledge base
(`seed_kb` of tests/conftest.py, built once per session by the real pipeline); and that
knowledge base copied once per session by `kb sync neo4j` to ArcadeDB and by `kb sync sparql`
to Virtuoso, which the read-back, dialect and cross-engine tests then query."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from kb.cli import app
from kb.knowledge_base import KnowledgeBase
from kb.model import CanonicalGraph
from kb.stores import oxigraph_store
from tests.servers import BoltServer, SparqlServer, arcadedb, virtuoso  # noqa: F401  (session fixtures)

SEED_GRAPH = "https://w3id.org/budget-kb/graph/seeds"


@dataclass
class Synced:
    server: BoltServer | SparqlServer
    where: str          # the Bolt database or the named graph
    output: str         # what `kb sync …` printed


@pytest.fixture(scope="session")
def seed_base(seed_kb: Path) -> KnowledgeBase:
    return KnowledgeBase.open(seed_kb)


@pytest.fixture(scope="session")
def seed_graph(seed_base: KnowledgeBase) -> CanonicalGraph:
    return seed_base.graph


@pytest.fixture(scope="session")
def seed_lines(seed_base: KnowledgeBase) -> list[str]:
    """The N-Triples lines of the knowledge base's RDF store."""
    store = oxigraph_store.open_read_only(seed_base.path / "rdf")
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8").splitlines()


@pytest.fixture(scope="session")
def flow_rdf(seed_lines: list[str]) -> rdflib.Graph:
    """A small real graph: every triple about the seeds' funding flows and places, and the
    source spans (document lines) the flows cite."""
    keep = [line for line in seed_lines
            if line.startswith(("<https://w3id.org/budget-kb/id/fundingflow/", "<https://w3id.org/budget-kb/id/place/"))]
    cited = {line.split(" ")[2] for line in keep if " <http://www.w3.org/ns/prov#wasDerivedFrom> " in line}
    keep += [line for line in seed_lines if line.split(" ", 1)[0] in cited]
    return rdflib.Graph().parse(data="\n".join(keep), format="nt")


@pytest.fixture(scope="session")
def bolt_seed(arcadedb: BoltServer, seed_kb: Path) -> Synced:
    server = dataclasses.replace(arcadedb, database=arcadedb.new_database("seed"))
    result = CliRunner().invoke(app, ["sync", "neo4j", "--uri", server.uri, "--user", server.user,
                                      "--database", server.database, "--data-dir", str(seed_kb)],
                                env={"KB_BOLT_PASSWORD": server.password})
    assert result.exit_code == 0, result.output
    return Synced(server, server.database, result.output)


@pytest.fixture(scope="session")
def sparql_seed(virtuoso: SparqlServer, seed_kb: Path) -> Synced:
    result = CliRunner().invoke(app, ["sync", "sparql", "--endpoint", virtuoso.gsp_endpoint, "--graph", SEED_GRAPH,
                                      "--user", virtuoso.user, "--query-endpoint", virtuoso.endpoint,
                                      "--data-dir", str(seed_kb)], env={"KB_SPARQL_PASSWORD": virtuoso.password})
    assert result.exit_code == 0, result.output
    return Synced(virtuoso, SEED_GRAPH, result.output)
