"""The audit: find every place where a disclosure contradicts itself or another disclosure.

Rules are functions over loader records. Document rules see one `Extraction`; corpus rules see
all of them (budget against final, payer against recipient). `run_checks` runs them all and
returns the findings sorted by document and line.
"""
from __future__ import annotations

from typing import Callable, Iterable

from kb.audit.finding import Finding
from loaders.records import Extraction

DocRule = Callable[[Extraction], Iterable[Finding]]
CorpusRule = Callable[[list[Extraction]], Iterable[Finding]]
DOC_RULES: list[tuple[str, DocRule]] = []
CORPUS_RULES: list[tuple[str, CorpusRule]] = []


def doc_rule(name: str) -> Callable[[DocRule], DocRule]:
    def register(fn: DocRule) -> DocRule:
        DOC_RULES.append((name, fn))
        return fn
    return register


def corpus_rule(name: str) -> Callable[[CorpusRule], CorpusRule]:
    def register(fn: CorpusRule) -> CorpusRule:
        CORPUS_RULES.append((name, fn))
        return fn
    return register


def run_checks(extractions: list[Extraction]) -> list[Finding]:
    from kb.audit import rules_cross, rules_documents, rules_projects, rules_tables  # noqa: F401 (registers)
    findings: dict[str, Finding] = {}
    for ex in extractions:
        for _, rule in DOC_RULES:
            for f in rule(ex):
                findings.setdefault(f.id, f)
    for _, rule in CORPUS_RULES:
        for f in rule(extractions):
            findings.setdefault(f.id, f)
    return sorted(findings.values(), key=lambda f: (f.document, f.lines[:1] or [0], f.rule))
