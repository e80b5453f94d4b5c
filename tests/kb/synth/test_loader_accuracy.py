"""The loaders read a small synthetic corpus as well as they read the seeds: `extract_file`
against the truth files, per kind — recall ≥ 0.99 and no wrong amount.

Marked xfail until the extractors (being written in parallel) cover what the national
template prints; the report in the failure message says what is missed and where.
"""
from __future__ import annotations

import pytest

from kb.synth.accuracy import report, score_corpus
from kb.synth.corpus import Options, write_corpus

DOCS = 60


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("accuracy")
    write_corpus(out, DOCS, Options(seed=21, typo_rate=0.1, inconsistency_rate=0.0, noise_rate=0.3))
    return score_corpus(out)


def test_the_corpus_has_every_kind_to_score(scores):
    assert scores["budget_lines"].total > 1000
    assert scores["projects"].total > 100
    assert scores["flows"].total > 20


@pytest.mark.xfail(strict=False, reason="extractors still landing (~13:30): flows read only Wuhan's pairing "
                                        "places (loaders/places_text.py COUNTY_PARENT), not the national gazetteer")
@pytest.mark.parametrize("kind", ["budget_lines", "projects", "flows"])
def test_recall_and_amounts(scores, kind):
    s = scores[kind]
    assert s.recall >= 0.99 and s.wrong == 0, report({kind: s})


def test_the_scorer_tells_a_wrong_amount_from_a_missing_line(tmp_path):
    """The comparison itself: an amount changed in the truth is `wrong`, a line that is not there `missed`."""
    import copy
    import json
    from decimal import Decimal

    from kb.synth.accuracy import Score, score_budget_lines, score_projects
    from loaders.extract import extract_file

    write_corpus(tmp_path, 1, Options(seed=4, inconsistency_rate=0.0))
    truth = json.loads(next(tmp_path.glob("*.truth.json")).read_text(encoding="utf-8"))
    ex = extract_file(tmp_path / truth["document"]["file_name"])
    base = Score()
    score_budget_lines(truth, ex, base)
    assert base.found > 50 and base.wrong == 0

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
    assert (s.found, s.missed) == (base.found - 1, base.missed + 1)

    p = changed["projects"][0]
    p["budget"] = str(Decimal(p["budget"]) + 1)
    s = Score()
    score_projects(changed, ex, s)
    assert s.wrong == 1
