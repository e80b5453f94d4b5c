"""Across documents: a department's budget (预算) against its final account (决算) of the same year, and a
payer's stated transfers against the recipient's stated receipts.

The 决算 restates each function line's 年初预算; it must equal the 预算 document's figure. The
execution rate (执行率) is reported with each such comparison.

A payment (FundingFlow stated by the payer) and a receipt (stated by the recipient, loaders/extractors/
receipts.py) are the two ends of one transfer: for a payer place, a recipient county and a year, what the payer
says it paid must add up to what the recipient says it received. A payment whose recipient's document is loaded
but says nothing of that payer is reported too (low: the recipient may have booked it elsewhere)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from kb.audit import corpus_rule
from kb.audit.finding import Figure, Finding, fmt
from kb.audit.tolerance import differs
from kb.places import AmbiguousPlace, Place, gazetteer
from loaders.records import BudgetLine, Document, Extraction, FundingFlow, Variance


def _department_key(ex: Extraction) -> tuple[str, int] | None:
    d = ex.document
    if not d.department or not d.fiscal_year:
        return None
    return d.department.replace("本级", ""), d.fiscal_year


def _planned(ln: BudgetLine) -> bool:
    """A budget's own general-fund total for a function code: what a final account's 年初预算 restates."""
    return (ln.classification == "function" and bool(ln.code) and ln.fund_type == "一般公共预算"
            and "total" in ln.measures and not ln.unit_code)


def _budget_vs_final_reads(doc: Document, record) -> bool:
    return (isinstance(record, BudgetLine) and doc.stage == "预算" and _planned(record)) or \
        (isinstance(record, Variance) and doc.stage == "决算")


@corpus_rule("cross.budget_vs_final", reads=_budget_vs_final_reads)
def budget_vs_final(extractions: list[Extraction]) -> Iterable[Finding]:
    budgets = {_department_key(ex): ex for ex in extractions if ex.document.stage == "预算"}
    for final in (ex for ex in extractions if ex.document.stage == "决算"):
        budget = budgets.get(_department_key(final))
        if budget is None:
            continue
        planned = {ln.code: ln for ln in budget.of(BudgetLine) if _planned(ln)}
        for v in final.of(Variance):
            line = planned.get(v.function_code or "")
            if line is None or v.initial_budget is None:
                continue
            stated, planned_total = v.initial_budget, line.measures["total"]
            if not differs(stated, planned_total, 1):
                continue
            diff = stated - planned_total
            rate = "" if v.final is None or not planned_total else \
                f"；按预算文件计算执行率为{(v.final / planned_total * 100).quantize(Decimal('0.1'))}%"
            yield Finding(
                rule="cross.budget_vs_final", severity="medium", document=final.document.id,
                department=final.document.department,
                figures=(Figure.of(f"决算 {v.function_code} 年初预算", stated, v),
                         Figure.of(f"预算 {line.table}表 {line.code}", planned_total, line)),
                arithmetic=f"决算所列年初预算 {fmt(stated)} ≠ 预算文件 {fmt(planned_total)}（差 {fmt(diff)}）",
                message=f"{final.document.fiscal_year}年决算第{v.line}行称{v.name}（{v.function_code}）年初预算为"
                        f"{fmt(stated)}万元，而同年预算文件{line.table}表为{fmt(planned_total)}万元{rate}。",
                difference=diff, documents=(final.document.id, budget.document.id))


# ---- payer against recipient -----------------------------------------------------------------------

STAGE_ZH = {"actual": "决算", "budget": "预算"}


def _place(name: str | None, context: Place | None = None) -> Place | None:
    try:
        return gazetteer().resolve(name, context) if name else None
    except AmbiguousPlace:
        return None


def _county(place: Place | None) -> Place | None:
    return next((p for p in place.chain if p.level == "county"), None) if place else None


def _home(ex: Extraction) -> Place | None:
    """The place whose department published the document (武汉市 + 江汉区)."""
    d = ex.document
    return _place((d.city or "") + (d.district or "")) or _place(d.district)


def _counted(f: FundingFlow) -> bool:
    """A stated amount that is a transfer of its own: not a restatement (same payment as line N), not a joint
    amount (None), not the payer's own costs of working there."""
    return f.amount is not None and not any(n.startswith("same payment") or "not a transfer" in n for n in f.notes)


def _ends(extractions: list[Extraction]):
    """(extraction, flow, payer place, recipient county) of every counted payment and receipt."""
    payments, receipts = [], []
    for ex in extractions:
        home = _home(ex)
        for f in ex.of(FundingFlow):
            if not _counted(f):
                continue
            if f.stated_by == "recipient":
                payer, county = _place(f.payer_place, home), _county(home) or _county(_place(f.recipient))
                if payer is not None and county is not None:
                    receipts.append((ex, f, payer, county))
            else:
                payer = home or _place(f.payer_place)
                county = _county(_place(f.recipient, payer))
                if payer is not None and county is not None:
                    payments.append((ex, f, payer, county))
    return payments, receipts


