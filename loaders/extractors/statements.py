"""Figures the narrative states in words (Statement records), for the audit to check.

A paragraph of prose (no tab cells) is joined across the line breaks that PDF extraction left in
it, then cut into clauses at Chinese punctuation. A clause with `X 万元` states a level
(`支出合计 3150.39 万元`) or, after 增加/减少, a change (`支出合计增加 490.44 万元`); a clause with
only a percentage adds it to the claim just before (`增长 18.4%`, `占本年支出 68.3%`).
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator

from loaders.amounts import NUMBER, clean_number as _clean, to_wan
from loaders.context import Context
from loaders.extract import extractor
from loaders.records import Statement
from loaders.text_search import spaceless

_SENTENCE_END = ("。", "；", "！", "？", ":", "：")
_PAGE_NUMBER = re.compile(r"^\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_HEADING_START = frozenset("一二三四五六七八九十（(")
# An ASCII comma followed by a digit is a thousands separator (`1,159.01`, OCR `1, 105. 52`), not a clause break.
_CLAUSE_SPLIT = re.compile(r"[，。；;：:]|,(?!\s*\d)")
_AMOUNT = re.compile(rf"({NUMBER})\s*(亿元|万元|元)")
_PCT = re.compile(rf"({NUMBER})\s*[%％]")
_CHANGE_WORD = re.compile(r"(增加|减少|下降|增长|上升|降低|减)\s*$")
_CHANGE_ENDS = frozenset("加少降长升低减")   # the last characters of its words
_BASE_YEAR = re.compile(r"(?:与|比|较)\s*(20\d{2}\s*年\s*(?:度)?|上\s*年\s*(?:度)?|年初|全年)\s*(?:的)?\s*(?:年初)?(?:决算数|预算数|决算|预算)?(?:数)?(?:相比)?")
# Subjects that only restate the comparison base: the claim is about the subject before it.
_BASE_ONLY = {"", "预算", "决算", "预算数", "决算数", "上年", "同期"}
_SUBJECT_NOISE = re.compile(r"^(?:20\d{2}\s*年(?:度)?|其中|主要|包括|分别为|合计为|共计?|本单位|我单位|\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)])+")
_SUBJECT_TAIL = re.compile(r"(?:为|是|共|达|约|均|各|合计为)+$")
_TAIL_ENDS = "为是共达约均各"      # the last characters of _SUBJECT_TAIL's words (subjects hold no newline)
_NEGATIVE = ("减少", "下降", "降低", "减")
# Within one sentence, `年初预算金额 1159.01 万元，其中基本支出 1049.01 万元，项目支出 110 万元` speaks of the
# budget throughout: the parts inherit the frame until a subject names the actual (执行/决算) again.
_BUDGET_FRAME = re.compile(r"年初预算|全年预算|调整后预算|调整预算")
_ACTUAL_FRAME = re.compile(r"执行|决算|实际")


def _paragraphs(ctx: Context) -> list[tuple[str, list[tuple[int, int]], str | None]]:
    """Prose paragraphs: (joined text, [(offset, line number)], the heading above it)."""
    out: list[tuple[str, list[tuple[int, int]], str | None]] = []
    buf: list[str] = []
    offsets: list[tuple[int, int]] = []
    heading: str | None = None
    length = 0
    for n, raw in enumerate(ctx.lines, 1):
        if "\t" in raw:
            # A table row ends a paragraph (a blank line or a page number inside a sentence does not).
            if buf:
                out.append(("".join(buf), offsets, heading))
                buf, offsets, length = [], [], 0
            continue
        line = raw.strip()
        # the patterns only on lines that start as they must (a digit or dash; a numeral or bracket)
        if not line or ((line[0].isdigit() or line[0] in "-—－") and _PAGE_NUMBER.match(line)):
            continue
        if len(line) < 40 and line[0] in _HEADING_START and _HEADING.match(line) and "万元" not in line:
            if buf:
                out.append(("".join(buf), offsets, heading))
                buf, offsets, length = [], [], 0
            heading = line
            continue
        offsets.append((length, n))
        buf.append(line)
        length += len(line)
        if line.endswith(_SENTENCE_END[:2]) and len(line) > 30:
            # A full-width line ending a sentence usually ends the paragraph; short ones may be headings.
            out.append(("".join(buf), offsets, heading))
            buf, offsets, length = [], [], 0
    if buf:
        out.append(("".join(buf), offsets, heading))
    return out


def _line_at(offsets: list[tuple[int, int]], starts: list[int], pos: int) -> int:
    """The line of the last offset at or before `pos` (the first line if none): a binary search, since an OCR
    paragraph can run over hundreds of lines. `starts`: the offsets' character positions."""
    i = bisect.bisect_right(starts, pos) - 1
    return offsets[max(i, 0)][1]


