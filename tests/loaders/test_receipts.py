"""Receipts: what a recipient's own document says it received, read by value and line; never a payment read
the wrong way round."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import extract_file
from loaders.records import FundingFlow
from tests.loaders.golden import DATA, PREFIXES, seed

RECEIPTS = DATA / "receipts"


def receipts(path: Path) -> list[FundingFlow]:
    return [f for f in extract_file(path).of(FundingFlow) if f.stated_by == "recipient"]


def payments(path: Path) -> list[FundingFlow]:
    return [f for f in extract_file(path).of(FundingFlow) if f.stated_by == "payer"]


def test_recipient_final_account_table_rows_and_narrative() -> None:
    got = {(f.line, f.origin, f.year): f for f in receipts(RECEIPTS / "xuanen_2024_final.txt")}
    assert set(got) == {(15, "narrative", 2024), (15, "narrative", 2023), (19, "table", 2024), (20, "table", 2024)}
    row = got[(19, "table", 2024)]
    assert (row.payer_place, row.payer_department, row.recipient, row.recipient_text) == \
        ("江汉区", "武汉市江汉区人民政府办公室", "宣恩县", "宣恩县")
    assert (row.amount, row.year, row.stage, row.flow_type, row.purpose) == \
        (Decimal("1200.00"), 2024, "actual", "对口帮扶", "茶叶产业发展")
    assert row.source.table == "表1 2024年对口帮扶资金到位情况表" and "1200.00" in row.source.text
    other = got[(20, "table", 2024)]
    assert (other.payer_department, other.amount, other.flow_type) == ("", Decimal("800.00"), "区域协作")
    total = got[(15, "narrative", 2024)]
    assert total.amount == Decimal("2000") and total.year == 2024 and total.payer_department == ""
    assert "same payments as lines 19, 20 (their total)" in total.notes


def test_a_receipt_of_an_earlier_year_keeps_its_year() -> None:
    (earlier,) = [f for f in receipts(RECEIPTS / "xuanen_2024_final.txt") if f.year == 2023]
    assert (earlier.amount, earlier.payer_place, earlier.line, earlier.stage) == (Decimal("1800"), "江汉区", 15, "actual")
    assert "江汉区援建资金到位1800万元" in earlier.source.text
    assert not [n for n in earlier.notes if n.startswith("same")]


def test_a_receipt_is_not_also_read_as_a_payment_to_the_payer() -> None:
    assert payments(RECEIPTS / "xuanen_2024_final.txt") == []


def test_a_payer_document_states_payments_and_no_receipts() -> None:
    path = RECEIPTS / "jianghan_2024_final.txt"
    assert receipts(path) == []
    got = sorted((f.recipient, f.amount, f.year) for f in payments(path))
    assert got == [("宣恩县", Decimal("1700"), 2024), ("宣恩县", Decimal("1700"), 2024),
                   ("宣恩县", Decimal("1900"), 2023), ("宣恩县椒园镇", Decimal("300"), 2024)]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_seeds_state_no_receipts(prefix: str) -> None:
    # All five seeds are Wuhan payers: none says it received money from another place.
    assert [f for f in seed(prefix).of(FundingFlow) if f.stated_by == "recipient"] == []


def test_wordings_of_receipts_and_of_payments(tmp_path: Path) -> None:
    doc = tmp_path / "laifeng_2024_final.txt"
    doc.write_text(
        "来凤县财政局2024年度部门决算\n\n第一部分 来凤县财政局概况\n\n"
        "武汉市汉阳区民政局拨付我县帮扶资金 120 万元，用于养老服务。\n"
        "接收对口协作资金 60 万元（来自武汉市江夏区）。\n"
        "收到江汉区帮扶资金，具体金额待核。\n"
        "我局对口帮扶咸丰县资金已到位 30 万元。武汉市蔡甸区结对帮扶资金 45 万元已全部到账。\n"
        "表2 对口帮扶资金到位情况（元）\n帮扶方\t到位金额（元）\n武汉市洪山区\t250000.00\n", encoding="utf-8")
    got = sorted((f.line, f.payer_place, f.payer_department, f.amount) for f in receipts(doc))
    assert got == [(5, "汉阳区", "武汉市汉阳区民政局", Decimal("120")), (6, "江夏区", "", Decimal("60")),
                   (8, "蔡甸区", "", Decimal("45")), (11, "洪山区", "", Decimal("25"))]
    flows = extract_file(doc)
    # the receipt without an amount is a warning, not dropped; 咸丰县 is paid by the document, not a payer
    assert any(p.line == 7 and "no amount" in p.reason for p in flows.problems)
    assert [(f.recipient, f.amount) for f in flows.of(FundingFlow) if f.stated_by == "payer"] == \
        [("咸丰县", Decimal("30"))]


def test_a_sum_that_is_not_the_total_of_the_table_rows_is_noted_and_reported(tmp_path: Path) -> None:
    doc = tmp_path / "xuanen_2024_final.txt"
    doc.write_text((RECEIPTS / "xuanen_2024_final.txt").read_text(encoding="utf-8").replace("\t800.00\t", "\t700.00\t"),
                   encoding="utf-8")
    ex = extract_file(doc)
    (total,) = [f for f in ex.of(FundingFlow) if f.stated_by == "recipient" and f.amount == Decimal("2000")]
    assert "whose total is 1900.00万元, not 2000万元 as stated here" in total.notes[-1]
    assert total.notes[-1].startswith("same payments as lines 19, 20")
    assert [p.line for p in ex.problems if "not 2000万元" in p.reason] == [15]


def test_funds_arrived_at_a_place_the_document_pays_is_its_payment(tmp_path: Path) -> None:
    # A payer reporting its own payment: 宣恩县帮扶资金到位 in a document that 对口帮扶恩施州宣恩县 is not a receipt.
    doc = tmp_path / "qingshan_2024_final.txt"
    doc.write_text("武汉市青山区人民政府办公室2024年度部门决算\n\n第一部分 武汉市青山区人民政府办公室概况\n\n"
                   "负责对口帮扶恩施州宣恩县。\n\n宣恩县帮扶资金到位 600 万元，用于产业发展。\n", encoding="utf-8")
    flows = extract_file(doc).of(FundingFlow)
    assert [(f.stated_by, f.recipient, f.amount, f.line) for f in flows] == [("payer", "宣恩县", Decimal("600"), 7)]
    # the same words in the recipient's document, about a place it does not pay, are a receipt
    assert [(f.payer_place, f.amount, f.line) for f in receipts(RECEIPTS / "xuanen_2024_final.txt")
            if f.year == 2023] == [("江汉区", Decimal("1800"), 15)]


def test_a_payer_misspelt_beyond_guessing_stays_with_its_prefecture_and_is_reported(tmp_path: Path) -> None:
    # 江汊区 is one character from 江汉区, 江夏区 and 江岸区, all of 武汉市: not guessed.
    doc = tmp_path / "xuanen_finance_2024_final.txt"
    doc.write_text("宣恩县财政局2024年度部门决算\n\n第一部分 宣恩县财政局概况\n\n"
                   "2024年收到武汉市江汊区对口帮扶资金 300 万元。\n", encoding="utf-8")
    ex = extract_file(doc)
    (got,) = [f for f in ex.of(FundingFlow) if f.stated_by == "recipient"]
    assert (got.payer_place, got.amount, got.line, got.recipient) == ("武汉市", Decimal("300"), 5, "宣恩县")
    assert got.notes[0].startswith("payer written as 武汉市江汊区: 江汊区 is no county-level place of 武汉市")
    assert [p.line for p in ex.problems if "江汊区" in p.reason] == [5]


def test_a_misspelt_payer_the_document_names_elsewhere_is_resolved_with_the_reason(tmp_path: Path) -> None:
    doc = tmp_path / "xuanen_finance_2024_final.txt"
    doc.write_text("宣恩县财政局2024年度部门决算\n\n第一部分 宣恩县财政局概况\n\n负责对接武汉市江汉区对口帮扶工作。\n\n"
                   "2024年收到武汉市江汊区对口帮扶资金 300 万元。\n", encoding="utf-8")
    ex = extract_file(doc)
    (got,) = [f for f in ex.of(FundingFlow) if f.stated_by == "recipient"]
    assert (got.payer_place, got.amount, got.line) == ("江汉区", Decimal("300"), 7)
    assert got.notes[0].startswith("typo resolved: 江汊区 → 江汉区")
    assert [p.line for p in ex.problems if p.reason.startswith("receipts: typo resolved")] == [7]


def test_a_receipt_broken_across_ocr_lines_cites_the_line_of_its_amount(tmp_path: Path) -> None:
    doc = tmp_path / "xuanen_ocr_2024_final.txt"
    doc.write_text("宣恩县财政局2024年度部门决算\n\n第一部分 宣恩县财政局概况\n\n本年度收到武汉市江汉区对口帮扶资\n\n"
                   "金 2, 000. 00 万元，用于茶叶产业。\n", encoding="utf-8")
    (got,) = [f for f in extract_file(doc).of(FundingFlow) if f.stated_by == "recipient"]
    assert (got.payer_place, got.amount, got.line, got.purpose) == ("江汉区", Decimal("2000.00"), 7, "茶叶产业")
    assert (got.source.line_start, got.source.line_end) == (5, 7)


def test_a_receipt_in_a_budget_is_planned_and_one_of_last_year_is_actual(tmp_path: Path) -> None:
    doc = tmp_path / "xuanen_2025_budget.txt"
    doc.write_text("宣恩县乡村振兴局2025年部门预算\n\n第一部分 宣恩县乡村振兴局概况\n\n"
                   "2025年预计接收武汉市江汉区对口帮扶资金 2100 万元。2024年收到江汉区对口帮扶资金 2000 万元。\n",
                   encoding="utf-8")
    got = sorted((f.year, f.stage, f.amount) for f in extract_file(doc).of(FundingFlow) if f.stated_by == "recipient")
    assert got == [(2024, "actual", Decimal("2000")), (2025, "budget", Decimal("2100"))]


def test_a_project_named_for_the_place_that_pays_the_document_is_no_payment_to_it(tmp_path: Path) -> None:
    doc = tmp_path / "xuanen_2024_final.txt"
    doc.write_text("宣恩县乡村振兴局2024年度部门决算\n\n第一部分 宣恩县乡村振兴局概况\n\n"
                   "2024年，收到武汉市江汉区对口帮扶资金1200万元。\n\n2024 年度项目绩效自评表\n\n"
                   "项目名称\t\t江汉区对口帮扶茶叶产业项目\t\t\t\t\t\n"
                   "预算执行情况（万元） （20分）\t\t\t预算数(A)\t执行数(B)\t执行率 (B/A)\t得分 (20分*执行率)\t\n"
                   "\t\t年度财政资金总额\t1200\t1200\t100%\t20\t\n", encoding="utf-8")
    flows = extract_file(doc).of(FundingFlow)
    assert [(f.stated_by, f.payer_place, f.recipient, f.amount, f.line) for f in flows] == \
        [("recipient", "江汉区", "宣恩县", Decimal("1200"), 5)]


@pytest.mark.parametrize("text, place, received", [
    ("2024年，收到武汉市江汉区对口帮扶资金2000万元", "武汉市江汉区", True),
    ("江汉区援建资金到位1800万元", "江汉区", True),
    ("武汉市汉阳区民政局拨付我县帮扶资金120万元", "武汉市汉阳区", True),
    ("接收对口协作资金60万元（来自武汉市江夏区）", "武汉市江夏区", True),
    ("对口帮扶恩施州宣恩县资金已到位", "恩施州宣恩县", False),          # the place is paid
    ("新洲区帮扶资金拨付到位", "新洲区", False),                      # the payer saying it paid
    ("拨付宣恩县椒园镇区域协作资金300万元", "宣恩县", False),
])
def test_which_place_a_sentence_names_as_the_payer(text: str, place: str, received: bool) -> None:
    from loaders.flow_records import payer_named

    start = text.index(place)
    assert payer_named(text, start, start + len(place)) is received
