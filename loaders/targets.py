"""Indicator values as the performance tables print them → `Target`.

Decisions (the documents are not consistent, so the parser is, and says so here):
- `≥95%` → (≥, 95, %); `>=`, `≧`, `不低于`, `不少于`, `达到`, `…以上` mean ≥; `≤`, `不超过`, `不高于`, `…以内/以下` mean ≤.
- A bare number is a stated value: `100%` → (=, 100, %); `120 场` → (=, 120, 场).
- `千分之四` is a rate: it becomes percent so that it compares with the other rates, `≤千分之四` → (≤, 0.4, %);
  `万分之N` likewise (N/100 %).
- Money becomes 万元 like every amount in the knowledge base: `3149.8万元` → (=, 3149.8, 万元); `1750 万` → 万元;
  `3亿元` → (=, 30000, 万元).
- `200 余篇` (more than 200) → (>, 200, 篇).
- A range `8-10家` → comparator `~`, value = the lower bound, parts = ((8, 家), (10, 家)).
- A list `1个帮扶县，20个脱贫村` → comparator None, value None, parts = ((1, 个帮扶县), (20, 个脱贫村)); a total in
  front, `22个（1个帮扶县，…）`, is kept as (=, 22, 个) with the list as parts.
- Anything else is qualitative (`及时`, `显著提高`, `达标`): comparator, value and unit None; the raw text stays on
  the indicator. An empty cell → None.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal

from loaders.amounts import UNIT_TO_WAN
from loaders.records import Target

_CMP_WORDS = [("≥", "≥"), (">=", "≥"), ("≧", "≥"), ("大于等于", "≥"), ("不低于", "≥"), ("不少于", "≥"), ("达到", "≥"),
              ("≤", "≤"), ("<=", "≤"), ("≦", "≤"), ("小于等于", "≤"), ("不超过", "≤"), ("不高于", "≤"),
              ("＞", ">"), (">", ">"), ("大于", ">"), ("超过", ">"), ("＜", "<"), ("<", "<"), ("小于", "<"),
              ("＝", "="), ("=", "=")]
_CMP_SUFFIX = [("以上", "≥"), ("及以上", "≥"), ("以内", "≤"), ("以下", "≤"), ("及以下", "≤")]
_CMP_PREFIXES = tuple(w for w, _ in _CMP_WORDS)
_CMP_ENDINGS = tuple(w for w, _ in _CMP_SUFFIX)

_NUM = r"-?\d+(?:\.\d+)?"
_NUM_RE = re.compile(_NUM)
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# 千分之四 / 万分之五 / 百分之九十五 — rates written in words.
_FRACTION_RE = re.compile(r"^(千|万|百)分之([零一二两三四五六七八九十\d.]+)$")
_FRACTION_SCALE = {"百": Decimal(1), "千": Decimal("0.1"), "万": Decimal("0.01")}
# A unit is any short run of non-digit characters (%, 个, 万元, 个(件), 篇 …).
_VALUE_RE = re.compile(rf"^({_NUM})\s*(余)?\s*([^\d\s，,、；;]{{0,8}}?)$")
_RANGE_RE = re.compile(rf"^({_NUM})\s*([^\d\s\-~～至]{{0,4}}?)\s*[-~～至—]+\s*({_NUM})\s*([^\d\s]{{0,8}})$")
_PART_RE = re.compile(rf"({_NUM})\s*([^\d\s，,、；;（）()]+)")
_TOTAL_WITH_PARTS_RE = re.compile(rf"^({_NUM})\s*([^\d\s（(]{{1,4}})\s*[（(](.+)[)）]$")
_THOUSANDS = re.compile(r"(?<=\d)[,，]\s*(?=\d{3}\b)")
_SPACED_POINT = re.compile(r"(?<=\d)\s*\.\s*(?=\d)")
_LIST_SEPARATORS = re.compile(r"[，,、；;]")


def _normalise(text: str) -> str:
    s = text.strip().replace("％", "%").replace("．", ".").replace("，", "，")
    # OCR spaces inside numbers ("1, 105. 52") and thousands separators.
    s = _THOUSANDS.sub("", s)
    s = _SPACED_POINT.sub(".", s)
    return s


def _money(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Money units become 万元; other units are kept as written."""
    key = unit if unit != "万" else "万元"
    if key in UNIT_TO_WAN:
        return value * UNIT_TO_WAN[key], "万元"
    return value, unit