_WHITESPACE = re.compile(r"\s+")
_COMPARED = re.compile(r"^(?:相比|相较)")


def _subject(text: str) -> str:
    s = text if spaceless(text) else _WHITESPACE.sub("", text)
    if "与" in s or "比" in s or "较" in s:   # what _BASE_YEAR needs (most subjects hold none)
        s = _BASE_YEAR.sub("", s)
    if s.startswith(("相比", "相较")):
        s = _COMPARED.sub("", s)
    s = _SUBJECT_NOISE.sub("", s)
    if s[-1:] and s[-1] in _TAIL_ENDS:      # the tail pattern is tried at every position: only where it can end
        s = _SUBJECT_TAIL.sub("", s)
    return s.lstrip("、，,")


@extractor("statements")
def statements(ctx: Context) -> Iterator[Statement]:
    for text, offsets, heading in _paragraphs(ctx):
        if "万元" not in text and "%" not in text and "％" not in text:
            continue
        base_year: int | None = None
        base: str | None = None
        last: dict | None = None        # the claim a following percentage belongs to
        pos = 0
        pending: list[dict] = []
        frame: str | None = None
        for clause in _CLAUSE_SPLIT.split(text):
            start = text.find(clause, pos)
            pos = start + len(clause)
            if start > 0 and text[start - 1] in "。；;":
                frame = None
            # the regexes only where their key characters are (most clauses have no 与/比/较, many no 元)
            m_year = _BASE_YEAR.search(clause) if "与" in clause or "比" in clause or "较" in clause else None
            if m_year:
                base = re.sub(r"\s+|^(?:与|比|较)|相比$", "", m_year.group(0))
                digits = re.match(r"20\d{2}", base)
                if digits:
                    base_year = int(digits.group(0))
                elif base.startswith("上年") and ctx.document.fiscal_year:
                    base_year = ctx.document.fiscal_year - 1
                else:
                    base_year = None
            amounts = list(_AMOUNT.finditer(clause)) if "元" in clause else None
            if amounts:
                prev_end = 0
                for m in amounts:
                    before = clause[prev_end:m.start()]
                    prev_end = m.end()
                    value = to_wan(_clean(m.group(1)), m.group(2))
                    # the pattern is tried at every position: only where a change word can end the text
                    change_word = _CHANGE_WORD.search(before) if before.rstrip()[-1:] in _CHANGE_ENDS else None
                    if change_word:
                        subj = _subject(before[:change_word.start()])
                        if subj in _BASE_ONLY:
                            subj = last["subject"] if last else ""
                        sign = -1 if change_word.group(1) in _NEGATIVE else 1
                        claim = dict(subject=subj, amount=None, change=sign * value, change_pct=None,
                                     share_pct=None, share_of=None, base_year=base_year, base=base, pos=start + m.start())
                    else:
                        subj = _subject(before)
                        if not subj:
                            continue
                        budget_frame = _BUDGET_FRAME.search(subj)
                        if budget_frame:
                            frame = budget_frame.group(0)
                        elif _ACTUAL_FRAME.search(subj):
                            frame = None
                        elif frame:
                            subj = frame + "·" + subj
                        claim = dict(subject=subj, amount=value, change=None, change_pct=None,
                                     share_pct=None, share_of=None, base_year=None, base=None, pos=start + m.start())
                    pending.append(claim)
                    last = claim
                # a percentage in the same clause after the amount (…增加 6.8%)
                tail = clause[prev_end:]
                _attach_pct(last, tail)
                continue
            if last is not None:
                _attach_pct(last, clause)
        starts = [offset for offset, _ in offsets]   # searched for every claim's first and last line
        for c in pending:
            line = _line_at(offsets, starts, c["pos"])
            last_line = _line_at(offsets, starts, c["pos"] + 12)
            yield Statement(subject=c["subject"], amount=c["amount"], change=c["change"],
                            change_pct=c["change_pct"], share_pct=c["share_pct"], share_of=c["share_of"],
                            base_year=c["base_year"], base=c["base"], section=heading, line=line, column=c["pos"],
                            source=ctx.source(line, last_line, table=heading))


def _attach_pct(claim: dict | None, clause: str) -> None:
    if claim is None or ("%" not in clause and "％" not in clause):
        return
    m = _PCT.search(clause)
    if not m:
        return
    value = _clean(m.group(1))
    before = clause[:m.start()]
    if "占" in before:
        if claim["share_pct"] is None:
            claim["share_pct"] = value
            claim["share_of"] = re.sub(r"\s+", "", before.split("占", 1)[1]).rstrip("的") or None
    elif re.search(r"增长|增加|上升|下降|减少|降低", before) and claim["change"] is not None and claim["change_pct"] is None:
        claim["change_pct"] = -value if re.search(r"下降|减少|降低", before) else value
