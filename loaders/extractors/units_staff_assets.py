"""Units (单位), staff counts (人员构成) and assets (国有资产占用情况) from part one and the narrative.

Units come from 机构设置情况 (`由…本级决算和 2 个下属单位决算组成`, then a numbered list) and from
预算06 `一般公共预算支出表(分单位)` whose rows carry unit codes (`104`, `104001`). Staff counts and
vehicles are prose: `共有编制 33 人`, `共有车辆 10 辆，其中，主要负责人用车 1 辆`. OCR'd files break
those sentences across lines, so prose is read joined (loaders.prose.join_sentences), every character
mapped back to its line; sections and tables by caption come from loaders.sections.
"""
from __future__ import annotations

import re
from typing import Iterator

from loaders.context import Context
from loaders.extract import extractor
from loaders.prose import SENTENCE_END, join_sentences
from loaders.records import Asset, Record, Staffing, Unit
from loaders.sections import section, table_name, titled

# --- units ---------------------------------------------------------------------------------------

_UNITS_HEADING = re.compile(r"机构设置|预算单位构成")
_COMPOSED_RE = re.compile(r"从单位构成看[，,]\s*(.+?)(?:本级)?\s*部门(?:决算|预算)\s*(?:只)?由\s*(.*?)组成")
_LISTED_RE = re.compile(r"^\s*(?:-\s*)?\d+\s*[.、．]\s*(\S.*?)\s*$")
_UNIT_CODE_RE = re.compile(r"^\d{3,9}$")


def _units_from_text(ctx: Context) -> Iterator[Unit]:
    sec = section(ctx, _UNITS_HEADING, keep="单位构成")
    if sec is None:
        return
    first, last = sec
    prose = join_sentences(ctx.lines, first, last)
    m = _COMPOSED_RE.search(prose.text)
    if m and "下属" not in m.group(2) and "本级" in m.group(2):
        # `…由实行独立核算的X本级决算组成` / `X部门决算只由本级决算组成`: one unit, the office itself.
        named = re.search(r"独立核算的\s*(.+?)\s*(?:决算|预算)$", m.group(2))
        name = named.group(1) if named else m.group(1).strip()
        line = prose.line_at(m.start())
        yield Unit(name=name.replace(" ", ""), code=None, role="本级", source=ctx.source(line, prose.line_at(m.end() - 1), "机构设置情况"))
    listed = list(_listed_units(ctx, first, last))
    yield from listed
    stated = re.search(r"(\d+)\s*个下属单位", prose.text)
    if stated and listed and int(stated.group(1)) != sum(u.role == "下属" for u in listed):
        ctx.warn(prose.line_at(stated.start()), f"{stated.group(0)} stated, {sum(u.role == '下属' for u in listed)} listed")


def _listed_units(ctx: Context, first: int, last: int) -> Iterator[Unit]:
    """The numbered list after `…预算单位包括：`; the first is the office itself (本级), unless one is
    marked `(本级)`. A list of internal offices (`1、秘书科。负责…`) is not a list of budget units."""
    start = next((n for n in range(first, last + 1) if "包括" in ctx.lines[n - 1]), None)
    if start is None:
        return
    items = []
    for n in range(start + 1, last + 1):
        line = ctx.lines[n - 1]
        item = _LISTED_RE.match(line)
        if item and len(item.group(1)) <= 40 and "。" not in line and "负责" not in line:
            items.append((n, item.group(1).replace(" ", "")))
    marked = any(re.search(r"[（(]本级[)）]$", name) for _, name in items)
    for i, (n, name) in enumerate(items):
        own = bool(re.search(r"[（(]本级[)）]$", name)) if marked else i == 0
        name = re.sub(r"[（(]本级[)）]$", "", name)
        yield Unit(name=name, code=None, role="本级" if own else "下属", source=ctx.source(n, n, "机构设置情况"))


def _units_from_table(ctx: Context) -> Iterator[Unit]:
    """预算06 `一般公共预算支出表(分单位)`: rows `104 武汉市江汉区人民政府办公室 …`."""
    for table in titled(ctx, "分单位"):
        name = table_name(ctx, table) or "一般公共预算支出表(分单位)"
        for row in table.rows:
            code, unit = (row.cells + ["", ""])[:2]
            if not _UNIT_CODE_RE.match(code) or not unit:
                continue
            # The department's own code (3 digits) heads its units; 本级 is the office itself.
            role = "部门" if len(code) <= 3 else ("本级" if unit.endswith("本级") else "下属")
            yield Unit(name=unit, code=code, role=role, source=ctx.source(row.line, row.line, name))


# --- staff -----------------------------------------------------------------------------------------

_STAFF_WORDS = ("编制", "在职", "离退休", "离休", "退休", "工勤", "行政", "事业")
_COUNT_RE = re.compile(r"([\u4e00-\u9fff]+)\s*(\d+)\s*人(?![民员次])")
# What precedes a staff category (`X局共有编制`, `2023 年 12 月在职人员`): the owner or a date.
_LABEL_PREFIX_RE = re.compile(r"^.*(?:办公室|本级|共有|其中|月|局|委员会|中心|政府|部门)")
_LABEL_SUFFIX_RE = re.compile(r"(?:实有人数|实有数|人数|实有)$")
_DIGIT_THEN_PERSON = re.compile(r"\d\s*人")
_STAFF_NAMES = {"在职人员": "在职", "离退休人员": "离退休"}
HEAD_LINES = 250  # part one (概况) is always within these


