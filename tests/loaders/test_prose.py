"""Joined text: sentences broken by OCR are read whole, and every character maps back to its line."""
from __future__ import annotations

import re

from loaders.prose import join_prose, join_sentences
from loaders.sections import section
from tests.loaders.golden import context


def test_join_sentences_runs_broken_sentences_on_and_maps_back_to_lines() -> None:
    ctx = context("002")
    first, last = section(ctx, re.compile("国有资产"))
    prose = join_sentences(ctx.lines, first, last)
    at = prose.text.index("部门价值 100 万元")       # spaces kept
    assert prose.line_at(at) == 542
    assert "以上专用设备 0 台" in prose.text  # line 543 runs on from 542 without a break
    assert prose.line_at(prose.text.index("以上专用设备")) == 543


def test_sentence_ends_and_headings_keep_their_line_break_page_numbers_do_not() -> None:
    lines = ("一、机构设置", "本部门共有车辆 3", "- 12 -", "辆。", "其中机要用车 1 辆。", "", "17", "万元的设备 2 台。")
    prose = join_sentences(lines, 1, len(lines))
    assert prose.text == "一、机构设置\n本部门共有车辆 3辆。\n其中机要用车 1 辆。\n17万元的设备 2 台。"
    assert [prose.line_at(prose.text.index(s)) for s in ("辆。", "其中", "17万元")] == [4, 5, 7]
    # the same lines run on without spaces for the narrative's figures
    assert join_prose(list(lines)).text == "一、机构设置本部门共有车辆3辆。其中机要用车1辆。17万元的设备2台。"
    assert join_sentences((), 1, 0).line_at(0) == 0
