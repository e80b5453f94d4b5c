"""The loaders read a small synthetic corpus as well as they read the seeds: `extract_file`
against the truth files, per kind — recall ≥ 0.99 and no wrong amount.

Two corpora: a national one and one of Wuhan (where every department kind appears, and the
payments of 对口帮扶 / 援疆 / 驻村帮扶 are many). The failure message is the report: what is missed
or wrong, and where.
"""
from __future__ import annotations

import pytest

from kb.synth.accuracy import Score, report, score_corpus
from kb.synth.corpus import Options, write_corpus

CORPORA = (Options(seed=21, typo_rate=0.1, inconsistency_rate=0.0, noise_rate=0.3),
           Options(seed=22, typo_rate=0.1, inconsistency_rate=0.0, noise_rate=0.3, within="420100"))
DOCS = 50


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, Score]:
    total: dict[str, Score] = {}
    for options in CORPORA:
        out = tmp_path_factory.mktemp("accuracy")
        write_corpus(out, DOCS, options)
        for kind, s in score_corpus(out).items():
            t = total.setdefault(kind, Score())
            t.found, t.wrong, t.missed, t.extra = t.found + s.found, t.wrong + s.wrong, t.missed + s.missed, t.extra + s.extra
            t.examples.extend(s.examples[: 12 - len(t.examples)])
    return total


def test_the_corpus_has_every_kind_to_score(scores):
    assert scores["budget_lines"].total > 2000
    assert scores["projects"].total > 200
    assert scores["flows"].total > 100


@pytest.mark.parametrize("kind", ["budget_lines", "projects", "flows"])
def test_recall_and_amounts(scores, kind):
    s = scores[kind]
    assert s.recall >= 0.99 and s.wrong == 0, report({kind: s})


def _perfect_reading(truth: dict):
    """What a loader that reads everything right would return: records built from the truth."""
    from decimal import Decimal

    from loaders.records import BudgetLine, Document, Extraction, Project, Source

    d = truth["document"]
    doc = Document(d["id"], d["file_name"], "", "utf-8", d["line_count"], None, d["department"], d["district"],
                   d["city"], d["fiscal_year"], d["stage"], None)
    ex = Extraction(doc)
    for bl in truth["budget_lines"]:
        src = Source(d["id"], bl["line"] or 0, bl["line"] or 0, bl["table"], "")
        ex.records.append(BudgetLine(bl["classification"], bl["code"], bl["name"], bl["level"], bl["fund_type"],
                                     {k: Decimal(v) for k, v in bl["measures"].items()}, bl["table"], src))
    for p in truth["projects"]:
        ex.records.append(Project(p["code"], p["name"], None, p["category"], p["frequency"], Decimal(p["budget"]),
                                  None if p["executed"] is None else Decimal(p["executed"]), (p["function_code"],),
                                  p["legal_basis"], Source(d["id"], p["line"] or 0, p["line"] or 0, None, "")))
    return ex


def test_the_scorer_tells_a_wrong_amount_from_a_missing_line(tmp_path):
    """The comparison itself: an amount changed in the truth is `wrong`, a line that is not there `missed`."""
    import copy
    import json
    from decimal import Decimal

    from kb.synth.accuracy import Score, score_budget_lines, score_projects

    write_corpus(tmp_path, 1, Options(seed=4, inconsistency_rate=0.0))
    truth = json.loads(next(tmp_path.glob("*.truth.json")).read_text(encoding="utf-8"))
    ex = _perfect_reading(truth)
    base = Score()
    score_budget_lines(truth, ex, base)
    assert base.found > 50 and base.wrong == base.missed == 0

    changed = copy.deepcopy(truth)
    line = next(bl for bl in changed["budget_lines"] if bl["code"] and bl["stated"] and bl["measures"])
    key = next(iter(line["measures"]))
    line["measures"][key] = str(Decimal(line["measures"][key]) + 1)
    s = Score()
    score_budget_lines(changed, ex, s)
    assert (s.found, s.wrong) == (base.found - 1, 1)

    line["code"] = "2299999"                      # a code the document never prints
    s = Score()
    score_budget_lines(changed, ex, s)
    assert (s.found, s.missed) == (base.found - 1, 1)

    s = Score()
    score_projects(truth, ex, s)
    assert s.found == len(truth["projects"]) and s.wrong == 0
    p = changed["projects"][0]
    p["budget"] = str(Decimal(p["budget"]) + 1)
    s = Score()
    score_projects(changed, ex, s)
    assert s.wrong == 1
