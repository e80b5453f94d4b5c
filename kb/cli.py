"""The `kb` command. A thin shell over the core: parsing options, printing tables and JSON."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from loaders.extract import extract_file, iter_paths
from loaders.reader import ReadError

app = typer.Typer(help="budget-kb: Chinese budget disclosures as a knowledge graph.", no_args_is_help=True,
                  add_completion=False)
console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """budget-kb: Chinese budget disclosures as a knowledge graph."""


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Disclosure files or folders of them.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print every record as one JSON object on stdout.")] = False,
) -> None:
    """Read disclosures into typed records with provenance; print a summary or every record as JSON."""
    results = []
    for path in iter_paths(files):
        try:
            results.append(extract_file(path))
        except ReadError as exc:
            console.print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from None
    if as_json:
        payload = {"documents": [
            {"document": r.document.to_dict(), "records": [rec.to_dict() for rec in r.records]} for r in results]}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    out = Console()
    for r in results:
        d = r.document
        counts = Counter(rec.kind for rec in r.records)
        table = Table(title=f"{d.file_name}: {d.department or '?'} {d.fiscal_year or '?'} {d.stage or '?'}")
        table.add_column("record type")
        table.add_column("count", justify="right")
        for kind, n in sorted(counts.items()):
            table.add_row(kind, str(n))
        out.print(table)
        for p in r.problems:
            colour = "red" if p.severity == "error" else "yellow"
            out.print(f"  [{colour}]{p.severity}[/{colour}] {p.file}:{p.line}: {p.reason}")


def main() -> None:  # pragma: no cover - console entry point alias
    app()
