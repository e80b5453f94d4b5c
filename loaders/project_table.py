"""The project table of a budget (预算11 项目支出预算表): code, name, unit and amount of every project."""
from __future__ import annotations

from loaders.context import Context
from loaders.project_forms import CODE_RE, number
from loaders.records import Project
from loaders.sections import table_name, titled



def project_table(ctx: Context) -> list[Project]:
    """预算11 `项目支出预算表`: rows `42010323104T000000104 乡村振兴工作 <unit> 3,049.80 …`."""
    out: list[Project] = []
    for table in titled(ctx, "项目支出预算表"):
        name = table_name(ctx, table) or "项目支出预算表"
        for row in table.rows:
            cells = (row.cells + [""] * 4)[:max(4, len(row.cells))]
            code, project, unit = cells[0], cells[1], cells[2]
            coded = bool(CODE_RE.match(code))
            # Group rows (合计, the department `104`, `31 本级支出项目`) carry no unit, header rows no
            # amount; a project row names its unit and amount, with or without a project code.
            if not coded and (not project or not unit or project == "合计" or number(cells[3]) is None):
                continue
            if not coded:
                ctx.warn(row.line, f"project {project!r} has no project code ({code!r})")
            amount = number(cells[3], table.money_unit)
            if amount is None:
                ctx.warn(row.line, f"project {project!r}: no amount in the 合计 column ({cells[3]!r})")
            out.append(Project(code=code if coded else None, name=project, unit=unit, category=None, frequency=None,
                               budget=amount, executed=None, function_codes=(), legal_basis=None,
                               source=ctx.source(row.line, row.line, name)))
    return out
