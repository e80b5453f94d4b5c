"""`kb check`: the audit, on given documents or on the whole knowledge base."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from kb.audit import run_checks
from loaders.extract import extract_file, iter_paths
from loaders.reader import ReadError


def register(app: typer.Typer) -> None:
    app.command()(check)


def check(
    files: Annotated[Optional[list[Path]], typer.Argument(help="Documents or folders; none = the whole knowledge base.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object with every finding on stdout.")] = False,
    data_dir: Annotated[Optional[Path], typer.Option("--data-dir", envvar="KB_DATA_DIR", help="Knowledge base directory.")] = None,
    severity: Annotated[Optional[str], typer.Option(help="Only findings of this severity (high, medium, low).")] = None,
    rule: Annotated[Optional[str], typer.Option(help="Only findings of this rule (e.g. table.children_sum).")] = None,
) -> None:
    """Find every place where a disclosure contradicts itself or another disclosure."""
    err = Console(stderr=True)
    if files:
        try:
            extractions = [extract_file(p) for p in iter_paths(files)]
        except ReadError as exc:
            err.print(f"[red]error[/red] {exc}")
            raise typer.Exit(2) from None
        findings = [f.to_dict() for f in run_checks(extractions)]
    else:
        from kb.audit.stored import stored_findings
        findings = stored_findings(data_dir)
    findings = [f for f in findings if (severity is None or f["severity"] == severity) and (rule is None or f["rule"] == rule)]
    if as_json:
        per_doc = Counter(d for f in findings for d in f["documents"])
        json.dump({"count": len(findings), "per_document": dict(sorted(per_doc.items())), "findings": findings},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    out = Console(width=max(Console().width, 160))
    table = Table(title=f"{len(findings)} findings", show_lines=True)
    for col in ("document", "lines", "rule", "severity", "finding"):
        table.add_column(col, overflow="fold")
    for f in findings:
        table.add_row(f["document"], ",".join(map(str, f["lines"])), f["rule"], f["severity"],
                      f"{f['message']}\n[dim]{f['arithmetic']}[/dim]")
    out.print(table)
