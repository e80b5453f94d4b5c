"""The audit: find every place where a disclosure contradicts itself or another disclosure.

Rules are functions over loader records. Document rules see one `Extraction`; corpus rules see
all of them (budget against final, payer against recipient). `run_checks` runs them all and
returns the findings sorted by document and line.
"""
from __future__ import annotations

import itertools
from typing import Callable, Iterable

from kb.audit.finding import Finding
from loaders.records import Document, Extraction, Record

DocRule = Callable[[Extraction], Iterable[Finding]]
CorpusRule = Callable[[list[Extraction]], Iterable[Finding]]
DOC_RULES: list[tuple[str, DocRule]] = []
CORPUS_RULES: list[tuple[str, CorpusRule]] = []
CORPUS_READS: list[Callable[[Document, Record], bool]] = []


def doc_rule(name: str) -> Callable[[DocRule], DocRule]:
    def register(fn: DocRule) -> DocRule:
        DOC_RULES.append((name, fn))
        return fn
    return register


def corpus_rule(name: str, reads: Callable[[Document, Record], bool]) -> Callable[[CorpusRule], CorpusRule]:
    """A rule over every document; `reads` says which records of a document it needs (a build
    keeps only those of each document until the end: `corpus_view`)."""
    def register(fn: CorpusRule) -> CorpusRule:
        CORPUS_RULES.append((name, fn))
        CORPUS_READS.append(reads)
        return fn
    return register


def _register() -> None:
    from kb.audit import rules_cross, rules_documents, rules_projects, rules_tables  # noqa: F401 (registers)


def document_findings(ex: Extraction) -> list[Finding]:
    """The findings of the document rules about one document (a build runs these in its workers)."""
    _register()
    return _once(f for _, rule in DOC_RULES for f in rule(ex))


def corpus_view(ex: Extraction) -> Extraction:
    """The document with only the records some corpus rule reads (see `corpus_rule`)."""
    _register()
    return Extraction(ex.document, [r for r in ex.records if any(reads(ex.document, r) for reads in CORPUS_READS)])


def corpus_findings(extractions: list[Extraction]) -> list[Finding]:
    """The findings of the corpus rules (`extractions` may be corpus views)."""
    _register()
    return _once(f for _, rule in CORPUS_RULES for f in rule(extractions))


def _once(found: Iterable[Finding]) -> list[Finding]:
    """Each finding once, as first found (two rules, or two documents, may state the same one)."""
    out: dict[str, Finding] = {}
    for f in found:
        out.setdefault(f.id, f)
    return list(out.values())


def sort_key(f: dict) -> tuple:
    return f["document"], f["lines"][:1] or [0], f["rule"]


def run_checks(extractions: list[Extraction]) -> list[Finding]:
    found = _once(itertools.chain(*map(document_findings, extractions), corpus_findings(extractions)))
    return sorted(found, key=lambda f: (f.document, f.lines[:1] or [0], f.rule))
