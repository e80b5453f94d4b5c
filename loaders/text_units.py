"""The document as units for the search for flows: a row of a 项目支出明细 table, any other table row, or a
paragraph whose lines are joined again (the OCR file 002 breaks sentences across lines); `sentences` splits a
unit at 。！？ and maps every character back to its line."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection

_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．](?!\d))")
_HEADING_FIRST = frozenset("第一二三四五六七八九十（")   # or a space or a digit: where _HEADING can start


@dataclass(slots=True)
class Unit:
    kind: str                    # breakdown (a 项目支出明细 row) or text (a table row or a paragraph)
    first: int
    last: int
    text: str
    offsets: list[tuple[int, int]]  # (character offset in text, line number) where each line starts
    project: str | None = None
    label: str | None = None     # first cell of a table row (上年绩效评价结果…)

    def line_at(self, pos: int) -> int:
        line = self.first
        for off, n in self.offsets:
            if off > pos:
                break
            line = n
        return line


@dataclass(slots=True)
class Sentence:
    text: str
    unit: Unit
    start: int

    @property
    def first(self) -> int:
        return self.unit.line_at(self.start)

    @property
    def last(self) -> int:
        return self.unit.line_at(self.start + max(len(self.text) - 1, 0))

    def line_at(self, pos: int) -> int:
        return self.unit.line_at(self.start + pos)


_PROJECT_NAME = re.compile(r"\s*项目名称[\s\t]+(\S+)")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")


def units(lines: tuple[str, ...], rows: Collection[int] | None = None) -> list[Unit]:
    """The units of the lines, in order. With `rows` (line numbers), a table row outside a breakdown becomes a
    unit only if it is one of them: a caller that reads only some rows (those holding a word) is spared a unit
    for every other row."""
    out: list[Unit] = []
    project: str | None = None
    in_breakdown = False
    block: Unit | None = None
    for n, line in enumerate(lines, 1):
        if not line:
            continue             # changes nothing (receipts blank the lines far from a receipt word)
        tab = "\t" in line
        # the words are looked for in the line itself: stripping its ends changes no word in it
        if "表" in line and ("自评表" in line or "申报表" in line and not tab):
            project = None
        m = _PROJECT_NAME.match(line) if "项目名称" in line else None
        if m:
            project = m.group(1)
        if "项目支出明细" in line:
            in_breakdown = True
            block = None
            continue
        if tab:
            if in_breakdown and ("项目资产配置" in line or "项目绩效总目标" in line):
                in_breakdown = False
            block = None
            if rows is not None and not in_breakdown and n not in rows:
                continue
            parts = line.split("\t")
            # cells without inner spaces (most rows) need no strip each
            filled = list(filter(None, map(str.strip, parts) if _NON_TAB_SPACE.search(line) else parts))
            if in_breakdown:
                out.append(Unit("breakdown", n, n, "\t".join(filled), [(0, n)], project))
            else:
                out.append(Unit("text", n, n, "。".join(filled), [(0, n)], project, filled[0] if filled else None))
            continue
        flat = line.strip()
        if in_breakdown and ("项目资产配置" in line or "项目绩效总目标" in line or flat):
            in_breakdown = False
        if not flat:
            continue
        if block is None or (line[0] in _HEADING_FIRST or line[0].isspace() or line[0].isdecimal()) \
                and _HEADING.match(line) or block.last < n - 3 or block.project != project:
            block = Unit("text", n, n, "", [], project)
            out.append(block)
        block.offsets.append((len(block.text), n))
        block.text += flat
        block.last = n
    return out


_NON_TAB_SPACE = re.compile(r"[^\S\t]")


def sentences(unit: Unit) -> list[Sentence]:
    out, start = [], 0
    for m in _SENTENCE.finditer(unit.text):
        out.append(Sentence(m.group(0), unit, m.start()))
    return out
