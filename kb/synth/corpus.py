"""The corpus: which documents exist, in which order, and writing them with their truth.

Documents are enumerated lazily — by year (newest first), then department rank (the office
first), then county (in a seeded order), then stage (预算, 决算) — and each is generated from its
own seeded generator and written at once, so memory stays flat however many are asked for.
"""
from __future__ import annotations

import json
import random
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from kb.synth import budget, final, noise
from kb.synth.departments import CATALOGUE
from kb.synth.page import Page, Truth, text_num
from kb.synth.places import COUNTIES, PLACES, Place, prefecture_of
from kb.synth.plan import Plan, build

YEARS = tuple(range(2024, 2009, -1))
STAGES = ("预算", "决算")


@dataclass(frozen=True, slots=True)
class Options:
    seed: int = 1
    typo_rate: float = 0.1           # share of flow mentions whose place name has a typo
    inconsistency_rate: float = 0.02  # share of documents with one injected inconsistency
    noise_rate: float = 0.2          # share of 决算 documents OCR-damaged (002- or 003-like)
    within: str | None = None        # only the counties of this province, prefecture or county code


def _counties(within: str | None) -> list[Place]:
    if within is None:
        return list(COUNTIES)
    if within not in PLACES:
        raise ValueError(f"--within {within}: no province, prefecture or county has that code")
    return [c for c in COUNTIES if within in (c.code, c.parent, c.province)]


def capacity(options: Options = Options()) -> int:
    return len(YEARS) * len(STAGES) * sum(_department_count(options.seed, c) for c in _counties(options.within))


def _department_count(seed: int, county: Place) -> int:
    # 50–150 departments in a real county; the catalogue bounds how many distinct ones exist.
    return min(len(CATALOGUE), random.Random(f"{seed}:size:{county.code}").randint(50, 150))


def slots(seed: int, within: str | None = None) -> Iterator[tuple[Place, int, int, str]]:
    order = _counties(within)
    random.Random(f"{seed}:counties").shuffle(order)
    sizes = {c.code: _department_count(seed, c) for c in order}
    for year in YEARS:
        for rank in range(len(CATALOGUE)):
            for county in order:
                if rank < sizes[county.code]:
                    for stage in STAGES:
                        yield county, rank, year, stage


def plans(count: int, options: Options) -> Iterator[Plan]:
    for index, (county, rank, year, stage) in enumerate(slots(options.seed, options.within)):
        if index >= count:
            return
        yield build(options.seed, index, county, rank, CATALOGUE[rank], year, stage,
                    options.noise_rate, options.inconsistency_rate)
    raise ValueError(f"the gazetteer holds at most {capacity(options)} documents here; asked for {count}")


def render(plan: Plan, options: Options) -> tuple[str, dict]:
    rng = random.Random(f"{options.seed}:text:{plan.index}")
    page, truth = Page(), Truth()
    (final if plan.stage == "决算" else budget).render(plan, page, truth, options.typo_rate, rng)
    lines = page.lines
    truncated: set[int] = set()
    mapping: list[int | None] | None = None
    if plan.noise == "ocr_spaces":
        lines, mapping, truncated = noise.ocr_spaces(lines, rng)
    elif plan.noise == "ocr_lines":
        lines, mapping = noise.ocr_lines(lines, rng)
    text = "\n".join(lines) + "\n"
    return text, _truth(plan, truth, mapping, truncated, lines)


