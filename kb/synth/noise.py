"""OCR damage, as the seeds show it.

`ocr_spaces` (like 003): spaces inside numbers (`1, 105. 52`), 7-digit function codes cut to 6
(`201030`) in 公开02 and 5-digit economic codes cut to 4 in 公开06, garbled header lines.
`ocr_lines` (like 002): the tables' bodies are lost, sentences are broken across lines with
blank lines between, page numbers stand alone inline, and self-evaluation tables come out
a cell or a few cells per line.

Both return the new lines and, for every old line number, the new number of its first line
(None when the line was lost), so the truth's provenance can follow the text.
"""
from __future__ import annotations

import random
import re

_MONEY = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}")
_GARBLE = ("A 王/", "五主年级", "V6 #1", "矢 脉 坝", "关系项")
_NUMBER_AT = re.compile(r"[\d.,，%]")


def ocr_spaces(lines: list[str], rng: random.Random) -> tuple[list[str], list[int | None], set[int]]:
    """Returns new lines, the line map and the (1-based) lines whose code was truncated."""
    out = list(lines)
    table = None
    truncated: set[int] = set()
    for i, line in enumerate(out):
        if line.startswith("公开 ") and line.endswith(" 表"):
            table = line.replace(" ", "")[:4]
            if i + 1 < len(out) and out[i + 1] == "" and rng.random() < 0.5:
                out[i + 1] = rng.choice(_GARBLE)
            continue
        if "\t" not in line:
            continue
        cells = line.split("\t")
        if table == "公开02" and re.fullmatch(r"\d{7}", cells[0]) and rng.random() < 0.8:
            cells[0] = cells[0][:6]
            truncated.add(i + 1)
        elif table == "公开06":
            for k in (0, 3, 6):
                if k < len(cells) and re.fullmatch(r"\d{5}", cells[k]) and rng.random() < 0.8:
                    cells[k] = cells[k][:4]
                    truncated.add(i + 1)
        cells = [_MONEY.sub(lambda m: _space_number(m.group(0), rng), c) for c in cells]
        out[i] = "\t".join(cells)
    return out, list(range(1, len(lines) + 1)), truncated


def _space_number(s: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return s
    return s.replace(",", ", ").replace(".", ". ")


def ocr_lines(lines: list[str], rng: random.Random, tables: tuple[str, str] = ("第二部分", "第三部分")) -> tuple[list[str], list[int | None]]:
    out: list[str] = []
    mapping: list[int | None] = []
    in_tables = False
    in_annex = False
    since_page = 0
    page_no = rng.randint(3, 9)
    start, end = tables
    annex_headings = 0
    for line in lines:
        if line.startswith(start) and "部门决算表" in line:
            in_tables = True
        elif line.startswith(end):
            in_tables = False
        elif line.startswith("第六部分"):
            annex_headings += 1
            in_annex = annex_headings >= 2     # the annex itself, not its entry in the contents
        if in_tables and "\t" in line:
            mapping.append(None)          # table bodies lost, as in 002
            continue
        mapping.append(len(out) + 1)
        if "\t" in line and in_annex:
            # as 002 prints its self-evaluation tables: the leading cells (指标 levels) one per line,
            # the last four (name, target, actual, score) on one line with spaces between
            cells = [c for c in line.split("\t") if c.strip()]
            pieces = cells[:-4] + [" ".join(cells[-4:])] if len(cells) >= 4 else cells
        elif "\t" in line:
            pieces = [line.replace("\t", " ")]
        elif len(line) > 30:
            pieces = _break(line, rng)
        else:
            pieces = [line]
        for k, piece in enumerate(pieces):
            if k and rng.random() < 0.1:
                piece = " " + piece
            out.append(piece)
            if len(pieces) > 1 and not in_annex:
                out.append("")
        since_page += len(pieces)
        if since_page > 45 and not line:
            out.extend(["", "", str(page_no), ""])
            page_no += 1
            since_page = 0
    return out, mapping


def _break(line: str, rng: random.Random) -> list[str]:
    """Cut a sentence every 26–31 characters, never inside a number."""
    out = []
    while len(line) > 31:
        cut = rng.randint(26, 31)
        while 0 < cut < len(line) and (_NUMBER_AT.match(line[cut]) and _NUMBER_AT.match(line[cut - 1])):
            cut -= 1
        if cut <= 0:
            cut = 26
        out.append(line[:cut])
        line = line[cut:]
    out.append(line)
    return out
