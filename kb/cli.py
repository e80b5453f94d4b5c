"""The `kb` command: a thin shell over the core. Each group of commands lives in its own module
under `kb/commands/` and registers itself on the one Typer app."""
from __future__ import annotations

import importlib

import typer

app = typer.Typer(help="budget-kb: Chinese budget disclosures as a knowledge graph.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_show_locals=False)


@app.callback()
def _root() -> None:
    """budget-kb: Chinese budget disclosures as a knowledge graph."""


# Order is the order of `kb --help`.
COMMAND_MODULES = ("extract", "store", "sync", "serve", "check", "synth", "bench")
for _name in COMMAND_MODULES:
    importlib.import_module(f"kb.commands.{_name}").register(app)
