"""Helpers for narrative text (情况说明), above all for OCR'd files such as seed 002.

OCR and PDF extraction break sentences across lines, insert a blank line between every two
lines, leave page numbers in the middle of a sentence and scatter spaces inside words
(`相 关机构事务`) and numbers (`1, 105. 52`): the text is read joined (loaders.prose.join_prose).
This module finds the parts and sections of the narrative, its name chains and its variance statements.

`FunctionCodes` maps a name chain `农林水支出(类)巩固脱贫衔接乡村振兴(款)其他…(项)` to its code
through the document's own budget lines (the code, not the name, is the key: names repeat
across branches), then the codes its 名词解释 prints, then the national list of 类 and 款.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from loaders.budget_codes import CLASSES
from loaders.prose import Prose, clean_line
from loaders.records import BudgetLine
from loaders.tables import chinese_number

# --- the parts and sections of a disclosure -------------------------------------------------

_PART = re.compile(r"^\s*-?\s*第([一二三四五六七八九十]+)部分")
_SECTION = re.compile(r"^\s*-?\s*([一二三四五六七八九十]{1,3})、\s*(\S.*)$")
_SUBSECTION = re.compile(r"^\s*-?\s*[（(]([一二三四五六七八九十]{1,3})[）)]\s*(\S.*)$")


def part_range(lines: tuple[str, ...], number: int) -> tuple[int, int] | None:
    """Lines of 第N部分 in the body (the last heading that names it: the first is the table of
    contents), up to the next part. None if the document has no such heading."""
    heads = _part_heads(tuple(lines))
    starts = [n for n, k in heads if k == number]
    if not starts:
        return None
    first = starts[-1]
    later = [n for n, k in heads if n > first and k is not None and k > number]
    return first, (later[0] - 1 if later else len(lines))


def narrative_part(lines: tuple[str, ...], default: int) -> tuple[int, int] | None:
    """The 情况说明 part: 第三部分 of a 决算, 第二部分 of a 预算 in the Hubei template; found by its
    heading where the template differs (the 三公 part of a budget is a 情况说明 too, and comes later)."""
    numbers = sorted({k for n, k in _part_heads(tuple(lines)) if k is not None
                      and "情况说明" in lines[n - 1] and "三公" not in lines[n - 1]})
    return part_range(lines, numbers[0] if numbers else default)


@lru_cache(maxsize=8)
def _part_heads(lines: tuple[str, ...]) -> tuple[tuple[int, int | None], ...]:
    # Cached: every extractor of a document asks for its parts.
    return tuple((n, chinese_number(m.group(1))) for n, line in enumerate(lines, 1) if "部分" in line and (m := _PART.match(line)))


@dataclass(frozen=True, slots=True)
class Section:
    number: int                  # 一、 → 1
    sub: int | None              # （三） → 3
    heading: str                 # `五、一般公共预算财政拨款支出决算情况说明（三）财政拨款支出决算具体情况`
    first: int
    last: int


_SECTION_FIRST = frozenset("-一二三四五六七八九十（(")


def sections(lines: tuple[str, ...], first: int, last: int) -> list[Section]:
    """The numbered sections (一、…) and subsections (（一）…) between lines first and last."""
    out: list[Section] = []
    number, sub, head, sub_head, start = 0, None, "", "", first
    for n in range(first, last + 1):
        line = lines[n - 1]
        if not line or not (line[0] in _SECTION_FIRST or line[0].isspace()):
            continue             # both patterns start with a space, a dash, a numeral or a bracket
        m, s = _SECTION.match(line), _SUBSECTION.match(line)
        k = chinese_number(m.group(1)) if m else None
        j = chinese_number(s.group(1)) if s else None
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


@lru_cache(maxsize=8192)
def norm_name(name: str) -> str:
    """Names compare without spaces, with one kind of bracket, and without the `支出` suffix
    (the narrative writes `一般公共服务（类）支出` where the table says `一般公共服务支出`)."""
    s = re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")
    return s[:-2] if s.endswith("支出") and len(s) > 2 else s


def abbreviates(short: str, long: str) -> bool:
    """True if `short` is `long` with characters left out, in order: the narrative's
    `其他巩固脱贫衔接乡村振兴支出` for the table's `其他巩固脱贫攻坚成果衔接乡村振兴支出`."""
    short, long = norm_name(short), norm_name(long)
    if len(short) < 4 or len(short) >= len(long):
        return False
    it = iter(long)
    return all(ch in it for ch in short)


