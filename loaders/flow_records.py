"""Building `FundingFlow` records the same way for every origin: the flow type a text names, the stage of
the document, amounts in 万元, the relationship a document states for a place, and the repeats of one payment.
Also the 预算数/执行数 row of a project self-evaluation (`budget_rows`). Used by loaders/extractors/flows.py."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from loaders.amounts import amounts_in, parse_number
from loaders.context import Context
from loaders.places_text import COUNTIES, PROVINCE_OF, PlaceMention
from loaders.records import FundingFlow
from loaders.text_units import Unit

# Most specific first: the first keyword found near the amount names the flow type.
FLOW_TYPES: tuple[tuple[str, str], ...] = (
    ("援疆", "援疆"), ("援藏", "援藏"), ("救灾", "救灾"), ("驻村", "驻村帮扶"), ("东西部协作", "东西部协作"),
    ("结对帮扶", "结对帮扶"), ("对口支援", "对口支援"),
    ("区域协作", "区域协作"), ("对口", "对口帮扶"), ("帮扶", "对口帮扶"), ("扶贫", "对口帮扶"), ("支援", "对口支援"),
)
GENERIC_TYPES = ("对口帮扶",)
FLOW_WORD = re.compile("|".join(w for w, _ in FLOW_TYPES))

# A receipt names the place that paid: 收到武汉市江汉区对口帮扶资金, 江汉区援建资金到位, 江汉区拨付我县…. Such a place
# is the payer, never the recipient of a flow of this document (flows skips it; extractors/receipts reads it).
_RECEIVED_FROM = re.compile(r"(收到|收讫|接收到?|接受|获得|得到|争取到?|来自)了?$")
_RECEIVE_VERB = re.compile(r"收到|收讫|接收|获得|得到|争取到")
_SENT_TO = re.compile(r"(对口|帮扶|支援|援助|结对|用于|支持|拨付|支付|资助|向|给|赴|至|到|往|和|及|与|、)$")
# Both read right after a place: matched at that position of the text (`match(text, pos)`), not on a copy of the
# rest of the document.
_FUNDS_ARRIVED = re.compile(r"[^，,；;。]{0,16}?(援建|援助|帮扶|协作|支援|对口)[^，,；;。]{0,8}?资金[^，,；;。]{0,16}?"
                            r"(到位|到账|拨入)")
_PAID_US = re.compile(r"[^，,；;。]{0,16}?(拨付|拨入|下达|援助|支持|帮扶|支援)(我|本)[县区市镇乡州]")


_PAYS_BEFORE = re.compile(r"(对口|帮扶|支援|援助|结对|拨付|支付|资助|用于|支持)[\u4e00-\u9fff]{0,6}$")


def places_paid(text: str, evidence: dict[str, int]) -> frozenset[str]:
    """The places a document says it pays somewhere (对口帮扶恩施州宣恩县, 支持宣恩县): of these, 宣恩县帮扶资金到位 is the
    payer reporting its own payment, not a receipt."""
    return frozenset(c for c in evidence
                     if any(_PAYS_BEFORE.search(text, max(0, i - 8), i) for i in _positions(text, c)))


def places_paying(text: str, evidence: dict[str, int], paid: frozenset[str]) -> frozenset[str]:
    """The places a document names only as paying it (收到江汉区…资金, never 对口帮扶江汉区): its project
    江汉区对口帮扶茶叶产业项目 is money received from 江汉区, not paid to it."""
    return frozenset(c for c in evidence if c not in paid and any(
        payer_named(text, i, i + len(c), c, paid) for i in _positions(text, c)))


def _positions(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i != -1:
        yield i
        i = text.find(word, i + 1)


def payer_named(text: str, start: int, end: int, county: str = "", paid: frozenset[str] = frozenset()) -> bool:
    """Is the place written at text[start:end] (in `county`) the one that paid the document's own side (a receipt)?
    资金到位 after a place is read so only when the document does not say it pays that place (`paid`)."""
    # The clause before the place is searched in place (pos, endpos: as if text ended at `start`), not copied: it
    # can run far in a table without punctuation. The two patterns ending in `$` need only its last characters.
    clause = _clause_start(text, start)
    tail = max(clause, start - _TAIL_CHARS)
    if _RECEIVED_FROM.search(text, tail, start):
        return True
    if _SENT_TO.search(text, tail, start):  # 对口帮扶宣恩县, 拨付宣恩县: the place receives
        return False
    if _RECEIVE_VERB.search(text, clause, start) or _PAID_US.match(text, end):
        return True
    m = _FUNDS_ARRIVED.match(text, end)
    return bool(m) and "拨付到位" not in text[end:m.end() + 2] and county not in paid  # 帮扶资金拨付到位: the payer saying it paid


_CLAUSE_MARKS = "，,；;。：:"
# Longer than any match of _RECEIVED_FROM (接收到了) or _SENT_TO, a final newline included.
_TAIL_CHARS = 8


def _clause_start(text: str, start: int, window: int = 200) -> int:
    """Where the clause holding text[start] begins: after the last clause mark before it. Looked for in the
    `window` characters before it, then in windows four times as long further back, up to the text's start: the
    text may be the whole document, and a mark it never uses would otherwise be looked for back to its start
    every time (a search of the whole text for the marks costs as much)."""
    hi, lo = start, max(0, start - window)
    while True:
        at = max(text.rfind(c, lo, hi) for c in _CLAUSE_MARKS)
        if at != -1 or lo == 0:
            return at + 1
        hi, lo = lo, max(0, lo - 4 * (hi - lo))


def place_notes(places: Iterable[PlaceMention]) -> Iterator[str]:
    for p in places:
        if p.note:
            yield p.note


def type_of(*scopes: str, places: list[PlaceMention] | None = None) -> str | None:
    """The flow type: 援疆 / 援藏 by where the places are, else the first keyword of FLOW_TYPES in the scopes."""
    if places:
        provinces = {PROVINCE_OF.get(p.county, "") for p in places}
        for region, kind in (("新疆", "援疆"), ("西藏", "援藏")):
            if all(pr.startswith(region) for pr in provinces):
                return kind
    for scope in scopes:
        for word, kind in FLOW_TYPES:
            if word in scope:
                return kind
    return None


def doc_stage(ctx: Context) -> str:
    return "budget" if ctx.document.stage == "预算" else "actual"


def to_wan(text: str) -> Decimal | None:
    """A breakdown cell (2200.00万元, 420, 10400元) → 万元; None when it holds no readable number (5. cut by OCR)."""
    m = amounts_in(text)
    if m:
        return m[0][0]
    try:
        return parse_number(text)
    except ValueError:
        return None


UNSTATED_TYPE = "未载明"


def make_flow(ctx: Context, unit: Unit | None, place: PlaceMention, amount: Decimal | None, flow_type: str | None, *,
          line: int, notes: list[str], src: tuple[int, int] | None = None, table: str | None = None,
          **fields) -> FundingFlow:
    """The record, with its provenance: the lines, and the table (项目支出明细, a self-evaluation's 预算执行情况) or
    the labelled row of a form (上年绩效评价结果…) it was read from; None for a paragraph."""
    first, last = src or (unit.first, unit.last)
    if not flow_type:  # every flow has a type (the ontology requires one): say that none is stated
        flow_type = UNSTATED_TYPE
        notes = [*notes, "the document states no kind of flow (对口帮扶, 援疆 …) for it"]
    if table is None:
        table = "项目支出明细" if fields.get("origin") == "breakdown" else (unit.label if unit and unit.label else None)
    doc = ctx.document
    return FundingFlow(payer_department=doc.department or "", payer_place=doc.district or "",
                       recipient_text=place.text, recipient=place.name, amount=amount, unit="万元",
                       flow_type=flow_type, line=line, source=ctx.source(first, last, table),
                       notes=tuple(dict.fromkeys(notes)), **fields)


def refine_types(flows: list[FundingFlow]) -> list[FundingFlow]:
    """A sentence that only says 帮扶 gets the relationship the document states for that place elsewhere
    (汉阳区 结对帮扶 来凤县), with the line it comes from."""
    specific: dict[str, tuple[str, int]] = {}
    for f in flows:
        if f.flow_type not in GENERIC_TYPES and f.flow_type not in ("驻村帮扶", "救灾"):
            specific.setdefault(f.recipient, (f.flow_type, f.line))
    out = []
    for f in flows:
        if f.flow_type in GENERIC_TYPES and f.recipient in specific:
            kind, line = specific[f.recipient]
            f = replace_flow(f, flow_type=kind, notes=f.notes + (f"type {kind} as stated for {f.recipient} on line {line}",))
        out.append(f)
    return out


def mark_duplicates(flows: list[FundingFlow]) -> list[FundingFlow]:
    """The same payment (place, amount, year, type) stated again: keep it, and say which line stated it first."""
    first: dict[tuple, FundingFlow] = {}
    out = []
    order = sorted(range(len(flows)), key=lambda i: ({"breakdown": 0, "indicator": 1, "narrative": 2}[flows[i].origin],
                                                      flows[i].line))
    marked: dict[int, FundingFlow] = {}
    for i in order:
        f = flows[i]
        if f.amount is None:
            marked[i] = f
            continue
        key = (county_of(f.recipient), f.amount, f.year, f.flow_type)
        if key in first and first[key].line != f.line and not (first[key].origin == f.origin == "breakdown"):
            f = replace_flow(f, notes=f.notes + (f"same payment as line {first[key].line} ({first[key].origin})",))
        else:
            first.setdefault(key, f)
        marked[i] = f
    out = [marked[i] for i in range(len(flows))]
    return sorted(out, key=lambda f: (f.line, f.origin))


def county_of(recipient: str) -> str:
    """博乐市青得里街道 → 博乐市: the county-level place a recipient lies in (the key of the same payment)."""
    return next((recipient[:n] for n in range(min(len(recipient), 12), 1, -1) if recipient[:n] in COUNTIES), recipient)


def replace_flow(f: FundingFlow, **changes) -> FundingFlow:
    return dataclasses.replace(f, **changes)


# ---- budget execution rows of project self-evaluations ---------------------------------------------

@dataclass(frozen=True, slots=True)
class BudgetRow:
    project: str
    budget: Decimal | None
    executed: Decimal | None
    line: int


_NUM = r"\d[\d,]*(?:\.\d+)?"


_PROJECT_NAME = re.compile(r"\s*项目名称[\s\t]+(\S[^\t]*?)\s*(\t|$)")
# 预算数, 执行数, 执行率, 得分 at the end of a row (after 总额 or a tab), or a row of the four figures alone (002)
_EXECUTION_ROW = re.compile(rf"(?:^|\t|总额\s*)\s*({_NUM})\s*\t?\s*({_NUM})\s*\t?\s*({_NUM}%?)\s*\t?\s*{_NUM}\s*$")
_BARE_EXECUTION_ROW = re.compile(rf"\s*{_NUM}\s+{_NUM}\s+{_NUM}%?\s+{_NUM}\s*")


def budget_rows(lines: tuple[str, ...]) -> Iterator[BudgetRow]:
    """`年度财政资金总额 1780 1790 100.56% 20` (or 002's bare `100 100 100% 20`) under a project's 项目名称."""
    project, armed = None, False
    for n, line in enumerate(lines, 1):
        m = _PROJECT_NAME.match(line) if "项目名称" in line else None
        if m:
            project, armed = m.group(1).strip(), False
            continue
        if project and "预算执行情况" in line:
            armed = True
        if not armed:
            continue
        row = _EXECUTION_ROW.search(line)
        if row and ("总额" in line or _BARE_EXECUTION_ROW.fullmatch(line)):
            yield BudgetRow(project, Decimal(row.group(1).replace(",", "")), Decimal(row.group(2).replace(",", "")), n)
            armed = False
