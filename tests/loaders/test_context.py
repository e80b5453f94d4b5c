"""Context: provenance, problems, and what it computes once per document."""
from __future__ import annotations

from decimal import Decimal

from loaders.records import BudgetLine, Problem, Unit
from tests.loaders.golden import context, seed_path


def test_found_of_follows_the_records_found_so_far() -> None:
    ctx = context("004")
    unit = Unit("武汉市江汉区人民政府办公室", "104", "部门", ctx.source(439))
    ctx.found.append(unit)
    assert ctx.found_of(Unit) == [unit] and ctx.found_of(BudgetLine) == []
    ctx.found_of(Unit).clear()                   # a caller's list is its own
    line = BudgetLine("function", "201", "一般公共服务支出", "类", "全部资金", {"total": Decimal("889.52")}, "预算01",
                      ctx.source(301))
    ctx.found.append(line)                       # a later extractor's records are seen
    assert ctx.found_of(Unit) == [unit] and ctx.found_of(BudgetLine) == [line]
    calls = []
    assert ctx.memo("n", lambda: calls.append(1) or len(calls)) == 1
    assert ctx.memo("n", lambda: calls.append(1) or len(calls)) == 1 and calls == [1]


def test_source_and_problems_name_the_document_the_line_and_its_text() -> None:
    ctx = context("004")
    src = ctx.source(301, 302, "预算01")
    assert (src.document, src.line_start, src.line_end, src.table) == (seed_path("004").stem, 301, 302, "预算01")
    assert src.text.startswith("一、一般公共预算拨款收入\t4,407.79") and src.text.count("\n") == 1
    ctx.warn(301, "a doubt")
    assert ctx.problems == [Problem(seed_path("004").name, 301, "warning", "a doubt", ctx.lines[300])]


def test_once_computes_a_value_of_the_text_once_whatever_is_found_later() -> None:
    ctx = context("004")
    calls = []
    assert ctx.once(("prose", 1, 3), lambda: calls.append(1) or "joined") == "joined"
    ctx.found.append(Unit("武汉市江汉区人民政府办公室", "104", "部门", ctx.source(439)))
    assert ctx.once(("prose", 1, 3), lambda: calls.append(1) or "again") == "joined" and calls == [1]
    assert ctx.once(("prose", 1, 4), lambda: "other") == "other"
