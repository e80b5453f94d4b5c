"""Funding flows between places: every flow of the seeds against golden files read by hand, and small
hand-written disclosures of other districts and years that prove the extractor is not tied to the seeds."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.records import FundingFlow
from tests.loaders.golden import DATA, SEED_STEMS, compare, extraction, load, seed_path

DATA = DATA / "flows"


def flows(path: Path) -> list[FundingFlow]:
    return extraction(path).of(FundingFlow)


def one(path: Path, line: int, recipient: str, amount: str | None, origin: str | None = None) -> FundingFlow:
    hits = [f for f in flows(path) if f.line == line and f.recipient == recipient
            and f.amount == (Decimal(amount) if amount is not None else None) and origin in (None, f.origin)]
    assert len(hits) == 1, f"{path.name}:{line} {recipient} {amount}: {len(hits)} flows"
    return hits[0]


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_flows_match_golden(stem: str) -> None:
    result = compare(stem, "flows")
    assert not result.wrong and not result.extra, (result.wrong + result.extra)[0]
    golden = load(stem, "flows")
    got = flows(seed_path(stem))
    for f in got:
        assert (f.payer_department, f.payer_place) == (golden["payer_department"], golden["payer_place"])
        assert f.unit == "万元" and f.source.document == stem
        assert f.source.line_start <= f.line <= f.source.line_end


SEED4, SEED1, SEED2 = seed_path("004"), seed_path("001"), seed_path("002")


def test_004_breakdown_flows_and_their_split() -> None:
    assert one(SEED4, 736, "宣恩县", "2200.00").flow_type == "结对帮扶"
    assert one(SEED4, 740, "博乐市青得里街道", "200.00").flow_type == "援疆"
    street, village = one(SEED4, 737, "黄陂区", "300"), one(SEED4, 737, "黄陂区", "120")
    assert (street.flow_type, village.flow_type) == ("对口帮扶", "驻村帮扶")
    assert street.amount + village.amount == Decimal("420")
    assert all(f.year == 2024 and f.stage == "budget" and f.origin == "breakdown" for f in (street, village))


def test_004_typos_are_resolved_with_a_reason() -> None:
    visit = one(SEED4, 743, "黄陂区", "5.00")
    assert visit.recipient_text == "黄浦区"
    assert any("黄浦区 → 黄陂区" in n and "上海市" in n for n in visit.notes)
    travel = [f for f in flows(SEED4) if f.line == 744]
    assert {f.recipient_text: f.recipient for f in travel} == {"宜恩县": "宣恩县", "博乐市": "博乐市", "黄浦区": "黄陂区"}
    assert all(f.amount is None and any("joint amount 15.00万元" in n for n in f.notes) for f in travel)
    (xuanen,) = [f for f in travel if f.recipient_text == "宜恩县"]
    assert any(n.startswith("typo resolved: 宜恩县 → 宣恩县") for n in xuanen.notes)


def test_004_earlier_years_keep_their_year_and_repeats_are_marked() -> None:
    by_year = {(f.year, f.amount) for f in flows(SEED4) if f.recipient == "宣恩县" and f.line == 727}
    assert by_year == {(2022, Decimal("2000")), (2022, Decimal("200")), (2023, Decimal("2200")), (2023, Decimal("300"))}
    last_year = one(SEED4, 726, "黄陂区", "420")
    assert (last_year.year, last_year.stage) == (2023, "actual")
    years = {f.year: f for f in flows(SEED4) if f.line == 727 and f.amount == Decimal("420")}
    assert sorted(years) == [2022, 2023]
    assert "same payment as line 726 (narrative)" in years[2023].notes
    assert not any(n.startswith("same payment") for n in years[2022].notes)


def test_001_current_payment_and_the_figures_around_it() -> None:
    executed = one(SEED1, 570, "来凤县", "1790", "indicator")
    assert any("预算数 1780万元" in n for n in executed.notes)
    narrative = one(SEED1, 413, "来凤县", "1790")
    assert (narrative.year, narrative.flow_type) == (2024, "结对帮扶")
    assert "same payment as line 570 (indicator)" in narrative.notes
    indicator = one(SEED1, 572, "来凤县", "1780")
    assert any("differs from the 执行数 1790万元" in n for n in indicator.notes)
    earlier = one(SEED1, 413, "来凤县", "5230")
    assert earlier.year is None and any("2021–2023" in n for n in earlier.notes)
    village = one(SEED1, 586, "江夏区山坡街道丰收村", "3")
    assert village.flow_type == "驻村帮扶" and village.project == "驻村帮扶专项经费"


def test_002_joint_and_cumulative_amounts_are_not_attributed() -> None:
    joint = [f for f in flows(SEED2) if f.line == 1572]
    assert {f.recipient for f in joint} == {"建始县", "新洲区辛冲街道、旧街街道"}
    assert all(f.amount is None and f.year is None for f in joint)
    assert all(any("joint amount 2100万元" in n for n in f.notes) for f in joint)
    relief = one(SEED2, 1580, "建始县", "137.46")
    assert (relief.flow_type, relief.recipient_text) == ("救灾", "建始")
    assert one(SEED2, 293, "建始县", "100").notes == ("same payment as line 2046 (indicator)",)
    assert one(SEED2, 1644, "新洲区", "300").year == 2023


def test_other_district_final_account() -> None:
    path = DATA / "wuchang_2023_final.txt"
    assert {(f.line, f.recipient, f.amount, f.year, f.flow_type) for f in flows(path)} == {
        (15, "鹤峰县", Decimal("860"), 2023, "结对帮扶"),
        (19, "鹤峰县", Decimal("1500"), None, "结对帮扶"),
        (19, "鹤峰县", Decimal("800"), 2023, "结对帮扶"),
        (19, "博乐市", Decimal("60"), 2023, "援疆"),
        (28, "鹤峰县", Decimal("800"), 2023, "结对帮扶"),
        (30, "鹤峰县", Decimal("800"), 2023, "结对帮扶"),
    }
    typo = one(path, 19, "鹤峰县", "800")
    assert typo.recipient_text == "鹤丰县" and any(n.startswith("typo resolved: 鹤丰县 → 鹤峰县") for n in typo.notes)
    assert all(f.payer_place == "武昌区" and f.stage == "actual" for f in flows(path))


def test_other_district_budget_breakdown() -> None:
    path = DATA / "qiaokou_2025_budget.txt"
    assert {(f.line, f.recipient_text, f.recipient, f.amount, f.flow_type) for f in flows(path)} == {
        (10, "巴东县", "巴东县", Decimal("1500.00"), "结对帮扶"),
        (11, "蔡甸区", "蔡甸区", Decimal("200"), "对口帮扶"),
        (11, "蔡甸区", "蔡甸区", Decimal("60"), "驻村帮扶"),
        (13, "巴冬县", "巴东县", Decimal("6.00"), "结对帮扶"),
    }
    assert all(f.year == 2025 and f.stage == "budget" and f.payer_place == "硚口区" for f in flows(path))


def test_amounts_beside_a_place_but_not_paid_to_it_are_flagged() -> None:
    ex = extraction(SEED2)
    flagged = [p for p in ex.problems if p.reason.startswith("flows:") and p.line == 673]
    assert len(flagged) == 1 and "0.0300万元" in flagged[0].reason and "新洲区" in flagged[0].reason
    assert not [f for f in flows(SEED2) if f.amount == Decimal("0.0300")]
    totals = [p for p in extraction(SEED4).problems if p.reason.startswith("flows: 2728.8万元")]
    assert [p.line for p in totals] == [727]


def test_other_district_ocr_final_account() -> None:
    """Sentences broken across lines, cells one per line, an OCR typo (刹川市 for 利川市)."""
    path = DATA / "dongxihu_2024_final_ocr.txt"
    assert {(f.line, f.recipient_text, f.recipient, f.amount, f.flow_type, f.origin) for f in flows(path)} == {
        (11, "刹川市", "利川市", Decimal("20"), "救灾", "narrative"),
        (15, "利川市", "利川市", Decimal("500"), "结对帮扶", "narrative"),
        (27, "利川市", "利川市", Decimal("500"), "结对帮扶", "indicator"),
    }
    assert "same payment as line 27 (indicator)" in one(path, 15, "利川市", "500").notes
    assert all(f.year == 2024 and f.stage == "actual" and f.payer_place == "东西湖区" for f in flows(path))


def test_document_without_a_year_still_reads_its_flows(tmp_path: Path) -> None:
    """No cover, no year: a 前三年 statement cannot be dated, and says so instead of failing."""
    path = tmp_path / "no_cover.txt"
    path.write_text("对口帮扶宣恩县乡村振兴工作。在前三年组织拨付帮扶资金 600 万元的基础上，持续帮扶宣恩县。\n",
                    encoding="utf-8")
    (f,) = flows(path)
    assert (f.recipient, f.amount, f.year) == ("宣恩县", Decimal("600"), None)
    assert any("3 years before the document year" in n for n in f.notes)


def test_004_cost_indicator_equal_to_the_breakdown_total() -> None:
    """对口帮扶各项资金 3149.8万元 = 2200 + 420 + 120 + 184.8 + 200 + 5 + 5 + 15 (lines 736–744)."""
    stated = [f for f in flows(SEED4) if f.line == 614]
    assert {f.recipient for f in stated} == {"宣恩县", "黄陂区", "博乐市青得里街道"}
    assert all(f.origin == "indicator" and f.amount is None for f in stated)
    assert all("joint amount 3149.8万元" in f.notes[0] and "lines 736–744" in f.notes[0] for f in stated)
    paid = [f.amount for f in flows(SEED4) if f.origin == "breakdown" and f.project == "乡村振兴工作" and f.amount]
    # the lines that are not flows: 印刷费 5.00 (no place) and 差旅费 15.00 (joint, so no amount of its own)
    assert sum(paid) + Decimal("5.00") + Decimal("15.00") == Decimal("3149.8")


def test_typo_resolutions_are_also_reported_as_warnings() -> None:
    warned = {(p.line, p.reason.split(":")[2].strip()) for p in extraction(SEED4).problems
              if p.reason.startswith("flows: typo resolved")}
    assert warned == {(743, "黄浦区 → 黄陂区"), (744, "宜恩县 → 宣恩县"), (744, "黄浦区 → 黄陂区")}
    assert all(p.severity == "warning" for p in extraction(SEED4).problems if p.reason.startswith("flows: typo"))


def test_flows_of_a_synthetic_corpus_of_other_provinces(tmp_path: Path) -> None:
    """Districts all over the country paying counties, prefectures and townships (东西部协作, 援疆, 援藏),
    with one-character typos: the flows read back with their amounts."""
    from kb.synth.accuracy import score_corpus
    from kb.synth.corpus import Options, write_corpus

    summary = write_corpus(tmp_path, 40, Options(seed=47))
    score = score_corpus(tmp_path)["flows"]
    assert summary.flows >= 20 and summary.typos >= 1
    assert score.recall >= 0.95, score.examples
    assert score.extra <= 1, score.examples


def test_provenance_names_the_table_or_form_row() -> None:
    assert one(SEED4, 736, "宣恩县", "2200.00").source.table == "项目支出明细"
    assert one(SEED4, 726, "黄陂区", "420").source.table == "上年绩效评价结果、整改及应用（必填）"
    executed = one(SEED1, 570, "来凤县", "1790", "indicator")
    assert executed.source.table == "项目自评表·预算执行情况" and "1790" in executed.source.text
    assert one(SEED2, 1580, "建始县", "137.46").source.table is None  # a paragraph


def test_a_breakdown_amount_cut_by_ocr_is_an_error_and_the_flow_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text("武汉市硚口区人民政府办公室2025年部门预算\n项目名称\t乡村振兴工作\n"
                    "2025年项目支出明细及依据\t项目内容\t测算依据及说明\t本级财政拨款金额\n"
                    "\t对口巴东县帮扶资金\t结对帮扶恩施州巴东县\t15.\n项目资产配置计划及采购计划\n", encoding="utf-8")
    (f,) = flows(path)
    assert (f.recipient, f.amount, f.line) == ("巴东县", None, 4)
    (err,) = [p for p in extraction(path).problems if p.reason.startswith("flows:")]
    assert err.severity == "error" and err.line == 4 and "'15.'" in err.reason
