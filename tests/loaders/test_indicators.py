"""Performance indicators from the seeds' ragged tables: a hand-checked sample per seed (name, target, actual,
weight, score, line), whole tables counted by hand, and the repairs (wrapped names, one cell per line)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract import extract_file
from loaders.records import Indicator, Target
from tests.loaders.golden import DATA, SEED_STEMS, compare, load, seed

DATA = DATA / "flows"


def indicators(stem: str) -> list[Indicator]:
    return seed(stem).of(Indicator)


def at(stem: str, line: int) -> Indicator:
    (hit,) = [i for i in indicators(stem) if i.line == line]
    return hit


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_indicator_sample_matches_golden(stem: str) -> None:
    assert len(load(stem, "indicators")["sample"]) >= 7
    result = compare(stem, "indicators")
    assert not result.wrong, result.wrong[0]


def test_whole_tables_counted_by_hand() -> None:
    def owned(stem: str, owner: str) -> list[str]:
        return [i.name for i in indicators(stem) if i.owner == owner]
    assert owned("001_87de7c93fc8d4773", "恩施州来凤县结对帮扶经费") == [
        "支付结对帮扶资金", "不突破预算", "来凤县乡村振兴开展情况", "恩施州来凤县乡村结对帮扶满意率"]
    assert owned("002_81fcf87bf650a710", "建始县救灾经费") == ["成本目标", "帮扶效果", "帮扶及时性", "扶贫对象满意度"]
    annual = [i for i in indicators("004_fd04dd69df0e1d80") if i.owner == "调查研究" and i.table.endswith("年度")]
    assert [i.line for i in annual] == list(range(702, 713))
    assert sum(i.weight for i in annual) == Decimal(80)  # as printed: the weights do not reach 100


def test_wrapped_name_is_joined_and_weight_taken_from_it() -> None:
    i = at("001_87de7c93fc8d4773", 472)
    assert (i.name, i.level1, i.weight, i.score) == ("恩施州来凤县乡村结对帮扶满意率", "满意度指标", Decimal(3), Decimal(3))
    assert i.source.line_end == 474


def test_targets_are_parsed() -> None:
    assert at("004_fd04dd69df0e1d80", 577).target_parsed == Target("≤", Decimal("0.4"), "%")
    assert at("004_fd04dd69df0e1d80", 614).target_parsed == Target("=", Decimal("3149.8"), "万元")
    assert at("004_fd04dd69df0e1d80", 642).target_parsed.parts == ((Decimal(8), "家"), (Decimal(10), "家"))
    paired = at("001_87de7c93fc8d4773", 572)
    assert (paired.target_parsed.value, paired.actual_parsed.value) == (Decimal(1750), Decimal(1780))
    assert at("004_fd04dd69df0e1d80", 757).target_parsed == Target(None, None, None)  # 及时


def test_owner_is_the_project_or_the_department() -> None:
    assert at("004_fd04dd69df0e1d80", 577).owner_kind == "department"
    assert at("004_fd04dd69df0e1d80", 754).owner == "乡村振兴工作"  # the form calls it 乡村振兴及对口帮扶工作
    assert at("000_d3b4b252b30afbb1", 818).owner == "重点办项目"


def test_row_that_lost_its_values_is_reported_not_dropped() -> None:
    problems = [p for p in seed("004").problems if p.line == 981]
    assert len(problems) == 1 and "indicator row not read" in problems[0].reason
    assert not [i for i in indicators("004_fd04dd69df0e1d80") if i.line == 981]


def test_other_district_self_evaluation() -> None:
    ex = extract_file(DATA / "wuchang_2023_final.txt")
    rows = [(i.name, i.target, i.actual, i.weight, i.score, i.owner) for i in ex.of(Indicator)]
    assert rows == [("支付结对帮扶资金", "820万元", "800万元", Decimal(20), Decimal(20), "鹤峰县结对帮扶经费"),
                    ("帮扶对象满意率", "≥95%", "98%", Decimal(20), Decimal(20), "鹤峰县结对帮扶经费")]


def test_other_district_one_cell_per_line() -> None:
    ex = extract_file(DATA / "dongxihu_2024_final_ocr.txt")
    rows = [(i.line, i.level1, i.level2, i.name, i.target, i.actual, i.score) for i in ex.of(Indicator)]
    assert rows == [(47, "产出指标", "数量指标", "支援项目个数", "6 个", "6 个", Decimal(20)),
                    (49, "产出指标", "时效指标", "帮扶及时性", "及时", "及时", Decimal(20)),
                    (59, "满意度指标", "服务对象满意度指标", "受援群众满意度", "90%", "96%", Decimal(20))]
    assert {i.owner for i in ex.of(Indicator)} == {"利川市结对帮扶经费"}


def test_indicators_of_a_synthetic_corpus(tmp_path: Path) -> None:
    """Declarations and self-evaluations of districts all over the country, some OCR-damaged (headers broken
    over lines, one cell per line): every indicator reads back with its target and actual."""
    from kb.synth.accuracy import score_corpus
    from kb.synth.corpus import Options, write_corpus

    write_corpus(tmp_path, 30, Options(seed=47))
    score = score_corpus(tmp_path)["indicators"]
    assert score.total >= 500
    assert score.recall >= 0.97, score.examples
