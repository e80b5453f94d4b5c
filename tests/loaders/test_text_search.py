"""The whole-text searches by str.find find what a regex scan of the text finds."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from loaders.extractors.receipts import _RECEIVED, _RECEIVED_FIRST, _lines_saying_received
from loaders.places_text import _SUFFIX_CHARS, _SUFFIXES
from loaders.reader import read
from loaders.text_search import match_positions, positions
from tests.loaders.golden import DATA, PREFIXES, seed_path

TEXTS = [*(seed_path(p) for p in PREFIXES), *sorted(DATA.glob("*/*.txt"))]


def _lines(path: Path) -> tuple[str, ...]:
    return read(path).lines


def test_positions_of_characters() -> None:
    assert positions("武汉市江汉区对口帮扶宣恩县，恩施州", "县区市州") == [2, 5, 12, 16]
    assert positions("no such characters", "县区") == []
    assert positions("", "县") == []


def test_match_positions_are_where_the_pattern_matches() -> None:
    text = "收到江汉区资金到位，本县得到支援；本级支出"
    assert match_positions(text, _RECEIVED, _RECEIVED_FIRST) == [0, 7, 10, 12]
    assert [i for i in range(len(text)) if _RECEIVED.match(text, i)] == [0, 7, 10, 12]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_suffixes_found_as_by_the_regex(path: Path) -> None:
    text = "\n".join(_lines(path))
    assert positions(text, _SUFFIX_CHARS) == [m.start() for m in _SUFFIXES.finditer(text)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_lines_saying_received_as_by_a_search_of_every_line(path: Path) -> None:
    lines = _lines(path)
    assert _lines_saying_received(lines) == {n for n, line in enumerate(lines, 1) if _RECEIVED.search(line)}


def test_the_first_characters_stated_are_those_the_pattern_begins_with() -> None:
    # every alternative of the receipt words begins with one of the stated characters (the class [我本] with both)
    for alternative in _RECEIVED.pattern.split("|"):
        first = re.match(r"\[([^]]+)\]|(.)", alternative)
        assert set(first.group(1) or first.group(2)) <= set(_RECEIVED_FIRST), alternative


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_rows_without_spaces_told_as_by_the_regex(path: Path) -> None:
    from loaders.tables import _NON_TAB_SPACE, _spaceless_row

    rows = [line for line in _lines(path) if "\t" in line]
    odd = [f"a{chr(c)}\tb" for c in range(0x3100)] + ["a\u3000\tb", "a\xa0b\tc", "a\u200bb\tc", "\t\t"]
    for line in rows + odd:
        assert _spaceless_row(line) == (_NON_TAB_SPACE.search(line) is None), repr(line)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_glossary_codes_of_joined_lines_as_of_each_line(path: Path) -> None:
    from loaders.narrative import _GLOSSARY_CODE, _GLOSSARY_CODE_IN_LINES

    lines = _lines(path)
    per_line = [m.groups() for line in lines for m in _GLOSSARY_CODE.finditer(line)]
    assert [m.groups() for m in _GLOSSARY_CODE_IN_LINES.finditer("\n".join(lines))] == per_line


def test_every_space_but_the_ascii_one_is_unprintable() -> None:
    from loaders.text_search import spaceless

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]
    assert not any(spaceless(f"a{c}b") for c in spaces)
    assert spaceless("一般公共服务支出") and not spaceless("公务用车运行维护 费") and not spaceless("事\u3000业")
