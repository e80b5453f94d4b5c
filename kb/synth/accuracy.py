"""How well the loaders read a synthetic corpus: `extract_file` output against the truth files,
per kind (budget lines, projects, flows): recall, and matched facts with a wrong amount.

A truth fact is *found* when an extracted record names the same thing (table + code, project
name, flow recipient) with the same amounts; *wrong* when it names the same thing with another
amount; *missed* otherwise. Only facts the text states are counted (tables lost to OCR are not).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from loaders.extract import extract_file
from loaders.records import BudgetLine, Extraction, FundingFlow, Indicator, Procurement, Project, Staffing, Variance

KINDS = ("budget_lines", "projects", "flows")
DOCUMENT_FIELDS = ("department", "district", "fiscal_year", "stage")


@dataclass(slots=True)
class Score:
    found: int = 0
    wrong: int = 0
    missed: int = 0
    extra: int = 0       # extracted with an amount but stated nowhere in the truth (reported, not asserted)
    examples: list[str] = field(default_factory=list)   # the first few misses and wrong amounts

    @property
    def total(self) -> int:
        return self.found + self.wrong + self.missed   # truth facts only: `extra` is not one

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    def note(self, outcome: str, text: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        if outcome not in ("found", "extra") and len(self.examples) < 12:
            self.examples.append(f"{outcome}: {text}")


def _table(name: str | None) -> str:
    return re.sub(r"\s", "", name or "")


def _name(name: str | None) -> str:
    return re.sub(r"[\s（）()]", "", name or "")


def score_budget_lines(truth: dict, ex: Extraction, score: Score) -> None:
    lines: list[BudgetLine] = ex.of(BudgetLine)
    index: dict[tuple[str, str | None], list[BudgetLine]] = {}
    for bl in lines:
        index.setdefault((_table(bl.table), bl.code), []).append(bl)
    doc = truth["document"]["id"]
    for t in truth["budget_lines"]:
        if not t["stated"] or not t["measures"] or (t["code"] is None and t["name"] != "合计"):
            continue
        want = {k: Decimal(v) for k, v in t["measures"].items()}
        candidates = index.get((t["table"], t["code"]), [])
        if t["code"] is None:
            candidates = [c for c in candidates if "合计" in (c.name or "")]
        where = f"{doc}:{t['line']} {t['table']} {t['code'] or t['name']}"
        if not candidates:
            score.note("missed", where)
        elif any(_measures_agree(want, c.measures) for c in candidates):
            score.note("found", where)
        else:
            score.note("wrong", f"{where} want {_fmt(want)} got {_fmt(candidates[0].measures)}")


def _measures_agree(want: dict[str, Decimal], got: dict[str, Decimal]) -> bool:
    shared = set(want) & set(got)
    if shared:
        return all(want[k] == got[k] for k in shared)
    return set(want.values()) <= set(got.values())


def _fmt(m: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}={v}" for k, v in sorted(m.items())) + "}"


def score_projects(truth: dict, ex: Extraction, score: Score) -> None:
    by_name: dict[str, list[Project]] = {}
    for p in ex.of(Project):
        for n in (p.name, *p.aliases):
            by_name.setdefault(_name(n), []).append(p)
    doc = truth["document"]["id"]
    for t in truth["projects"]:
        got = by_name.get(_name(t["name"]), [])
        where = f"{doc} project {t['name']}"
        if not got:
            score.note("missed", where)
            continue
        budget = Decimal(t["budget"])
        executed = None if t["executed"] is None else Decimal(t["executed"])
        ok = any((p.budget is None or p.budget == budget) and (executed is None or p.executed in (None, executed))
                 and (p.budget is not None or p.executed is not None) for p in got)
        if ok:
            score.note("found", where)
        else:
            score.note("wrong", f"{where} want budget={budget} executed={executed} got "
                                f"{[(str(p.budget), str(p.executed)) for p in got]}")


def score_flows(truth: dict, ex: Extraction, score: Score) -> None:
    flows: list[FundingFlow] = ex.of(FundingFlow)
    doc = truth["document"]["id"]
    for t in truth["flows"]:
        amount = Decimal(t["amount"])
        # a record naming the place without an amount (a joint sum, a mention) is neither right nor wrong
        same_place = [f for f in flows if f.amount is not None and
                      (t["recipient"] in (f.recipient or "") or t["recipient_text"] in (f.recipient_text or ""))]
        where = f"{doc}:{t['line']} {t['recipient_text']} {t['amount']}万元 ({t['origin']})"
        if any(f.amount == amount for f in same_place):
            score.note("found", where)
        elif same_place:
            score.note("wrong", f"{where} got {[str(f.amount) for f in same_place]}")
        else:
            score.note("missed", where)
    stated = {(Decimal(t["amount"]), t["recipient"]) for t in truth["flows"]}
    for f in flows:
        if f.amount is not None and not any(a == f.amount and r in (f.recipient or "") for a, r in stated):
            score.note("extra", f"{doc}:{f.line} {f.recipient_text} {f.amount}")


def score_document(truth: dict, ex: Extraction, score: Score) -> None:
    """The cover facts: department, district, year and stage (reported beside the three kinds)."""
    for name in DOCUMENT_FIELDS:
        want, got = truth["document"][name], getattr(ex.document, name)
        where = f"{truth['document']['id']} {name}"
        score.note("found" if want == got else ("missed" if got is None else "wrong"), f"{where} want {want} got {got}")


def score_variances(truth: dict, ex: Extraction, score: Score) -> None:
    """年初预算 X，支出决算 Y per function line, as the 情况说明 states it (决算 only)."""
    got = ex.of(Variance)
    doc = truth["document"]["id"]
    for t in truth["variances"]:
        same = [v for v in got if v.function_code == t["function_code"]]
        want = (Decimal(t["initial_budget"]), Decimal(t["final"]))
        where = f"{doc}:{t['line']} {t['function_code']} {t['name']}"
        if any((v.initial_budget, v.final) == want for v in same):
            score.note("found", where)
        elif same:
            score.note("wrong", f"{where} want {want} got {[(str(v.initial_budget), str(v.final)) for v in same]}")
        else:
            score.note("missed", where)


def score_procurement(truth: dict, ex: Extraction, score: Score) -> None:
    """Rows of 预算12: the same item, codes and amounts (合计, 中小企业, 小微企业)."""
    got = [p for p in ex.of(Procurement) if p.item_code]
    doc = truth["document"]["id"]
    for t in truth["procurement"]:
        same = [p for p in got if (p.item_code, p.function_code, p.economic_code) ==
                (t["item_code"], t["function_code"], t["economic_code"]) and (p.project or "") in (t["project"], "")]
        want = (Decimal(t["amount"]), Decimal(t["sme_amount"]), Decimal(t["small_micro_amount"]))
        where = f"{doc}:{t['line']} {t['item_code']} {t['project']}"
        if any((p.amount, p.sme_amount, p.small_micro_amount) == want for p in same):
            score.note("found", where)
        elif same:
            score.note("wrong", f"{where} want {want} got {[(str(p.amount), str(p.sme_amount)) for p in same]}")
        else:
            score.note("missed", where)


def score_staffing(truth: dict, ex: Extraction, score: Score) -> None:
    """编制, 在职 and 离退休 head counts as 概况 states them."""
    got = {s.category: s.count for s in ex.of(Staffing)}
    for category, count in truth["staff"].items():
        where = f"{truth['document']['id']} {category}"
        if got.get(category) == count:
            score.note("found", where)
        else:
            score.note("missed" if category not in got else "wrong", f"{where} want {count} got {got.get(category)}")


def score_indicators(truth: dict, ex: Extraction, score: Score) -> None:
    """Each project's performance indicators: the named indicator with its target (and actual)."""
    got: dict[tuple[str, str], list[Indicator]] = {}
    for i in ex.of(Indicator):
        got.setdefault((_name(i.owner), _name(i.name)), []).append(i)
    doc = truth["document"]["id"]
    for p in truth["projects"]:
        for t in p["indicators"]:
            same = got.get((_name(p["name"]), _name(t["name"])), [])
            where = f"{doc}:{t['line']} {p['name']} / {t['name']}"
            if any(_name(i.target) == _name(t["target"]) and (t["actual"] is None or _name(i.actual) == _name(t["actual"]))
                   for i in same):
                score.note("found", where)
            elif same:
                score.note("wrong", f"{where} want {t['target']}/{t['actual']} got {[(i.target, i.actual) for i in same]}")
            else:
                score.note("missed", where)


