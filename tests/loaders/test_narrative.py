"""The narrative helpers on the seeds' own text: joining OCR lines, sections, name chains → codes."""
from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.narrative import (CHAIN, FunctionCodes, abbreviates, chain_of, glossary_codes, part_range, sections,
                               variance_statements)
from loaders.prose import clean_line, join_prose
from loaders.tables import chinese_number
from loaders.reader import read
from loaders.records import BudgetLine, Source
from tests.loaders.golden import seed_path

def seed_lines(prefix: str) -> tuple[str, ...]:
    return read(seed_path(prefix)).lines


def test_clean_line_drops_ocr_spaces_but_keeps_the_gap_between_two_numbers():
    assert clean_line("- 年初预算为1, 105. 52 万元") == "年初预算为1,105.52万元"
    assert clean_line("20408.02 20351.37 99.90% 20.00") == "20408.02 20351.37 99.90%20.00"


def test_join_prose_skips_blank_lines_and_the_page_number_inside_a_sentence():
    lines = seed_lines("002")
    prose = join_prose(lines, 240, 258)  # item 1 of 五（三）, with page number 17 at line 246
    assert "年初预算为1043.49万元，支出决算为1074.37万元，完成年初预算的102.96%" in prose.text
    assert "17" not in prose.text.replace("2017", "")
    at = prose.text.index("支出决算为1074.37")
    assert prose.line_at(at) == 248
    assert prose.lines_of(0, len(prose.text)) == (240, 258)


def test_chinese_number():
    assert [chinese_number(s) for s in ("一", "九", "十", "十三", "二十", "二十一", "零", "")] == [1, 9, 10, 13, 20, 21, None, None]


def test_parts_skip_the_table_of_contents_and_sections_carry_their_subsections():
    lines = seed_lines("000")
    assert part_range(lines, 3) == (353, 533)  # the contents name 第三部分 at line 27 too
    secs = sections(lines, 353, 533)
    detail = [s for s in secs if (s.number, s.sub) == (5, 3)]
    assert len(detail) == 1 and detail[0].first == 412 and detail[0].last == 437
    assert detail[0].heading.startswith("五、一般公共预算财政拨款支出决算情况说明")


def test_chain_with_brackets_inside_names_and_mixed_bracket_widths():
    m = CHAIN.search("1.一般公共服务支出(类)财政事务（款）行政运行（项）。年初预算为")
    c = chain_of(m)
    assert (c.lei, c.kuan, c.xiang, c.level) == ("一般公共服务支出", "财政事务", "行政运行", "项")
    c = chain_of(CHAIN.search("2.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）"))
    assert c.kuan == "政府办公厅（室）及相关机构事务" and c.xiang == "一般行政管理事务"


def test_abbreviation_is_an_ordered_subsequence():
    assert abbreviates("其他巩固脱贫衔接乡村振兴支出", "其他巩固脱贫攻坚成果衔接乡村振兴支出")
    assert abbreviates("其他党委办公厅(室)及相关机构事务支出", "其他党委办公厅(室)及相关机构事务支")
    assert not abbreviates("行政运行", "一般行政管理事务")


def _lines_001() -> list[BudgetLine]:
    """001's 公开05 rows (lines 175-185) as the tab-table extractor reads them."""
    lines = seed_lines("001")
    out = []
    for n in range(175, 186):
        code, name = lines[n - 1].split("\t")[:2]
        out.append(BudgetLine("function", code, name, "项", "一般公共预算", {}, "公开05",
                              Source("001", n, n, "公开05", lines[n - 1])))
    return out


def _resolve(codes: FunctionCodes, text: str):
    return codes.resolve(chain_of(CHAIN.search(text)))


def test_codes_come_from_the_documents_own_lines_disambiguated_by_the_national_kuan():
    codes = FunctionCodes(_lines_001())
    # 一般行政管理事务 is both 2010302 and 2010402 in 001: the 款 name picks 20103.
    assert _resolve(codes, "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）") == ("2010302", None)
    assert _resolve(codes, "社会保障和就业支出(类)抚恤(款)死亡抚恤(项)") == ("2080801", None)


