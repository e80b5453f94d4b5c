"""Funding flows between places: a department of one district paying another county, township or village.

A flow is stated in three kinds of place, and each statement becomes its own record:
- `breakdown`: a line of a project's 项目支出明细 (004: 对口宣恩县区域协作结对帮扶资金 2200.00万元); a line whose
  basis splits the amount (300万元 街道帮扶 + 120万元 驻村帮扶 = 420万元) gives one record per part;
- `narrative`: a sentence naming a place and an amount (001: 今年落实 1790 万元帮扶资金支持来凤县发展), in any year
  it refers to (2022年项目预算…2000万元 → year 2022; 前三年…5230 万元 → no single year, said in notes);
- `indicator`: a project self-evaluation whose project is a flow (预算数/执行数 of 恩施州来凤县结对帮扶经费) and
  its money indicators (支付结对帮扶资金 1750 万 / 1780 万元); a cost indicator that equals a project's
  breakdown total (004: 对口帮扶各项资金 3149.8万元) states that project's flows.
The same payment stated twice keeps both records; the later one notes `same payment as line N` so a knowledge
base can merge them. An amount stated for several places at once is not split by guessing: each place gets a
record without an amount and a note giving the joint amount. An amount said beside a paired place that is not
read as paid to it (a project total, 执行数为 300 元) becomes a warning, so that nothing is dropped silently.
Places and their typos: loaders/places_text.py; paragraphs and sentences: loaders/text_units.py; record
building and repeats: loaders/flow_records.py.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Iterator

from loaders.amounts import amounts_in
from loaders.context import Context
from loaders.extract import extractor
from loaders.extractors.indicators import project_names
from loaders.flow_records import (FLOW_TYPES, FLOW_WORD, budget_rows, county_of, doc_stage, make_flow,
                                   mark_duplicates, payer_named, place_notes, places_paid, places_paying, refine_types,
                                   replace_flow, to_wan, type_of)
from loaders.places_text import PlaceMention, counties_in, find_places
from loaders.records import FundingFlow, Indicator
from loaders.text_search import lines_at, match_positions
from loaders.text_units import Unit, sentences, units

# Money that is not the department's payment: sales, purchases, loans, interest subsidies, donations of others
# (损赠 is how 002 misprints 捐赠).
_NOT_A_PAYMENT = ("销售", "采购", "授信", "贴息", "信贷", "产值", "招商", "损赠", "捐赠")
_PER_UNIT = re.compile(r"(每[\u4e00-\u9fff]{0,2}|不少于|不低于|约)\s*$")
_YEAR_RE = re.compile(r"(20\d{2})\s*年")
_ACTUAL_WORDS = ("拨付", "落实", "执行数", "决算", "送去", "投入", "支付")
_BUDGET_WORDS = ("预算", "安排", "申报")
_USE_WORDS = ("用于", "主要用于", "主要是用于")
# A sentence that says what the amounts of the one before were for (001: 执行数为 1793 万元。主要产出和效益是：保障…).
_USE_NEXT = _USE_WORDS + ("主要产出和效益是", "主要产出和效益：")
_OWN_COSTS = ("工作经费", "人员经费", "差旅", "走访慰问", "交流互访")
_MONEY_CELL = re.compile(r"\d[\d,.\s]*(万元|元|万)?")   # a breakdown cell holding an amount (fullmatch)
# The table rows this extractor reads: a flow word (the units loop) or 村 (_self_evaluation_flows). No tab or line
# break inside, so the lines holding one are those of its matches in the whole text.
_FLOW_OR_VILLAGE = re.compile(f"{FLOW_WORD.pattern}|村")
_FLOW_OR_VILLAGE_FIRST = "".join(sorted({w[0] for w, _ in FLOW_TYPES} | {"村"}))   # what its words begin with


@extractor("flows")
def extract_flows(ctx: Context) -> Iterable[FundingFlow]:
    doc = ctx.document
    evidence = dict(ctx.once("counties_in", lambda: counties_in(ctx.joined)))  # shared: copied, popped below
    payer_place = doc.district or ""
    evidence.pop(payer_place, None)  # a department does not pay its own district
    text = ctx.joined
    for payer in places_paying(text, evidence, ctx.memo("places paid", lambda: places_paid(text, evidence))):
        evidence.pop(payer, None)  # a place the document names only as paying it (receipts) is paid nothing
    found: list[FundingFlow] = []
    # table rows are read only where they name a flow word or a village (_self_evaluation_flows)
    rows = lines_at(ctx.lines, match_positions(text, _FLOW_OR_VILLAGE, _FLOW_OR_VILLAGE_FIRST))
    all_units = units(ctx.lines, rows=rows)
    for unit in all_units:
        if unit.kind == "text" and not FLOW_WORD.search(unit.text):
            continue
        if unit.kind == "breakdown":
            found.extend(_breakdown_flows(ctx, unit, evidence))
        elif unit.kind == "text":
            found.extend(_narrative_flows(ctx, unit, evidence))
    found.extend(_self_evaluation_flows(ctx, evidence, all_units))
    names = project_names(ctx)
    found = [replace_flow(f, project=names.get(f.project, f.project)) if f.project else f for f in found]
    found.extend(_project_total_flows(ctx, all_units, found, names))
    repairs = {(f.line, n) for f in found for n in f.notes if n.startswith("typo resolved")}
    for line, note in sorted(repairs):  # a repair is also a Problem, so that checks and reports list it
        ctx.warn(line, f"flows: {note}")
    return mark_duplicates(refine_types(found))


# ---- breakdown lines ------------------------------------------------------------------------------

def _breakdown_flows(ctx: Context, unit: Unit, evidence: dict[str, int]) -> Iterator[FundingFlow]:
    cells = [c.strip() for c in unit.text.split("\t") if c.strip()]
    money = [(i, c) for i, c in enumerate(cells) if _MONEY_CELL.fullmatch(c)]
    if not money or len(cells) < 2:
        return
    i_amount, amount_text = money[0]
    amount = to_wan(amount_text)
    item, basis = cells[0], " ".join(cells[1:i_amount]) or None
    places = _places(item, evidence) or _places(basis or "", evidence)
    if not places:
        return
    if amount is None:  # the flow is kept, without the amount the cell no longer shows
        ctx.error(unit.first, f"flows: the amount {amount_text!r} of {item} is not a number; flow kept without it")
    project = unit.project
    flow_type = type_of(item, basis or "", project or "", places=places)
    notes = list(place_notes(places)) + list(_project_notes(ctx, project))
    if any(w in item for w in _OWN_COSTS):
        notes.append(f"the paying department's own costs of work in {'、'.join(p.name for p in places)} "
                     f"(staff, travel, visits), not a transfer to it")
    base = dict(line=unit.first, project=project, purpose=basis or item, origin="breakdown",
                year=ctx.document.fiscal_year, stage=doc_stage(ctx))
    parts = _split_basis(basis or "", amount)
    if parts and len(places) == 1:
        for text, part in parts:
            p_type = type_of(text, places=places) or flow_type
            yield make_flow(ctx, unit, places[0], part, p_type, **{**base, "purpose": text},
                        notes=notes + [f"part of {format(amount, 'f')}万元 on line {unit.first} ({item})"])
        return
    if len(places) > 1:
        joint = f"joint amount {format(amount, 'f')}万元 stated for {'、'.join(p.name for p in places)} ({item})"
        shared = [n for n in notes if not n.startswith(("typo resolved", "short form"))]
        for p in places:
            own = [p.note] if p.note else []
            yield make_flow(ctx, unit, p, None, type_of("", places=[p]) or flow_type, notes=own + shared + [joint],
                        **base)
        return
    yield make_flow(ctx, unit, places[0], amount, flow_type, notes=notes, **base)


def _split_basis(basis: str, total: Decimal | None) -> list[tuple[str, Decimal]]:
    """`街道帮扶资金300万元（…每村15万元）；驻村帮扶资金120万元（…）` → two parts when they add up to the line."""
    if total is None:
        return []
    out = []
    for seg in re.split(r"[；;]", basis):
        outside = re.sub(r"[（(][^）)]*[）)]", "", seg)
        amounts = amounts_in(outside)
        if amounts:
            out.append((seg.strip(), amounts[0][0]))
    if len(out) >= 2 and sum(a for _, a in out) == total:
        return out
    return []


# ---- narrative sentences --------------------------------------------------------------------------

def _narrative_flows(ctx: Context, unit: Unit, evidence: dict[str, int]) -> Iterator[FundingFlow]:
    sents = sentences(unit)
    enum_year: int | None = None
    for k, sent in enumerate(sents):
        m = re.match(r"\s*\d+\s*[.、．]\s*(20\d{2})\s*年", sent.text)
        if m:
            enum_year = int(m.group(1))
        nxt = sents[k + 1].text if k + 1 < len(sents) else ""
        explained = nxt.lstrip().startswith(_USE_NEXT)  # 1793 万元，占 62.69%。主要是用于对口帮扶来凤县…
        if not (FLOW_WORD.search(sent.text) or (explained and FLOW_WORD.search(nxt))):
            continue
        yield from _sentence_flows(ctx, unit, sent, nxt, evidence, enum_year)


def _sentence_flows(ctx, unit, sent, nxt, evidence, enum_year) -> Iterator[FundingFlow]:
    text = sent.text
    paid = ctx.memo("places paid", lambda: places_paid(ctx.joined, evidence))
    places = [p for p in _places(text, evidence) if not payer_named(text, p.start, p.end, p.county, paid)]  # receipts
    for amount, _unit, start, _end in amounts_in(text):
        if _PER_UNIT.search(text[max(0, start - 4):start]):
            continue
        sub = _clause_at(text, start, "，,；;、：:")
        if any(w in sub[2] for w in _NOT_A_PAYMENT):
            continue
        clause = _clause_at(text, start, "，,；;：:")
        target, joint, purpose = _recipients(text, places, sub, clause, nxt, evidence, start)
        if not target:
            if places:  # said beside a paired place but not of it: flagged so a reader can judge it
                ctx.warn(sent.line_at(start), f"flows: {format(amount, 'f')}万元 ({sub[2].strip()[:30]}) is in a sentence "
                         f"naming {'、'.join(p.name for p in _distinct(places))} but no place is its recipient; "
                         "not read as a flow (a total, a per-unit rate, or another kind of money)")
            continue
        # A phrase without its own keyword gets the generic type; _refine_types gives it the relationship the
        # document states for that place (the nearest keyword of a long sentence may belong to another place).
        flow_type = type_of(sub[2], clause[2], places=target) or "对口帮扶"
        year, year_note = _year(ctx, text, sub[2], enum_year, unit)
        notes = list(place_notes(target))
        if year_note:
            notes.append(year_note)
        line = sent.line_at(start)
        stage = _stage(sub[2], clause[2], ctx)
        project = unit.project or _project_in(text) or (unit.label if unit.label in project_names(ctx) else None)
        base = dict(line=line, project=project, purpose=purpose, origin="narrative",
                    year=year, stage=stage)
        if joint:
            note = f"joint amount {format(amount, 'f')}万元 stated for {'、'.join(p.name for p in target)}"
            for p in target:
                own = [n for n in (p.note, year_note) if n]
                kind = type_of(sub[2], places=[p]) or _type_near(text, p) or flow_type
                yield make_flow(ctx, unit, p, None, kind, notes=own + [note],
                            src=(sent.first, sent.last), **base)
        else:
            yield make_flow(ctx, unit, target[0], amount, flow_type, notes=notes, src=(sent.first, sent.last), **base)


def _recipients(text, places, sub, clause, nxt, evidence, start):
    """Which place an amount goes to: a place in its own phrase; else the places after `用于`; else the one place
    of a sentence about a payment; else the place a 驻村 phrase continues from. Returns (places, joint, purpose)."""
    in_sub = [p for p in places if p.start < sub[1] and p.end > sub[0]]
    if in_sub:
        before = [p for p in in_sub if p.start < start]
        return [(before or in_sub)[-1] if before else in_sub[0]], False, _purpose(text, clause)
    rest = text[clause[1]:].lstrip("，,；;")
    if re.fullmatch(r"占[\d.\s]+%[。，]?", rest):  # 1793 万元，占 62.69%。 — what it is for follows
        rest = ""
    if re.fullmatch(r"完成(年初)?预算的\s*[\d.\s]+[%％][。，]?", rest):  # 执行数为 1793 万元，完成预算的 100.56%。
        rest = ""
    if rest.startswith(_USE_WORDS) or (not rest and not places and nxt.lstrip().startswith(_USE_NEXT)):
        after = [p for p in places if p.start >= clause[1]] if rest else _places(nxt, evidence)
        if after:
            return _distinct(after), len(_distinct(after)) > 1, (rest or nxt).split("。")[0][:80]
    distinct = _distinct(places)
    if len(distinct) == 1 and any(w in sub[2] for w in ("帮扶", "援", "救灾", "协作")):
        return distinct, False, _purpose(text, clause)
    if "驻村" in sub[2]:
        before = [p for p in places if p.start < start]
        if before:  # 驻村工作经费 of the villages named before it: the county, not that phrase's townships
            p = before[-1]
            return [PlaceMention(p.text, p.start, p.end, p.county, p.county, p.note)], False, _purpose(text, clause)
    return [], False, None


def _purpose(text: str, clause: tuple[int, int, str]) -> str:
    rest = text[clause[1]:].lstrip("，,；;")
    if rest.startswith(("用于", "主要用于")):
        return re.split(r"[，。；]", rest)[0]
    return clause[2].strip()


def _type_near(text: str, place: PlaceMention) -> str | None:
    """The flow type of the phrase that names one place of a list (对口帮扶宣恩县、新疆博乐市…，对口黄陂区驻村…)."""
    return type_of(places=[place]) or type_of(_clause_at(text, place.start, "，,；;。")[2])


def _distinct(places: list[PlaceMention]) -> list[PlaceMention]:
    seen, out = set(), []
    for p in places:
        if p.name not in seen:
            seen.add(p.name)
            out.append(p)
    return out


def _clause_at(text: str, pos: int, seps: str) -> tuple[int, int, str]:
    a = max(text.rfind(c, 0, pos) for c in seps) + 1
    ends = [i for i in (text.find(c, pos) for c in seps) if i != -1]
    b = min(ends) if ends else len(text)
    return a, b, text[a:b]


def _year(ctx, text, sub, enum_year, unit) -> tuple[int | None, str | None]:
    """The year a phrase refers to: its own `20XX年`, the sentence's, the numbered item's (2. 2023年…), 上年 for
    what is said under 上年绩效评价结果; none for 前三年 / 先后 / 累计, with a note saying which years."""
    fy = ctx.document.fiscal_year
    if "前三年" in sub or "前两年" in sub:
        n = 3 if "前三年" in sub else 2
        years = f" ({fy - n}–{fy - 1})" if fy else ""
        return None, f"refers to the {n} years before {fy or 'the document year'}{years}, not to one year"
    if "先后" in sub or "累计" in sub:
        return None, "a cumulative amount over several years (先后/累计), not one year's payment"
    m = _YEAR_RE.search(sub)
    if m:
        return int(m.group(1)), None
    first = _clause_at(text, 0, "，,；;、")[2]
    m = _YEAR_RE.search(first)
    if m and "年度" not in first[m.start():m.end() + 1]:
        return int(m.group(1)), None
    if enum_year:
        return enum_year, None
    if unit.label and unit.label.startswith("上年") and fy:
        return fy - 1, f"stated under {unit.label}: refers to {fy - 1}"
    return fy, None


def _stage(sub: str, text: str, ctx: Context) -> str:
    for scope in (sub, text):
        if any(w in scope for w in _BUDGET_WORDS):
            return "budget"
        if any(w in scope for w in _ACTUAL_WORDS):
            return "actual"
    return doc_stage(ctx)


def _project_in(text: str) -> str | None:
    m = re.match(r"\s*(?:\d+\s*[.、．]\s*)?([\u4e00-\u9fff“”\"、]{2,20}?)项目绩效自评(?:综述|报告)", text)
    return m.group(1).strip("“”\"") if m else None


# ---- self-evaluation tables ------------------------------------------------------------------------

def _self_evaluation_flows(ctx: Context, evidence: dict[str, int], all_units: list[Unit]) -> Iterator[FundingFlow]:
    """A project whose name is a flow (建始县救灾经费, 新洲扶贫, 驻村帮扶专项经费): its 预算数/执行数 row and its
    money indicators (支付结对帮扶资金 1750 万 → 1780 万元) are statements of the payment too."""
    villages = {p.name: p for u in all_units if u.kind == "text" and "村" in u.text
                for p in _places(u.text, evidence) if "村" in p.name}
    indicators = ctx.found_of(Indicator)
    for row in budget_rows(ctx.lines):
        places = _places(row.project, evidence)
        flow_type = type_of(row.project, places=places)
        if flow_type is None:
            continue
        notes = list(place_notes(places))
        if not places and flow_type == "驻村帮扶" and len(villages) == 1:
            (village,) = villages.values()
            places = [PlaceMention(village.name, 0, 0, village.county, village.name)]
            notes.append(f"recipient not named in the table; {village.name} is the only village the document pairs with")
        if not places:
            ctx.warn(row.line, f"flows: project {row.project} reads as a {flow_type} flow but names no place, and the "
                     f"document does not name one village it could go to ({len(villages)} found); not read as a flow")
            continue
        actual = doc_stage(ctx) == "actual"
        amount = row.executed if actual else row.budget
        if actual and row.budget is not None and row.budget != row.executed:
            notes.append(f"预算数 {format(row.budget, 'f')}万元, 执行数 {format(amount, 'f')}万元")
        base = dict(project=row.project, purpose=row.project, origin="indicator", year=ctx.document.fiscal_year,
                    stage=doc_stage(ctx))
        yield make_flow(ctx, None, places[0], amount, flow_type, line=row.line, notes=notes, src=(row.line, row.line),
                        table="项目自评表·预算执行情况", **base)
        for ind in indicators:
            if ind.owner not in (row.project, project_names(ctx).get(row.project)) or not _is_money(ind):
                continue
            value = (ind.actual_parsed if actual else ind.target_parsed)
            if value is None or value.value is None:
                continue
            n = list(notes[:1]) + [f"indicator {ind.name}: target {ind.target}, actual {ind.actual}"]
            if amount is not None and value.value != amount:
                n.append(f"differs from the {'执行数' if actual else '预算数'} {format(amount, 'f')}万元 on line {row.line}")
            yield make_flow(ctx, None, places[0], value.value, flow_type, line=ind.line, notes=n,
                        src=(ind.source.line_start, ind.source.line_end), table=ind.table, **base)


def _project_total_flows(ctx: Context, all_units: list[Unit], found: list[FundingFlow],
                         names: dict[str, str]) -> Iterator[FundingFlow]:
    """A money indicator that names no place (004: 对口帮扶各项资金 3149.8万元) whose value is exactly the total of
    a project's 项目支出明细: a statement of that project's flows, one record per place, the amount joint."""
    totals: dict[str, Decimal] = {}
    spans: dict[str, list[int]] = {}
    for u in all_units:
        if u.kind == "breakdown" and u.project:
            amount = _row_amount(u.text)
            if amount is not None:
                key = names.get(u.project, u.project)
                totals[key] = totals.get(key, Decimal(0)) + amount
                spans.setdefault(key, []).append(u.first)
    places: dict[str, dict[str, FundingFlow]] = {}
    for f in found:
        if f.origin == "breakdown" and f.project:
            places.setdefault(f.project, {}).setdefault(county_of(f.recipient), f)
    claimed = {f.project for f in found if f.origin == "indicator"}
    for ind in ctx.found_of(Indicator):
        value = ind.target_parsed if doc_stage(ctx) == "budget" else ind.actual_parsed
        if not _is_money(ind) or not FLOW_WORD.search(ind.name) or value is None or value.value is None \
                or ind.owner in claimed:
            continue
        for project, total in totals.items():
            if total != value.value or project not in places:
                continue
            paid = list(places[project].values())
            note = (f"joint amount {format(value.value, 'f')}万元 (indicator {ind.name}) = the total of the "
                    f"{project} breakdown, lines {min(spans[project])}–{max(spans[project])}")
            for f in paid:
                yield replace_flow(f, amount=None, origin="indicator", line=ind.line, purpose=ind.name,
                               source=ind.source, notes=(note,))


def _row_amount(row: str) -> Decimal | None:
    cells = [c.strip() for c in row.split("\t") if c.strip()]
    money = [c for c in cells[1:] if _MONEY_CELL.fullmatch(c)]
    return to_wan(money[0]) if money else None


def _is_money(ind: Indicator) -> bool:
    return any(t is not None and t.unit == "万元" for t in (ind.target_parsed, ind.actual_parsed)) and \
        any(w in ind.name for w in ("资金", "经费", "拨付", "支付"))


# ---- shared helpers --------------------------------------------------------------------------------

def _places(text: str, evidence: dict[str, int]) -> list[PlaceMention]:
    return [p for p in find_places(text, evidence) if p.county in evidence]


def _project_notes(ctx: Context, project: str | None) -> Iterator[str]:
    m = _YEAR_RE.match(project or "")
    if m and ctx.document.fiscal_year and int(m.group(1)) != ctx.document.fiscal_year:
        yield f"project named for {m.group(1)} ({project}), budgeted in {ctx.document.fiscal_year}"


