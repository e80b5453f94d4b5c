"""BudgetLine records from the tab tables that list function or economic classification codes:
决算 公开01-08 and 预算 预算01-07, 09, 10 (三公, projects and procurement belong to other extractors).

A table is known by its printed number (`公开 03 表`), else by its title (the document's own
contents give its number), else by its header or its note (`注：本表反映部门本年度各项支出情况`).
Its measures come from the header labels, never from line numbers; a row's value cells are placed
on them by row arithmetic (loaders.tables.place_values). Truncated codes are repaired from the
document's other tables (function) or the national list (economic), and every repair is stated.
A table in scope with no body, and not declared empty by the document, is an error Problem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from loaders.budget_codes import class_of
from loaders.context import Context
from loaders.extract import extractor
from loaders.records import BudgetLine
from loaders.tables import Check, Row, Table, compact, is_amount, normal_title, split_header
from loaders.extractors import budget_rows as rows
from loaders.extractors.summary_rows import RIGHT_TOTALS, read_summary


@dataclass(frozen=True, slots=True)
class Kind:
    number: str                  # the template's number: 公开03, 预算05
    titles: tuple[str, ...]      # normalised titles (loaders.tables.normal_title)
    layout: str                  # function, economic, summary (two-sided 收/支), units (by 单位; also a
                                 # function table whose header names 单位编码)
    fund_type: str


KINDS = (
    Kind("公开01", ("收入支出决算总表",), "summary", "全部资金"),
    Kind("公开02", ("收入决算表",), "function", "全部资金"),
    Kind("公开03", ("支出决算表",), "function", "全部资金"),
    Kind("公开04", ("财政拨款收入支出决算总表",), "summary", "财政拨款"),
    Kind("公开05", ("一般公共预算财政拨款支出决算表",), "function", "一般公共预算"),
    Kind("公开06", ("一般公共预算财政拨款基本支出决算明细表",), "economic", "一般公共预算"),
    Kind("公开07", ("政府性基金预算财政拨款收入支出决算表",), "function", "政府性基金预算"),
    Kind("公开08", ("国有资本经营预算财政拨款支出决算表",), "function", "国有资本经营预算"),
    Kind("预算01", ("收支预算总表", "部门收支预算总表", "部门收支总表", "收支总表"), "summary", "全部资金"),
    Kind("预算02", ("收入预算总表", "部门收入预算总表", "部门收入总表", "收入总表"), "function", "全部资金"),
    Kind("预算03", ("支出预算总表", "部门支出预算总表", "部门支出总表", "支出总表"), "function", "全部资金"),
    Kind("预算04", ("财政拨款收支预算总表", "财政拨款收支总表"), "summary", "财政拨款"),
    Kind("预算05", ("一般公共预算支出表(分功能科目)", "一般公共预算支出表"), "function", "一般公共预算"),
    Kind("预算06", ("一般公共预算支出表(分单位)",), "units", "一般公共预算"),
    Kind("预算07", ("一般公共预算基本支出表",), "economic", "一般公共预算"),
    Kind("预算09", ("政府性基金预算支出表",), "function", "政府性基金预算"),
    Kind("预算10", ("国有资本经营预算支出表",), "function", "国有资本经营预算"),
)
KIND_BY_TITLE = {t: k for k in KINDS for t in k.titles}
KIND_BY_NUMBER = {k.number: k for k in KINDS}
# The national template's notes under each 决算 table identify a table whose caption was lost.
NOTE_KINDS = (
    ("财政拨款的总收支和年末结转结余情况", "公开04"),
    ("本表反映部门本年度的总收支和年末结转结余情况", "公开01"),
    ("本表反映部门本年度取得的各项收入情况", "公开02"),
    ("本表反映部门本年度各项支出情况", "公开03"),
    ("一般公共预算财政拨款基本支出明细情况", "公开06"),
    ("一般公共预算财政拨款支出情况", "公开05"),
    ("政府性基金预算财政拨款收入、支出及结转和结余情况", "公开07"),
    ("国有资本经营预算财政拨款支出情况", "公开08"),
)
# Words in the titles of tables other extractors read.
OTHER_TABLES = ("三公", "项目", "采购", "购买服务", "绩效", "自评")
# A document that says it has no such money (`本部门2024年度无国有资本经营预算财政拨款支出`).
_DECLARED_EMPTY = re.compile(r"无[\u4e00-\u9fff“”\"]{0,30}(?:支出|收入|资金)")

# Row arithmetic that places shifted cells (and is reported when it fails).
CHECKS: tuple[Check, ...] = (
    ("total", ((1, "basic"), (1, "project"), (1, "upper_remit"), (1, "operating_expense"), (1, "affiliate_subsidy"))),
    ("basic", ((1, "personnel"), (1, "running"))),
    # income by source (公开02) or by fund (公开04, 收入预算总表): the columns that are present add up
    ("total", ((1, "general_budget"), (1, "fund_budget"), (1, "capital_budget"), (1, "fiscal_income"),
               (1, "upper_subsidy"), (1, "business_income"), (1, "operating_income"), (1, "affiliate_income"),
               (1, "other_income"))),
    ("carryover_end", ((1, "carryover_start"), (1, "income"), (-1, "total"))),
)
PERSONNEL_RUNNING: Check = ("total", ((1, "personnel"), (1, "running")))


def checks_for(keys: list[str]) -> tuple[Check, ...]:
    """The checks that apply to a table's measures: total = personnel + running only when the table
    has no basic/project columns (预算07), where it replaces total = basic + project."""
    found = [c for c in CHECKS if c[0] in keys and any(k in keys for _, k in c[1])]
    if "personnel" in keys and "basic" not in keys and "project" not in keys:
        found.append(PERSONNEL_RUNNING)
    return tuple(found)


@dataclass(slots=True)
class Found:
    """A table of this extractor's scope, identified."""

    table: Table
    kind: Kind
    number: str                  # as the document numbers it: printed mark, contents, or the template's
    how: str                     # mark, title, contents, header or note: how it was identified
    header: list[Row]
    body: list[Row]