def _pays_as(payer: Place, named: Place) -> bool:
    """A payment counts towards a receipt from `named`: its own payer, or one within a named county (a township's
    office). A receipt from a whole city (武汉市) is the city's own money, not the sum of its districts' payments."""
    return payer is named or (named.level in ("county", "township", "village") and payer.within(named))


def _who(ex: Extraction) -> str:
    d = ex.document
    return f"{d.department or d.id}{d.fiscal_year or ''}年{d.stage or ''}"


def _cite(ex: Extraction, f: FundingFlow) -> str:
    return f"{_who(ex)}第{f.line}行{fmt(f.amount)}万元"


@corpus_rule("cross.transfer_vs_receipt", reads=lambda doc, record: isinstance(record, FundingFlow) and _counted(record))
def transfer_vs_receipt(extractions: list[Extraction]) -> Iterable[Finding]:
    payments, receipts = _ends(extractions)
    groups: dict[tuple, list] = {}
    for r in receipts:  # a receipt naming 武汉市江汉区 or 江汉区 is one payer; its county is the recipient
        groups.setdefault((r[2].key, r[3].key, r[1].year, r[1].stage), []).append(r)
    for (_, _, year, stage), got in groups.items():
        payer, county = got[0][2], got[0][3]
        paid = [p for p in payments if _pays_as(p[2], payer) and p[3] is county and p[1].year == year
                and p[1].stage == stage]
        if not paid:
            continue  # the payer's side is not loaded (or states nothing for that year): nothing to set against
        received, sent = sum(r[1].amount for r in got), sum(p[1].amount for p in paid)
        if not differs(received, sent, len(got) + len(paid)):
            continue
        diff = received - sent
        figures = tuple(Figure.of(f"收款方称收到 {payer.name}（第{f.line}行）", f.amount, f) for _, f, _, _ in got) + \
            tuple(Figure.of(f"付款方称支付 {f.recipient}（第{f.line}行）", f.amount, f) for _, f, _, _ in paid)
        first = got[0][0]
        documents = tuple(dict.fromkeys(ex.document.id for ex, *_ in got + paid))
        yield Finding(
            rule="cross.transfer_vs_receipt", severity="medium", document=first.document.id,
            department=first.document.department, figures=figures,
            arithmetic=f"收到 {' + '.join(fmt(r[1].amount) for r in got)} = {fmt(received)} ≠ 支付 "
                       f"{' + '.join(fmt(p[1].amount) for p in paid)} = {fmt(sent)}（差 {fmt(diff)}）",
            message=f"{year}年{county.name}一方称收到{payer.name}资金合计{fmt(received)}万元（"
                    f"{'；'.join(_cite(ex, f) for ex, f, *_ in got)}），而{payer.name}一方称向{county.name}"
                    f"{'支付' if stage == 'actual' else '安排'}合计{fmt(sent)}万元（"
                    f"{'；'.join(_cite(ex, f) for ex, f, *_ in paid)}），相差{fmt(abs(diff))}万元。",
            difference=diff, documents=documents)
    yield from _unanswered(extractions, payments, receipts)


def _unanswered(extractions: list[Extraction], payments, receipts) -> Iterable[Finding]:
    """Payments to a county whose own document of that year is loaded but states no receipt from that payer."""
    homes = [(ex, _county(_home(ex))) for ex in extractions]
    groups: dict[tuple, list] = {}
    for p in payments:
        groups.setdefault((p[0].document.id, p[3].key, p[1].year, p[1].stage), []).append(p)
    for (_, _, year, stage), paid in groups.items():
        ex, _, payer, county = paid[0]
        theirs = [other for other, home in homes if home is county and other.document.fiscal_year == year
                  and STAGE_ZH.get(stage) == other.document.stage]
        if not theirs or any(payer.within(r[2]) and r[3] is county and r[1].year == year for r in receipts):
            continue
        names = "、".join(f"{o.document.department or o.document.id}（{o.document.id}）" for o in theirs)
        yield Finding(
            rule="cross.transfer_vs_receipt", severity="low", document=ex.document.id,
            department=ex.document.department,
            figures=tuple(Figure.of(f"付款方称支付 {f.recipient}（第{f.line}行）", f.amount, f) for _, f, _, _ in paid),
            arithmetic=f"支付 {' + '.join(fmt(p[1].amount) for p in paid)} = "
                       f"{fmt(sum(p[1].amount for p in paid))}；收款方所称收到 0",
            message=f"{_who(ex)}第{'、'.join(str(p[1].line) for p in paid)}行称{year}年向{county.name}"
                    f"{'支付' if stage == 'actual' else '安排'}{fmt(sum(p[1].amount for p in paid))}万元，"
                    f"而已载入的{county.name}{year}年{STAGE_ZH.get(stage, '')}文件（{names}）未提及收到{payer.name}的资金。",
            difference=sum(p[1].amount for p in paid), documents=(ex.document.id, *(o.document.id for o in theirs)))
