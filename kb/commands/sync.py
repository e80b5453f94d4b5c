"""`kb sync neo4j` and `kb sync sparql`: copy the built knowledge base to a shared server.

    kb sync neo4j --uri bolt://host:7687 [--user neo4j --password …] [--database kb] [--merge]
    kb sync sparql --endpoint http://host:8890/sparql-graph-crud-auth [--graph IRI] [--method gsp|update]

The knowledge base is the one `kb build` left in the data directory (--data-dir / KB_DATA_DIR):
its canonical graph goes over Bolt, its RDF store's triples to the SPARQL server's named graph.
Passwords may come from the environment (KB_BOLT_PASSWORD, KB_SPARQL_PASSWORD) so they stay out
of shell history.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.logging import RichHandler

err = Console(stderr=True, soft_wrap=True)  # no hard wraps: the lines are read by scripts too


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Copy the knowledge base to a Neo4j-compatible (Bolt) or SPARQL 1.1 server.",
                        no_args_is_help=True)
    group.command("neo4j")(neo4j)
    group.command("sparql")(sparql)
    app.add_typer(group, name="sync")


DataDir = Annotated[Optional[Path], typer.Option("--data-dir", envvar="KB_DATA_DIR", help="Knowledge base directory.")]


def _log_to_stderr() -> None:
    # The sync modules say on the log what they degrade (a missing index) and what they did.
    logging.basicConfig(level=logging.INFO, format="%(message)s", handlers=[RichHandler(console=err, show_path=False)])


def _open(data_dir: Path | None):
    from kb.knowledge_base import KnowledgeBase, NoKnowledgeBase
    try:
        return KnowledgeBase.open(data_dir)
    except NoKnowledgeBase as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None


def neo4j(
    uri: Annotated[str, typer.Option(help="Server address: bolt://host:7687 or neo4j://host:7687.")],
    user: Annotated[Optional[str], typer.Option(envvar="KB_BOLT_USER", help="User name (none: no auth).")] = None,
    password: Annotated[Optional[str], typer.Option(envvar="KB_BOLT_PASSWORD", help="Password.")] = None,
    database: Annotated[Optional[str], typer.Option(help="Database name (default: the server's default).")] = None,
    merge: Annotated[bool, typer.Option("--merge", help="Keep what the database holds and merge into it "
                                        "(default: empty it first, so it holds exactly this knowledge base).")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per UNWIND batch.")] = 1000,
    data_dir: DataDir = None,
) -> None:
    """Write the canonical graph to a Neo4j-compatible server over Bolt (Neo4j 5 Cypher; tested on ArcadeDB)."""
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    from kb.sync.neo4j_sync import SyncError, sync_graph
    _log_to_stderr()
    graph = _open(data_dir).graph
    try:
        report = sync_graph(graph, uri, user, password, database, batch_size, replace=not merge)
    except (AuthError, ServiceUnavailable, Neo4jError, SyncError, ValueError) as exc:
        err.print(f"[red]error[/red] sync to {uri} failed: {exc}")
        raise typer.Exit(1) from None
    indexed = sum(1 for v in report.id_index.values() if v != "none")
    err.print(f"[green]synced[/green] {report.nodes} nodes and {report.edges} edges to {report.server} "
              f"({uri}{'/' + database if database else ''}) in {report.batches} batches, {report.seconds:.1f} s; "
              f"{report.deleted} old nodes removed; id indexed on {indexed}/{len(report.id_index)} labels")
    for note in report.notes:
        err.print(f"[yellow]note[/yellow] {note}")


def sparql(
    endpoint: Annotated[str, typer.Option(help="Graph Store endpoint (gsp) or SPARQL Update endpoint (update).")],
    graph_iri: Annotated[str, typer.Option("--graph", help="Named graph to replace.")] = "https://w3id.org/budget-kb/graph/kb",
    method: Annotated[str, typer.Option(help="gsp (Graph Store Protocol PUT/POST) or update (INSERT DATA).")] = "gsp",
    user: Annotated[Optional[str], typer.Option(envvar="KB_SPARQL_USER", help="User name (none: no auth).")] = None,
    password: Annotated[Optional[str], typer.Option(envvar="KB_SPARQL_PASSWORD", help="Password.")] = None,
    auth: Annotated[str, typer.Option(help="HTTP auth scheme: digest (Virtuoso) or basic.")] = "digest",
    query_endpoint: Annotated[Optional[str], typer.Option(help="SPARQL query endpoint, to count what the server holds afterwards.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Replace a named graph on a SPARQL 1.1 server by the knowledge base's RDF."""
    import httpx
    import pyoxigraph as ox

    from kb.stores import oxigraph_store
    from kb.sync.sparql_sync import METHODS, SparqlSync, SparqlSyncError
    _log_to_stderr()
    if method not in METHODS or auth not in ("digest", "basic"):
        err.print(f"[red]error[/red] --method is one of {', '.join(METHODS)}; --auth is digest or basic")
        raise typer.Exit(2)
    base = _open(data_dir)
    # The triples of the build itself (what `kb build` stored), not a fresh projection.
    store = oxigraph_store.open_read_only(base.path / "rdf")
    lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8").splitlines()
    credentials = None
    if user:
        credentials = (httpx.DigestAuth if auth == "digest" else httpx.BasicAuth)(user, password or "")
    try:
        with SparqlSync(endpoint, graph_iri, method, credentials, query_endpoint) as sync:
            report = sync.push_lines([line for line in lines if line.strip()])
    except (SparqlSyncError, httpx.HTTPError, ValueError) as exc:
        err.print(f"[red]error[/red] sync to {endpoint} failed: {exc}")
        raise typer.Exit(1) from None
    stored = f"; the server holds {report.stored}" if report.stored is not None else ""
    err.print(f"[green]synced[/green] {report.triples} triples into <{report.graph}> at {endpoint} by {method} "
              f"in {report.requests} requests, {report.seconds:.1f} s{stored}")
    for note in report.notes:
        err.print(f"[yellow]note[/yellow] {note}")
