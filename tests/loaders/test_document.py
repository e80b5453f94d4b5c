"""The document record: department, city, district, year, stage and date, from the cover or the
first heading, for any kind of department and any kind of county-level place."""
from __future__ import annotations

from datetime import date

import pytest

from loaders.document import _department, _place_of, read_document
from loaders.reader import read


@pytest.mark.parametrize("prefix, department, city, district, year, stage, published", [
    ("000", "武汉市新洲区人民政府办公室", "武汉市", "新洲区", 2024, "决算", date(2025, 10, 22)),
    ("001", "武汉市汉阳区人民政府办公室", "武汉市", "汉阳区", 2024, "决算", date(2025, 10, 15)),
    ("002", "武汉市洪山区人民政府办公室", "武汉市", "洪山区", 2023, "决算", None),
    ("003", "中国共产党武汉市蔡甸区委员会办公室本级", "武汉市", "蔡甸区", 2024, "决算", date(2025, 11, 10)),
    ("004", "武汉市江汉区人民政府办公室", "武汉市", "江汉区", 2024, "预算", None),
])
def test_seed_covers(seeds_dir, prefix, department, city, district, year, stage, published):
    d = read_document(read(next(seeds_dir.glob(f"{prefix}_*.txt"))))
    assert (d.department, d.city, d.district, d.fiscal_year, d.stage, d.published) == \
        (department, city, district, year, stage, published)


@pytest.mark.parametrize("line, department, city, district", [
    ("焦作市孟州市档案馆2024年度部门决算", "焦作市孟州市档案馆", "焦作市", "孟州市"),
    ("河池市大化瑶族自治县人民法院 2024 年部门预算", "河池市大化瑶族自治县人民法院", "河池市", "大化瑶族自治县"),
    ("十堰市郧阳区人民代表大会常务委员会办公室2023年度部门决算", "十堰市郧阳区人民代表大会常务委员会办公室", "十堰市", "郧阳区"),
    ("锡林郭勒盟正蓝旗总工会部门预算", "锡林郭勒盟正蓝旗总工会", "锡林郭勒盟", "正蓝旗"),
    ("附件 1: 2024 年度中国共产党宣恩县委员会宣传部部门决算公开", "中国共产党宣恩县委员会宣传部", "恩施土家族苗族自治州", "宣恩县"),
])
def test_other_kinds_of_departments_and_places(line, department, city, district):
    assert _department(line) == department
    assert _place_of(department) == (city, district)


@pytest.mark.parametrize("line", ["2024 年度", "一、部门主要职责", "目 录", "2024年收支预算总表"])
def test_lines_that_name_no_department(line):
    assert _department(line) is None
