"""Helpers for narrative text (情况说明), above all for OCR'd files such as seed 002.

OCR and PDF extraction break sentences across lines, insert a blank line between every two
lines, leave page numbers in the middle of a sentence and scatter spaces inside words
(`相 关机构事务`) and numbers (`1, 105. 52`). `join_prose` turns a run of lines into one string
with those artefacts removed, and remembers which line every character came from, so that a
regex match on the joined text still yields its exact source lines.

`FunctionCodes` maps a name chain `农林水支出(类)巩固脱贫衔接乡村振兴(款)其他…(项)` to its code
through the document's own budget lines (the code, not the name, is the key: names repeat
across branches), then the codes its 名词解释 prints, then the national list of 类.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

from loaders.records import BudgetLine

# A line holding only a page number (`17`, `- 17 -`): OCR leaves them inside sentences.
PAGE_NUMBER = re.compile(r"^\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$")
# Markdown list markers some converters put at line starts (`- (1)一般公共服务…` in 003).
_LIST_MARK = re.compile(r"^\s*[-•]\s+")
# Whitespace is noise unless it separates two digits (two numbers side by side in a cell row).
_NOISE_SPACE = re.compile(r"(?<!\d)\s+|\s+(?!\d)")


@dataclass(frozen=True, slots=True)
class Prose:
    """Lines joined into one string; `starts[i]` is where line `numbers[i]` begins in `text`."""

    text: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.numbers[max(i, 0)]

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """First and last source line of the text slice [start, end)."""
        return self.line_at(start), self.line_at(max(start, end - 1))


def clean_line(line: str) -> str:
    return _NOISE_SPACE.sub("", _LIST_MARK.sub("", line))


def join_prose(lines: tuple[str, ...] | list[str], first: int = 1, last: int | None = None) -> Prose:
    """Lines first..last (1-based, inclusive) as one string, without blank lines, page numbers,
    list markers or stray spaces."""
    last = len(lines) if last is None else last
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    pos = 0
    for n in range(first, last + 1):
        raw = lines[n - 1]
        if not raw.strip() or PAGE_NUMBER.match(raw):
            continue
        cleaned = clean_line(raw)
        if not cleaned:
            continue
        starts.append(pos)
        numbers.append(n)
        parts.append(cleaned)
        pos += len(cleaned)
    return Prose("".join(parts), tuple(starts), tuple(numbers))


# --- the parts and sections of a disclosure -------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """一 … 九十九 → int; None for anything else."""
    if not text:
        return None
    if "十" in text:
        tens, _, units = text.partition("十")
        t = _CN_DIGITS.get(tens, 0) if tens else 1
        u = _CN_DIGITS.get(units, 0) if units else 0
        if (tens and tens not in _CN_DIGITS) or (units and units not in _CN_DIGITS):
            return None
        return t * 10 + u
    return _CN_DIGITS.get(text) if len(text) == 1 else None


_PART = re.compile(r"^\s*-?\s*第([一二三四五六七八九十]+)部分")
_SECTION = re.compile(r"^\s*-?\s*([一二三四五六七八九十]{1,3})、\s*(\S.*)$")
_SUBSECTION = re.compile(r"^\s*-?\s*[（(]([一二三四五六七八九十]{1,3})[）)]\s*(\S.*)$")


def part_range(lines: tuple[str, ...], number: int) -> tuple[int, int] | None:
    """Lines of 第N部分 in the body (the last heading that names it: the first is the table of
    contents), up to the next part. None if the document has no such heading."""
    heads = [(n, cn_number(m.group(1))) for n, line in enumerate(lines, 1) if (m := _PART.match(line))]
    starts = [n for n, k in heads if k == number]
    if not starts:
        return None
    first = starts[-1]
    later = [n for n, k in heads if n > first and k is not None and k > number]
    return first, (later[0] - 1 if later else len(lines))


@dataclass(frozen=True, slots=True)
class Section:
    number: int                  # 一、 → 1
    sub: int | None              # （三） → 3
    heading: str                 # `五、一般公共预算财政拨款支出决算情况说明（三）财政拨款支出决算具体情况`
    first: int
    last: int


def sections(lines: tuple[str, ...], first: int, last: int) -> list[Section]:
    """The numbered sections (一、…) and subsections (（一）…) between lines first and last."""
    out: list[Section] = []
    number, sub, head, sub_head, start = 0, None, "", "", first
    for n in range(first, last + 1):
        line = lines[n - 1]
        m, s = _SECTION.match(line), _SUBSECTION.match(line)
        k = cn_number(m.group(1)) if m else None
        j = cn_number(s.group(1)) if s else None
        if k is None and j is None:
            continue
        if n > start and (number or sub):
            out.append(Section(number, sub, head + sub_head, start, n - 1))
        if k is not None:
            number, sub, head, sub_head = k, None, clean_line(line), ""
        else:
            sub, sub_head = j, clean_line(line)
        start = n
    if number or sub:
        out.append(Section(number, sub, head + sub_head, start, last))
    return out


# --- function classification name chains -----------------------------------------------------

# A name inside a chain: CJK text, enumeration commas, and bracketed parts that are not the level
# markers themselves (`政府办公厅（室）及相关机构事务`, `因公出国(境)`).
_NAME = r"(?:[\u4e00-\u9fff、]|[（(](?![类款项][）)])[\u4e00-\u9fff]{1,4}[）)])+?"
CHAIN = re.compile(rf"(?P<lei>{_NAME})[（(]类[）)](?:(?P<kuan>{_NAME})[（(]款[）)])?(?:(?P<xiang>{_NAME})[（(]项[）)])?")


@dataclass(frozen=True, slots=True)
class Chain:
    lei: str
    kuan: str | None
    xiang: str | None
    text: str                    # as written (spaces removed)

    @property
    def level(self) -> str:
        return "项" if self.xiang else "款" if self.kuan else "类"

    @property
    def last_name(self) -> str:
        return self.xiang or self.kuan or self.lei


def chain_of(match: re.Match[str]) -> Chain:
    return Chain(match.group("lei"), match.group("kuan"), match.group("xiang"), match.group(0))


def norm_name(name: str) -> str:
    """Names compare without spaces, with one kind of bracket, and without the 类's `支出` suffix
    (the narrative writes `一般公共服务（类）支出` where the table says `一般公共服务支出`)."""
    s = re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")
    return s[:-2] if s.endswith("支出") and len(s) > 2 else s


# The national 类 of the expenditure function classification (政府收支分类科目, stable since 2019):
# used only when the document itself prints no code for a 类 (OCR'd 002 prints none at all).
NATIONAL_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出",
    "205": "教育支出", "206": "科学技术支出", "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出",
    "210": "卫生健康支出", "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出",
    "214": "交通运输支出", "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出",
    "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出",
    "222": "粮油物资储备支出", "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出",
    "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出", "232": "债务付息支出",
    "233": "债务发行费用支出",
}

_GLOSSARY_CODE = re.compile(r"(?<!\d)(\d{3}|\d{5}|\d{7})[\s:：、.]*([\u4e00-\u9fff][\u4e00-\u9fff（）()、]{1,30}?)(?=[:：，,。\s]|$)")


def glossary_codes(lines: tuple[str, ...]) -> dict[str, str]:
    """Code → name pairs that the 名词解释 part prints (`2010301 行政运行：反映…`), if any."""
    rng = part_range(lines, 5)
    if rng is None:
        return {}
    out: dict[str, str] = {}
    for n in range(rng[0], rng[1] + 1):
        if "名词解释" in lines[n - 1]:
            continue
        for m in _GLOSSARY_CODE.finditer(lines[n - 1]):
            if m.group(1)[:1] == "2":
                out.setdefault(m.group(1), m.group(2))
    return out


class FunctionCodes:
    """Resolves name chains to function codes: the document's own lines, then its 名词解释,
    then (for a 类 only) the national list. `resolve` returns the code and, when the code was
    found by a looser route than an exact match of the whole chain, a note saying how."""

    def __init__(self, budget_lines: Iterable[BudgetLine], glossary: dict[str, str] | None = None):
        self.names: dict[str, str] = {}
        for bl in budget_lines:
            if bl.classification == "function" and bl.code and len(bl.code) in (3, 5, 7):
                self.names.setdefault(bl.code, bl.name)
        self.glossary = {c: n for c, n in (glossary or {}).items() if c not in self.names}

    def _find(self, table: dict[str, str], name: str, length: int, prefix: str = "") -> list[str]:
        want = norm_name(name)
        return [c for c, n in table.items() if len(c) == length and c.startswith(prefix) and norm_name(n) == want]

    def _walk(self, table: dict[str, str], chain: Chain) -> str | None:
        lei = self._find(table, chain.lei, 3) or [c for c, n in NATIONAL_CLASSES.items()
                                                  if norm_name(n) == norm_name(chain.lei)]
        if len(lei) != 1:
            return None
        if not chain.kuan:
            return lei[0]
        kuan = self._find(table, chain.kuan, 5, lei[0])
        if len(kuan) != 1:
            return None
        if not chain.xiang:
            return kuan[0]
        xiang = self._find(table, chain.xiang, 7, kuan[0])
        return xiang[0] if len(xiang) == 1 else None

    def resolve(self, chain: Chain) -> tuple[str | None, str | None]:
        for table, where in ((self.names, "budget lines"), (self.glossary, "名词解释")):
            code = self._walk(table, chain)
            if code is not None:
                if len(code) == 3 and code not in table:
                    return code, f"类 code {code} from the national classification (the document prints none)"
                return code, None if where == "budget lines" else f"code {code} from the document's 名词解释"
        # The 款 may be misnamed (001 writes 财政事务 for a 政府办公厅 line): a 项 name that occurs
        # once under the 类 still identifies the line, with a note for the reader.
        if chain.xiang:
            lei = self._walk(self.names, Chain(chain.lei, None, None, chain.lei))
            hits = self._find(self.names, chain.xiang, 7, lei) if lei else []
            if len(hits) == 1:
                code = hits[0]
                return code, (f"款 {chain.kuan} does not match the budget lines; resolved by the 项 name "
                              f"{chain.xiang} under 类 {lei} to {code} ({self.names.get(code[:5], '?')})")
        return None, None


# --- variance statements: 年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%，…主要原因是… ---------

_AMOUNT = r"(-?\d[\d,，]*(?:[.．]\d+)?)(万元|亿元|元)"
_INITIAL = re.compile(rf"年初预算(?:数)?(?:为|是)?{_AMOUNT}")
_FINAL = re.compile(rf"[，,；;]?支出决算(?:数)?(?:为|是)?{_AMOUNT}")
_RATE = re.compile(r"[，,；;]?完成(?:年初)?预算(?:数)?的?(-?\d+(?:[.．]\d+)?)[%％]")
_CHAIN_BEFORE = re.compile(rf"(?:{CHAIN.pattern})[。.，,]?$")
_TOTAL_BEFORE = re.compile(r"(一般公共预算财政拨款支出|财政拨款支出)$")
_REASON = re.compile(r"原因(?:主要)?(?:是|为|在于|有)?[:：]?")
# Where the next item begins: `2.` `（3）` (not a decimal like 32.3, not part of a number).
_ITEM_MARK = re.compile(r"(?<![\d.．])(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")


@dataclass(frozen=True, slots=True)
class VarianceText:
    chain: Chain | None          # None for the statement about the whole 财政拨款支出
    name: str
    initial: tuple[str, str]     # number and unit as written
    final: tuple[str, str]
    rate: str | None
    reason: str | None
    start: int                   # offsets in the prose
    end: int


def variance_statements(prose: Prose) -> list[VarianceText]:
    """Every `年初预算 … 支出决算 …` statement in a stretch of prose, with the name chain (or the
    total) it is about. A statement that lacks its 支出决算 figure is not one (it is usually a
    self-evaluation sentence) and is left to other extractors."""
    text = prose.text
    found: list[VarianceText] = []
    for m in _INITIAL.finditer(text):
        before = text[max(0, m.start() - 160):m.start()]
        cm = _CHAIN_BEFORE.search(before)
        tm = None if cm else _TOTAL_BEFORE.search(before)
        if not cm and not tm:
            continue
        fm = _FINAL.match(text, m.end())
        if not fm:
            continue
        rm = _RATE.match(text, fm.end())
        start = m.start() - (len(before) - (cm or tm).start())
        chain = None
        if cm:
            chain = chain_of(CHAIN.search(cm.group(0)))
        name = chain.text if chain else tm.group(1)
        found.append(VarianceText(chain, name, (m.group(1), m.group(2)), (fm.group(1), fm.group(2)),
                                  rm.group(1) if rm else None, None, start, (rm or fm).end()))
    out = []
    for i, v in enumerate(found):
        limit = found[i + 1].start if i + 1 < len(found) else len(text)
        mark = _ITEM_MARK.search(text, v.end, limit)
        limit = mark.start() if mark else limit
        reason, end = _reason(text, v.end, limit)
        out.append(VarianceText(v.chain, v.name, v.initial, v.final, v.rate, reason, v.start, end))
    return out


def _reason(text: str, start: int, limit: int) -> tuple[str | None, int]:
    """The explanation after the figures: what follows 主要原因, else the rest of the sentence."""
    region = text[start:limit]
    rm = _REASON.search(region)
    if rm:
        body = region[rm.end():]
        end = start + len(region.rstrip())
    else:
        stop = re.search(r"[。；;]", region)
        body = region[:stop.start()] if stop else region
        end = start + (stop.end() if stop else len(region))
    body = body.strip("，,。；;：: ")
    return (body or None), max(end, start)
