"""What every extractor gets: the decoded text, the document record, and helpers that build
provenance and report problems the same way everywhere."""
from __future__ import annotations

from dataclasses import dataclass, field

from typing import Any, Callable, TypeVar

from loaders.reader import Text
from loaders.records import Document, Problem, Record, Source
from loaders.tables import Table, find_tables, read_toc

R = TypeVar("R", bound=Record)
T = TypeVar("T")


@dataclass(slots=True)
class Context:
    text: Text
    document: Document
    problems: list[Problem] = field(default_factory=list)
    # Records of the extractors that ran before this one (e.g. budget lines, so that a narrative
    # sentence naming 农林水支出(类)… can be given its code). Read-only for extractors.
    found: list[Record] = field(default_factory=list)
    # Computed once per document on first use: several extractors look for their tables.
    _tables: list[Table] | None = None
    _contents: dict[str, tuple[int, int]] | None = None
    _memo: dict[tuple[str, int], Any] = field(default_factory=dict)
    _once: dict[Any, Any] = field(default_factory=dict)

    def found_of(self, kind: type[R]) -> list[R]:
        """The records of one kind found so far (a new list; the scan is done once per state of `found`)."""
        return list(self.memo(f"found:{kind.__qualname__}", lambda: [r for r in self.found if isinstance(r, kind)]))

    def memo(self, name: str, compute: Callable[[], T]) -> T:
        """A value derived from the document and the records found so far, computed once while `found`
        does not grow (extractors ask for the same projects or lines once per row)."""
        key = (name, len(self.found))
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def once(self, key: Any, compute: Callable[[], T]) -> T:
        """A value derived from the document's text alone (sections, joined prose …), computed once however
        many extractors ask for it. Shared: never change what it returns."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    @property
    def doc_id(self) -> str:
        return self.document.id  # the file stem, as Text.doc_id, without a pathlib call per record

    @property
    def lines(self) -> tuple[str, ...]:
        return self.text.lines

    @property
    def joined(self) -> str:
        """The lines joined by line breaks, once per document (the flow and receipt readers search it whole)."""
        return self.once("joined", lambda: "\n".join(self.text.lines))

    @property
    def tables(self) -> list[Table]:
        """Every tab table of the document (loaders.tables.find_tables); shared, so never changed by a reader."""
        if self._tables is None:
            self._tables = find_tables(self.text.lines)
        return self._tables

    @property
    def contents(self) -> dict[str, tuple[int, int]]:
        """The table of contents: {normalised title: (number, line)} (loaders.tables.read_toc)."""
        if self._contents is None:
            self._contents = read_toc(self.text.lines)
        return self._contents

    def source(self, first: int, last: int | None = None, table: str | None = None) -> Source:
        """Provenance for lines first..last (1-based, inclusive), with their raw text."""
        last = first if last is None else last
        lines = self.text.lines
        # Text.span, inline (every record has a source): one line as it is, more joined
        text = lines[first - 1] if first == last and 0 < first <= len(lines) else "\n".join(lines[first - 1:last])
        return Source(self.document.id, first, last, table, text)

    def warn(self, line: int, reason: str) -> None:
        """A repair or a doubt: the fact is kept, and the reader is told why."""
        self.problems.append(Problem(self.text.path.name, line, "warning", reason, self.text.line(line) if line else ""))

    def error(self, line: int, reason: str) -> None:
        """Something that could not be read: reported, never dropped silently."""
        self.problems.append(Problem(self.text.path.name, line, "error", reason, self.text.line(line) if line else ""))
