"""Projects against their itemised breakdowns, and indicator values that state an amount
(成本指标, 数量指标 such as 支付结对帮扶资金) against the financial figures of the same project."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Iterable

from kb.audit import doc_rule
from kb.audit.finding import Figure, Finding, finding_of as _finding, fmt
from kb.audit.tolerance import differs
from loaders.records import Extraction, Indicator, Project, ProjectLine



def _project_index(ex: Extraction) -> dict[str, Project]:
    index: dict[str, Project] = {}
    for p in ex.of(Project):
        for name in (p.name, *p.aliases):
            index.setdefault(name, p)
    return index


def _lines_by_project(ex: Extraction) -> dict[str, list[ProjectLine]]:
    """Breakdown lines (项目支出明细) grouped by the project name they were stated under."""
    out: dict[str, list[ProjectLine]] = defaultdict(list)
    for line in ex.of(ProjectLine):
        out[line.project].append(line)
    return out


@doc_rule("project.breakdown_sum")
def breakdown_sum(ex: Extraction) -> Iterable[Finding]:
    index = _project_index(ex)
    for name, lines in _lines_by_project(ex).items():
        project = index.get(name)
        priced = [ln for ln in lines if ln.amount is not None]
        if project is None or project.budget is None or not priced:
            continue
        computed = sum((ln.amount for ln in priced), Decimal(0))
        if not differs(project.budget, computed, len(priced)):
            continue
        diff = project.budget - computed
        yield _finding(
            ex, "project.breakdown_sum", "high" if abs(diff) >= 1 else "medium",
            [Figure.of(f"项目 {project.name} 预算", project.budget, project)]
            + [Figure.of(f"明细 {ln.item}", ln.amount, ln) for ln in priced],
            f"{' + '.join(fmt(ln.amount) for ln in priced)} = {fmt(computed)} ≠ {fmt(project.budget)}（差 {fmt(diff)}）",
            f"项目“{project.name}”预算为{fmt(project.budget)}万元（第{project.source.line_start}行），但其支出明细"
            f"{len(priced)}项合计{fmt(computed)}万元，相差{fmt(abs(diff))}万元。", diff)


# Indicators that state money the project itself spends: 成本指标, or 支付/拨付/落实 … 资金/经费. An
# indicator of effects (带动经济发展估值 30000万元, 退还群众资金) names someone else's money: not compared.
_SPENDING = re.compile(r"(?:支付|拨付|落实|安排|下达|投入).*(?:资金|经费)|(?:资金|经费)$")
_EFFECTS = ("效益", "满意")


def _money(ind: Indicator, stage: str | None) -> tuple[str, Decimal] | None:
    """The amount an indicator states for the project's own spending: in a 决算 its actual value
    (实际完成值), in a 预算 its target."""
    if any(w in (ind.level1 or "") for w in _EFFECTS):
        return None
    if "成本" not in (ind.level2 or "") and not _SPENDING.search(ind.name):
        return None
    order = (("实际完成值", ind.actual_parsed), ("目标值", ind.target_parsed)) if stage == "决算" else \
            (("目标值", ind.target_parsed),)
    for which, parsed in order:
        if parsed is not None and parsed.value is not None and parsed.unit in ("万元", "万") \
                and parsed.comparator in (None, "="):
            return which, parsed.value
    return None


@doc_rule("indicator.amount")
def indicator_amount(ex: Extraction) -> Iterable[Finding]:
    """A 成本指标 or an amount-valued indicator against its project's budget (or executed amount)."""
    index = _project_index(ex)
    lines_by_project = _lines_by_project(ex)
    for ind in ex.of(Indicator):
        money = _money(ind, ex.document.stage)
        if money is None:
            continue
        which, value = money
        project = index.get(ind.owner) if ind.owner_kind == "project" else None
        if project is None:
            # A department-level indicator: the one project whose breakdown speaks of the same thing.
            words = {ind.name[i:i + 2] for i in range(len(ind.name) - 1)} - {"资金", "项目", "经费", "支出"}
            hits = sorted(((sum(w in ln.item for ln in lines for w in words), n) for n, lines in lines_by_project.items()
                           if n in index), reverse=True)
            hits = [h for h in hits if h[0] > 0]
            # Only a clear winner: twice the overlap of the next project, or the only one.
            if not hits or (len(hits) > 1 and hits[0][0] < 2 * hits[1][0]):
                continue
            project = index[hits[0][1]]
        reference = project.executed if ex.document.stage == "决算" and project.executed is not None else project.budget
        if reference is None or not differs(value, reference, 1):
            continue
        diff = value - reference
        zh = "执行数" if reference is project.executed else "预算"
        yield _finding(
            ex, "indicator.amount", "medium",
            [Figure.of(f"绩效指标 {ind.name} {which}", value, ind), Figure.of(f"项目 {project.name} {zh}", reference, project)],
            f"指标 {fmt(value)} ≠ 项目{zh} {fmt(reference)}（差 {fmt(diff)}）",
            f"绩效指标“{ind.name}”的{which}为{fmt(value)}万元（第{ind.line}行），而项目“{project.name}”的{zh}为"
            f"{fmt(reference)}万元，相差{fmt(abs(diff))}万元。", diff)
