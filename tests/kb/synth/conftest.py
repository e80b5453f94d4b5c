"""One small synthetic corpus shared by the synth tests (generated once per session)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.synth.corpus import Options, write_corpus

OPTIONS = Options(seed=11, typo_rate=0.2, inconsistency_rate=0.1, noise_rate=0.3)
DOCS = 160


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    write_corpus(out, DOCS, OPTIONS)
    return out


@pytest.fixture(scope="session")
def truths(corpus) -> list[tuple[dict, list[str]]]:
    """Every document's truth with its text lines (1-based line n is lines[n - 1])."""
    out = []
    for path in sorted(corpus.glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        text = (corpus / truth["document"]["file_name"]).read_text(encoding="utf-8")
        out.append((truth, text.split("\n")))
    return out
