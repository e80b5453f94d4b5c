"""The seeds, their extraction (once per test session) and the one comparison every golden test uses.

Golden files (tests/golden/<seed>/<kind>.json) are written by hand from the seed text. A golden row
states some fields of one fact; `compare` finds the extracted record it describes (by the kind's
identity in `KEYS`) and checks each stated field, so that recall is counted per fact field:

    result = compare("004", "budget_lines")
    result.found, result.total, result.wrong, result.extra, result.wrong_amounts
"""
from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from loaders.context import Context
from loaders.document import read_document
from loaders.extract import extract_file
from loaders.reader import read
from loaders.records import (MEASURE_LABELS, Asset, BudgetLine, Extraction, FundingFlow, Indicator, Procurement,
                             Project, ProjectLine, Record, Staffing, ThreePublic, Unit, Variance)

TESTS = Path(__file__).resolve().parents[1]
GOLDEN = TESTS / "golden"
DATA = TESTS / "data"
SEEDS = Path(os.environ.get("KB_SEEDS", TESTS.parents[1] / "shared" / "seeds"))
PREFIXES = ("000", "001", "002", "003", "004")
SEED_STEMS = ("000_d3b4b252b30afbb1", "001_87de7c93fc8d4773", "002_81fcf87bf650a710",
              "003_8c009d716d1b93c0", "004_fd04dd69df0e1d80")

# Fields that hold money (or a count of money's worth): a difference there is a wrong amount.
AMOUNT_FIELDS = set(MEASURE_LABELS) | {"amount", "budget", "executed", "actual", "value", "initial_budget", "final",
                                       "sme_amount", "small_micro_amount", "measures"}


def seed_path(prefix: str) -> Path:
    """`004` or `004_fd04dd69df0e1d80` → the seed file."""
    hits = sorted(SEEDS.glob(f"{prefix[:3]}_*.txt"))
    assert hits, f"seed {prefix} not found in {SEEDS} (set KB_SEEDS)"
    return hits[0]


@functools.cache
def extraction(path: Path) -> Extraction:
    assert path.is_file(), f"disclosure missing: {path} (set KB_SEEDS for the seeds)"
    return extract_file(path)


def seed(prefix: str) -> Extraction:
    """The whole extraction of a seed, by prefix (`004`) or stem."""
    return extraction(seed_path(prefix))


def context(source: str | Path, found: list[Record] | None = None) -> Context:
    """What an extractor gets for a seed (`002`) or a file, for testing one extractor alone."""
    text = read(seed_path(source) if isinstance(source, str) else source)
    return Context(text=text, document=read_document(text), found=list(found or ()))


def load(prefix: str, name: str) -> Any:
    return json.loads((GOLDEN / prefix[:3] / f"{name}.json").read_text(encoding="utf-8"))


def as_row(record: Record) -> dict[str, Any]:
    """A record as the golden files write it: `to_dict` without the type, the source as `lines` and `table`
    (unless the record has a table of its own), and a budget line's measures one field each (blank: None)."""
    d = record.to_dict()
    d.pop("type")
    src = d.pop("source")
    d["lines"] = src["lines"]
    d.setdefault("table", src["table"])     # a record's own table field (BudgetLine, Indicator) comes first
    if isinstance(record, BudgetLine):
        d["line"] = src["lines"][0]
        d.update({k: d["measures"].get(k) for k in MEASURE_LABELS})
    return d


def _budget_key(r: dict) -> tuple:
    side = "income" if r.get("classification") == "income" else "expenditure"
    line = r["line"] if "line" in r else r["lines"][0]
    return r["table"], line, side, r["code"] or r.get("unit_code") or r["name"]


# Golden file → (record type, identity of a row within the seed). Two flows of one line differ by amount
# (黄陂区 300 and 120 on 004 line 737): a flow with a wrong amount is missing and extra, never matched.
KEYS: dict[str, tuple[type[Record], Callable[[dict], tuple]]] = {
    "budget_lines": (BudgetLine, _budget_key),
    "units": (Unit, lambda r: (r["name"], r["code"])),
    "staffing": (Staffing, lambda r: (r["category"], tuple(r["lines"]))),
    "assets": (Asset, lambda r: (r["category"], r["name"])),
    "three_public": (ThreePublic, lambda r: (r["item"], r["origin"], r["line"])),
    "procurement": (Procurement, lambda r: (r["line"], r["item_name"], r["item_code"])),
    "projects": (Project, lambda r: (r["name"],)),
    "project_lines": (ProjectLine, lambda r: (r["project"], r["item"], tuple(r["lines"]))),
    "variances": (Variance, lambda r: (r["name"], tuple(r["lines"]))),
    "flows": (FundingFlow, lambda r: (r["line"], r["origin"], r["recipient"], r["amount"], r["year"])),
    "indicators": (Indicator, lambda r: (r["line"],)),
}
# Golden files that are an object: the key holding the rows. A sample is not the whole kind.
ROWS_UNDER = {"flows": "flows", "indicators": "sample"}
SAMPLES = {"indicators"}


def golden_rows(prefix: str, name: str) -> list[dict]:
    data = load(prefix, name)
    return data[ROWS_UNDER[name]] if name in ROWS_UNDER else data


def _equal(name: str, want: Any, got: Any) -> bool:
    if name == "notes":      # a note is written by hand up to where the extractor's detail begins
        return all(any(g.startswith(w) for g in got or ()) for w in want)
    return got == want


@dataclass
class Comparison:
    found: int = 0                                   # golden fields extracted with the golden value
    total: int = 0                                   # golden fields
    wrong: list[str] = field(default_factory=list)   # every missing fact or differing field
    wrong_amounts: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)   # extracted facts of a kind no golden row describes

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 0.0

    def __iadd__(self, other: "Comparison") -> "Comparison":
        self.found += other.found
        self.total += other.total
        self.wrong += other.wrong
        self.wrong_amounts += other.wrong_amounts
        self.extra += other.extra
        return self


def compare(prefix: str, name: str, records: list[Record] | None = None,
            only: Callable[[dict], bool] = lambda r: True) -> Comparison:
    """Golden file `name` of a seed against the extracted records of its kind (or `records`), field by
    field. `only` selects the rows compared, golden and extracted (e.g. the tab tables, for one extractor)."""
    kind, key = KEYS[name]
    got = [as_row(r) for r in (records if records is not None else seed(prefix).of(kind))]
    got = [g for g in got if only(g)]
    by_key: dict[tuple, list[dict]] = {}
    for g in got:
        by_key.setdefault(key(g), []).append(g)
    out = Comparison()
    matched: set[int] = set()
    for row in (r for r in golden_rows(prefix, name) if only(r)):
        facts = [k for k in row if k not in ("table", "line", "lines") or name != "budget_lines"]
        out.total += len(facts)
        hits = [g for g in by_key.get(key(row), []) if id(g) not in matched]
        if not hits:
            out.wrong.append(f"{prefix} {name} {key(row)}: not extracted")
            continue
        g = hits[0]
        matched.add(id(g))
        for k in facts:
            if _equal(k, row[k], g.get(k)):
                out.found += 1
                continue
            msg = f"{prefix} {name} {key(row)} {k}: extracted {g.get(k)!r}, golden {row[k]!r}"
            out.wrong.append(msg)
            if k in AMOUNT_FIELDS:
                out.wrong_amounts.append(msg)
    if name not in SAMPLES:
        out.extra = [f"{prefix} {name} {key(g)}: extracted, not in the golden file" for g in got if id(g) not in matched]
    return out
