"""The findings the seeds must produce (projects, 三公, indicators), by value and line."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from tests.kb.audit.conftest import findings_of


def test_004_rural_revitalisation_project_3049_80_against_breakdown_3149_80(seed_findings):
    found = findings_of(seed_findings, "004", "project.breakdown_sum")
    f = next(f for f in found if "乡村振兴工作" in f.message)
    assert f.figures[0].amount == Decimal("3049.80")
    assert sum(fig.amount for fig in f.figures[1:]) == Decimal("3149.80")
    assert f.difference == Decimal("-100.00")
    assert f.severity == "high"
    assert any(fig.amount == Decimal("2200.00") for fig in f.figures[1:])


def test_003_three_public_budget_31_62_in_table_against_30_in_narrative(seed_findings):
    found = findings_of(seed_findings, "003", "three_public.narrative_vs_table")
    total = next(f for f in found if "合计" in f.message)
    assert total.lines == [355, 454]
    assert [fig.amount for fig in total.figures] == [Decimal("30"), Decimal("31.62")]
    assert total.figures[1].source.table == "公开09"


def test_004_cost_indicator_3149_8_against_project_budget_3049_80(seed_findings):
    f = next(f for f in findings_of(seed_findings, "004", "indicator.amount") if "对口帮扶各项资金" in f.message)
    assert f.lines == [511, 614]
    assert [fig.amount for fig in f.figures] == [Decimal("3149.8"), Decimal("3049.80")]


def test_001_paid_pairing_funds_1780_against_executed_1790(seed_findings):
    f = next(f for f in findings_of(seed_findings, "001", "indicator.amount") if "支付结对帮扶资金" in f.message)
    assert [fig.amount for fig in f.figures] == [Decimal("1780"), Decimal("1790")]
    assert 572 in f.lines


def test_effect_indicators_are_not_compared_with_spending(seed_findings):
    # 000: 带动周边经济发展估值 30000万元 and 计划融资规模 900000万元 are effects, not the project's money.
    assert not findings_of(seed_findings, "000", "indicator.amount")


def test_findings_per_seed(seed_findings):
    """How many findings each seed produces (the closing note quotes these); every one was read."""
    per_doc = Counter(f.document[:3] for f in seed_findings)
    assert set(per_doc) == {"000", "001", "002", "003", "004"}
    assert all(1 <= n <= 20 for n in per_doc.values()), per_doc