def _cn_number(text: str) -> Decimal | None:
    if _NUM_RE.fullmatch(text):
        return Decimal(text)
    if len(text) == 1 and text in _CN_DIGITS:
        return Decimal(_CN_DIGITS[text])
    if len(text) == 2 and text[0] == "十" and text[1] in _CN_DIGITS:
        return Decimal(10 + _CN_DIGITS[text[1]])
    if len(text) >= 2 and text[1] == "十" and text[0] in _CN_DIGITS:
        rest = _CN_DIGITS.get(text[2], 0) if len(text) == 3 else 0
        return Decimal(_CN_DIGITS[text[0]] * 10 + rest)
    return None


def _split_comparator(s: str) -> tuple[str | None, str]:
    if not s.startswith(_CMP_PREFIXES) and not s.endswith(_CMP_ENDINGS):
        return None, s           # most values: no comparator word at either end
    for word, cmp in _CMP_WORDS:
        if s.startswith(word):
            return cmp, s[len(word):].strip()
    for word, cmp in _CMP_SUFFIX:
        if s.endswith(word) and len(s) > len(word):
            return cmp, s[: -len(word)].strip()
    return None, s


@functools.lru_cache(maxsize=1 << 14)
def parse_target(text: str | None) -> Target | None:
    """A cell of a performance table → `Target`, or None for an empty cell. Memoised (a Target is frozen):
    the alignment tries the same cells several times, and `100%`, `及时` … recur in every table."""
    if text is None:
        return None
    s = _normalise(text)
    if s in ("", "/", "-", "—", "——", "无"):
        return None
    cmp, rest = _split_comparator(s)
    m = _FRACTION_RE.match(rest)
    if m:
        n = _cn_number(m.group(2))
        if n is not None:
            return Target(cmp or "=", n * _FRACTION_SCALE[m.group(1)], "%")
    m = _VALUE_RE.match(rest)
    if m:
        value, unit = _money(Decimal(m.group(1)), m.group(3) or "")
        if m.group(2):  # 200余篇: more than 200
            cmp = cmp if cmp not in (None, "=") else ">"
        return Target(cmp or "=", value, unit or None)
    m = _RANGE_RE.match(rest)
    if m:
        unit = m.group(4) or m.group(2) or ""
        low, unit_low = _money(Decimal(m.group(1)), unit)
        high, _ = _money(Decimal(m.group(3)), unit)
        return Target("~", low, unit_low or None, ((low, unit_low), (high, unit_low)))
    m = _TOTAL_WITH_PARTS_RE.match(rest)
    if m:
        parts = _parts(m.group(3))
        if parts:
            return Target(cmp or "=", Decimal(m.group(1)), m.group(2), parts)
    parts = _parts(rest)
    if len(parts) >= 2:
        return Target(cmp, None, None, parts)
    return Target(None, None, None)


def _parts(text: str) -> tuple[tuple[Decimal, str], ...]:
    """`1个帮扶县，20个脱贫村，1个帮扶街道` → ((1, 个帮扶县), (20, 个脱贫村), (1, 个帮扶街道)); only when every
    piece of the list is a number with a unit, so that prose with a number in it stays qualitative."""
    pieces = [p.strip() for p in _LIST_SEPARATORS.split(text) if p.strip()]
    out = []
    for piece in pieces:
        m = _PART_RE.fullmatch(piece)
        if not m:
            return ()
        out.append((Decimal(m.group(1)), m.group(2)))
    return tuple(out)
