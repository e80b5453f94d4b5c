"""Findings stored in a built knowledge base (written by `kb build`), for `kb check` without files
and for GET /checks."""
from __future__ import annotations

import json
from pathlib import Path

FINDINGS_FILE = "findings.json"


def write_findings(build_dir: Path, findings: list) -> None:
    payload = {"count": len(findings), "findings": [f.to_dict() for f in findings]}
    (build_dir / FINDINGS_FILE).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


def build_findings(build_dir: Path) -> list[dict]:
    path = Path(build_dir) / FINDINGS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{build_dir}: this build has no findings; rebuild with `kb build`")
    return json.loads(path.read_text(encoding="utf-8"))["findings"]


def stored_findings(data_dir: Path | None) -> list[dict]:
    from kb.knowledge_base import KnowledgeBase
    kb = KnowledgeBase.open(data_dir)
    try:
        return build_findings(kb.path)
    finally:
        kb.close()
