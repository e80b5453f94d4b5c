"""loaders.tables: finding tab tables, their captions and units, and placing shifted cells."""
from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.tables import (amount, chinese_number, find_tables, is_amount, money_unit, normal_title,
                            place_values, read_toc, split_header, table_mark)

D = Decimal
TOTAL_SPLIT = (("total", ((1, "basic"), (1, "project"))),)

SAMPLE = """目录
- 一、收入支出决算总表
- 二、收入决算表
- 三、支出决算表

三、支出决算表

2023 年度支出决算表

公开 03 表
单位：元

部门：某县某局
项目\t\t本年支出合计\t基本支出\t项目支出
类\t款\t项\t1\t2\t3
合计\t\t12,000.00\t10, 000. 00\t2,000.00
2010301\t行政运行\t\t10,000.00\t10,000.00\t
- 7 -
2010302\t一般行政管理事务\t\t2,000.00\t\t2,000.00
注：本表反映部门本年度各项支出情况。

四、财政拨款收入支出决算总表
单位：万元

第三部分 情况说明正文，这一段是叙述文字而不是表格。
合计\t1.00
"""


def test_marks_units_titles():
    assert table_mark("公开 03 表") == "公开03"
    assert table_mark("预算5表") == "预算05"
    assert table_mark("公开 02 表 单位:万元") == "公开02"
    assert table_mark("本表为公开 05 表的说明，" + "很长的句子" * 12) is None
    assert money_unit("单位：万元") == "万元"
    assert money_unit("单位: 元") == "元"
    assert money_unit("单位：新洲区人民政府办公室本级") is None
    assert normal_title("五、2024年一般公共预算支出表（分功能科目）") == "一般公共预算支出表(分功能科目)"
    assert normal_title("- 九、财政拨款“三公”经费支出决算表") == "财政拨款三公经费支出决算表"
    assert normal_title("2024年度支出决算表（）") == "支出决算表"    # what is left of `…表（公开03表）`
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十", "廿一", "x")] == [1, 10, 12, 20, 21, None]


def test_amount_cells():
    assert amount("1, 105. 52") == D("1105.52")
    assert amount("2,818.99") == D("2818.99")
    assert str(amount("12,000.00", "元")) == "1.20"
    assert str(amount("1,234.56", "元")) == "0.123456"      # no precision lost
    assert str(amount("5, 000", "元")) == "0.50" and str(amount("3", "亿元")) == "30000.00"
    assert amount("") is None
    assert is_amount("1, 105. 52") and not is_amount("行政运行") and not is_amount("")
    with pytest.raises(ValueError, match="not a number"):
        amount("12a")


def test_find_tables_caption_rows_notes_and_page_numbers():
    lines = SAMPLE.split("\n")
    tables = find_tables(lines)
    t = next(t for t in tables if t.mark == "公开03")
    assert [title for _, title in t.titles] == ["三、支出决算表", "2023 年度支出决算表"]
    assert t.unit == "元" and lines[t.unit_line - 1] == "单位：元"
    assert [r.line for r in t.rows] == [14, 15, 16, 17, 19]      # the page number `- 7 -` is skipped
    assert t.notes == [(20, "注：本表反映部门本年度各项支出情况。")]
    header, body = split_header(t.rows, lambda r: r.cells[0] == "合计" or r.cells[0].isdigit())
    assert [r.line for r in header] == [14, 15] and body[0].cells[2] == "12,000.00"
    # the heading with no body before prose: a table with no rows; the row after the prose
    # opens an uncaptioned table instead of joining it
    lost = next(t for t in tables if t.titles and t.titles[0][1] == "四、财政拨款收入支出决算总表")
    assert lost.rows == [] and lost.closed
    assert tables[-1].titles == [] and tables[-1].rows[0].line == 26


def test_read_toc_numbers_titles():
    toc = read_toc(SAMPLE.split("\n"))
    assert toc == {"收入支出决算总表": (1, 2), "收入决算表": (2, 3), "支出决算表": (3, 4)}


def test_place_values_uses_row_arithmetic():
    keys = ["total", "basic", "project", "upper_remit"]
    # an extra blank cell in front: only dropping it makes total = basic + project
    p = place_values(["", "5.00", "", "5.00", "", ""], keys, TOTAL_SPLIT)
    assert p.values == {"total": D("5.00"), "basic": None, "project": D("5.00"), "upper_remit": None}
    assert (p.shift, p.violations, p.ties) == (1, 0, 0)
    p = place_values(["", "", "9.00", "4.00", "5.00", ""], keys, TOTAL_SPLIT)
    assert p.values["total"] == D("9.00") and p.shift == 2 and p.violations == 0
    # too few cells: padded, and the arithmetic still holds with the blank at the end
    p = place_values(["3.00", "3.00"], keys, TOTAL_SPLIT)
    assert p.values == {"total": D("3.00"), "basic": D("3.00"), "project": None, "upper_remit": None}
    assert p.shift == 0 and p.ties == 0
    # arithmetic that cannot hold is reported, not hidden
    p = place_values(["10.00", "4.00", "5.00", ""], keys, TOTAL_SPLIT)
    assert p.violations == 1 and p.values["total"] == D("10.00")
    # no check to decide between two placements: reported as a tie
    p = place_values(["", "7.00", ""], ["a", "b"])
    assert p.values == {"a": D("7.00"), "b": None} and p.ties == 1
    with pytest.raises(ValueError, match="3 filled cells for 2 columns"):
        place_values(["1.00", "2.00", "3.00"], ["total", "basic"])


def test_mark_title_and_unit_on_one_line():
    lines = ["2023年度支出决算表（公开03表）", "公开 02 表 单位:元", "合计\t1.00", "注：本表反映…"]
    tables = find_tables(lines)
    assert (tables[0].mark, [t for _, t in tables[0].titles]) == ("公开03", ["2023年度支出决算表（）"])
    assert normal_title(tables[0].titles[0][1]) == "支出决算表"
    assert (tables[1].mark, tables[1].unit, tables[1].unit_line) == ("公开02", "元", 2)
    assert [r.cells for r in tables[1].rows] == [["合计", "1.00"]] and tables[1].closed


def test_split_cells_strips_every_kind_of_space_and_keeps_empty_cells():
    from loaders.tables import split_cells
    # the fast path (no space in the line) and the stripping path give the same cells
    assert split_cells("合计\t\t12,000.00\t") == ["合计", "", "12,000.00", ""]
    assert split_cells(" 合计 \t\u3000\t12,000.00\xa0\t ") == ["合计", "", "12,000.00", ""]
    assert split_cells("1, 105. 52\t事 业 收 入") == ["1, 105. 52", "事 业 收 入"]


def test_a_wide_row_ending_in_a_note_closes_its_table():
    lines = ["公开 03 表", "项目\t本年支出合计\t基本支出\t项目支出", "2010301\t行政运行\t10.00\t10.00\t",
             "注：本表反映\t部门\t本年度\t支出情况", "2010302\t一般行政管理事务\t2.00\t\t2.00"]
    first, second = find_tables(lines)
    assert [r.line for r in first.rows] == [2, 3] and first.notes == [(4, "注：本表反映\t部门\t本年度\t支出情况")]
    assert first.closed and [r.line for r in second.rows] == [5] and second.mark is None
