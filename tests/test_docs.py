"""The README documents every setting, every API route and every command (as datasette's tests do):
adding one without documenting it fails here."""
from __future__ import annotations

import re
from pathlib import Path

import typer.main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    source = (Path(__file__).resolve().parents[1] / "kb" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r"\b(KB_[A-Z_]+)\b", source))
    assert names, "kb/settings.py reads no KB_ variables?"
    for name in sorted(names):
        assert f"`{name}`" in README, f"setting {name} is not documented in README.md"


def test_every_route_is_documented():
    from api.app import create_app
    from kb.settings import Settings
    app = create_app(Settings.from_env("/nonexistent"))
    paths = {r.path for r in app.routes if getattr(r, "include_in_schema", False)}
    for path in sorted(paths):
        if path.startswith("/queries/"):
            path = "/queries/{name}"  # one row for every named query
        assert path in README, f"route {path} is not documented in README.md"


def test_every_command_is_documented():
    from kb.cli import app
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        subs = getattr(command, "commands", None)
        for full in ([f"{name} {s}" for s in subs] if subs else [name]):
            assert f"`kb {full}" in README, f"command `kb {full}` is not documented in README.md"
