"""`kb extract`: documents → records, as a summary or as JSON."""
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


def register(app: typer.Typer) -> None:
    app.command()(extract)


def extract(
    files: Annotated[list[Path], typer.Argument(help="Disclosure files or folders of them.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print every record as one JSON object on stdout.")] = False,
) -> None:
    """Read disclosures into typed records with provenance; print a summary or every record as JSON."""
    err = Console(stderr=True)
    results = []
    for path in iter_paths(files):
        try:
            results.append(extract_file(path))
        except ReadError as exc:
            err.print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from None
    if as_json:
        payload = {"documents": [
            {"document": r.document.to_dict(), "records": [rec.to_dict() for rec in r.records]} for r in results]}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    out = Console(width=max(Console().width, 140))
    counts = [Counter(rec.kind for rec in r.records) for r in results]
    kinds = sorted({k for c in counts for k in c})
    table = Table(title="Records per document")
    for col in ("document", "department", "year", "stage", *kinds):
        table.add_column(col, justify="right" if col in kinds else "left")
    for r, c in zip(results, counts):
        d = r.document
        table.add_row(d.id, d.department or "?", str(d.fiscal_year or "?"), d.stage or "?",
                      *(str(c.get(k, 0)) for k in kinds))
    out.print(table)
    for r in results:
        for p in r.problems:
            colour = "red" if p.severity == "error" else "yellow"
            out.print(f"[{colour}]{p.severity}[/{colour}] {p.file}:{p.line}: {p.reason}")