def _staffing(ctx: Context) -> Iterator[Staffing]:
    # Sentences, not lines: OCR breaks `在职人` / `员实有数 18 人` (or `实有数 51` / `人，`) across lines.
    seen: set[tuple[int, str, int]] = set()
    stated: dict[str, int] = {}
    for n, line in enumerate(ctx.lines[:HEAD_LINES], 1):
        if "\t" in line or "人" not in line or not _DIGIT_THEN_PERSON.search(line):
            continue
        first = n
        while first > 1 and n - first < 2 and ctx.lines[first - 2].strip() and not ctx.lines[first - 2].rstrip().endswith(SENTENCE_END):
            first -= 1  # the start of a sentence broken over the previous line(s)
        prose = join_sentences(ctx.lines, first, n)
        for m in _COUNT_RE.finditer(prose.text):
            key = (prose.line_at(m.start(2)), m.group(1), int(m.group(2)))
            if key in seen:
                continue  # read already, with the line it starts on
            seen.add(key)
            label = _LABEL_SUFFIX_RE.sub("", _LABEL_PREFIX_RE.sub("", m.group(1)))
            if not any(w in label for w in _STAFF_WORDS):
                if any(w in prose.text for w in _STAFF_WORDS):
                    ctx.warn(n, f"staff count {m.group(0)!r}: no staff category in {m.group(1)!r}")
                continue
            category, count = _STAFF_NAMES.get(label, label), int(m.group(2))
            if category in stated:
                # One count per category (its key): a restatement is dropped, a different one reported.
                if stated[category] != count:
                    ctx.warn(n, f"{category} stated as {count} here and as {stated[category]} before; the first kept")
                continue
            stated[category] = count
            yield Staffing(category=category, count=count, source=ctx.source(prose.line_at(m.start()), n, "人员构成"))


# --- assets ----------------------------------------------------------------------------------------

_ASSETS_HEADING = re.compile(r"国有资产")
_VEHICLE_RE = re.compile(r"([\u4e00-\u9fff]*车[\u4e00-\u9fff]*)\s*(\d+)\s*[辆台]")
# What precedes a vehicle kind in `截至…，X局实物保障用车 2 辆` / `部门共有车辆 8 辆`: the owner, not the kind.
_VEHICLE_PREFIX_RE = re.compile(r"^.*(?:办公室|本级|共有|其中|主要是|部门|局|委员会|中心|政府)")
# `单价 100 万元（含）以上设备 0 台（套）`, `单价50万元以上通用设备 2 台`, `无单价100万元（含）以上设备`.
_EQUIPMENT_RE = re.compile(r"(无)?\s*(?:单价|单位价值|价值)\s*(\d+)\s*万元\s*[（(]?含?[)）]?\s*以上\s*([\u4e00-\u9fff]*?设备)\s*(?:(\d+)\s*台)?")
_FLEET_RE = re.compile(r"公务\s*用车保有量为?\s*(\d+)\s*辆")
_THREE_PUBLIC_HEADING = re.compile(r"三公.*情况说明")


def _assets(ctx: Context) -> Iterator[Asset]:
    sec = section(ctx, _ASSETS_HEADING)
    if sec is not None:
        prose = join_sentences(ctx.lines, *sec)
        for m in _VEHICLE_RE.finditer(prose.text):
            name = _VEHICLE_PREFIX_RE.sub("", m.group(1)) or m.group(1)
            first, last = prose.lines_of(m.start(), m.end())
            yield Asset(category="车辆", name=name, count=int(m.group(2)), value=None,
                        source=ctx.source(first, last, "国有资产占用情况"))
        for m in _EQUIPMENT_RE.finditer(prose.text):
            count = 0 if m.group(1) else (int(m.group(4)) if m.group(4) else None)
            if count is None:
                ctx.warn(prose.line_at(m.start()), f"equipment over {m.group(2)}万元 stated without a count")
            first, last = prose.lines_of(m.start(), m.end())
            yield Asset(category="设备", name=f"单价{m.group(2)}万元以上{m.group(3)}", count=count, value=None,
                        source=ctx.source(first, last, "国有资产占用情况"))
    sec = section(ctx, _THREE_PUBLIC_HEADING, keep="三公")
    if sec is not None:
        # `开支财政拨款的公务用车保有量 10 辆` is stated in the 三公 narrative, not under 国有资产.
        prose = join_sentences(ctx.lines, *sec)
        for m in _FLEET_RE.finditer(prose.text):
            first, last = prose.lines_of(m.start(), m.end())
            yield Asset(category="车辆", name="公务用车保有量", count=int(m.group(1)), value=None,
                        source=ctx.source(first, last, "三公经费情况说明"))


@extractor("units_staff_assets")
def extract(ctx: Context) -> Iterator[Record]:
    # The coded table is the more precise statement; part one's list adds only units it lacks.
    coded = list(_units_from_table(ctx))
    known = {u.name.removesuffix("本级") for u in coded}
    seen: set[tuple[str, str | None]] = set()
    for unit in (*coded, *_units_from_text(ctx)):
        if unit.code is None and unit.name.removesuffix("本级") in known or (unit.name, unit.code) in seen:
            continue
        seen.add((unit.name, unit.code))
        yield unit
    yield from _staffing(ctx)
    counted: dict[tuple[str, str], Asset] = {}
    for asset in _assets(ctx):
        first = counted.setdefault((asset.category, asset.name), asset)
        if first is asset:
            yield asset
        elif first.count != asset.count:  # one record per kind (its key): a different count is reported
            ctx.warn(asset.source.line_start, f"{asset.name} counted {asset.count} here and {first.count} "
                                              f"on line {first.source.line_start}; the first kept")
