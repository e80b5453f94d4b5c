"""The document record: who published it, for which year, which stage, and when.

The cover is the first place to look; OCR'd files (002) lost theirs, so the first lines that
state 'X 年度部门决算' or 'X 年预算' in the body stand in for it.
"""
from __future__ import annotations

import re
from datetime import date

from loaders.reader import Text
from loaders.records import Document, Source

_DEPT_RE = re.compile(r"((?:中国共产党)?(?:[\u4e00-\u9fff]{2,4}[省市])?[\u4e00-\u9fff]{1,6}[区县市](?:委员会|人民政府)?[\u4e00-\u9fff]*?(?:办公室|办公厅|局|委员会|中心)(?:本\s*级)?)")
_YEAR_STAGE_RE = re.compile(r"(20\d{2})\s*年(?:度)?\s*(?:[\u4e00-\u9fff]*?)?\s*(?:部门)?\s*(预算|决算)")
_DATE_RE = re.compile(r"^\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_PLACE_RE = re.compile(r"([\u4e00-\u9fff]{2}市)?([\u4e00-\u9fff]{1,4}[区县])")

HEAD_LINES = 120  # the cover, the table of contents and part one are always within these


def read_document(text: Text) -> Document:
    head = text.lines[:HEAD_LINES]
    department = year = stage = published = None
    title_line = None
    for n, line in enumerate(head, 1):
        flat = line.replace(" ", "")
        if year is None:
            m = _YEAR_STAGE_RE.search(line)
            if m:
                year, stage = int(m.group(1)), m.group(2)
                title_line = n
        if published is None:
            m = _DATE_RE.match(line)
            if m:
                published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if department is None and ("部门" in flat or "预算" in flat or "概况" in flat):
            m = _DEPT_RE.search(flat.replace("第一部分", ""))
            if m and not m.group(1).startswith("年"):
                department = m.group(1)
    city = district = None
    if department:
        m = _PLACE_RE.search(department.replace("中国共产党", ""))
        if m:
            city, district = m.group(1), m.group(2)
    title = text.lines[title_line - 1].strip() if title_line else None
    src = Source(text.doc_id, title_line or 1, title_line or 1, "封面", title or "")
    return Document(
        id=text.doc_id, file_name=text.path.name, sha256=text.sha256, encoding=text.encoding,
        line_count=len(text.lines), title=title, department=department, district=district, city=city,
        fiscal_year=year, stage=stage, published=published, source=src,
    )