def _truth(plan: Plan, truth: Truth, mapping, truncated: set[int], lines: list[str]) -> dict:
    def moved(n: int | None) -> int | None:
        return n if mapping is None or n is None else mapping[n - 1]

    for bl in truth.budget_lines:
        bl["stated"] = moved(bl["line"]) is not None
        bl["line"] = moved(bl["line"])
        if bl["line"] in truncated and bl["code"]:
            cut = bl["code"][:-1]
            if cut in lines[bl["line"] - 1].split("\t"):
                bl["code_as_printed"] = cut
    for f in truth.flows:
        f["line"] = _find(lines, moved(f["line"]), f["recipient_text"])
    for c in truth.checks:   # where the injected disagreement is printed, for audits to point at
        if c["kind"] == "class_sum":
            c["line"] = next(bl["line"] for bl in truth.budget_lines if bl["table"] == c["table"] and bl["code"] == c["code"])
        elif c["kind"] == "three_public_sum":
            c["line"] = next(t["line"] for t in truth.three_public if t["origin"] == "table" and t["item"] == "合计")
    for group in (truth.variances, truth.three_public, truth.checks, truth.procurement):
        for item in group:
            if "line" in item:
                item["line"] = moved(item["line"])
    if mapping is not None:  # a broken sentence: the figure may sit a few lines below its start
        for c in truth.checks:
            if c.get("line") and c["kind"] in ("narrative_total", "percentage", "statement", "percent"):
                num = text_num(Decimal(c["stated"]))
                needles = (num + "%",) if c["kind"] in ("percentage", "percent") else (num + " 万元", num + "万元")
                c["line"] = next((n for n in (_find(lines, c["line"], x, None) for x in needles) if n), c["line"])
    county = plan.county
    pref = prefecture_of(county)
    return {
        "document": {
            "id": plan.doc_id, "file_name": plan.doc_id + ".txt", "department": plan.department,
            "district": county.name, "place_code": county.code, "city": pref.name if pref.name.endswith("市") else None,
            "prefecture": pref.name, "province": PLACES[county.province].name, "region": county.region,
            "fiscal_year": plan.year, "stage": plan.stage, "noise": plan.noise, "line_count": len(lines),
        },
        "inconsistency": plan.inconsistency,
        "totals": {"total": str(plan.total), "basic": str(plan.personnel + plan.running), "project": str(plan.project_total),
                   "personnel": str(plan.personnel), "running": str(plan.running),
                   "general_budget": str(plan.general_total), "fund_budget": str(plan.fund_total)},
        "staff": plan.staff,
        "budget": [{"code": l.code, "fund_type": l.fund, "personnel": str(l.personnel), "running": str(l.running),
                    "project": str(l.project), "total": str(l.total),
                    **({"initial_budget": str(l.initial_budget)} if plan.stage == "决算" else {})} for l in plan.lines],
        "economic": {c: str(a) for c, a in sorted(plan.economic.items())},
        "budget_lines": truth.budget_lines,
        "projects": [{"code": p.code, "name": p.name, "function_code": p.function_code, "fund_type": p.fund,
                      "category": p.category, "frequency": p.frequency, "budget": str(p.budget),
                      "executed": None if p.executed is None else str(p.executed), "legal_basis": p.legal_basis,
                      "line": moved(truth.project_lines.get(p.name)),
                      "items": [{"item": i.item, "amount": str(i.amount), "flow": i.flow is not None} for i in p.items],
                      "indicators": [{"level1": i.level1, "level2": i.level2, "name": i.name, "target": i.target,
                                      "actual": i.actual, "weight": str(i.weight),
                                      "line": moved(i.line) if mapping is None else _find(lines, moved(i.line), i.name)}
                                     for i in p.indicators]}
                     for p in plan.projects],
        "flows": truth.flows,
        "variances": truth.variances,
        "three_public": truth.three_public,
        "procurement": truth.procurement,
        "checks": truth.checks,
    }


def _find(lines: list[str], start: int | None, needle: str, default: int | None = -1) -> int | None:
    """The line where a flow's recipient text begins, reading on from its paragraph's first
    line across OCR line breaks (blank lines and the stray leading spaces do not count)."""
    if start is None:
        return None
    buf, owners = "", []
    for n in range(start, len(lines) + 1):
        piece = lines[n - 1].lstrip(" ")
        # only the new text (and the needle's length before it) can hold a new match
        since = max(0, len(buf) - len(needle))
        buf += piece
        owners.extend([n] * len(piece))
        i = buf.find(needle, since)
        if i >= 0:
            return owners[i]
    return start if default == -1 else default


@dataclass(slots=True)
class Summary:
    documents: int = 0
    bytes: int = 0
    flows: int = 0
    typos: int = 0
    inconsistencies: int = 0
    by_stage: dict[str, int] = field(default_factory=dict)


def write_corpus(out: Path, count: int, options: Options) -> Summary:
    out.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    for plan in plans(count, options):
        text, truth = render(plan, options)
        data = text.encode("utf-8")
        (out / f"{plan.doc_id}.txt").write_bytes(data)
        (out / f"{plan.doc_id}.truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        summary.documents += 1
        summary.bytes += len(data)
        summary.flows += len(truth["flows"])
        summary.typos += sum(1 for f in truth["flows"] if f["typo"])
        summary.inconsistencies += plan.inconsistency is not None
        summary.by_stage[plan.stage] = summary.by_stage.get(plan.stage, 0) + 1
    return summary
