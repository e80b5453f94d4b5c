"""Projects (项目) and their itemised breakdowns (项目支出明细).

Where a project is stated, by stage:
- 预算: the 项目支出预算表 (004's 预算11) gives code, name, unit and amount; each 项目支出(绩效目标)申报表
  gives the category and frequency (checkboxes `<input checked="" type="checkbox"/>`), the legal
  basis (立项依据), the year's budget and the breakdown lines. The 申报表 and the 整体绩效目标申报表
  often name the project differently (乡村振兴及对口帮扶工作 for 乡村振兴工作): they are matched to the
  table by name and amount and their names kept as aliases.
- 决算: each 项目自评表 gives name, category/frequency and 预算数/执行数; the narrative's
  `X项目绩效自评综述：项目全年预算数为 A 万元，执行数为 B 万元` restates them, sometimes under another
  name (劳务派遣人员项目 for 劳务派遣人员工资项目), which becomes an alias.

Amounts are faithful: 004's 乡村振兴工作 is 3,049.80 in the table while its breakdown sums to 3,149.80.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Iterator

from rapidfuzz import fuzz

from loaders.amounts import NUMBER, amounts_in, parse_number
from loaders.context import Context
from loaders.extract import extractor
from loaders.extractors.units_staff_assets import Prose, table_name, titled
from loaders.records import Procurement, Project, ProjectLine, Record
from loaders.tables import amount as cell_amount

_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"</?[a-z][^>]*>")


def _flat(text: str) -> str:
    return _SPACES.sub("", text)


def _number(cell: str, unit: str = "万元") -> Decimal | None:
    try:
        return cell_amount(cell, unit)
    except ValueError:
        return None


# --- checkboxes --------------------------------------------------------------------------------

# `1. 运转类 <input checked="" type="checkbox"/> 2. 特定目标类…` / OCR: `1、常年性项目 √ 2、延续性项目□`.
_OPTION_RE = re.compile(r"\d\s*[.、．]\s*([^<√✓□口\d]+?)\s*(<input[^>]*>|[√✓]|□|口)")
_FREQUENCY = {"常年": "常年", "一次": "一次性", "延续": "延续性", "持续": "延续性"}


def checked_option(text: str) -> str | None:
    """The label of the ticked option, or None when none (or more than one) is ticked."""
    ticked = [m.group(1).strip() for m in _OPTION_RE.finditer(_flat(text).replace("<inputchecked", "<input checked"))
              if "checked" in m.group(2) or m.group(2) in "√✓"]
    return ticked[0] if len(ticked) == 1 else None


def category_of(label: str | None) -> str | None:
    if label is None:
        return None
    return "特定目标类" if label.startswith("特定目标类") else label


def frequency_of(label: str | None) -> str | None:
    if label is None:
        return None
    return next((v for k, v in _FREQUENCY.items() if label.startswith(k)), label)


# --- matching names ----------------------------------------------------------------------------

def match(name: str, amount: Decimal | None, projects: list[Project]) -> int | None:
    """Index of the project `name` (with `amount`) most likely refers to: the same name; a similar
    name with the same amount (or very similar, when an amount is missing); else the one project
    with that amount."""
    for i, p in enumerate(projects):
        if any(_same_name(name, known) for known in (p.name, *p.aliases)):
            return i
    scored = sorted(((fuzz.ratio(name, p.name), i) for i, p in enumerate(projects)), reverse=True)
    for score, i in scored:
        known = amount is not None and projects[i].budget is not None
        same = known and projects[i].budget == amount
        # Two amounts that differ are two projects, however alike the names (聘用人员经费 / 聘用人员工作经费).
        if (score >= 80 and not known) or (score >= 50 and same):
            return i
    same_amount = [i for i, p in enumerate(projects) if amount is not None and p.budget == amount]
    return same_amount[0] if len(same_amount) == 1 else None


def _same_name(a: str, b: str) -> bool:
    """Names equal but for spaces and a 项目 suffix (`重点办` / `重点办项目`)."""
    return _flat(a).removesuffix("项目") == _flat(b).removesuffix("项目")


def _alias(p: Project, name: str) -> Project:
    if any(_same_name(name, known) for known in (p.name, *p.aliases)):
        return p
    return replace(p, aliases=p.aliases + (name,))


# --- 预算: the project table ------------------------------------------------------------------------

_CODE_RE = re.compile(r"^[0-9A-Z]{12,}$")


def _budget_table(ctx: Context) -> list[Project]:
    """预算11 `项目支出预算表`: rows `42010323104T000000104 乡村振兴工作 <unit> 3,049.80 …`."""
    out: list[Project] = []
    for table in titled(ctx, "项目支出预算表"):
        name = table_name(ctx, table) or "项目支出预算表"
        for row in table.rows:
            cells = (row.cells + [""] * 4)[:max(4, len(row.cells))]
            code, project, unit = cells[0], cells[1], cells[2]
            coded = bool(_CODE_RE.match(code))
            # Group rows (合计, the department `104`, `31 本级支出项目`) carry no unit, header rows no
            # amount; a project row names its unit and amount, with or without a project code.
            if not coded and (not project or not unit or project == "合计" or _number(cells[3]) is None):
                continue
            if not coded:
                ctx.warn(row.line, f"project {project!r} has no project code ({code!r})")
            amount = _number(cells[3], table.money_unit)
            if amount is None:
                ctx.warn(row.line, f"project {project!r}: no amount in the 合计 column ({cells[3]!r})")
            out.append(Project(code=code if coded else None, name=project, unit=unit, category=None, frequency=None,
                               budget=amount, executed=None, function_codes=(), legal_basis=None,
                               source=ctx.source(row.line, row.line, name)))
    return out


# --- 预算: 申报表 -------------------------------------------------------------------------------------

@dataclass(slots=True)
class Declaration:
    """One 项目支出(绩效目标)申报表, as read."""

    name: str
    line: int
    end: int
    code: str | None = None
    category: str | None = None
    frequency: str | None = None
    legal_basis: str | None = None
    budget: Decimal | None = None
    lines: list[tuple[int, str, str | None, Decimal | None]] = field(default_factory=list)


_NAME_ROW_RE = re.compile(r"^项目名\s*称[\t ]")
_BREAKDOWN_HEAD = "项目支出明细及依据"
_BREAKDOWN_END = ("项目资产配置", "项目绩效总目标")


def _blocks(ctx: Context) -> list[tuple[int, int]]:
    starts = [n for n, line in enumerate(ctx.lines, 1) if _NAME_ROW_RE.match(line)]
    return [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else len(ctx.lines)) for i, s in enumerate(starts)]


def _name_cell(cells: list[str]) -> str | None:
    """The first cell that reads as a name (OCR leaves fragments like `· 1 B A` before it)."""
    for c in cells[1:]:
        c = c.strip()
        if len(re.findall(r"[\u4e00-\u9fff]", c)) >= 2 and not re.search(r"[A-Za-z<>]", c):
            return re.sub(r"^称\s*", "", c)
    return None


def _declaration(ctx: Context, first: int, last: int) -> Declaration | None:
    cells = ctx.lines[first - 1].split("\t")
    name = _name_cell(cells)
    if name is None:
        ctx.error(first, "project form without a readable 项目名称")
        return None
    flat = [_flat(c) for c in cells]
    code_at = next((i for i, c in enumerate(flat) if c in ("项目代码", "项目编码", "项目编号")), None)
    code = flat[code_at + 1] if code_at is not None and code_at + 1 < len(flat) else ""
    d = Declaration(name=name, line=first, end=last, code=code if _CODE_RE.match(code) else None)
    in_breakdown = False
    for n in range(first + 1, last + 1):
        line = ctx.lines[n - 1]
        cells = [c.strip() for c in line.split("\t")]
        head = _flat(cells[0])
        if in_breakdown:
            if any(head.startswith(e) for e in _BREAKDOWN_END):
                in_breakdown = False
            elif line.strip():
                d.lines.append(_breakdown_row(ctx, n, cells))
            continue
        if head.startswith("项目类别"):
            d.category = category_of(checked_option("".join(cells[1:])))
        elif head.startswith("项目安排频度") or head.startswith("项目安排额度"):
            d.frequency = frequency_of(checked_option("".join(cells[1:])))
        elif head.startswith("立项依据"):
            d.legal_basis = _TAGS.sub(" ", " ".join(c for c in cells[1:] if c)).strip() or None
            d.legal_basis = _SPACES.sub(" ", d.legal_basis) if d.legal_basis else None
        elif head.startswith("项目总预算") and "项目当年预算" in cells:
            found = amounts_in(cells[cells.index("项目当年预算") + 1])
            d.budget = found[0][0] if found else None
        elif _BREAKDOWN_HEAD in head:
            in_breakdown = True
    return d


def _breakdown_row(ctx: Context, n: int, cells: list[str]) -> tuple[int, str, str | None, Decimal | None]:
    values = [c for c in cells if c]
    item, basis = values[0], (values[1] if len(values) > 2 else None)
    raw = values[2] if len(values) > 2 else (values[1] if len(values) > 1 else "")
    found = amounts_in(raw)
    amount = found[0][0] if found else _number(raw)
    if not found and amount is not None:
        ctx.warn(n, f"breakdown amount {raw!r} without a unit; read as 万元 (the form's unit)")
    if amount is None:
        ctx.warn(n, f"breakdown line {item!r} without an amount")
    return n, item, basis, amount


# 整体绩效目标申报表 → 项目支出情况: `\t调查研究工作\t运转类项目支出\t13\t13\t…`
_OVERVIEW_RE = re.compile(r"^\t([^\t]+)\t(运转类|特定目标类)[^\t]*\t([^\t]+)\t")


def _overview_names(ctx: Context) -> list[tuple[str, Decimal | None]]:
    return [(m.group(1).strip(), _number(m.group(3))) for line in ctx.lines if (m := _OVERVIEW_RE.match(line))]


def _budget_projects(ctx: Context) -> Iterator[Record]:
    projects = _budget_table(ctx)
    declarations = [d for s, e in _blocks(ctx) if (d := _declaration(ctx, s, e))]
    lines: list[ProjectLine] = []
    for d in declarations:
        # The form's project code, when it prints one, decides; else the name and the amount.
        i = next((k for k, p in enumerate(projects) if d.code and p.code == d.code), None)
        i = match(d.name, d.budget, projects) if i is None else i
        if i is None:
            # A form whose project the table does not list: still a project the document states.
            ctx.warn(d.line, f"project form {d.name!r} matches no row of the project table")
            projects.append(Project(code=d.code, name=d.name, unit=None, category=d.category, frequency=d.frequency,
                                    budget=d.budget, executed=None, function_codes=(), legal_basis=d.legal_basis,
                                    source=ctx.source(d.line, d.line, "项目支出绩效目标申报表")))
            i = len(projects) - 1
        else:
            p = _alias(projects[i], d.name)
            projects[i] = replace(p, category=d.category, frequency=d.frequency, legal_basis=d.legal_basis)
        for n, item, basis, amount in d.lines:
            lines.append(ProjectLine(project=projects[i].name, item=item, basis=basis, amount=amount,
                                     source=ctx.source(n, n, "项目支出明细及依据")))
    for name, amount in _overview_names(ctx):
        i = match(name, amount, projects)
        if i is not None:
            projects[i] = _alias(projects[i], name)
    yield from _with_function_codes(ctx, projects)
    yield from lines


def _with_function_codes(ctx: Context, projects: list[Project]) -> Iterator[Project]:
    """Function codes of a project as the procurement table states them (the one table that pairs
    a project with a function code in a budget)."""
    for p in projects:
        names = {p.name, *p.aliases}
        codes = sorted({r.function_code for r in ctx.found_of(Procurement) if r.project in names and r.function_code})
        yield replace(p, function_codes=tuple(codes)) if codes else p


# --- 决算: 项目自评表 ---------------------------------------------------------------------------------

_EVAL_TITLE_RE = re.compile(r"\d{4}\s*年度\s*[“\"]?(.+?)[”\"]?\s*(?:项目)?\s*自评表")
_OCR_NAME_RE = re.compile(r"^\s*项目名称(?:\s+(\S.*?))?\s*$")
# A line of figures only: `19.59 19.59 100% 20`, `7 6.95 99.35 20`, or one figure a line (`37.14`).
# The numbers are strict here: the lenient NUMBER would read `7 6.95` as one OCR-spaced number.
_FIGURES_RE = re.compile(r"^\s*\d+(?:\.\d+)?%?(?:\s+\d+(?:\.\d+)?%?)*\s*$")
_FIGURES_END = ("年度绩效目标", "项目绩效总目标", "一级指标", "年度绩效指标")
_LABELS = ("项目类别", "项目属性", "项目类型", "预算执行", "主管部门")


def _eval_blocks(ctx: Context) -> list[tuple[int, int]]:
    starts = [n for n, line in enumerate(ctx.lines, 1)
              if _NAME_ROW_RE.match(line) or ("\t" not in line and _OCR_NAME_RE.match(line))]
    return [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else len(ctx.lines)) for i, s in enumerate(starts)]


def _next_text(ctx: Context, n: int, last: int) -> tuple[int, str] | None:
    """The next non-blank line after n (cells one per line: the value follows its label)."""
    return next(((k, ctx.lines[k - 1].strip()) for k in range(n + 1, min(last, n + 3) + 1) if ctx.lines[k - 1].strip()), None)


def _eval_name(ctx: Context, first: int, last: int) -> str | None:
    line = ctx.lines[first - 1]
    if "\t" in line:
        return _name_cell(line.split("\t"))
    named = _OCR_NAME_RE.match(line).group(1)
    if named:
        return named
    following = _next_text(ctx, first, last)
    return _flat(following[1]) if following and not following[1].startswith(_LABELS) else None


def _figures(ctx: Context, start: int, last: int) -> tuple[Decimal | None, Decimal | None, int | None]:
    """预算数 and 执行数 from the lines of figures after the 预算执行情况 header: the two numbers
    before the first percentage (执行率), else the first two."""
    tokens: list[tuple[str, int]] = []
    for n in range(start, min(last, start + 30) + 1):
        text = ctx.lines[n - 1].strip()
        if text.startswith(_FIGURES_END):
            break
        if _FIGURES_RE.match(text):
            tokens.extend((t, n) for t in text.split())
    pct = next((i for i, (t, _) in enumerate(tokens) if t.endswith("%")), None)
    pair = tokens[pct - 2:pct] if pct is not None and pct >= 2 else tokens[:2]
    if len(pair) < 2:
        return None, None, None
    return _number(pair[0][0]), _number(pair[1][0]), pair[1][1]


def _evaluation(ctx: Context, first: int, last: int) -> Project | None:
    name = _eval_name(ctx, first, last)
    title = next((m.group(1).strip() for n in range(first - 1, max(0, first - 8), -1)
                  if (m := _EVAL_TITLE_RE.search(ctx.lines[n - 1]))), None)
    if name is None:
        if title is None:
            ctx.error(first, "项目自评表 without a readable 项目名称 or title")
            return None
        ctx.warn(first, f"项目名称 unreadable; the title's name {title!r} used")
        name = title
    category = frequency = unit = None
    budget = executed = amount_line = None
    for n in range(first + 1, min(last, first + 40) + 1):
        text = ctx.lines[n - 1]
        flat = _flat(text)
        if flat in ("项目类别", "项目类型") and (following := _next_text(ctx, n, last)):
            flat += _flat(following[1])  # the options on the line after their label
        if "项目实施单位" in flat and unit is None:
            unit = _implementing_unit(ctx, n, last)
        if flat.startswith("项目类别"):
            category = _known_category(ctx, n, checked_option(flat[4:]))
        elif flat.startswith("项目类型"):
            frequency = frequency_of(checked_option(flat[4:]))
        elif "资金总" in flat and "\t" in text:
            nums = [v for c in text.split("\t") if (v := _number(c)) is not None]
            if len(nums) >= 2:
                budget, executed, amount_line = nums[0], nums[1], n
                break
        elif flat.startswith("预算执行"):
            budget, executed, amount_line = _figures(ctx, n + 1, last)
            if amount_line is not None:
                break
    if amount_line is None:
        ctx.warn(first, f"项目自评表 {name!r}: no 预算数/执行数 row found")
    # The title repeats the name, often without its 项目 suffix: only a different name is an alias.
    aliases = (title,) if title and not _same_name(title, name) else ()
    return Project(code=None, name=name, unit=unit, category=category, frequency=frequency, budget=budget,
                   executed=executed, function_codes=(), legal_basis=None,
                   source=ctx.source(first, amount_line or first, "项目自评表"), aliases=aliases)


_FINAL_CATEGORIES = ("部门预算项目", "区直专项", "市直专项", "市对下转移支付项目")


def _known_category(ctx: Context, n: int, label: str | None) -> str | None:
    """The ticked 项目类别 of a 自评表; an OCR-garbled label (`部门预算享项目`) is mended to the
    form's printed option it is closest to, with a warning."""
    if label is None or label in _FINAL_CATEGORIES:
        return label
    best = max(_FINAL_CATEGORIES, key=lambda c: fuzz.ratio(label, c))
    if fuzz.ratio(label, best) >= 80:
        ctx.warn(n, f"项目类别 {label!r} read as {best!r} (OCR)")
        return best
    return label


