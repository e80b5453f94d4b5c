"""Headings, sections and tables by caption, and the tables found once per document."""
from __future__ import annotations

import re

from loaders.sections import section, table_name, titled
from tests.loaders.golden import context


def test_tables_are_found_once_per_document() -> None:
    ctx = context("000")
    assert ctx.tables is ctx.tables and len(ctx.tables) == 44
    assert ctx.contents is ctx.contents and ctx.contents["收入支出决算总表"] == (1, 17)


def test_tables_by_caption_get_the_number_the_document_gives_them() -> None:
    # 000: the contents entry (九、) gets its number from the contents, the table its printed 公开 09 表 (its
    # heading says 八、); 004's 政府采购预算表 is numbered 十二、 in the contents
    ctx = context("000")
    assert [(t.first_line, table_name(ctx, t)) for t in titled(ctx, "三公")] == [(25, "公开09"), (336, "公开09")]
    ctx = context("004")
    assert [(t.first_line, table_name(ctx, t)) for t in titled(ctx, "政府采购")] == [(69, "预算12"), (516, "预算12")]


def test_section_runs_to_the_next_heading_of_its_level() -> None:
    assert section(context("000"), re.compile("机构设置")) == (85, 88)
    assert section(context("004"), re.compile("机构设置")) is None
