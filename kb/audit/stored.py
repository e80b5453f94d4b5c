"""Findings stored in a built knowledge base (written by `kb build`), for `kb check` without files."""
from __future__ import annotations

import json
from pathlib import Path

FINDINGS_FILE = "findings.json"


def stored_findings(data_dir: Path | None) -> list[dict]:
    from kb.settings import Settings  # the one place settings are read from the environment
    root = Settings.from_env(data_dir).data_dir
    path = root / "current" / FINDINGS_FILE
    if not path.is_file():
        path = root / FINDINGS_FILE
    if not path.is_file():
        raise SystemExit(f"{root}: no knowledge base with findings here; run `kb build PATH...` first "
                         f"or give documents to check")
    return json.loads(path.read_text(encoding="utf-8"))["findings"]
