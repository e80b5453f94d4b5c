"""Performance indicators (绩效指标) from every performance table: 整体绩效目标申报表, 项目绩效目标申报表,
部门整体绩效自评表 and 项目自评表.

The seeds' tables are ragged: merged cells are lost (the level columns are blank under the first row),
columns shift, a name wraps onto the next row, and the OCR file 002 prints one cell per line. So each
table is read from its own header row: the header says which values follow the indicator name (指标值,
年初目标值, 实际完成值, 得分, 指标权重, 指标值确定依据 …) and rows are aligned on those from the right,
where the values are. Blank level cells inherit the level above them, as the merged cell meant.
Tables printed one cell per line (002) are read line by line: level words cut across lines are joined
(经济成本指 / 标), and a line ending in target, actual and score closes an indicator. A row that cannot be
aligned, or text left without values, is a warning; targets and actuals are parsed by loaders/targets.py.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from loaders.context import Context
from loaders.extract import extractor
from loaders.indicator_columns import LEVEL1, align, header_roles, is_number, with_years, years_follow
from loaders.records import Indicator, Project
from loaders.targets import parse_target
from loaders.text_search import spaceless

# A merged level cell cut by a line break (满意 / 度指标): the word it starts.
_TRUNCATED_LEVEL1 = {"满意": "满意度指标", "满意度指": "满意度指标", "产出指": "产出指标", "效益指": "效益指标", "成本指": "成本指标",
                     "满度标": "满意度指标"}
_HEADER_WORDS = {"前年", "上年", "上 年", "预计当年实现", "指标分值权重", "近两年指标值", "预期当年实现值"}
_WEIGHT_IN_NAME = re.compile(r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*[分份]\s*[)）]\s*$")
_TITLE = re.compile(r"(申报表|自评表|项目绩效自评$)")
_END = ("总分", "偏差大", "项目名称", "联系电话", "改进措施")
_GOAL_LABEL = re.compile(r"^(长期|年度)\s*(绩效)?\s*(目标|指标)")
# Compiled once: `_context` and the row loop look at every line of the document.
_TITLE_NOISE = re.compile(r"^[一二三四五六七八九十]+、|\s+")
_QUOTED = re.compile(r"“(.+?)”")
_EVALUATED = re.compile(r"年度\s*(\S+?)\s*项目\s*自评表")
_PROJECT_ROW = re.compile(r"\s*项目名称[\s\t]+([^\t]*[\u4e00-\u9fff][^\t]*?)\s*(\t|$)")
_GOAL_TABLE = re.compile(r"(长期|年度)绩效目标表|(长期|年度)目标\s*\d")
_GOAL = re.compile(r"(年度|长期)目标")
_GOAL_OR_PERFORMANCE_GOAL = re.compile(r"(年度|长期)(绩效)?目标")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class _State:
    table: str | None = None
    owner: str | None = None
    owner_kind: str = "department"
    period: str | None = None


@extractor("indicators")
def extract_indicators(ctx: Context) -> Iterable[Indicator]:
    # tab-separated tables and tables printed one cell per line (OCR) can meet in one document: each reader
    # takes the tables whose header is in its form
    found = sorted([*_tab_tables(ctx), *_line_tables(ctx)], key=lambda i: i.line)
    names = project_names(ctx)
    return [dataclasses.replace(i, owner=names[i.owner])
            if i.owner_kind == "project" and names.get(i.owner, i.owner) != i.owner else i  # replace() is slow
            for i in found]


def project_names(ctx: Context) -> dict[str, str]:
    """Every name a project goes by (its forms call 乡村振兴工作 乡村振兴及对口帮扶工作) → the name the projects
    extractor gave it, so that an indicator or a flow links to the same Project record. Computed once per
    document state: read it, never change it."""
    return ctx.memo("project_names", lambda: _project_names(ctx))


def _project_names(ctx: Context) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in ctx.found_of(Project):
        for alias in (*p.aliases, p.name):
            # 巩固脱贫衔接乡村振兴 and 巩固脱贫衔接乡村振兴项目 are the same project
            for variant in (alias, alias + "项目", alias.removesuffix("项目")):
                out.setdefault(variant, p.name)
        out[p.name] = p.name
    return out


def _department(ctx: Context) -> str:
    return ctx.document.department or ctx.doc_id


def _context_states(ctx: Context) -> dict[int, _State]:
    """The state after each line holding a word `_context` looks for (most lines hold none), the lines read in
    order from the document's start: the same for both table readers, so found once per document. The states
    are shared: read them, never change them."""
    def states() -> dict[int, _State]:
        state = _State(owner=_department(ctx))
        out: dict[int, _State] = {}
        for n, line in enumerate(ctx.lines, 1):
            # the words _context looks for, as `in` tests (cheaper than a regex on every line)
            if "表" in line or "自评" in line or "项目名称" in line or "长期" in line or "年度" in line:
                _context(ctx, state, line)
                out[n] = _State(state.table, state.owner, state.owner_kind, state.period)   # a copy
        return out
    return ctx.once("indicator_context_states", states)


def _context(ctx: Context, state: _State, line: str) -> None:
    """Titles set the table and its owner; 项目名称 rows set the project that owns what follows."""
    flat = line.replace("\t", " ").strip()
    if not flat:
        return
    if ("表" in flat or "自评" in flat) and len(flat) < 80 and _TITLE.search(flat) and "见附件" not in flat:
        # the title as printed, without its list number (一、) or spaces; 001 breaks 自评表 before 表
        state.table = _TITLE_NOISE.sub("", flat)
        state.period = None
        if "整体" in flat:
            state.owner, state.owner_kind = _department(ctx), "department"
        m = _QUOTED.search(flat) or _EVALUATED.search(flat)
        if m:
            state.owner, state.owner_kind = m.group(1), "project"
    m = _PROJECT_ROW.match(line) if "项目名称" in line else None
    if m:
        state.owner, state.owner_kind = m.group(1).strip(), "project"
    g = _GOAL_LABEL.match(flat.split(" ", 1)[0]) if flat.startswith(("长期", "年度")) else None
    if g:
        state.period = g.group(1)


# ---- tab-separated tables (000, 001, 003, 004) ----------------------------------------------------

def _tab_tables(ctx: Context) -> Iterator[Indicator]:
    state = _State(owner=_department(ctx))
    roles: list[str] | None = None
    levels: list[str | None] = [None, None]
    last: Indicator | None = None
    results: list[Indicator] = []
    lines = ctx.lines
    states = _context_states(ctx)
    for n, line in enumerate(lines, 1):
        if n in states:
            state = states[n]
        if "\t" in line and "级" in line and "一级指标" in line.replace(" ", ""):
            roles = header_roles(line.split("\t"))
            if roles and "target" in roles and ("指标权重比例" in line or years_follow(lines, n)):
                roles = with_years(roles, lines, n, "指标权重比例" in line)
            levels, last = [None, None], None
            continue
        if roles is None:
            continue             # outside a table (most lines)
        flat = line.strip()
        if not flat:
            continue
        if flat.startswith(_END) or (_TITLE.search(flat) and "\t" not in line) or \
                _GOAL_TABLE.match(flat):
            roles = None
            continue
        cells = [c.strip() for c in line.split("\t")]
        if _HEADER_WORDS.issuperset(filter(None, cells)):   # header words and blanks only
            continue
        text = [c for c in cells if c]
        label = text[0].replace(" ", "")
        if _GOAL.match(label) or len(text) <= 2 and _GOAL_OR_PERFORMANCE_GOAL.match(label):
            continue  # a goal's statement (年度绩效目标 2 (16 分) | 做好乡村振兴各项工作。), not an indicator
        ind = _tab_row(ctx, cells, roles, levels, state, n)
        if ind is None:
            if last is not None and n - last.source.line_end <= 2 and len(text) <= 3 and len(text[-1]) <= 20 \
                    and not _GOAL_LABEL.match(text[0].replace(" ", "")):
                last = _continued(ctx, last, cells, n)
                results[-1] = last
            elif len(text) >= 2:
                ctx.warn(n, f"indicator row not read: its cells do not align with the header's columns {roles}")
            continue
        results.append(ind)
        last = ind
    return iter(results)


def _tab_row(ctx, cells, roles, levels, state, n) -> Indicator | None:
    if not _HEADER_WORDS.isdisjoint(cells):  # 004: a value row fused with the 前年/上年 header
        cells = [c for c in cells if c not in _HEADER_WORDS]
        roles = ["target", "basis"]
    cells = _rejoin_split_cell(ctx, cells, n)
    aligned = align(cells, roles)
    if aligned is None:
        return None
    got, rest = aligned
    rest = [c for c in rest if _level_or_name(c)]
    rest = [c for i, c in enumerate(rest) if i == 0 or c != rest[i - 1]]
    if len(rest) > 1 and rest[-1] in (got.get("target"), got.get("prev1"), got.get("prev2")):
        rest = rest[:-1]  # a value cell shifted left of its column (及时 | 及时)
    if not rest:
        return None
    name = rest[-1]
    above = [_split_weight(c.replace(" ", ""))[0] for c in rest[:-1]]
    above = [_TRUNCATED_LEVEL1.get(c, c) for c in above]
    level1 = next((c for c in above if c in LEVEL1), None)
    level2 = next((c for c in reversed(above) if c not in LEVEL1), None)
    if level1 is None and len(above) >= 2 and len(above[-2]) >= 3:
        level1 = above[-2]
    if level1:
        if level1 != levels[0]:
            levels[1] = None
        levels[0] = level1
    if level2:
        levels[1] = level2
    return _indicator(ctx, state, levels, name, got, n, n)


def _level_or_name(cell: str) -> bool:
    """A cell left of a row's values that is a level or a name: no goal label (年度目标), number or goal heading."""
    flat = cell.replace(" ", "")
    if flat.startswith(("长期", "年度")) and _GOAL_LABEL.match(flat):   # the label starts so
        return False
    return not is_number(cell) and not flat.startswith(("年度绩效", "长期绩效", "目标"))


