"""Time `kb sync` to the scale-out servers: the seeds' knowledge base (or a given one) written over
Bolt to ArcadeDB (replace, then merge) and pushed to Virtuoso (Graph Store Protocol, SPARQL Update).

    .venv/bin/python bench/sync.py [--data-dir DIR] [--repeat 3]

Starts private servers with tests/servers.py (as the tests do; `scripts/services.sh install` first)
and stops them after. Without --data-dir the seeds are built into a temp dir first. Prints server
start-up times, then the median and min seconds of each sync and its throughput.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import pyoxigraph as ox  # noqa: E402
from neo4j import GraphDatabase  # noqa: E402

from kb.knowledge_base import KnowledgeBase  # noqa: E402
from kb.stores import oxigraph_store  # noqa: E402
from kb.sync.neo4j_sync import Neo4jSync  # noqa: E402
from kb.sync.sparql_sync import SparqlSync  # noqa: E402
from tests.servers import start_arcadedb, start_virtuoso  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def line(what: str, times: list[float], items: int, unit: str) -> None:
    med = statistics.median(times)
    print(f"{what:<34} median {med:6.2f} s  min {min(times):6.2f} s  {items / med:9.0f} {unit}/s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data_dir = args.data_dir
    if data_dir is None:
        from kb.build import build
        data_dir = Path(tempfile.mkdtemp(prefix="bench-sync-")) / "data"
        build([ROOT.parent / "shared" / "seeds"], data_dir)
    base = KnowledgeBase.open(data_dir)
    graph = base.graph
    lines = oxigraph_store.open_read_only(base.path / "rdf").dump(
        format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8").splitlines()
    items = len(graph.nodes) + len(graph.edges)
    print(f"knowledge base {base.path.name}: {len(graph.nodes)} nodes, {len(graph.edges)} edges, {len(lines)} triples")

    started = time.perf_counter()
    bolt = start_arcadedb()
    print(f"ArcadeDB (Bolt) up in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    sparql = start_virtuoso()
    print(f"Virtuoso up in {time.perf_counter() - started:.1f} s")
    try:
        with GraphDatabase.driver(bolt.uri, auth=(bolt.user, bolt.password)) as driver:
            first = timed(lambda: Neo4jSync(driver, bolt.database).run(graph, replace=True), 1)
            line("bolt, first sync (cold JVM)", first, items, "nodes+edges")
            line("bolt, replace", timed(lambda: Neo4jSync(driver, bolt.database).run(graph, replace=True),
                                        args.repeat), items, "nodes+edges")
            line("bolt, merge", timed(lambda: Neo4jSync(driver, bolt.database).run(graph, replace=False),
                                      args.repeat), items, "nodes+edges")
        auth = httpx.DigestAuth(sparql.user, sparql.password)
        for method, endpoint in (("gsp", sparql.gsp_endpoint), ("update", sparql.update_endpoint)):
            def push() -> None:
                with SparqlSync(endpoint, "https://w3id.org/budget-kb/graph/bench", method, auth) as sync:
                    sync.push_lines(lines)
            line(f"sparql, {method} (replace)", timed(push, args.repeat), len(lines), "triples")
    finally:
        bolt.stop()
        sparql.stop()


if __name__ == "__main__":
    main()