# The national expenditure function classification (政府收支分类科目): the 类 (from the shared code
# lists) and the 款 that district offices use. Only a reference: the document's own codes always
# come first, and a 项 is never taken from here (a wrong code is worse than none).
NATIONAL_CODES: dict[str, str] = {
    **CLASSES,
    "20101": "人大事务", "20102": "政协事务", "20103": "政府办公厅（室）及相关机构事务",
    "20104": "发展与改革事务", "20105": "统计信息事务", "20106": "财政事务", "20107": "税收事务",
    "20108": "审计事务", "20111": "纪检监察事务", "20113": "商贸事务", "20126": "档案事务",
    "20129": "群众团体事务", "20131": "党委办公厅（室）及相关机构事务", "20132": "组织事务",
    "20133": "宣传事务", "20134": "统战事务", "20136": "其他共产党事务支出", "20140": "信访事务",
    "20199": "其他一般公共服务支出",
    "20601": "科学技术管理事务", "20604": "技术研究与开发", "20699": "其他科学技术支出",
    "20801": "人力资源和社会保障管理事务", "20802": "民政管理事务", "20805": "行政事业单位养老支出",
    "20808": "抚恤", "20810": "社会福利", "20811": "残疾人事业", "20899": "其他社会保障和就业支出",
    "21001": "卫生健康管理事务", "21004": "公共卫生", "21007": "计划生育事务", "21011": "行政事业单位医疗",
    "21099": "其他卫生健康支出", "21201": "城乡社区管理事务", "21208": "国有土地使用权出让收入安排的支出",
    "21301": "农业农村", "21305": "巩固脱贫攻坚成果衔接乡村振兴", "21307": "农村综合改革",
    "21703": "金融发展支出", "21799": "其他金融支出", "22101": "保障性安居工程支出", "22102": "住房改革支出",
    "22401": "应急管理事务",
}

# Only function codes (2…) are kept, so the pattern starts only at a 2 (a match cannot overlap another: a code
# is a whole digit run followed by its name). The 2 comes first and the test that no digit precedes it after
# (`(?<!\d2)`), so that the regex engine jumps from 2 to 2 instead of trying every position.
_GLOSSARY_CODE = re.compile(r"(2(?<!\d2)(?:\d{2}|\d{4}|\d{6}))[\s:：、.]*([\u4e00-\u9fff][\u4e00-\u9fff（）()、]{1,30}?)"
                            r"(?=[:：，,。\s]|$)")
# The same on lines joined by line breaks: the space between code and name is any but a line break, so that each
# match lies within one line as _GLOSSARY_CODE's on that line (tests/loaders checks the two agree).
_GLOSSARY_CODE_IN_LINES = re.compile(r"(2(?<!\d2)(?:\d{2}|\d{4}|\d{6}))(?:[^\S\n]|[:：、.])*"
                                     r"([\u4e00-\u9fff][\u4e00-\u9fff（）()、]{1,30}?)(?=[:：，,。\s]|$)")


@lru_cache(maxsize=8)
def glossary_codes(lines: tuple[str, ...]) -> dict[str, str]:
    """Code → name pairs that the 名词解释 part prints (`2010301 行政运行：反映…`), if any."""
    rng = part_range(lines, 5)
    if rng is None:
        return {}
    out: dict[str, str] = {}
    # the part's lines joined: one search instead of one per line (the pattern never crosses a line break)
    for m in _GLOSSARY_CODE_IN_LINES.finditer("\n".join(lines[rng[0] - 1:rng[1]])):
        out.setdefault(m.group(1), m.group(2))
    return out


