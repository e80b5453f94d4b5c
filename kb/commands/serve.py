"""`kb serve`: the HTTP API over the knowledge base in the data directory."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data_dir: Annotated[Optional[Path], typer.Option("--data-dir", help="Knowledge base directory (KB_DATA_DIR).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Serve the HTTP API (SPARQL, Cypher, named queries, flows, traces, regions, departments, checks)."""
    import os

    import uvicorn

    from kb.knowledge_base import KnowledgeBase, NoKnowledgeBase
    if data_dir is not None:
        os.environ["KB_DATA_DIR"] = str(data_dir)  # so worker processes open the same knowledge base
    try:
        KnowledgeBase.open(data_dir).close()  # fail now, with the reason, rather than on the first request
    except NoKnowledgeBase as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")
