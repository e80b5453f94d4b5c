"""One disclosure file → an `Extraction` (its Document and every record, in reading order).

Extractors are small functions `(Context) -> Iterable[Record]`, each reading one kind of
fact; they are listed in `EXTRACTORS` and run in that order. An extractor that raises does not
take the others down: its failure becomes an error Problem naming the file and the reason.
"""
from __future__ import annotations

import traceback
from pathlib import Path
from typing import Callable, Iterable

from loaders.context import Context
from loaders.document import read_document
from loaders.reader import read
from loaders.records import Extraction, Problem, Record

Extractor = Callable[[Context], Iterable[Record]]
EXTRACTORS: list[tuple[str, Extractor]] = []


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Register an extractor under a name (used in problem reports)."""
    def register(fn: Extractor) -> Extractor:
        EXTRACTORS.append((name, fn))
        return fn
    return register


def _load_extractors() -> None:
    # Importing the modules registers their extractors; kept here so the order is explicit.
    import loaders.extractors  # noqa: F401


def extract_file(path: Path | str) -> Extraction:
    if not EXTRACTORS:
        _load_extractors()
    text = read(path)
    ctx = Context(text=text, document=read_document(text))
    out = Extraction(document=ctx.document, lines=text.lines)
    for name, fn in EXTRACTORS:
        try:
            produced = list(fn(ctx))
            out.records.extend(produced)
            ctx.found.extend(produced)
        except Exception as exc:  # one broken extractor must not lose the rest of the file
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            ctx.problems.append(Problem(text.path.name, 0, "error",
                                        f"extractor {name} failed: {exc!r} at {tb.filename}:{tb.lineno}", ""))
    out.records.extend(ctx.problems)
    return out


def iter_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files and folders → the disclosure files, sorted; README files are not disclosures."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in (".txt", ".text")
                              and q.name.lower() != "readme.txt"))
        else:
            out.append(p)
    return out
