"""Place names inside sentences: which county-level place a funding sentence names, down to the
township and village when it says so, and the obvious typos the documents make.

The gazetteer holds the places Wuhan's pairing programmes involve (the 13 districts, the counties
of 恩施州 and 五峰县 that Wuhan districts are paired with, and the 博尔塔拉州 cities of 援疆). A
name that is not in it but differs by one character from the one gazetteer place that the same
document also names is read as that place, and the resolution says why (宜恩县 → 宣恩县). Names
are never rewritten silently: the text as written stays beside the normalised name.

The document is cut into units for that search (`units`): a row of a 项目支出明细 table, any other
table row, or a paragraph whose lines are joined again (the OCR file 002 breaks sentences across
lines); `sentences` splits a unit at 。！？ and maps every character back to its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

# county-level place → its prefecture (the parent a knowledge base links it to)
COUNTY_PARENT: dict[str, str] = {
    **{d: "武汉市" for d in ("江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区", "东西湖区",
                            "汉南区", "蔡甸区", "江夏区", "黄陂区", "新洲区")},
    **{c: "恩施州" for c in ("恩施市", "利川市", "建始县", "巴东县", "宣恩县", "咸丰县", "来凤县", "鹤峰县")},
    "五峰县": "宜昌市",
    **{c: "博尔塔拉州" for c in ("博乐市", "阿拉山口市", "精河县", "温泉县")},
}
PREFECTURES: dict[str, str] = {"武汉市": "湖北省", "恩施州": "湖北省", "宜昌市": "湖北省", "博尔塔拉州": "新疆"}
# How documents write a parent in front of a county: 恩施州来凤县, 恩施建始县, 新疆博乐市.
_PARENT_WORDS = ("湖北省", "武汉市", "恩施土家族苗族自治州", "恩施州", "恩施", "宜昌市", "新疆维吾尔自治区", "新疆",
                 "博尔塔拉蒙古自治州", "博州")
# Real places elsewhere that a one-character slip produces; named in the resolution so the reader sees why
# the written name cannot be meant (黄浦区 is in Shanghai, not a pairing partner of a Wuhan district).
ELSEWHERE: dict[str, str] = {"黄浦区": "上海市"}

_COUNTY_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:区|县|市)")
_TOWNSHIP_RE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(街道|镇|乡|街)(?![道头])")
_VILLAGE_RE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(村|社区)")
_NOT_VILLAGE = ("脱贫", "贫困", "重点", "的", "个", "帮扶")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str                    # as written, parent and typos included (恩施州宜恩县)
    start: int
    end: int
    county: str                  # normalised county-level name (宣恩县)
    name: str                    # normalised full name below the prefecture (江夏区山坡街道丰收村)
    note: str | None = None      # why a written name was read as another (typo resolution, 街 → 街道)


def counties_in(text: str) -> dict[str, int]:
    """How often each gazetteer county is named in a text (the evidence a typo is judged against)."""
    return {c: text.count(c) for c in COUNTY_PARENT if c in text}


def resolve_county(written: str, evidence: dict[str, int]) -> tuple[str, str | None] | None:
    """A written county-level name → (gazetteer name, reason if corrected), or None if it is no place we know."""
    if written in COUNTY_PARENT:
        return written, None
    candidates = [c for c in COUNTY_PARENT if len(c) == len(written) and c[-1] == written[-1]
                  and Levenshtein.distance(c, written) == 1 and evidence.get(c, 0) > 0]
    if len(candidates) != 1:
        return None
    right = candidates[0]
    where = (f"{written} is a district of {ELSEWHERE[written]}, not a place this programme pairs with"
             if written in ELSEWHERE else f"{written} is not a county-level division")
    return right, (f"typo resolved: {written} → {right}: {where}; it differs by one character from {right} "
                   f"({COUNTY_PARENT[right]}), which the same document names {evidence[right]} times")


def find_places(sentence: str, evidence: dict[str, int]) -> list[PlaceMention]:
    """Every county-level place named in a sentence, with the township and village written after it."""
    out: list[PlaceMention] = []
    pos = 0
    while True:
        m = _COUNTY_RE.search(sentence, pos)
        if m is None:
            return sorted(out + _short_forms(sentence, evidence, out), key=lambda p: p.start)
        hit = _match_county(sentence, m.start(), m.end(), evidence)
        if hit is None:
            pos = m.start() + 1
            continue
        start, end, county, note = hit
        start = _with_parent(sentence, start)
        name, end, below_note = _below(sentence, end, county)
        notes = "; ".join(n for n in (note, below_note) if n) or None
        out.append(PlaceMention(sentence[start:end], start, end, county, name, notes))
        pos = end


def _short_forms(sentence: str, evidence: dict[str, int], found: list[PlaceMention]) -> list[PlaceMention]:
    """建始受灾, 赴来凤调研: a county without its suffix, read only when the document names it in full too."""
    out = []
    for county in evidence:
        stem = county[:-1]
        if len(stem) < 2 or county == "恩施市":  # 恩施 alone means the prefecture 恩施州
            continue
        for m in re.finditer(stem, sentence):
            if any(f.start <= m.start() < f.end for f in found):
                continue
            if sentence[m.end():m.end() + 1] in ("区", "县", "市", "州"):
                continue
            out.append(PlaceMention(m.group(0), m.start(), m.end(), county, county,
                                    f"{stem} read as {county} (short form; the document names {county})"))
    return out


def _match_county(s: str, start: int, end: int, evidence: dict[str, int]):
    # The regex is greedy on 3 characters; 东西湖区 has four, and 对口黄陂区 must not be read as 口黄陂区.
    for a in (start - 1, start, start + 1):
        if a < 0 or a >= end - 2:
            continue
        written = s[a:end]
        res = resolve_county(written, evidence)
        if res:
            return a, end, res[0], res[1]
    return None


def _with_parent(s: str, start: int) -> int:
    for word in _PARENT_WORDS:
        if s[max(0, start - len(word)):start] == word:
            return _with_parent(s, start - len(word))
    return start


def _below(s: str, end: int, county: str) -> tuple[str, int, str | None]:
    """The townships (several: 辛冲街旧街街, 长轩岭街、蔡店街) and the village written after a county."""
    townships: list[str] = []
    notes: list[str] = []
    while True:
        m = _TOWNSHIP_RE.match(s, end + (1 if townships and s[end:end + 1] in "、和及" else 0))
        if not m or "村" in m.group(1):  # 丰收村乡村振兴: a village, then the word 乡村
            break
        township = m.group(1) + m.group(2)
        if m.group(2) == "街":  # Wuhan documents shorten 街道 to 街 (山坡街 = 山坡街道)
            township += "道"
            notes.append(f"{m.group(0)} read as {township} (街 is short for 街道)")
        townships.append(township)
        end = m.end()
    name = county + "、".join(townships)
    if len(townships) == 1:
        v = _VILLAGE_RE.match(s, end)
        if v and not v.group(1).endswith(_NOT_VILLAGE):
            name, end = name + v.group(0), v.end()
    return name, end, "; ".join(notes) or None


# ---- the document as units (breakdown rows, table rows, paragraphs) and sentences, where places are sought ----

_HEADING = re.compile(r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．](?!\d))")


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


def units(lines: tuple[str, ...]) -> list[Unit]:
    out: list[Unit] = []
    project: str | None = None
    in_breakdown = False
    block: Unit | None = None
    for n, line in enumerate(lines, 1):
        flat = line.strip()
        if "自评表" in flat or "申报表" in flat and "\t" not in line:
            project = None
        m = _PROJECT_NAME.match(line)
        if m:
            project = m.group(1)
        if "项目支出明细" in line:
            in_breakdown = True
            block = None
            continue
        if in_breakdown and ("项目资产配置" in line or "项目绩效总目标" in line or (flat and "\t" not in line)):
            in_breakdown = False
        if "\t" in line:
            block = None
            cells = [c.strip() for c in line.split("\t")]
            if in_breakdown:
                out.append(Unit("breakdown", n, n, "\t".join(c for c in cells if c), [(0, n)], project))
            else:
                out.append(Unit("text", n, n, "。".join(c for c in cells if c), [(0, n)], project,
                                next((c for c in cells if c), None)))
            continue
        if not flat:
            continue
        if block is None or _HEADING.match(line) or block.last < n - 3 or block.project != project:
            block = Unit("text", n, n, "", [], project)
            out.append(block)
        block.offsets.append((len(block.text), n))
        block.text += flat
        block.last = n
    return out


def sentences(unit: Unit) -> list[Sentence]:
    out, start = [], 0
    for m in _SENTENCE.finditer(unit.text):
        out.append(Sentence(m.group(0), unit, m.start()))
    return out