class FunctionCodes:
    """Resolves name chains to function codes. Codes come from the document's budget lines, then
    its 名词解释; 类 and 款 may also come from the national list. The tables of a 决算 usually
    print only 项 rows, so a 项 is found by its name among the document's 7-digit codes under its
    类 and 款; an abbreviated name matches when nothing matches exactly. `resolve` returns the code
    (None when no code or more than one fits) and a note for the reader when the route was loose."""

    def __init__(self, budget_lines: Iterable[BudgetLine], glossary: dict[str, str] | None = None):
        self.names: dict[str, str] = dict(glossary or {})  # a copy: glossary_codes is cached
        self.from_glossary = set(self.names)
        for bl in budget_lines:
            if bl.classification == "function" and bl.code and len(bl.code) in (3, 5, 7) and bl.code.isdigit():
                self.names[bl.code] = bl.name
                self.from_glossary.discard(bl.code)

    def _level(self, name: str, length: int, prefix: str) -> tuple[str | None, str | None]:
        """The 类/款 code for a name: the document's, else the national list's."""
        for table, where in ((self.names, None), (NATIONAL_CODES, "the national classification")):
            hits = _matches(table, name, length, prefix)
            if len(hits) == 1:
                return hits[0], where
        return None, None

    def resolve(self, chain: Chain) -> tuple[str | None, str | None]:
        lei, lei_from = self._level(chain.lei, 3, "")
        if lei is None:
            return None, None
        if not chain.kuan:
            return lei, (f"类 code {lei} from {lei_from} (the document prints none)" if lei_from else None)
        kuan, kuan_from = self._level(chain.kuan, 5, lei)
        if not chain.xiang:
            return kuan, (f"款 code {kuan} from {kuan_from} (the document prints none)" if kuan and kuan_from else None)
        hits = _matches(self.names, chain.xiang, 7, kuan or lei)
        note = None
        if not hits and kuan:
            hits = _matches(self.names, chain.xiang, 7, lei)
            if len(hits) == 1:
                note = (f"款 {chain.kuan} ({kuan}) does not match; the only {chain.xiang} line under 类 {lei} "
                        f"is {hits[0]} ({self.names.get(hits[0][:5]) or NATIONAL_CODES.get(hits[0][:5], '?')})")
        if len(hits) > 1:
            return None, f"{chain.xiang} is ambiguous under {kuan or lei}: {', '.join(hits)}"
        if not hits:
            return None, None
        code = hits[0]
        if norm_name(self.names[code]) != norm_name(chain.xiang):
            note = (note + "; " if note else "") + f"{chain.xiang} matched {self.names[code]} loosely (abbreviated or truncated name)"
        if code in self.from_glossary:
            note = (note + "; " if note else "") + f"code {code} from the document's 名词解释"
        return code, note


def _matches(table: dict[str, str], name: str, length: int, prefix: str) -> list[str]:
    """Codes of a level under a prefix named `name`: exact matches, else abbreviations."""
    want = norm_name(name)
    level = [(c, n) for c, n in table.items() if len(c) == length and c.startswith(prefix)]
    exact = [c for c, n in level if norm_name(n) == want]
    return sorted(exact) if exact else sorted(c for c, n in level if abbreviates(name, n))


# --- variance statements: 年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%，…主要原因是… ---------

_AMOUNT = r"(-?\d[\d,，]*(?:[.．]\d+)?)(万元|亿元|元)"
_INITIAL = re.compile(rf"年初预算(?:数)?(?:为|是)?{_AMOUNT}")
_FINAL = re.compile(rf"[，,；;]?支出决算(?:数)?(?:为|是)?{_AMOUNT}")
_RATE = re.compile(r"[，,；;]?(?:完成|为|占)(?:年初)?预算(?:数)?的?(-?\d+(?:[.．]\d+)?)[%％]")
_CHAIN_BEFORE = re.compile(rf"(?:{CHAIN.pattern})(?:支出)?[。.，,：:；;]?$")
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


_CHAIN_END_PUNCTUATION = "。.，,：:；;"


def _may_end_a_chain(before: str) -> bool:
    """Whether `before` can end as _CHAIN_BEFORE requires (a 类/款/项 bracket, then 支出 and one punctuation
    mark at most; `$` also matches before a final newline): the search tries every start in 160 characters,
    and most texts end otherwise."""
    before = before.removesuffix("\n")
    if before[-1:] and before[-1] in _CHAIN_END_PUNCTUATION:
        before = before[:-1]
    return before.removesuffix("支出").endswith(("）", ")"))


# Read backwards: what may end a text after a name chain (a line break, one mark), then the characters a chain is
# made of (Chinese, 、, brackets).
_CHAIN_TAIL_REVERSED = re.compile(r"\n?[。.，,：:；;]?[\u4e00-\u9fff、（）()]*")


def _chain_tail(before: str) -> int:
    """Where the run of characters a name chain is made of, at the end of `before`, begins: a match of
    _CHAIN_BEFORE is all of them (and a final mark), so it starts there or later. Searched from there, the
    pattern, which tries each start and can take its length in steps at each, has far fewer starts to try."""
    return len(before) - _CHAIN_TAIL_REVERSED.match(before[::-1]).end()


def variance_statements(prose: Prose) -> list[VarianceText]:
    """Every `年初预算 … 支出决算 …` statement in a stretch of prose, with the name chain (or the
    total) it is about. A statement that lacks its 支出决算 figure is not one (it is usually a
    self-evaluation sentence) and is left to other extractors."""
    text = prose.text
    found: list[VarianceText] = []
    for m in _INITIAL.finditer(text):
        before = text[max(0, m.start() - 160):m.start()]
        cm = _CHAIN_BEFORE.search(before, _chain_tail(before)) if _may_end_a_chain(before) else None
        tm = None if cm else _TOTAL_BEFORE.search(before) if before.removesuffix("\n").endswith("财政拨款支出") else None
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