def score_corpus(folder: Path | str, files: Iterable[Path] | None = None) -> dict[str, Score]:
    folder = Path(folder)
    scores = {k: Score() for k in (*KINDS, "indicators", "variances", "procurement", "staffing", "documents")}
    for truth_path in sorted(files or folder.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        ex = extract_file(folder / truth["document"]["file_name"])
        score_budget_lines(truth, ex, scores["budget_lines"])
        score_projects(truth, ex, scores["projects"])
        score_flows(truth, ex, scores["flows"])
        score_indicators(truth, ex, scores["indicators"])
        score_variances(truth, ex, scores["variances"])
        score_procurement(truth, ex, scores["procurement"])
        score_staffing(truth, ex, scores["staffing"])
        score_document(truth, ex, scores["documents"])
    return scores


def report(scores: dict[str, Score]) -> str:
    out = []
    for kind, s in scores.items():
        extra = f", extracted but not in the truth {s.extra}" if kind == "flows" else ""
        out.append(f"{kind}: recall {s.recall:.4f} ({s.found}/{s.total}), wrong amounts {s.wrong}, missed {s.missed}{extra}")
        out.extend("    " + e for e in s.examples)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """`python -m kb.synth.accuracy FOLDER`: score the loaders on a corpus `kb synth` wrote."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m kb.synth.accuracy FOLDER  (a folder written by `kb synth`)", file=sys.stderr)
        return 2
    if not any(Path(args[0]).glob("*.truth.json")):
        print(f"{args[0]}: no *.truth.json files; write a corpus with `kb synth` first", file=sys.stderr)
        return 2
    print(report(score_corpus(args[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
