"""Place-name typos appear at the rate asked for, one character off, and only where asked."""
from __future__ import annotations

import math
import random

from kb.synth import aid
from kb.synth.corpus import Options, write_corpus
from kb.synth.places import AID_PAIRS, LOCAL_PAIRS, PLACES, TOWNSHIPS, counties_of
from tests.kb.synth.conftest import OPTIONS


def test_typos_come_at_the_set_rate(truths):
    flows = [f for t, _ in truths for f in t["flows"] if f["typo_eligible"]]
    n = len(flows)
    typos = sum(f["typo"] for f in flows)
    p = OPTIONS.typo_rate
    # within four standard deviations of the binomial mean
    assert abs(typos - n * p) <= 4 * math.sqrt(n * p * (1 - p)), (typos, n)


def test_a_typo_changes_one_character_of_the_name(truths):
    seen = 0
    for t, _ in truths:
        for f in t["flows"]:
            written, meant = f["recipient_text"], f["recipient_written"]
            if f["recipient_level"] == "prefecture":
                assert meant == PLACES[f["recipient_code"]].short
            else:
                assert meant.endswith(f["recipient"])
            if not f["typo"]:
                assert written == meant
                continue
            seen += 1
            assert len(written) == len(meant) and sum(a != b for a, b in zip(written, meant)) == 1
    assert seen > 0


def test_no_typos_when_the_rate_is_zero(tmp_path):
    write_corpus(tmp_path, 40, Options(seed=3, typo_rate=0.0))
    import json
    flows = [f for p in tmp_path.glob("*.truth.json") for f in json.loads(p.read_text(encoding="utf-8"))["flows"]]
    assert flows and not any(f["typo"] for f in flows)


def test_every_recipient_name_can_carry_a_typo():
    rng = random.Random(0)
    recipients = [c for _, area, _ in AID_PAIRS for c in counties_of(area)] + [PLACES[b] for _, b in LOCAL_PAIRS]
    recipients += [PLACES[area] for _, area, _ in AID_PAIRS if PLACES[area].level == "prefecture"]
    names = [c.name for c in recipients] + [t for ts in TOWNSHIPS.values() for t in ts]
    assert len(names) > 1000
    for name in names:
        stem = name
        for suffix in aid.SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                stem = name[: -len(suffix)]
                break
        wrong = aid.typo_of(name, rng)
        if len(stem) < 2:
            assert wrong is None, name        # 忠县 → 中县 would be another name, not a slip
            continue
        assert wrong is not None and wrong != name and len(wrong) == len(name), name
