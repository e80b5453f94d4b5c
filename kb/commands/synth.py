"""`kb synth`: write a synthetic national corpus of disclosures, each with its ground truth."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console


def register(app: typer.Typer) -> None:
    app.command()(synth)


def synth(
    out: Annotated[Path, typer.Argument(help="Folder to write <name>.txt and <name>.truth.json into.")],
    docs: Annotated[int, typer.Option("--docs", min=1, help="How many documents to write.")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same bytes.")] = 1,
    typo_rate: Annotated[float, typer.Option("--typo-rate", min=0.0, max=1.0,
                                             help="Share of flow mentions whose place name has a typo.")] = 0.1,
    inconsistency_rate: Annotated[float, typer.Option("--inconsistency-rate", min=0.0, max=1.0,
                                                      help="Share of documents with one injected inconsistency.")] = 0.02,
    noise_rate: Annotated[float, typer.Option("--noise-rate", min=0.0, max=1.0,
                                              help="Share of 决算 documents damaged like OCR output.")] = 0.2,
    within: Annotated[str | None, typer.Option("--within", help="Only the counties of this division code "
                                                              "(province 420000, prefecture 420100, county 420103).")] = None,
) -> None:
    """Generate a synthetic corpus of 部门预算/决算 disclosures with ground truth beside each file."""
    from kb.synth.corpus import Options, capacity, write_corpus

    err = Console(stderr=True)
    options = Options(seed=seed, typo_rate=typo_rate, inconsistency_rate=inconsistency_rate, noise_rate=noise_rate,
                      within=within)
    try:
        most = capacity(options)
    except ValueError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    if docs > most:
        err.print(f"[red]error[/red] --docs {docs}: the gazetteer holds at most {most} documents here")
        raise typer.Exit(2)
    if out.exists() and not out.is_dir():
        err.print(f"[red]error[/red] {out}: exists and is not a folder")
        raise typer.Exit(2)
    started = time.perf_counter()
    summary = write_corpus(out, docs, options)
    took = time.perf_counter() - started
    Console().print(
        f"wrote {summary.documents} documents ({', '.join(f'{k} {v}' for k, v in sorted(summary.by_stage.items()))}), "
        f"{summary.bytes / 1e6:.1f} MB, {summary.flows} flow mentions ({summary.typos} with a typo), "
        f"{summary.inconsistencies} injected inconsistencies, in {took:.1f} s ({summary.documents / took:.0f} docs/s) → {out}")