def _stage_prefix(ctx: Context, kind: Kind) -> str:
    stage = ctx.document.stage
    return "公开" if stage == "决算" else "预算" if stage == "预算" else kind.number[:2]


def _kind_by_header(ctx: Context, table: Table) -> Kind | None:
    head = compact("".join(c for r in table.rows[:4] for c in r.cells))
    budget = ctx.document.stage == "预算"
    if "基本支出" in head and "项目支出" in head and ("上缴上级支出" in head or "经营支出" in head):
        return KIND_BY_NUMBER["预算03" if budget else "公开03"]
    if "本年收入合计" in head and "财政拨款收入" in head:
        return KIND_BY_NUMBER["公开02"]
    if "人员经费" in head and "公用经费" in head and "经济分类" in head:
        return KIND_BY_NUMBER["预算07" if budget else "公开06"]
    return None


def identify(ctx: Context, table: Table, toc: dict[str, tuple[int, int]]) -> tuple[Kind, str, str] | None:
    """(kind, number, how) for a table in scope; None for any other table."""
    titles = [normal_title(t) for _, t in table.titles]
    kind = next((KIND_BY_TITLE[t] for t in titles if t in KIND_BY_TITLE), None)
    if kind is not None:
        listed = next((toc[t][0] for t in titles if t in toc), None)
        if table.mark:
            return kind, table.mark, "mark"
        if listed is not None:
            return kind, f"{_stage_prefix(ctx, kind)}{listed:02d}", "contents"
        return kind, kind.number, "title"
    if any(word in t for t in titles for word in OTHER_TABLES):
        return None              # 三公, projects, procurement, performance: other extractors' tables
    if table.mark:
        kind = KIND_BY_NUMBER.get(table.mark)
        return (kind, table.mark, "mark") if kind else None
    kind = _kind_by_header(ctx, table) if table.rows else None
    if kind is not None:
        return kind, kind.number, "header"
    for _, note in table.notes:
        text = compact(note)
        hit = next((KIND_BY_NUMBER[n] for key, n in NOTE_KINDS if key in text), None)
        if hit is not None and ctx.document.stage != "预算":
            return hit, hit.number, "note"
    return None


