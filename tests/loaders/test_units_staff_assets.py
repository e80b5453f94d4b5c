"""Units, staff counts and assets, against golden files read by hand from the seeds."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import extract_file
from tests.loaders.golden import DATA, SEED_STEMS, compare, extraction, seed
from loaders.records import Asset, Problem, Staffing, Unit

@pytest.mark.parametrize("name", ('units', 'staffing', 'assets'))
@pytest.mark.parametrize("stem", SEED_STEMS)
def test_matches_golden(stem: str, name: str) -> None:
    result = compare(stem, name)
    assert not result.wrong and not result.extra, (result.wrong + result.extra)[0]


def test_004_units_have_codes_from_the_unit_table() -> None:
    units = {(u.code, u.name, u.role) for u in seed("004_fd04dd69df0e1d80").of(Unit)}
    assert units == {("104", "武汉市江汉区人民政府办公室", "部门"), ("104001", "武汉市江汉区人民政府办公室本级", "本级")}


def test_002_numbered_units_the_first_is_the_office_itself() -> None:
    units = [(u.name, u.role, u.source.line_start) for u in seed("002_81fcf87bf650a710").of(Unit)]
    assert units == [("武汉市洪山区人民政府办公室", "本级", 74), ("武汉市洪山区金融发展促进服务中心", "下属", 76),
                     ("武汉市洪山区人民政府政务值班调度中心", "下属", 78)]


def test_staff_counts_003_and_004() -> None:
    assert {s.category: s.count for s in seed("003_8c009d716d1b93c0").of(Staffing)} == {
        "在职": 26, "行政": 22, "机关工勤": 2, "事业编": 2, "离退休": 7, "离休": 0, "退休": 7}
    assert {s.category: s.count for s in seed("004_fd04dd69df0e1d80").of(Staffing)} == {
        "编制": 33, "行政编制": 33, "在职": 32, "行政人员": 30, "离退休": 22}


def test_vehicles_from_the_assets_section_and_the_three_public_narrative() -> None:
    assets = {(a.category, a.name): (a.count, a.source.line_start) for a in seed("001_87de7c93fc8d4773").of(Asset)}
    assert assets[("车辆", "车辆")] == (7, 365)
    assert assets[("车辆", "应急保障用车")] == (3, 365)
    assert assets[("车辆", "公务用车保有量")] == (2, 351)  # `…保有量为 2 辆` continues on line 351
    assert assets[("设备", "单价100万元以上设备")] == (0, 365)
    # 003 counts vehicles in 台, not 辆.
    assets = {a.name: a.count for a in seed("003_8c009d716d1b93c0").of(Asset)}
    assert (assets["应急车辆"], assets["其他用车"], assets["机要通信用车"]) == (2, 3, 1)


def test_other_department_budget() -> None:
    ex = extraction(DATA / "other_tables" / "xisaishan_fgj_2025_budget.txt")
    # The coded unit table wins; part one's numbered list adds nothing it lacks.
    assert [(u.code, u.role) for u in ex.of(Unit)] == [("215", "部门"), ("215001", "本级"), ("215002", "下属")]
    assert {s.category: s.count for s in ex.of(Staffing)} == {
        "编制": 18, "行政编制": 12, "事业编制": 6, "在职": 17, "离退休": 9, "离休": 1, "退休": 8}
    assert {(a.name, a.count) for a in ex.of(Asset)} == {("实物保障用车", 2), ("执法执勤用车", 1), ("单价100万元以上设备", 1)}


def test_other_department_final_account() -> None:
    ex = extraction(DATA / "other_tables" / "xisaishan_fgj_2024_final.txt")
    assert [(u.name, u.role) for u in ex.of(Unit)] == [("黄石市西塞山区发展和改革局本级", "本级"),
                                                       ("黄石市西塞山区价格认证中心", "下属")]
    assert {s.category: s.count for s in ex.of(Staffing)}["在职"] == 15
    assets = {a.name: a.count for a in ex.of(Asset)}
    assert assets == {"车辆": 3, "应急保障用车": 2, "其他用车": 1, "单价100万元以上设备": 0, "公务用车保有量": 3}


def test_staff_count_without_a_category_is_reported(tmp_path: Path) -> None:
    doc = tmp_path / "bad.txt"
    doc.write_text("某区某局\n2025年部门预算\n\n三、人员构成\n\n某区某局共有编制 12 人，另有借调 3 人。\n", encoding="utf-8")
    ex = extract_file(doc)
    assert {s.category: s.count for s in ex.of(Staffing)} == {"编制": 12}
    (problem,) = [p for p in ex.of(Problem) if "staff count" in p.reason]
    assert (problem.file, problem.line, problem.severity) == ("bad.txt", 6, "warning")
    assert "借调" in problem.reason


def test_internal_offices_are_not_units_and_a_short_list_is_reported(tmp_path: Path) -> None:
    doc = tmp_path / "units.txt"
    doc.write_text("某区某局\n2024 年度部门决算\n\n二、机构设置情况\n\n"
                   "1、办公室。负责机关日常运转。\n\n2、规划科。负责规划编制。\n\n"
                   "从单位构成看，某区某局部门决算由本级决算和 2 个下属单位决算组成。\n\n"
                   "纳入编制范围的二级预算单位包括：\n\n1.某区某局\n\n2.某区某中心\n\n三、人员构成\n", encoding="utf-8")
    ex = extract_file(doc)
    assert [(u.name, u.role, u.source.line_start) for u in ex.of(Unit)] == [("某区某局", "本级", 14), ("某区某中心", "下属", 16)]
    (problem,) = [p for p in ex.of(Problem) if "下属单位" in p.reason]
    assert (problem.line, problem.reason) == (10, "2 个下属单位 stated, 1 listed")


def test_equipment_thresholds_other_than_100(tmp_path: Path) -> None:
    doc = tmp_path / "assets.txt"
    doc.write_text("某区某局\n2024 年度部门决算\n\n十二、国有资产占用情况说明\n\n"
                   "截至 2024 年 12 月 31 日，某区某局共有车辆 2 辆，其中，执法执勤用车 2 辆。"
                   "单价 50 万元以上通用设备 3 台（套），单价 100 万元以上专用设备 1 台（套）。\n\n十三、其他\n",
                   encoding="utf-8")
    got = {(a.category, a.name): a.count for a in extract_file(doc).of(Asset)}
    assert got == {("车辆", "车辆"): 2, ("车辆", "执法执勤用车"): 2, ("设备", "单价50万元以上通用设备"): 3,
                   ("设备", "单价100万元以上专用设备"): 1}


def test_staff_sentence_broken_across_lines(tmp_path: Path) -> None:
    doc = tmp_path / "broken.txt"
    doc.write_text("某区某局\n2024 年度部门决算\n\n三、人员构成\n\n某区某局共有编制 18 人，在职人\n"
                   "员实有数 17 人，离退休人员 4 人。全年接待来访 300 人次。\n", encoding="utf-8")
    got = [(s.category, s.count, s.source.line_start, s.source.line_end) for s in extract_file(doc).of(Staffing)]
    assert got == [("编制", 18, 6, 6), ("在职", 17, 6, 7), ("离退休", 4, 7, 7)]


def test_staff_count_whose_unit_is_on_the_next_line(tmp_path: Path) -> None:
    doc = tmp_path / "broken2.txt"
    doc.write_text("某县某办\n2024 年度部门决算\n\n某县某办共有编制 51 人，在职人员实有数 51\n人，离退休人员 30 人。\n",
                   encoding="utf-8")
    got = [(s.category, s.count, s.source.line_start, s.source.line_end) for s in extract_file(doc).of(Staffing)]
    assert got == [("编制", 51, 4, 4), ("在职", 51, 4, 5), ("离退休", 30, 5, 5)]


def test_a_category_stated_twice_with_different_counts_is_reported(tmp_path: Path) -> None:
    doc = tmp_path / "twice.txt"
    doc.write_text("某区某局\n2024 年度部门决算\n\n某区某局共有编制 12 人，在职人员 11 人。\n\n本部门编制 13 人。\n",
                   encoding="utf-8")
    ex = extract_file(doc)
    assert {s.category: s.count for s in ex.of(Staffing)} == {"编制": 12, "在职": 11}
    assert [(p.line, p.reason) for p in ex.of(Problem) if "stated as" in p.reason] == [
        (6, "编制 stated as 13 here and as 12 before; the first kept")]
