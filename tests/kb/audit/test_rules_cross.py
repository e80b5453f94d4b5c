"""Narrative against narrative and against tables, percentages, year-on-year changes: on the seeds."""
from __future__ import annotations

from decimal import Decimal

from tests.kb.audit.conftest import findings_of


def _amounts(finding):
    return [f.amount for f in finding.figures]


def test_000_two_different_year_on_year_changes_of_the_same_total(seed_findings):
    found = findings_of(seed_findings, "000", "narrative.yoy_conflict")
    assert len(found) == 1
    f = found[0]
    assert f.lines == [357, 384]
    assert _amounts(f) == [Decimal("3150.39"), Decimal("490.44"), Decimal("3150.39"), Decimal("510.24")]
    assert f.difference == Decimal("19.80")
    assert "490.44" in f.message and "510.24" in f.message


def test_002_basic_expenditure_stated_as_1793_53_and_1708_19(seed_findings):
    found = [f for f in findings_of(seed_findings, "002", "narrative.restatement")
             if {Decimal("1793.53"), Decimal("1708.19")} <= set(_amounts(f))]
    assert len(found) == 1
    assert found[0].lines == [414, 567]
    assert found[0].difference == Decimal("85.34")


def test_002_project_expenditure_stated_as_18557_84_and_18557_54(seed_findings):
    # 18557.84 (支出决算 section, line 146; recovered as the section's project line) against 18557.54 (line 567)
    found = [f for f in seed_findings if f.document.startswith("002") and f.rule.startswith("narrative.")
             and {Decimal("18557.84"), Decimal("18557.54")} <= set(_amounts(f))]
    assert len(found) == 1
    assert 567 in found[0].lines
    assert any(fig.amount == Decimal("18557.84") and "18557.84" in fig.source.text for fig in found[0].figures)
    assert abs(found[0].difference) == Decimal("0.30")


def test_004_general_budget_4407_97_in_the_narrative_against_4407_79_in_the_table(seed_findings):
    found = findings_of(seed_findings, "004", "narrative.vs_table")
    f = next(f for f in found if Decimal("4407.97") in _amounts(f))
    assert f.lines == [137, 405]
    assert _amounts(f) == [Decimal("4407.97"), Decimal("4407.79")]
    assert f.difference == Decimal("0.18")
    assert f.figures[1].source.table == "预算05"


def test_percentage_computed_on_the_wrong_base_is_reported(seed_findings):
    # 004 line 197: 95.24 this year, 24.65 less than last year: -24.65 / 119.89 = -20.56%, not -25.88%.
    found = [f for f in findings_of(seed_findings, "004", "narrative.percentage") if f.lines == [197]]
    assert len(found) == 1
    assert "-20.56%" in found[0].arithmetic and "-25.88%" in found[0].arithmetic


def test_percentages_that_round_correctly_are_not_reported(seed_findings):
    # 000 line 357: 490.44 / (3150.39 - 490.44) = 18.44% → printed 18.4%: correct, not a finding.
    assert not [f for f in findings_of(seed_findings, "000", "narrative.percentage") if 357 in f.lines]


def test_budget_frame_parts_are_not_compared_with_actuals(seed_findings):
    # 003 line 530: 年初预算金额 1159.01，其中…项目支出 110.00 is the budget, not a second actual figure.
    assert not [f for f in findings_of(seed_findings, "003", "narrative.restatement") if 530 in f.lines]


def test_every_finding_cites_lines_and_a_chinese_sentence(seed_findings):
    assert seed_findings
    for f in seed_findings:
        assert f.lines, f
        assert all(fig.source.text for fig in f.figures)
        assert f.message.endswith("。")
