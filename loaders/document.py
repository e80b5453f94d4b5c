"""The document record: who published it, for which year, which stage, and when.

The cover is the first place to look; OCR'd files (002) lost theirs, so the first lines that
state 'X 年度部门决算' or 'X 年预算' in the body stand in for it. The department is what remains of
a cover or heading line once the words around a name are taken away (the year, 部门决算, 公开,
第一部分, 概况 …), so any kind of department is read (局, 办公室, 人民法院, 档案馆, 总工会 …). Its
district and city come from the national list of divisions (GB/T 2260), longest name first, so
county-level cities (孟州市), banners (旗) and autonomous counties keep their whole names.
"""
from __future__ import annotations

import re
from datetime import date

from loaders.places_text import COUNTIES, PREFECTURES
from loaders.reader import Text
from loaders.records import Document, Source

_YEAR_STAGE_RE = re.compile(r"(20\d{2})\s*年(?:度)?\s*(?:[\u4e00-\u9fff]*?)?\s*(?:部门)?\s*(预算|决算)")
_DATE_RE = re.compile(r"^\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
# Words around a department's name on a cover or a part heading, never part of the name itself.
_COVER_WORDS = re.compile(r"附件\s*\d*[:：]?|第[一二三四五六七八九十]+部分|20\d{2}\s*年度?|部门(?:预算|决算)|"
                          r"预算|决算|公开|概况|基本情况|情况说明|[-·•\s:：]")
_GOVERNMENT = re.compile(r"(?:中国共产党)?[\u4e00-\u9fff]{2,}")
# A name must end like a body that publishes a budget, not like a sentence.
_BODY_END = re.compile(r"(?:办公室|办公厅|局|委员会|委|中心|馆|院|会|部|所|站|队|处|校|学|园|社|团|厅|署|室|行|台|场|宫|本级)$")

HEAD_LINES = 120  # the cover, the table of contents and part one are always within these
_COUNTY_NAMES = sorted(COUNTIES, key=len, reverse=True)
_PREFECTURE_NAMES = sorted(PREFECTURES, key=len, reverse=True)
# Each name's place in those lists: the first listed name found in a department's name is the one of least rank
# among the names its substrings are, found without a scan of the ~4,000 names.
_COUNTY_RANK = {name: i for i, name in enumerate(_COUNTY_NAMES)}
_PREFECTURE_RANK = {name: i for i, name in enumerate(_PREFECTURE_NAMES)}
_LONGEST_NAME = max(map(len, (*COUNTIES, *PREFECTURES)))


def _first_listed(name: str, rank: dict[str, int], skip: str | None = None) -> str | None:
    """The first name of a ranked list contained in `name` (of two characters or more, not `skip`)."""
    found = {name[i:j] for i in range(len(name)) for j in range(i + 2, min(len(name), i + _LONGEST_NAME) + 1)}
    hits = [c for c in found if c in rank and c != skip]
    return min(hits, key=rank.__getitem__) if hits else None


def _department(line: str) -> str | None:
    flat = _COVER_WORDS.sub("", line.replace(" ", ""))
    m = _GOVERNMENT.fullmatch(flat)
    if not m or not _BODY_END.search(flat) or not any(c in flat for c in "区县市旗州盟省"):
        return None
    return flat


def _place_of(department: str) -> tuple[str | None, str | None]:
    """(city, district) named in a department's name: 武汉市江汉区人民政府办公室 → (武汉市, 江汉区)."""
    name = department.removeprefix("中国共产党")
    district = _first_listed(name, _COUNTY_RANK)
    city = _first_listed(name, _PREFECTURE_RANK, skip=district)
    if district and city is None:
        divisions = COUNTIES[district]
        city = divisions[0].parent if len(divisions) == 1 else None
    return city, district


def read_document(text: Text) -> Document:
    head = text.lines[:HEAD_LINES]
    department = year = stage = published = None
    title_line = None
    for n, line in enumerate(head, 1):
        if year is None:
            m = _YEAR_STAGE_RE.search(line)
            if m:
                year, stage = int(m.group(1)), m.group(2)
                title_line = n
        if published is None and "日" in line:    # the date ends in 日 (most covers print none)
            m = _DATE_RE.match(line)
            if m:
                published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if department is None and len(line) < 80 and ("部门" in line or "预算" in line or "决算" in line
                                                       or "概况" in line):
            department = _department(line)
    city, district = _place_of(department) if department else (None, None)
    title = text.lines[title_line - 1].strip() if title_line else None
    src = Source(text.doc_id, title_line or 1, title_line or 1, "封面", title or "")
    return Document(
        id=text.doc_id, file_name=text.path.name, sha256=text.sha256, encoding=text.encoding,
        line_count=len(text.lines), title=title, department=department, district=district, city=city,
        fiscal_year=year, stage=stage, published=published, source=src,
    )
