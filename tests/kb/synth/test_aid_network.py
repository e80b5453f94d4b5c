"""The aid network's shape: flows go between real places along the real pairings, mostly
east → west, and each is written on the line the truth names."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from kb.synth.aid import programme
from kb.synth.places import PLACES, TOWNSHIPS


def _flows(truths):
    return [(t, f, lines) for t, lines in truths for f in t["flows"]]


def test_flows_go_between_places_of_the_gazetteer_along_real_pairings(truths):
    flows = _flows(truths)
    assert len(flows) >= 40
    for _, f, _ in flows:
        payer, recipient = PLACES[f["payer_code"]], PLACES[f["recipient_code"]]
        assert payer.level == "county" and payer.name == f["payer_place"]
        assert payer.code != recipient.code
        if f["recipient_level"] == "township":
            assert f["recipient"] in TOWNSHIPS[recipient.code]
        else:
            assert recipient.name == f["recipient"]
        kind = programme(payer, recipient)
        assert kind is not None, (payer, recipient)
        assert f["flow_type"] in (kind, "救灾")
        assert Decimal(f["amount"]) > 0 and f["unit"] == "万元"


def test_most_money_flows_east_to_west(national_truths):
    flows = _flows(national_truths)
    directions = Counter((f["payer_region"], f["recipient_region"]) for _, f, _ in flows)
    assert directions[("east", "west")] / len(flows) >= 0.5
    assert all(f["recipient_region"] != "east" for _, f, _ in flows)   # aid never flows back east
    levels = Counter(f["recipient_level"] for _, f, _ in flows)
    assert levels["county"] and len(levels) >= 2                        # named at more than one level


def test_each_flow_is_written_on_its_line(truths):
    for truth, f, lines in _flows(truths):
        line = lines[f["line"] - 1]
        if truth["document"]["noise"] == "ocr_lines":
            # broken sentences: the recipient begins on the line the truth names, maybe ends on the next
            following = next(l for l in lines[f["line"]:] if l.strip())
            assert f["recipient_text"] in line.lstrip() + following.lstrip()
            assert any(line.endswith(f["recipient_text"][:k]) for k in range(1, len(f["recipient_text"]) + 1)) \
                or f["recipient_text"] in line
            continue
        assert f["recipient_text"] in line
        if f["origin"] == "indicator":   # the table row naming the project; its 执行数 follows a few rows on
            continue
        amount = f["amount_text"]
        assert amount.replace("万元", "").replace("元", "").replace(" ", "") in line.replace(" ", "")


def test_a_payer_pays_only_its_fixed_partners(truths):
    from kb.synth.aid import partners
    from tests.kb.synth.conftest import OPTIONS, WUHAN
    for t, f, _ in _flows(truths):
        seed = WUHAN.seed if t["document"]["prefecture"] == "武汉市" else OPTIONS.seed
        mine = {p.recipient.code for p in partners(seed, f["payer_code"])}
        assert mine, f
        if f["recipient_level"] == "prefecture":
            assert any(PLACES[c].parent == f["recipient_code"] for c in mine)
        else:
            assert f["recipient_code"] in mine


def test_the_gazetteer_is_national_and_real():
    from kb.places import gazetteer
    from kb.synth.places import COUNTIES, SMALL_PLACES
    assert len(COUNTIES) > 2800
    g = gazetteer()
    for code, place in SMALL_PLACES.items():   # the built-in fallback list holds only real divisions
        if place.level != "county":
            continue
        assert g.get(code).name == place.name, code


def test_every_origin_is_generated(truths):
    origins = Counter(f["origin"] for _, f, _ in _flows(truths))
    assert origins["breakdown"] and origins["narrative"] and origins["indicator"]
    kinds = Counter(f["flow_type"] for _, f, _ in _flows(truths))
    assert {"援疆", "区域协作", "驻村帮扶", "救灾"} <= set(kinds)


def test_without_the_ontology_gazetteer_the_built_in_list_is_used(monkeypatch):
    import sys

    from kb.synth import places

    monkeypatch.setitem(sys.modules, "kb.places", None)   # `import kb.places` now raises ImportError
    assert places._national(places.SMALL_PLACES) is places.SMALL_PLACES
    counties = [p for p in places.SMALL_PLACES.values() if p.level == "county"]
    assert len(counties) > 150 and all(p.parent in places.SMALL_PLACES for p in counties)
