"""Receipts: the receiving side's own statement of money another place paid it (a 宣恩县 department's 决算:
收到武汉市江汉区对口帮扶资金2000万元 / 江汉区援建资金到位1800万元 / a table of 帮扶方 and 到位金额).

A receipt is a `FundingFlow` with stated_by="recipient": the recipient is the document's own county, the payer
the place the statement names (payer_department only when it names the department too). Which place is named as
the payer is decided by `flow_records.payer_named` (the verb before it, 资金到位 after it); the flows extractor uses
the same test to keep such a place from becoming the recipient of an outgoing payment, so one statement is never
read both ways. A table of receipts (its title or header says 到位/收到/接收/来源/帮扶方) is read row by row.
The same receipt stated again (a narrative restating one row, or the total of a table's rows) is kept and noted
`same payment as line N` / `same payments as lines …`, so the audit counts it once.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable, Iterator

from loaders.amounts import amounts_in, parse_number, to_wan as unit_to_wan
from loaders.context import Context
from loaders.extract import extractor
from loaders.flow_records import county_of, doc_stage, payer_named, places_paid, replace_flow, type_of
from loaders.places_text import PlaceMention, counties_in, find_places
from loaders.records import FundingFlow
from loaders.tables import Table
from loaders.text_search import lines_at, match_positions
from loaders.text_units import Sentence, sentences, units

_RECEIPT_TABLE = re.compile(r"到位|收到|接收|来源|帮扶方|援助方|援建方|拨入|到账")
# Words without which a sentence states no receipt (the cheap test before places are looked for).
_RECEIVED = re.compile(r"收到|收讫|接收|获得|得到|争取|到位|到账|拨入|[我本][县区市镇乡州]")
_RECEIVED_FIRST = "收接获得争到拨我本"   # the characters its words begin with
_AMOUNT_HEADER = re.compile(r"金额|到位|收到|到账|拨入|资金数|数额")
_PURPOSE_HEADER = re.compile(r"用途|用于|项目")
_YEAR_RE = re.compile(r"(20\d{2})\s*年")
_PER_UNIT = re.compile(r"(每[\u4e00-\u9fff]{0,2}|不少于|不低于|约)\s*$")
# The paying department written after its place: 武汉市江汉区人民政府办公室, 江汉区民政局.
_DEPARTMENT = re.compile(r"(?:人民政府|区委|县委|市委)?[\u4e00-\u9fff]{0,10}?(?:办公室|局|委员会|中心)|人民政府")
_NOT_DEPARTMENT = re.compile(r"资金|帮扶|对口|协作|援|支援|拨付|到位")


@extractor("receipts")
def extract_receipts(ctx: Context) -> Iterable[FundingFlow]:
    own = _own_county(ctx)
    if own is None:
        for n, line in enumerate(ctx.lines, 1):
            if "\t" not in line and _RECEIPT_TABLE.search(line) and re.search(r"收到|接收|到位", line):
                ctx.warn(n, "receipts: the document's own place is not known (no district on its cover), so what it "
                            "says it received is not read")
                break
        return []
    evidence = ctx.once("counties_in", lambda: counties_in(ctx.joined))  # shared by flows and receipts
    paid = places_paid(ctx.joined, evidence)
    said = _lines_saying_received(ctx.lines, ctx.joined)
    found = list(_table_receipts(ctx, own, evidence, paid, said))
    for unit in units(_near_receipt_words(ctx.lines, said)) if said else ():  # prose only: rows are read above
        if unit.kind == "text" and _RECEIVED.search(unit.text):
            for sent in sentences(unit):
                if _RECEIVED.search(sent.text):
                    found.extend(_sentence_receipts(ctx, sent, own, evidence, paid))
    for line, note in sorted({(f.line, n) for f in found for n in f.notes
                              if n.startswith("typo resolved") or " is no county-level place of " in n}):
        ctx.warn(line, f"receipts: {note}")
    warnings: list[tuple[int, str]] = []
    found = _mark_repeats(found, warnings)
    for line, reason in warnings:
        ctx.warn(line, reason)
    return found


def _lines_saying_received(lines: tuple[str, ...], text: str | None = None) -> frozenset[int]:
    """The lines (1-based) holding a receipt word, prose or table row, found in the whole text at once (no receipt
    word spans a line break or a tab): most documents hold none or a few. `text`: the lines joined, if at hand."""
    text = "\n".join(lines) if text is None else text
    return lines_at(lines, match_positions(text, _RECEIVED, _RECEIVED_FIRST))


def _near_receipt_words(lines: tuple[str, ...], said: frozenset[int], reach: int = 3) -> tuple[str, ...]:
    """The prose lines within `reach` lines of a receipt word (an OCR'd sentence runs over a few lines), the rest
    blanked: the paragraphs are joined only where a receipt can be, with every line keeping its number.
    `said`: the lines holding a receipt word (_lines_saying_received)."""
    keep: set[int] = set()
    for n in said:
        if "\t" not in lines[n - 1]:
            keep.update(range(max(0, n - 1 - reach), min(len(lines), n + reach)))
    return tuple(line if i in keep and "\t" not in line else "" for i, line in enumerate(lines))


def _own_county(ctx: Context) -> str | None:
    """The county-level place whose department published the document (its cover's district)."""
    doc = ctx.document
    if doc.district:
        return doc.district
    places = find_places(doc.department or "", {})
    return places[0].county if places else None


def _payers(text: str, own: str, evidence: dict[str, int], paid: frozenset[str]) -> list[PlaceMention]:
    return [p for p in find_places(text, evidence)
            if county_of(p.county) != own and payer_named(text, p.start, p.end, p.county, paid)]


def _department(text: str, place: PlaceMention) -> str:
    """The paying department when it is written right after the paying place, else ""."""
    m = _DEPARTMENT.match(text, place.end)
    if not m or _NOT_DEPARTMENT.search(m.group(0)):
        return ""
    return place.text + m.group(0)


def _unread_below(text: str, payer: PlaceMention) -> list[str]:
    """武汉市江汊区: a prefecture followed by a name no county is, nor one county only a character away (江汉区,
    江夏区 and 江岸区 all are): the receipt stays with the prefecture, and the note says what was not read."""
    m = re.match(r"[\u4e00-\u9fff]{1,5}?[区县市旗]", text[payer.end:]) if payer.level == "prefecture" else None
    if m is None:
        return []
    return [f"payer written as {payer.text}{m.group(0)}: {m.group(0)} is no county-level place of {payer.name} "
            f"(nor one character from only one), so the payer is read as {payer.name}"]


def _receipt(ctx: Context, payer: PlaceMention, department: str, amount: Decimal | None, flow_type: str, *,
             own: str, year: int | None, purpose: str | None, origin: str, line: int, src: tuple[int, int],
             table: str | None, notes: list[str]) -> FundingFlow:
    fy = ctx.document.fiscal_year
    stage = "actual" if year and fy and year < fy else doc_stage(ctx)  # what came in a past year is an actual
    if payer.text != payer.name:
        notes = notes + [f"payer written as {payer.text}"]
    return FundingFlow(payer_department=department, payer_place=payer.name, recipient_text=own, recipient=own,
                       amount=amount, unit="万元", year=year, stage=stage, flow_type=flow_type, purpose=purpose,
                       project=None, origin=origin, line=line, source=ctx.source(src[0], src[1], table),
                       notes=tuple(dict.fromkeys(([payer.note] if payer.note else []) + notes)), stated_by="recipient")


# ---- sentences ---------------------------------------------------------------------------------------

def _sentence_receipts(ctx: Context, sent: Sentence, own: str, evidence: dict[str, int],
                       paid: frozenset[str]) -> Iterator[FundingFlow]:
    text = sent.text
    payers = _payers(text, own, evidence, paid)
    for k, payer in enumerate(payers):
        end = payers[k + 1].start if k + 1 < len(payers) else len(text)
        after = [a for a in amounts_in(text[payer.end:end]) if not _PER_UNIT.search(text[:payer.end + a[2]][-4:])]
        clause_start = max(text.rfind(c, 0, payer.start) for c in "，,；;。") + 1
        before = amounts_in(text[clause_start:payer.start])
        if after:
            amount, start = after[0][0], payer.end + after[0][2]
        elif before:  # 接收对口协作资金500万元（武汉市江汉区）
            amount, start = before[-1][0], clause_start + before[-1][2]
        else:
            ctx.warn(sent.line_at(payer.start), f"receipts: money from {payer.name} is said to be received but no "
                     "amount is stated beside it; not read as a receipt")
            continue
        years = [m for m in _YEAR_RE.finditer(text[:start]) if "年度" not in text[m.start():m.end() + 1]]
        year = int(years[-1].group(1)) if years else ctx.document.fiscal_year
        scope = text[payer.end:end]
        use = re.search(r"用于([^，。；]+)", scope)
        yield _receipt(ctx, payer, _department(text, payer), amount, type_of(scope, text) or "对口帮扶", own=own,
                       year=year, purpose=use.group(1) if use else None, origin="narrative",
                       line=sent.line_at(start), src=(_first_line(sent, clause_start, payer.start, start), sent.last),
                       table=sent.unit.label,
                       notes=_unread_below(text, payer))


def _first_line(sent: Sentence, clause_start: int, payer_start: int, amount_start: int) -> int:
    """Where the statement begins: its receive verb, else the payer (not a heading the paragraph was joined to)."""
    verbs = [m.start() for m in _RECEIVED.finditer(sent.text, clause_start, payer_start)]
    return sent.line_at(min([payer_start, amount_start] + verbs[-1:]))


# ---- tables ------------------------------------------------------------------------------------------

def _table_receipts(ctx: Context, own: str, evidence: dict[str, int], paid: frozenset[str],
                    said: frozenset[int]) -> Iterator[FundingFlow]:
    for table in ctx.tables:
        if not table.rows:
            continue
        title = " ".join(t for _, t in table.titles)
        header = table.rows[0].cells
        whole = _RECEIPT_TABLE.search(title + " ".join(header)) is not None
        # outside a table of receipts only a row saying 收到/到位… (its line holds a receipt word) is read: most
        # tables have none, and their columns need not be found
        body = table.rows[1:] if whole else [row for row in table.rows[1:] if row.line in said]
        if not body:
            continue
        amount_col = next((i for i, c in enumerate(header) if _AMOUNT_HEADER.search(c)), None)
        purpose_col = next((i for i, c in enumerate(header) if _PURPOSE_HEADER.search(c)), None)
        unit = _unit(table, header[amount_col] if amount_col is not None else "")
        m = _YEAR_RE.search(title)
        year = int(m.group(1)) if m else ctx.document.fiscal_year
        for row in body:
            yield from _row_receipts(ctx, table, row, own, evidence, paid, whole, amount_col, purpose_col, unit, year)


def _unit(table: Table, header: str) -> str:
    m = re.search(r"[（(]\s*(万元|亿元|元)\s*[）)]", header)
    return m.group(1) if m else table.money_unit


def _row_receipts(ctx, table, row, own, evidence, paid, whole, amount_col, purpose_col, unit,
                  year) -> Iterator[FundingFlow]:
    for i, cell in enumerate(row.cells):
        if not whole and not _RECEIVED.search(cell):
            continue  # outside a table of receipts only a cell saying 收到/到位… names a payer
        places = [p for p in find_places(cell, evidence) if county_of(p.county) != own]
        payer = next((p for p in places if whole and p.county not in paid
                      or payer_named(cell, p.start, p.end, p.county, paid)), None)
        if payer is None:
            continue
        col = amount_col if amount_col is not None and amount_col < len(row.cells) else \
            next((j for j in range(i + 1, len(row.cells)) if re.fullmatch(r"[\d,.\s]+", row.cells[j] or "x")), None)
        raw = row.cells[col] if col is not None else ""
        try:
            number = parse_number(raw)
        except ValueError:
            number = None
        if number is None:
            ctx.error(row.line, f"receipts: the amount {raw!r} received from {payer.name} is not a number; "
                                f"not read as a receipt")
            return
        joined = " ".join(row.cells)
        purpose = row.cells[purpose_col] if purpose_col is not None and purpose_col < len(row.cells) else None
        label = table.mark or (table.titles[0][1] if table.titles else None)
        yield _receipt(ctx, payer, _department(cell, payer), unit_to_wan(number, unit),
                       type_of(joined) or "对口帮扶", own=own, year=year, purpose=purpose or None, origin="table",
                       line=row.line, src=(row.line, row.line), table=label,
                       notes=_unread_below(cell, payer) + ([f"converted from {raw} {unit}"] if unit != "万元" else []))
        return


# ---- repeats -----------------------------------------------------------------------------------------

def _mark_repeats(found: list[FundingFlow], warnings: list[tuple[int, str]]) -> list[FundingFlow]:
    """A receipt stated again (same payer, amount and year), or summing up a table's rows from that payer in that
    year, is noted so the audit counts it once; table rows count first. A sum that is not the rows' total is kept
    with its note and reported in `warnings`."""
    order = sorted(found, key=lambda f: (f.origin != "table", f.line))
    first: dict[tuple, FundingFlow] = {}
    rows: dict[tuple, list[FundingFlow]] = {}
    out: list[FundingFlow] = []
    for f in order:
        key = (county_of(f.payer_place), f.year)
        parts = rows.get(key, [])
        if f.amount is not None and (key + (f.amount,)) in first:
            was = first[key + (f.amount,)]
            f = replace_flow(f, notes=f.notes + (f"same payment as line {was.line} ({was.origin})",))
        elif f.origin != "table" and len(parts) >= 2:  # the table itemises what the sentence sums up
            lines, total = ", ".join(str(p.line) for p in parts), sum(p.amount for p in parts)
            if f.amount == total:
                f = replace_flow(f, notes=f.notes + (f"same payments as lines {lines} (their total)",))
            else:
                note = (f"same payments as lines {lines} (the table's rows from {f.payer_place} in {f.year}), whose "
                        f"total is {format(total, 'f')}万元, not {format(f.amount, 'f')}万元 as stated here")
                f = replace_flow(f, notes=f.notes + (note,))
                warnings.append((f.line, f"receipts: {note}"))
        else:
            if f.amount is not None:
                first[key + (f.amount,)] = f
                if f.origin == "table":
                    rows.setdefault(key, []).append(f)
        out.append(f)
    return sorted(out, key=lambda f: (f.line, f.origin))