_SPLIT_TAIL = re.compile(r"^([\u4e00-\u9fff])\s+(\d+(?:\.\d+)?)$")


def _rejoin_split_cell(ctx: Context, cells: list[str], n: int) -> list[str]:
    """003's OCR: `达到预期 标 | 目 1` is `达到预期目标 | 1` — the character missing from the gap of one
    cell opens the next. Repaired and reported."""
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return cells
    m = _SPLIT_TAIL.match(filled[-1])
    prev = filled[-2]
    if not m or prev.count(" ") != 1:
        return cells
    fixed = prev.replace(" ", m.group(1))
    ctx.warn(n, f"cells rejoined: {prev!r} + {filled[-1]!r} read as {fixed!r} + {m.group(2)!r}")
    i = len(cells) - 1 - cells[::-1].index(filled[-1])
    j = len(cells) - 1 - cells[::-1].index(prev)
    out = list(cells)
    out[j], out[i] = fixed, m.group(2)
    return out


def _continued(ctx, last: Indicator, cells: list[str], n: int) -> Indicator:
    """A name that wrapped onto the next row (恩施州来凤县乡村结对帮 / 扶满意率（3分）)."""
    text = [c for c in cells if c]
    if not text or not _CJK.search(text[-1]):
        return last
    name, weight = _split_weight(last.name + text[-1])
    return dataclasses.replace(last, name=name, weight=last.weight or weight,
                               source=ctx.source(last.source.line_start, n, last.table))