def _is_body(layout: str):
    """The first body row: for two-sided tables the first naming a 类 or a total on the right;
    for the others the first with a code or a decimal amount (栏次 rows number the columns)."""
    def body(row: Row) -> bool:
        cells = [c for c in row.cells if c]
        if not cells or any("栏次" in c for c in cells):
            return False
        if layout == "summary":
            names = [compact(rows.ENUM_RE.sub("", c)) for c in cells]
            return any(class_of(n) or n in RIGHT_TOTALS for n in names)
        return any(rows.is_code(c) or (is_amount(c) and ("." in c or "．" in c)) for c in cells)
    return body


def _declared_empty(ctx: Context, table: Table) -> bool:
    after = range(table.last_line + 1, min(table.last_line + 7, len(ctx.lines)) + 1)
    texts = [n for _, n in table.notes] + [ctx.text.line(n) for n in after]
    return any(_DECLARED_EMPTY.search(compact(t)) for t in texts)


@extractor("budget_tables")
def budget_tables(ctx: Context) -> Iterator[BudgetLine]:
    toc = ctx.contents
    found: list[Found] = []
    contents = {line for _, line in toc.values()}
    for table in ctx.tables:
        if table.titles and all(line in contents for line, _ in table.titles):
            continue             # an entry of the contents, not a table
        hit = identify(ctx, table, toc)
        if hit is None:
            continue
        kind, number, how = hit
        header, body = split_header(table.rows, _is_body(kind.layout))
        # rows whose cells OCR merged get new cells; the others (most) are the table's own rows, read only
        body = [Row(r.line, rows.unmerge(r.cells)) if rows.has_merged(r.cells) else r for r in body]
        found.append(Found(table, kind, number, how, header, body))
    seen: set[str] = set()
    for f in found:
        seen.add(f.kind.number)
        if not f.body and not _declared_empty(ctx, f.table):
            title = f.table.titles[0][1] if f.table.titles else f.kind.titles[0]
            line = f.table.titles[0][0] if f.table.titles else f.table.first_line
            ctx.error(line, f"table {f.number} ({title}): only its heading and notes remain, the body is "
                            f"missing; no lines read from it")
    _missing_from_contents(ctx, toc, seen)
    index = rows.code_index(f.body for f in found if f.kind.layout == "function")
    for f in found:
        if f.body and f.kind.layout == "summary":
            yield from read_summary(ctx, f, checks_for)
        elif f.body:
            yield from rows.read_table(ctx, f, index, checks_for)


def _missing_from_contents(ctx: Context, toc: dict[str, tuple[int, int]], seen: set[str]) -> None:
    """A table the contents list but no tab table matches: lost in the text extraction (002 prints
    its tables one cell per line), unless the lines under the entry say the department has none."""
    entries = {line for _, line in toc.values()}
    for title, (_, line) in toc.items():
        kind = KIND_BY_TITLE.get(title)
        if kind is None or kind.number in seen:
            continue
        below = []
        for n in range(line + 1, min(line + 3, len(ctx.lines)) + 1):
            if n in entries:
                break            # the next entry: what follows belongs to it
            below.append(ctx.text.line(n))
        if any(_DECLARED_EMPTY.search(compact(t)) for t in below):
            continue
        ctx.error(line, f"table {kind.number} ({title}) is listed in the contents but no tab-separated table "
                        f"of that title is in the document; no lines read from it")
