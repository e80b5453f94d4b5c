"""Gazetteer: official codes and parent chains, townships from places_extra.yaml, short forms,
compounds, and ambiguity decided by the document's own place."""
import pytest

from kb.places import AmbiguousPlace, gazetteer, resolve


def names(place):
    return [p.name for p in place.chain]


def test_county_with_official_code_and_chain():
    p = resolve("宣恩县")
    assert p.code == "422825" and p.node_id == "place/422825" and p.level == "county"
    assert names(p) == ["宣恩县", "恩施土家族苗族自治州", "湖北省"]
    assert [a.code for a in p.chain] == ["422825", "422800", "420000"]


def test_township_from_places_extra_hangs_under_its_county():
    p = resolve("青得里街道")
    assert names(p) == ["青得里街道", "博乐市", "博尔塔拉蒙古自治州", "新疆维吾尔自治区"]
    assert p.code is None and p.node_id == "place/652701/青得里街道" and p.level == "township"
    v = resolve("丰收村")
    assert names(v) == ["丰收村", "山坡街道", "江夏区", "武汉市", "湖北省"] and v.level == "village"
    for town, county in [("长轩岭街道", "黄陂区"), ("蔡店街道", "黄陂区"), ("旧街街道", "新洲区"),
                         ("长梁镇", "建始县"), ("茅田乡", "建始县")]:
        assert resolve(town).parent.name == county


@pytest.mark.parametrize("short,full", [("恩施州", "恩施土家族苗族自治州"), ("新疆", "新疆维吾尔自治区"),
                                        ("湖北", "湖北省"), ("宣恩", "宣恩县"), ("博州", "博尔塔拉蒙古自治州"),
                                        ("山坡街", "山坡街道"), ("五峰县", "五峰土家族自治县")])
def test_short_forms(short, full):
    assert resolve(short).name == full


@pytest.mark.parametrize("text,path", [
    ("新疆博乐市青得里街道", "新疆维吾尔自治区/博尔塔拉蒙古自治州/博乐市/青得里街道"),
    ("恩施州来凤县", "湖北省/恩施土家族苗族自治州/来凤县"),
    ("江夏区山坡街道丰收村", "湖北省/武汉市/江夏区/山坡街道/丰收村"),
    ("黄陂区长轩岭街", "湖北省/武汉市/黄陂区/长轩岭街道"),
    ("恩施建始县", "湖北省/恩施土家族苗族自治州/建始县"),
])
def test_compound_names_read_left_to_right(text, path):
    assert resolve(text).path == path


def test_ambiguity_is_decided_by_context_or_reported():
    # 朝阳区 is in 北京市 and in 长春市
    with pytest.raises(AmbiguousPlace, match="北京市/朝阳区.*吉林省/长春市/朝阳区"):
        resolve("朝阳区")
    assert resolve("朝阳区", context_place="长春市南关区").code == "220104"
    assert resolve("朝阳区", context_place=resolve("北京市")).code == "110105"
    # a Wuhan document's 黄陂区 (the only one; context does not move it)
    assert resolve("黄陂区", context_place="武汉市江汉区").code == "420116"


def test_unknown_name_is_none():
    assert resolve("不存在县") is None and resolve("") is None


def test_gazetteer_covers_every_county_level_division():
    g = gazetteer()
    counties = [p for p in g.by_key.values() if p.level == "county"]
    assert len(counties) > 2800
    assert all(p.parent is not None and len(p.code) == 6 for p in counties)


def test_district_short_forms_and_their_ties():
    assert resolve("黄陂").code == "420116"
    assert resolve("黄陂长轩岭街").path == "湖北省/武汉市/黄陂区/长轩岭街道"
    # 朝阳 is 朝阳市 (辽宁), 朝阳县 and two 朝阳区: only context decides
    with pytest.raises(AmbiguousPlace):
        resolve("朝阳")
    assert resolve("朝阳", context_place="北京市东城区").code == "110105"


@pytest.mark.parametrize("short,code", [("神农架", "429021"), ("仙桃", "429004")])
def test_two_character_suffixes_are_dropped_whole(short, code):
    assert resolve(short).code == code


def test_prefecture_and_its_seat_share_a_short_form():
    # 阿克苏 is 阿克苏地区 and its seat 阿克苏市: a tie, not a guess
    assert {p.code for p in gazetteer().candidates("阿克苏")} == {"652900", "652901"}
    assert "阿克苏地" not in gazetteer().by_name
    with pytest.raises(AmbiguousPlace):
        resolve("阿克苏")


@pytest.mark.parametrize("text,path", [
    ("恩施州咸丰县高乐山镇", "湖北省/恩施土家族苗族自治州/咸丰县/高乐山镇"),
    ("咸丰县高乐山镇白岩村", "湖北省/恩施土家族苗族自治州/咸丰县/高乐山镇/白岩村"),
    ("江夏区五里界街", "湖北省/武汉市/江夏区/五里界街道"),
])
def test_townships_and_villages_not_listed_hang_under_their_county(text, path):
    p = resolve(text)
    county = next(a for a in p.chain if a.level == "county")
    assert p.path == path and p.code is None and p.key.startswith(county.code + "/")
    assert resolve(text) is p  # the same place on the second reading


@pytest.mark.parametrize("text", ["新洲区两村", "江夏区对口帮扶村", "黄陂区各街道", "黄陂区20个村", "火星县某镇"])
def test_prose_is_not_a_new_place(text):
    assert resolve(text) is None
