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

This module matches and assembles; the readers are loaders.project_table (预算11), loaders.project_forms
(申报表, checkboxes, breakdown lines) and loaders.project_evaluations (自评表).
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Iterator

from rapidfuzz import fuzz

from loaders.amounts import NUMBER, parse_number
from loaders.context import Context
from loaders.extract import extractor
from loaders.prose import join_sentences
from loaders.project_evaluations import evaluation, evaluation_blocks
from loaders.project_forms import declaration, form_blocks, overview_names, same_name
from loaders.project_table import project_table
from loaders.records import Procurement, Project, ProjectLine, Record

# --- matching names ----------------------------------------------------------------------------

def match(name: str, amount: Decimal | None, projects: list[Project]) -> int | None:
    """Index of the project `name` (with `amount`) most likely refers to: the same name; a similar
    name with the same amount (or very similar, when an amount is missing); else the one project
    with that amount."""
    for i, p in enumerate(projects):
        if any(same_name(name, known) for known in (p.name, *p.aliases)):
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


def _alias(p: Project, name: str) -> Project:
    if any(same_name(name, known) for known in (p.name, *p.aliases)):
        return p
    return replace(p, aliases=p.aliases + (name,))


# --- 预算: the project table, the forms and the overview ----------------------------------------------

def _budget_projects(ctx: Context) -> Iterator[Record]:
    projects = project_table(ctx)
    declarations = [d for s, e in form_blocks(ctx) if (d := declaration(ctx, s, e))]
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
    for name, amount in overview_names(ctx):
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


# --- 决算: self-evaluations and the narrative's restatements ----------------------------------------

# Narrative: `4.劳务派遣人员项目绩效自评综述：项目全年预算数为 80 万元，执行数 112.93 万元`
_SUMMARY_RE = re.compile(rf"(?:^|[。\n])\s*(?:\d+\s*[.、．])?\s*[“\"]?([^。\n：:“”\"]{{2,40}}?)[”\"]?(项目)?(?:绩效)?自评综述\s*[:：]\s*"
                         rf"项目全年\s*预算(?:数)?\s*为?\s*({NUMBER})\s*万元\s*[，,]\s*(?:执行数|支出决算)\s*为?\s*({NUMBER})\s*(万元|元)")


def _final_projects(ctx: Context) -> Iterator[Record]:
    projects = [p for s, e in evaluation_blocks(ctx) if (p := evaluation(ctx, s, e))]
    for n, line in enumerate(ctx.lines, 1):
        if "自评综述" in line:
            _summary(ctx, n, projects)
    yield from projects


def _summary(ctx: Context, n: int, projects: list[Project]) -> None:
    """The narrative's restatement of one project: an alias when it names a known project
    differently, a project of its own (with a warning) when no 自评表 matches it."""
    # OCR breaks the sentence after the name: read it with the few lines that follow.
    prose = join_sentences(ctx.lines, n, min(n + 8, len(ctx.lines)))
    m = _SUMMARY_RE.search(prose.text)
    if m is None or prose.line_at(m.start(1)) != n:
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
        # Records are identified by their key fields (project name; project + item + line): a second record
        # with the same key is kept, and reported, since a knowledge base would merge the two.
        key = record.record_key()
        if key in keys:
            what = record.name if isinstance(record, Project) else f"{record.project} / {record.item}"
            ctx.warn(record.source.line_start, f"{record.kind} {what!r} stated again (first on line {keys[key]})")
        keys.setdefault(key, record.source.line_start)
        yield record