def _split_weight(name: str) -> tuple[str, Decimal | None]:
    # the pattern ends in a bracket and is tried at every position: only names that end in one (few) are searched
    m = _WEIGHT_IN_NAME.search(name) if name.rstrip().endswith((")", "）")) else None
    if m:
        return name[:m.start()].strip(), Decimal(m.group(1))
    return name.strip(), None


def _indicator(ctx, state, levels, name, got, first, last) -> Indicator:
    name, weight_in_name = _split_weight(name if spaceless(name) else _SPACES.sub("", name))
    weight = got.get("weight")
    score = got.get("score")
    target, actual = got.get("target") or None, got.get("actual") or None
    # 申报表 state long-term and annual targets of the same indicator: the period tells them apart
    table = f"{state.table}·{state.period}" if state.period and "申报表" in (state.table or "") else state.table
    return Indicator(
        owner_kind=state.owner_kind, owner=state.owner or _department(ctx), level1=levels[0], level2=levels[1],
        name=name, target=target, target_parsed=parse_target(target), actual=actual,
        actual_parsed=parse_target(actual), weight=Decimal(weight.replace(" ", "")) if weight else weight_in_name,
        score=Decimal(score.replace(" ", "").replace("分", "")) if score else None, table=table, line=first,
        source=ctx.source(first, last, table))


