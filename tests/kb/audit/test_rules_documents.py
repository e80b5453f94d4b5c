"""Across documents, on hand-written disclosures: a department's budget against its final account, and a payer's
stated transfers against the recipient's stated receipts."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kb.audit import run_checks
from loaders.extract import extract_file
from loaders.records import FundingFlow

DATA = Path(__file__).resolve().parents[2] / "data"
RECEIPTS = DATA / "receipts"


@pytest.fixture(scope="module")
def receipt_findings():
    return [f for f in run_checks([extract_file(p) for p in sorted(RECEIPTS.glob("*.txt"))])
            if f.rule == "cross.transfer_vs_receipt"]


def _cited(finding):
    return [(g.source.document, g.source.line_start, g.amount) for g in finding.figures]


def test_receipt_differing_from_the_payment_is_a_medium_finding(receipt_findings):
    (f,) = [f for f in receipt_findings if f.severity == "medium"]
    # 2023: 宣恩县 says it received 1800 from 江汉区 (its line 15); 江汉区 says it paid 1900 (its line 13)
    assert _cited(f) == [("xuanen_2024_final", 15, Decimal("1800")), ("jianghan_2024_final", 13, Decimal("1900"))]
    assert f.document == "xuanen_2024_final" and f.documents == ("xuanen_2024_final", "jianghan_2024_final")
    assert f.difference == Decimal("-100")
    assert f.arithmetic == "收到 1800 = 1800 ≠ 支付 1900 = 1900（差 -100）"
    assert f.message.startswith("2023年宣恩县一方称收到江汉区资金合计1800万元")
    assert "武汉市江汉区人民政府办公室2024年决算第13行1900万元" in f.message and "相差100万元" in f.message


def test_receipts_agreeing_with_the_payments_give_no_finding(receipt_findings):
    # 2024: table rows 1200 + 800 (the narrative's 2000 is their total) against 1700 to 宣恩县 and 300 to its
    # township 椒园镇 (the self-evaluation's 1700 is the same payment): equal, so nothing is reported.
    assert not [f for f in receipt_findings if f.severity == "medium" and "2024年宣恩县" in f.message]
    assert not [f for f in receipt_findings if f.document == "jianghan_2024_final"]


def test_payment_the_recipient_does_not_mention_is_a_low_finding(receipt_findings):
    (f,) = [f for f in receipt_findings if f.severity == "low"]
    assert f.document == "hanyang_2024_final" and f.documents == ("hanyang_2024_final", "xuanen_2024_final")
    assert [(g.source.document, g.amount) for g in f.figures] == [("hanyang_2024_final", Decimal("50"))]
    assert f.message == ("武汉市汉阳区民政局2024年决算第13行称2024年向宣恩县支付50万元，而已载入的宣恩县2024年决算文件"
                         "（宣恩县乡村振兴局（xuanen_2024_final））未提及收到汉阳区的资金。")


def test_no_finding_without_the_other_side(receipt_findings):
    only_payer = run_checks([extract_file(RECEIPTS / "jianghan_2024_final.txt")])
    only_recipient = run_checks([extract_file(RECEIPTS / "xuanen_2024_final.txt")])
    assert not [f for f in only_payer + only_recipient if f.rule == "cross.transfer_vs_receipt"]


def test_a_changed_receipt_amount_is_caught(tmp_path):
    # The same files with the 800 row made 700: the 2024 receipts (1900) no longer meet the payments (2000).
    for p in RECEIPTS.glob("*.txt"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8").replace("\t800.00\t", "\t700.00\t"),
                                       encoding="utf-8")
    found = [f for f in run_checks([extract_file(p) for p in sorted(tmp_path.glob("*.txt"))])
             if f.rule == "cross.transfer_vs_receipt" and f.severity == "medium" and "2024年" in f.message[:5]]
    assert len(found) == 1
    assert sorted(g.amount for g in found[0].figures) == [Decimal("300"), Decimal("700.00"), Decimal("1200.00"),
                                                          Decimal("1700")]
    assert found[0].difference == Decimal("-100.00")


def test_budget_against_final_of_one_department():
    pair = sorted((DATA / "budget_vs_final").glob("*.txt"))
    found = [f for f in run_checks([extract_file(p) for p in pair]) if f.rule == "cross.budget_vs_final"]
    (f,) = found  # 2080208: 50.00 in both documents, no finding
    assert [(g.source.document, g.source.line_start, g.amount) for g in f.figures] == \
        [("jiangxia_civil_2024_final", 27, Decimal("210.00")), ("jiangxia_civil_2024_budget", 20, Decimal("200.00"))]
    assert f.figures[1].source.table == "预算05"
    assert f.difference == Decimal("10.00") and f.severity == "medium"
    assert "年初预算为210万元" in f.message and "预算05表为200万元" in f.message and "执行率为102.5%" in f.message


def test_a_receipt_from_a_whole_city_is_not_set_against_its_districts_payments(tmp_path):
    for p in RECEIPTS.glob("*.txt"):
        text = p.read_text(encoding="utf-8")
        if p.name.startswith("xuanen"):
            text += "\n2024年，收到武汉市对口帮扶资金 100 万元。\n"
        (tmp_path / p.name).write_text(text, encoding="utf-8")
    found = [f for f in run_checks([extract_file(p) for p in sorted(tmp_path.glob("*.txt"))])
             if f.rule == "cross.transfer_vs_receipt" and f.severity == "medium"]
    assert [[g.amount for g in f.figures] for f in found] == [[Decimal("1800"), Decimal("1900")]]  # 2023 only
    read = extract_file(tmp_path / "xuanen_2024_final.txt").of(FundingFlow)
    assert [(f.payer_place, f.amount) for f in read if f.line == 27] == [("武汉市", Decimal("100"))]  # it was read