def test_abbreviated_names_resolve_with_a_note():
    code, note = _resolve(FunctionCodes(_lines_001()),
                          "农林水支出(类)巩固脱贫衔接乡村振兴(款)其他巩固脱贫衔接乡村振兴支出(项)")
    assert code == "2130599"
    assert "其他巩固脱贫攻坚成果衔接乡村振兴支出" in note


def test_a_misnamed_kuan_is_resolved_by_the_unique_item_and_reported():
    code, note = _resolve(FunctionCodes(_lines_001()), "一般公共服务支出(类)财政事务（款）行政运行（项）")
    assert code == "2010301"
    assert "财政事务" in note and "20106" in note


def test_ambiguous_and_unknown_chains_stay_unresolved():
    codes = FunctionCodes(_lines_001())
    code, note = _resolve(codes, "一般公共服务支出(类)某某事务(款)一般行政管理事务(项)")
    assert code is None and "2010302" in note and "2010402" in note
    assert _resolve(FunctionCodes([]), "金融支出（类）其他金融支出（款）其他金融支出（项）") == (None, None)


def test_class_and_kuan_fall_back_to_the_national_list_with_a_note():
    code, note = _resolve(FunctionCodes([]), "3.社会保障和就业（类）支出 292.70 万元")
    assert code == "208" and "national" in note
    code, note = _resolve(FunctionCodes([]), "农林水支出(类)巩固脱贫衔接乡村振兴(款)")
    assert code == "21305" and "national" in note


def test_glossary_codes_read_codes_printed_in_the_glossary():
    lines = ("第五部分 名词解释", "1.2010301 行政运行：反映行政单位的基本支出。", "第六部分 附件")
    assert glossary_codes(lines) == {"2010301": "行政运行"}
    assert glossary_codes(seed_lines("002")) == {}  # 002's glossary names items without codes
    code, note = FunctionCodes([], glossary_codes(lines)).resolve(
        chain_of(CHAIN.search("一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）")))
    assert code == "2010301" and "名词解释" in note


def test_variance_statements_cut_each_reason_at_the_next_item():
    lines = seed_lines("003")
    prose = join_prose(lines, 424, 433)
    found = variance_statements(prose)
    assert [v.chain.xiang for v in found] == ["机关事业单位基本养老保险缴费支出", "机关事业单位职业年金缴费支出",
                                              "行政单位医疗", "公务员医疗补助", "其他行政事业单位医疗支出"]
    assert found[1].reason == "用于员工职业年金缴费支出"  # not running on into `3.卫生健康支出具体包括`
    assert found[0].reason is None and found[0].rate == "100"
    assert prose.lines_of(found[0].start, found[0].end) == (425, 427)
    assert Decimal(found[2].final[0]) == Decimal("5.04")


@pytest.mark.parametrize("text", ["2024年本单位年初预算为1615.57万元，2024年本单位预算执行数为3150.39万元",
                                  "项目全年预算为54.13万元，支出决算为44.21万元"])
def test_sentences_that_are_not_variance_statements(text):
    assert variance_statements(join_prose([text])) == []


def test_variance_statement_variants_other_districts_write():
    text = ("2.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）：年初预算数为1,200.5万元，支出决算数为0.12亿元，"
            "为年初预算的99.96%，主要原因：人员调整。3.其他")
    (v,) = variance_statements(join_prose([text]))
    assert v.chain.level == "款" and v.chain.kuan == "政府办公厅（室）及相关机构事务"
    assert (v.initial, v.final, v.rate, v.reason) == (("1,200.5", "万元"), ("0.12", "亿元"), "99.96", "人员调整")


def test_a_bare_amount_split_from_its_unit_is_not_taken_for_a_page_number():
    lines = ["公务接待费调减", "", "17", "", "其他经费调减", "", "120", "", "万元。"]
    assert join_prose(lines).text == "公务接待费调减其他经费调减120万元。"


def test_glossary_codes_keep_function_codes_beside_other_numbers():
    lines = ("第五部分 名词解释", "301 工资福利支出：反映… 2080505 机关事业单位基本养老保险缴费支出：反映…",
             "12010301 行政运行：编号太长。 2130505 生产发展：反映…", "第六部分 附件")
    assert glossary_codes(lines) == {"2080505": "机关事业单位基本养老保险缴费支出", "2130505": "生产发展"}
