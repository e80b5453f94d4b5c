"""A finding: a place where a disclosure contradicts itself or another disclosure.

It names the rule, a severity, every figure involved with its document, lines and raw text,
the arithmetic that fails, and one plain Chinese sentence an investigator can quote.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from loaders.records import Extraction, Record, Source

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True, slots=True)
class Figure:
    """One number a finding cites, and where it is stated."""

    label: str                   # what the figure is, in Chinese: 预算05表 合计, 第137行叙述 …
    amount: Decimal | None
    source: Source
    record_key: str | None = None  # the record it came from, to link the finding to the fact
    record_kind: str | None = None

    @classmethod
    def of(cls, label: str, amount: Decimal | None, record: Record) -> "Figure":
        return cls(label, amount, record.source, record.record_key(), record.kind)  # type: ignore[attr-defined]

    def to_dict(self) -> dict[str, Any]:
        s = self.source
        return {"label": self.label, "amount": None if self.amount is None else format(self.amount, "f"),
                "document": s.document, "lines": [s.line_start, s.line_end], "table": s.table,
                "text": s.text, "record": self.record_key}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str                    # e.g. table.children_sum
    severity: str                # high: money unaccounted for; medium: figures disagree; low: wording/rounding-scale
    document: str                # the document it is about (the first, for cross-document rules)
    department: str | None
    figures: tuple[Figure, ...]
    arithmetic: str              # e.g. 2130504 + 2130506 = 404.46 ≠ 404.50 (差 0.04)
    message: str                 # one plain Chinese sentence
    difference: Decimal | None = None
    documents: tuple[str, ...] = field(default=())  # every document cited (cross-document rules)

    @property
    def id(self) -> str:
        basis = "\x1f".join([self.rule, self.document, *(f"{f.source.document}:{f.source.line_start}:{f.amount}"
                                                         for f in self.figures)])
        return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]

    @property
    def lines(self) -> list[int]:
        return sorted({f.source.line_start for f in self.figures if f.source.document == self.document})

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "severity": self.severity, "document": self.document,
                "documents": list(self.documents or (self.document,)), "department": self.department,
                "lines": self.lines, "figures": [f.to_dict() for f in self.figures],
                "arithmetic": self.arithmetic,
                "difference": None if self.difference is None else format(self.difference, "f"),
                "message": self.message}


def finding_of(ex: Extraction, rule: str, severity: str, figures: list[Figure], arithmetic: str, message: str,
               difference: Decimal | None) -> Finding:
    """A finding about one document (`ex`), its department taken from the document's cover."""
    d = ex.document
    return Finding(rule=rule, severity=severity, document=d.id, department=d.department, figures=tuple(figures),
                   arithmetic=arithmetic, message=message, difference=difference)


def fmt(amount: Decimal | None) -> str:
    """An amount as an investigator reads it: 4407.79, not 4407.7900 or 4.40779E+3."""
    if amount is None:
        return "空"
    q = amount.quantize(Decimal("0.01")) if amount == amount.quantize(Decimal("0.01")) else amount
    return format(q.normalize() if q == q.to_integral() else q, "f")
