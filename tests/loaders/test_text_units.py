"""Units and sentences: paragraphs joined across OCR line breaks, every character mapped back to its line."""
from __future__ import annotations

from loaders.text_units import sentences, units


def test_ocr_paragraph_is_joined_and_lines_are_kept() -> None:
    lines = ("区先后投入", "", "2100 万元结对帮扶项目资金，用于支援建始县 5 个项目。建始受灾，我区", "",
             "送去了 137.46 万元。")
    (unit,) = units(lines)
    first, second = sentences(unit)
    assert first.text == "区先后投入2100 万元结对帮扶项目资金，用于支援建始县 5 个项目。"
    assert (first.first, first.last, first.line_at(first.text.index("2100"))) == (1, 3, 3)
    assert (second.first, second.last, second.line_at(second.text.index("137.46"))) == (3, 5, 5)


def test_breakdown_rows_and_table_rows() -> None:
    lines = ("项目名称\t乡村振兴工作", "2024年项目支出明细及依据\t项目内容\t测算依据及说明\t本级财政拨款金额",
             "\t对口宣恩县帮扶资金\t结对帮扶恩施州宣恩县\t2200.00万元", "项目资产配置计划及采购计划\t\t",
             "上年绩效评价结果\t落实帮扶资金420万元")
    kinds = [(u.kind, u.first, u.project, u.label) for u in units(lines)]
    assert ("breakdown", 3, "乡村振兴工作", None) in kinds
    assert ("text", 5, "乡村振兴工作", "上年绩效评价结果") in kinds
