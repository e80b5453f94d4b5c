"""Indicator values → Target: the comparator, the value and the unit each case must give."""
from decimal import Decimal

import pytest

from loaders.records import Target
from loaders.targets import parse_target

D = Decimal


@pytest.mark.parametrize("text, expected", [
    ("≥95%", Target("≥", D("95"), "%")),
    ("95％", Target("=", D("95"), "%")),
    ("=100%", Target("=", D("100"), "%")),
    (">2个", Target(">", D("2"), "个")),
    ("≤4%", Target("≤", D("4"), "%")),
    ("-13%", Target("=", D("-13"), "%")),
    ("≥120", Target("≥", D("120"), None)),
    ("120 场", Target("=", D("120"), "场")),
    ("≥12个(件)", Target("≥", D("12"), "个(件)")),
    ("达到 59.4%", Target("≥", D("59.4"), "%")),
    ("200 余篇", Target(">", D("200"), "篇")),
])
def test_comparisons_and_units(text, expected):
    assert parse_target(text) == expected


def test_per_mille_in_words_becomes_percent():
    assert parse_target("≤千分之四") == Target("≤", D("0.4"), "%")
    assert parse_target("万分之五") == Target("=", D("0.05"), "%")


@pytest.mark.parametrize("text, value", [("3149.8万元", D("3149.8")), ("1750 万", D("1750")),
                                         ("≥156万元", D("156")), ("3亿元", D("30000")), ("10400元", D("1.04"))])
def test_money_is_normalised_to_wan(text, value):
    t = parse_target(text)
    assert (t.value, t.unit) == (value, "万元")


def test_range_keeps_both_bounds():
    assert parse_target("8-10家") == Target("~", D("8"), "家", ((D("8"), "家"), (D("10"), "家")))


def test_list_of_counts_becomes_parts():
    t = parse_target("1个帮扶县，20个脱贫村")
    assert t == Target(None, None, None, ((D("1"), "个帮扶县"), (D("20"), "个脱贫村")))


def test_total_with_parts_in_brackets():
    t = parse_target("22个（1个帮扶县，20个脱贫村，1个帮扶街道）")
    assert (t.comparator, t.value, t.unit) == ("=", D("22"), "个")
    assert t.parts == ((D("1"), "个帮扶县"), (D("20"), "个脱贫村"), (D("1"), "个帮扶街道"))


@pytest.mark.parametrize("text", ["及时", "显著提高", "达标", "巩固提升，有效衔接", "累计单位请示报告 425 件"])
def test_qualitative_values_have_no_comparator(text):
    assert parse_target(text) == Target(None, None, None)


@pytest.mark.parametrize("text", [None, "", "  ", "/", "——"])
def test_empty_cells(text):
    assert parse_target(text) is None