def _implementing_unit(ctx: Context, n: int, last: int) -> str | None:
    """项目实施单位: the next cell (tab rows), or the lines after it up to 预算执行情况 (OCR rows,
    where `武汉市洪山区人民政\n府办公室` is one name broken in two)."""
    cells = [c.strip() for c in ctx.lines[n - 1].split("\t")]
    at = next(i for i, c in enumerate(cells) if "项目实施单位" in _flat(c))
    if _flat(cells[at]).split("项目实施单位", 1)[1]:
        # OCR interleaved the label with the name (003: `中国共产党武 项目实施单位 市蔡甸区委员会`).
        ctx.warn(n, "项目实施单位 interleaved with other text; unit not read")
        return None
    after = [c for c in cells[at + 1:] if c]
    if after:
        return _flat(after[0])
    if "\t" in ctx.lines[n - 1]:
        return None
    parts = []
    for k in range(n + 1, min(last, n + 4) + 1):
        text = _flat(ctx.lines[k - 1])
        if text.startswith(_LABELS):
            break
        parts.append(text)
    return "".join(parts) or None


# Narrative: `4.劳务派遣人员项目绩效自评综述：项目全年预算数为 80 万元，执行数 112.93 万元`
_SUMMARY_RE = re.compile(rf"(?:^|[。\n])\s*(?:\d+\s*[.、．])?\s*[“\"]?([^。\n：:“”\"]{{2,40}}?)[”\"]?(项目)?(?:绩效)?自评综述\s*[:：]\s*"
                         rf"项目全年\s*预算(?:数)?\s*为?\s*({NUMBER})\s*万元\s*[，,]\s*(?:执行数|支出决算)\s*为?\s*({NUMBER})\s*(万元|元)")


