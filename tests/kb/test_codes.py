"""Every classification code a seed prints resolves to a concept with its whole parent chain."""
import os
import re
from pathlib import Path

import pytest

from kb.codes import CodeList, UnknownCode, code_list, parent_code, scheme_of

SEEDS = Path(os.environ.get("KB_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"))
# A code in a table cell or in [brackets] (预算 procurement table), followed by its name, not by a
# measure word (219 件, 200 条 are counts in indicator tables).
CODE_CELL = re.compile(r"(?:^|\t|\[)\s*-?\s*([23]\d{2}(?:\d{2}(?:\d{2})?)?)\s*(?:\t|\]|\s)\s*(?![件项个台场条万人次余])[\u4e00-\u9fff]")


def seed_codes() -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(SEEDS.glob("0*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in CODE_CELL.finditer(line):
                code = m.group(1)
                if len(code) in (3, 5, 7) and not (code.startswith("3") and len(code) == 7):
                    found.setdefault(code, (path.name, n))
    return found


def test_the_seeds_print_codes_of_both_schemes():
    codes = seed_codes()
    assert {"2130599", "2010301", "2210201", "30101", "30231", "310"} <= set(codes)
    assert len(codes) > 90


@pytest.mark.parametrize("code,where", sorted(seed_codes().items()))
def test_every_seed_code_resolves_with_its_parent_chain(code, where):
    scheme = "function" if code.startswith("2") else "economic"
    chain = code_list(scheme).chain(code)
    assert [c.code for c in chain] == [code[:n] for n in (7, 5, 3) if n <= len(code)], where
    assert all(c.name for c in chain)


def test_chain_and_labels():
    f = code_list("function")
    assert [(c.code, c.name, c.level) for c in f.chain("2130599")] == [
        ("2130599", "其他巩固脱贫攻坚成果衔接乡村振兴支出", "项"), ("21305", "巩固脱贫攻坚成果衔接乡村振兴", "款"),
        ("213", "农林水支出", "类")]
    assert f.get("213").name_en == "Agriculture, forestry and water"
    # same name in two branches: the code is the key
    assert f.get("2010302").name == f.get("2010402").name == "一般行政管理事务"
    assert f.get("2010302").parent_code == "20103" and f.get("2010402").parent_code == "20104"
    e = code_list("economic")
    assert [c.code for c in e.chain("30231")] == ["30231", "302"] and e.get("302").name == "商品和服务支出"
    assert {c.code for c in e.children("310")} >= {"31002", "31013"}


def test_seen_in_points_at_a_real_seed_line():
    c = code_list("function").get("2130599")
    doc, _, line = c.seen_in.partition(" line ")
    text = (SEEDS / f"{doc}.txt").read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert "2130599" in text and "其他巩固脱贫攻坚成果衔接乡村振兴支出" in text


def test_unknown_and_malformed_codes():
    with pytest.raises(UnknownCode, match="function code '2999999' is not in"):
        code_list("function").get("2999999")
    assert parent_code("2130599") == "21305" and parent_code("213") is None
    assert scheme_of("功能") == "function" and scheme_of("economic") == "economic"
    with pytest.raises(ValueError, match="neither function nor economic"):
        scheme_of("fund")


def test_a_bad_csv_row_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "function_codes.csv").write_text("code,name,name_en,source,seen_in\n213,农林水支出,,x,\n21305x,坏,,x,\n",
                                                 encoding="utf-8")
    with pytest.raises(ValueError, match=r"function_codes.csv:3: code '21305x'"):
        CodeList("function", tmp_path)


def test_a_code_without_its_parent_is_refused(tmp_path):
    (tmp_path / "function_codes.csv").write_text("code,name,name_en,source,seen_in\n2130599,其他,,x,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="code 2130599 has no parent 21305"):
        CodeList("function", tmp_path)
