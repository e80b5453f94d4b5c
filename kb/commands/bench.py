"""`kb bench`: build a knowledge base from N synthetic documents and time it (kb/bench/)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table


def register(app: typer.Typer) -> None:
    app.command()(bench)


def bench(
    docs: Annotated[int, typer.Option("--docs", min=1, help="Synthetic documents to build from.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object with every figure on stdout.")] = False,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the synthetic corpus.")] = 1,
    runs: Annotated[int, typer.Option("--runs", min=1, help="Timed repetitions per question and engine.")] = 50,
    budget: Annotated[float, typer.Option("--budget", min=0.1, help="Seconds per question and engine at most (at least 3 runs, or 1 when one run takes longer).")] = 3.0,
    rdflib_docs: Annotated[int, typer.Option("--rdflib-docs", min=1, help="Documents in the slice rdflib is compared on.")] = 100,
    results: Annotated[Optional[Path], typer.Option("--results", help="Also write docs-N.json and summary.md into this folder.")] = None,
    work: Annotated[Optional[Path], typer.Option("--work", help="Scratch folder to keep (default: a temporary one, removed).")] = None,
    reuse: Annotated[bool, typer.Option("--reuse", help="Time again the knowledge base an earlier run built in --work (no new build).")] = False,
) -> None:
    """Benchmark: extraction, build, store sizes, peak memory and query latency on every engine."""
    from kb.bench.report import save, table
    from kb.bench.run import Options, run

    err = Console(stderr=True)
    opts = Options(docs=docs, seed=seed, runs=runs, budget=budget, rdflib_docs=rdflib_docs, work=work, reuse=reuse)
    columns = (TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("extract", total=docs)
        result = run(opts, say=lambda text: bar.console.print(text, highlight=False),
                     on_file=lambda done, total: bar.update(task, completed=done, total=total))
    if results is not None:
        err.print(f"wrote {save(result, results)}", highlight=False)
    if as_json:
        json.dump(result, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    rows = table([result])
    out = Table(*rows[0], title=f"kb bench --docs {docs}")
    for row in rows[1:]:
        out.add_row(*row)
    Console().print(out)