def _final_projects(ctx: Context) -> Iterator[Record]:
    projects = [p for s, e in _eval_blocks(ctx) if (p := _evaluation(ctx, s, e))]
    for n, line in enumerate(ctx.lines, 1):
        if "自评综述" in line:
            _summary(ctx, n, projects)
    yield from projects


def _summary(ctx: Context, n: int, projects: list[Project]) -> None:
    """The narrative's restatement of one project: an alias when it names a known project
    differently, a project of its own (with a warning) when no 自评表 matches it."""
    # OCR breaks the sentence after the name: read it with the few lines that follow.
    prose = Prose.of(ctx, n, min(n + 8, len(ctx.lines)))
    m = _SUMMARY_RE.search(prose.text)
    if m is None or prose.line_of(m.start(1)) != n:
        ctx.warn(n, "自评综述 without a readable 全年预算数 and 执行数")
        return
    name, budget = m.group(1).strip() + (m.group(2) or ""), parse_number(m.group(3))
    if m.group(5) == "元":
        ctx.warn(n, f"{name}: 执行数 {m.group(4).strip()} 元 where 万元 is meant by every other figure")
    i = match(name, budget, projects)
    if i is not None:
        projects[i] = _alias(projects[i], name)
        return
    _, last = prose.lines_of(m.start(1), m.end())
    executed = parse_number(m.group(4)) * (Decimal("0.0001") if m.group(5) == "元" else 1)
    ctx.warn(n, f"project {name!r} is stated in the narrative only (no 项目自评表 matches)")
    projects.append(Project(code=None, name=name, unit=None, category=None, frequency=None, budget=budget,
                            executed=executed, function_codes=(), legal_basis=None,
                            source=ctx.source(n, last, "项目绩效自评综述")))


@extractor("projects")
def extract(ctx: Context) -> Iterator[Record]:
    keys: dict[str, int] = {}
    for record in _budget_projects(ctx) if ctx.document.stage == "预算" else _final_projects(ctx):
        # Records are identified by their key fields (project name; project + item): a second record
        # with the same key is kept, and reported, since a knowledge base would merge the two.
        key = record.record_key()
        if key in keys:
            what = record.name if isinstance(record, Project) else f"{record.project} / {record.item}"
            ctx.warn(record.source.line_start, f"{record.kind} {what!r} stated again (first on line {keys[key]})")
        keys.setdefault(key, record.source.line_start)
        yield record
