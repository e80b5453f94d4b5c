"""Table arithmetic rules on small hand-made tables (the seed cases are in test_seed_findings.py)."""
from __future__ import annotations

from decimal import Decimal as D

from kb.audit import run_checks
from loaders.records import BudgetLine, Document, Extraction, Source, ThreePublic


def _doc() -> Document:
    return Document(id="t", file_name="t.txt", sha256="0", encoding="utf-8", line_count=10, title=None,
                    department="某区某局", district="某区", city=None, fiscal_year=2024, stage="决算", published=None)


def _line(n, code, name, **m):
    level = {3: "类", 5: "款", 7: "项"}.get(len(code)) if code else None
    return BudgetLine("function", code, name, level, "全部资金", {k: D(v) for k, v in m.items()}, "公开03",
                      Source("t", n, n, "公开03", f"{code}\t{name}"))


def _run(*records):
    ex = Extraction(document=_doc(), records=list(records))
    return run_checks([ex])


def test_children_within_rounding_are_not_reported():
    found = _run(_line(1, None, "合计", total="10.01"), _line(2, "201", "一般公共服务支出", total="10.01"),
                 _line(3, "2010301", "行政运行", total="5.00"), _line(4, "2010302", "一般行政管理事务", total="5.00"))
    assert [f.rule for f in found] == []  # 201 has no 款 row here; 7-digit rows are not its direct children


def test_parent_that_does_not_equal_its_children_is_reported_with_lines():
    found = _run(_line(1, "213", "农林水支出", total="404.56"), _line(2, "21305", "巩固脱贫", total="404.46"),
                 _line(3, "2130504", "农村基础设施建设", total="373.06"), _line(4, "2130506", "社会发展", total="31.40"))
    rules = [(f.rule, f.lines, f.difference) for f in found]
    assert rules == [("table.children_sum", [1, 2], D("0.10"))]


def test_total_not_basic_plus_project():
    found = _run(_line(7, "2010301", "行政运行", total="1990.17", basic="1733.20", project="256.87"))
    assert [(f.rule, f.lines, f.difference) for f in found] == [("table.row_identity", [7], D("0.10"))]


def test_three_public_total_against_its_parts():
    src = lambda n: Source("t", n, n, "公开09", "")  # noqa: E731
    found = _run(ThreePublic("合计", D("31.62"), D("31.62"), "table", 1, src(1)),
                 ThreePublic("因公出国(境)费", D("14.30"), D("14.30"), "table", 1, src(1)),
                 ThreePublic("公务用车购置及运行维护费", D("17.00"), D("17.32"), "table", 1, src(1)),
                 ThreePublic("公务接待费", None, None, "table", 1, src(1)))
    assert [(f.rule, f.difference) for f in found] == [("table.three_public_sum", D("0.32"))]
