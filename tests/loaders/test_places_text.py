"""Place names in sentences: county, township and village as written, and the typo resolutions."""
from __future__ import annotations

from loaders.places_text import COUNTY_PARENT, counties_in, find_places, resolve_county

EVIDENCE = {"宣恩县": 14, "黄陂区": 10, "博乐市": 14, "江夏区": 2, "新洲区": 3, "建始县": 5}


def names(sentence: str) -> list[tuple[str, str]]:
    return [(p.text, p.name) for p in find_places(sentence, EVIDENCE)]


def test_county_with_parent_township_and_village() -> None:
    assert names("对口新疆博乐市青得里街道帮扶资金") == [("新疆博乐市青得里街道", "博乐市青得里街道")]
    assert names("保障对口帮扶江夏区山坡街道丰收村乡村振兴工作") == [("江夏区山坡街道丰收村", "江夏区山坡街道丰收村")]
    assert names("用于对口帮扶恩施州来凤县和江夏区山坡街丰收村") == [("恩施州来凤县", "来凤县"),
                                                          ("江夏区山坡街丰收村", "江夏区山坡街道丰收村")]


def test_street_shorthand_and_several_townships() -> None:
    (p,) = find_places("用于支援新洲区辛冲街旧街街 8 个项目建设", EVIDENCE)
    assert p.name == "新洲区辛冲街道、旧街街道"
    assert "辛冲街 read as 辛冲街道" in p.note
    assert names("黄陂区长轩岭街、蔡店街的20个村") == [("黄陂区长轩岭街、蔡店街", "黄陂区长轩岭街道、蔡店街道")]


def test_typos_resolved_only_against_the_documents_own_places() -> None:
    right, why = resolve_county("宜恩县", EVIDENCE)
    assert right == "宣恩县" and "宜恩县 is not a county-level division" in why and "14 times" in why
    right, why = resolve_county("黄浦区", EVIDENCE)
    assert right == "黄陂区" and "上海市" in why
    assert resolve_county("黄浦区", {"宣恩县": 3}) == ("黄浦区", None)  # no 黄陂区 in the document: 上海's 黄浦区
    assert resolve_county("宣恩县", {}) == ("宣恩县", None)


def test_short_form_only_when_the_full_name_is_in_the_document() -> None:
    (p,) = find_places("建始受灾，我区及时送去了总额 137.46 万元的支援救灾资金", EVIDENCE)
    assert (p.text, p.county) == ("建始", "建始县") and "short form" in p.note
    assert find_places("建始受灾", {"宣恩县": 1}) == []


def test_words_that_only_look_like_places() -> None:
    assert names("全区、受援地区、辖区、本区、老城区的工作") == []
    assert names("东西湖区") == [("东西湖区", "东西湖区")]


def test_counting_evidence() -> None:
    assert counties_in("结对帮扶宣恩县；赴宣恩县考察；对口黄陂区") == {"宣恩县": 2, "黄陂区": 1}
    assert COUNTY_PARENT["来凤县"] == "恩施土家族苗族自治州" and COUNTY_PARENT["博乐市"] == "博尔塔拉蒙古自治州"


def test_places_anywhere_in_the_country() -> None:
    assert names("对口忠县东西部协作帮扶资金") == [("忠县", "忠县")]
    assert names("东西部协作结对帮扶天水市武山县") == [("天水市武山县", "武山县")]
    assert names("对口临夏州积石山保安族东乡族撒拉族自治县") == [("临夏州积石山保安族东乡族撒拉族自治县",
                                                         "积石山保安族东乡族撒拉族自治县")]
    assert names("对口新疆阿克苏地区库车市援疆资金") == [("新疆阿克苏地区库车市", "库车市")]  # 库车县 became a city
    (pref,) = find_places("对口黔东南州东西部协作帮扶资金", {})
    assert (pref.level, pref.name) == ("prefecture", "黔东南苗族侗族自治州")


def test_typos_anywhere_use_the_parent_written_before_them() -> None:
    (p,) = find_places("对口新疆阿克苏地区湿宿县援疆资金", {})
    assert p.name == "温宿县" and p.note.startswith("typo resolved: 湿宿县 → 温宿县")  # not 八宿县 of 西藏
    (p,) = find_places("对口新疆喀付地区援疆资金", {})
    assert (p.level, p.name) == ("prefecture", "喀什地区")


def test_words_ending_like_places_are_not_places() -> None:
    assert names("依托武汉来凤乡村振兴区域协作成果体验馆") == []   # 振兴区 is a district of 丹东
    assert names("帮扶全县群众，本区、该县") == []