# ---- one cell per line (002) -----------------------------------------------------------------------

_HEADER_FRAGMENTS = ("目标值", "完成值", "得分", "（A）", "（B）", "(A)", "(B)", "指标名称", "一级指", "二级指", "年初目标",
                     "年初指标")
_SECTION_END = ("偏差大", "总分", "单位名称", "项目名称", "年度目标", "改进措施", "填报日期")


def _line_tables(ctx: Context) -> Iterator[Indicator]:
    state = _State(owner=_department(ctx))
    inside = False
    levels: list[str | None] = [None, None]
    buffer = ""
    start = 0
    states = _context_states(ctx)
    for n, line in enumerate(ctx.lines, 1):
        if n in states:
            state = states[n]
        if not inside and "指标名称" not in line and "三级指标" not in line:
            continue             # outside a table and not its header (most lines)
        flat = line.strip()
        if "\t" not in line and ("指标名称" in flat or "三级指标" in flat):  # the header, whole or its last line
            inside, levels, buffer, start = True, [None, None], "", 0
            continue
        if not inside or not flat:
            continue
        if flat.startswith(_SECTION_END) or _TITLE.search(flat):
            if buffer:
                ctx.warn(start, f"indicator text {buffer!r} has no target, actual and score before the table ends")
            inside, buffer, start = False, "", 0
            continue
        if any(h in flat for h in _HEADER_FRAGMENTS):
            continue
        tokens = _join_units(flat.split())
        if len(tokens) >= 3 and is_number(tokens[-1]) and not is_number(tokens[0]) or \
                (len(tokens) == 3 and is_number(tokens[-1]) and (buffer or tokens[0][:1].isdigit())):
            head = tokens[:-3]
            while len(head) > 1 and (head[0].endswith("指标") or head[0] + "标" in LEVEL1):
                word = head.pop(0)  # 成本指标 经济成本指标 预算成本控制 7 6.95 15; 产出指 数量指标 …
                _set_level(levels, word + "标" if word.endswith("指") else word)
            name = buffer + "".join(head)
            if name:
                got = {"target": tokens[-3], "actual": tokens[-2], "score": tokens[-1]}
                yield _indicator(ctx, state, levels, name, got, start or n, n)
            buffer, start = "", 0
            continue
        if flat == "标" and not buffer:
            continue  # the rest of a level word whose first part (产出指) opened the previous row
        buffer += flat.replace(" ", "")
        start = start or n
        if buffer.endswith("指标"):
            first = next((w for w in sorted(LEVEL1, key=len, reverse=True)
                          if buffer.startswith(w) and len(buffer) - len(w) > 2), None)
            if first:  # 效益指标社会效益指标: both levels on one line
                _set_level(levels, first)
                buffer = buffer[len(first):]
            _set_level(levels, buffer)
            buffer, start = "", 0


_UNIT_TOKEN = re.compile(r"^(?:[\u4e00-\u9fff]{1,2}|%|万元)$")


def _join_units(tokens: list[str]) -> list[str]:
    """`6 个 6 个 20`: a unit the OCR set apart from its number goes back to it (6 个)."""
    out: list[str] = []
    for t in tokens:
        if out and _UNIT_TOKEN.match(t) and re.fullmatch(r"[≥≤<>=]?\d+(?:\.\d+)?", out[-1]):
            out[-1] = f"{out[-1]} {t}"
        else:
            out.append(t)
    return out


def _set_level(levels: list[str | None], word: str) -> None:
    if word in LEVEL1:
        levels[0], levels[1] = word, None
    else:
        levels[1] = word
