"""Two small synthetic corpora shared by the synth tests (generated once per session): a national
one (the first documents are the offices of counties all over the country) and one of Wuhan
(its 13 districts, so the first documents cover several departments per district)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.synth.corpus import Options, write_corpus

OPTIONS = Options(seed=11, typo_rate=0.2, inconsistency_rate=0.1, noise_rate=0.3)
WUHAN = Options(seed=12, typo_rate=0.2, inconsistency_rate=0.1, noise_rate=0.3, within="420100")
DOCS = 160


def _load(folder: Path) -> list[tuple[dict, list[str]]]:
    out = []
    for path in sorted(folder.glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        text = (folder / truth["document"]["file_name"]).read_text(encoding="utf-8")
        out.append((truth, text.split("\n")))
    return out


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    write_corpus(out, DOCS, OPTIONS)
    return out


@pytest.fixture(scope="session")
def national_truths(corpus) -> list[tuple[dict, list[str]]]:
    """Every document's truth with its text lines (1-based line n is lines[n - 1])."""
    return _load(corpus)


@pytest.fixture(scope="session")
def truths(national_truths, tmp_path_factory) -> list[tuple[dict, list[str]]]:
    """Both corpora: the national one and Wuhan's."""
    out = tmp_path_factory.mktemp("synth-wuhan")
    write_corpus(out, DOCS, WUHAN)
    return national_truths + _load(out)
