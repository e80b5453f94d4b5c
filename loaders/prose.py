"""Running text that PDF or OCR extraction broke across lines, joined into one string that remembers which
line every character came from, so that a regex match on the joined text still yields its source lines.

Two ways to join, for two kinds of reader:
- `join_prose`: every line run on, without blank lines, page numbers, list markers or stray spaces
  (`相 关机构事务`, `1, 105. 52`): for the figures and name chains of the 情况说明 (loaders.narrative).
- `join_sentences`: spaces kept, a line break kept after a sentence end or a heading, so that a pattern
  can anchor on the start of a sentence (units, staff, 三公, procurement, project restatements).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from loaders.sections import heading_level

# A line holding only a page number (`17`, `- 17 -`): OCR leaves them inside sentences.
PAGE_NUMBER = re.compile(r"^\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$")
# Markdown list markers some converters put at line starts (`- (1)一般公共服务…` in 003).
_LIST_MARK = re.compile(r"^\s*[-•]\s+")
# Whitespace is noise unless it separates two digits (two numbers side by side in a cell row).
_NOISE_SPACE = re.compile(r"(?<!\d)\s+|\s+(?!\d)")


@dataclass(frozen=True, slots=True)
class Prose:
    """Lines joined into one string; `starts[i]` is where line `numbers[i]` begins in `text`."""

    text: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        """The 1-based line the character at `offset` came from (0 for an empty text)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.numbers[max(i, 0)] if self.numbers else 0

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """First and last source line of the text slice [start, end)."""
        return self.line_at(start), self.line_at(max(start, end - 1))


_NEEDS_CLEANING = re.compile(r"[\s\-•]")   # what the two patterns above need: without it a line is clean


def clean_line(line: str) -> str:
    if _NEEDS_CLEANING.search(line) is None:
        return line
    return _NOISE_SPACE.sub("", _LIST_MARK.sub("", line))


def join_prose(lines: tuple[str, ...] | list[str], first: int = 1, last: int | None = None) -> Prose:
    """Lines first..last (1-based, inclusive) as one string, without blank lines, page numbers,
    list markers or stray spaces."""
    last = len(lines) if last is None else last
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    pos = 0
    for n in range(first, last + 1):
        raw = lines[n - 1]
        if not raw.strip() or (PAGE_NUMBER.match(raw) and not _continues(lines, n, last)):
            continue
        cleaned = clean_line(raw)
        if not cleaned:
            continue
        starts.append(pos)
        numbers.append(n)
        parts.append(cleaned)
        pos += len(cleaned)
    return Prose("".join(parts), tuple(starts), tuple(numbers))


# A bare number followed by its unit on the next line is an amount the line break split off, not a page number.
_UNIT_START = re.compile(r"^\s*(?:万元|亿元|元|万|%|％)")


def _continues(lines: tuple[str, ...] | list[str], n: int, last: int) -> bool:
    for k in range(n + 1, min(last, n + 4) + 1):
        if lines[k - 1].strip():
            return bool(_UNIT_START.match(lines[k - 1]))
    return False


SENTENCE_END = ("。", "！", "？", "；", ";")


def join_sentences(lines: tuple[str, ...] | list[str], first: int, last: int) -> Prose:
    """Lines first..last as one text with their spaces; a line that does not end a sentence (or a
    heading) runs on into the next one, the others are followed by a line break. Blank lines, page
    numbers and list markers are skipped."""
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    size = 0
    heading = False
    for n in range(first, last + 1):
        raw = lines[n - 1]
        line = _LIST_MARK.sub("", raw.strip())
        if not line or (PAGE_NUMBER.match(line) and not _continues(lines, n, last)):
            continue
        if parts and (parts[-1].endswith(SENTENCE_END) or heading):
            parts.append("\n")
            size += 1
        starts.append(size)
        numbers.append(n)
        parts.append(line)
        size += len(line)
        heading = heading_level(line) is not None  # a heading never runs on into its body
    return Prose("".join(parts), tuple(starts), tuple(numbers))
