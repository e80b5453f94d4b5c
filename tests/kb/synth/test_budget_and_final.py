"""A department's 预算 and 决算 of one year describe the same plan: the 决算's 年初预算 of each
function line is what the 预算 published, and its projects are the 预算's (plus mid-year ones)."""
from __future__ import annotations

from decimal import Decimal


def _pairs(truths):
    by_key: dict[tuple, dict[str, dict]] = {}
    for t, _ in truths:
        d = t["document"]
        by_key.setdefault((d["department"], d["fiscal_year"]), {})[d["stage"]] = t
    return [(v["预算"], v["决算"]) for v in by_key.values() if len(v) == 2]


def test_final_accounts_start_from_the_published_budget(truths):
    pairs = _pairs(truths)
    assert len(pairs) >= 60
    for budget, final in pairs:
        planned = {(l["code"], l["fund_type"]): Decimal(l["total"]) for l in budget["budget"]}
        initial = {(l["code"], l["fund_type"]): Decimal(l["initial_budget"]) for l in final["budget"]}
        for key, amount in planned.items():
            assert initial[key] == amount, (final["document"]["id"], key)
        for key in initial.keys() - planned.keys():
            assert initial[key] == 0             # a line opened mid-year had no 年初 budget
        assert sum(planned.values()) == Decimal(budget["totals"]["total"])


def test_final_projects_are_the_budgets_projects(truths):
    added = 0
    for budget, final in _pairs(truths):
        planned = {p["name"]: p for p in budget["projects"]}
        for p in final["projects"]:
            if p["name"] in planned:
                assert p["budget"] == planned[p["name"]]["budget"]
                assert p["code"] == planned[p["name"]]["code"]
            else:
                added += 1
                assert p["budget"] == p["executed"]
        assert set(planned) <= {p["name"] for p in final["projects"]}
    assert added > 0


def test_final_three_public_budget_is_the_budgets(truths):
    for budget, final in _pairs(truths):
        planned = {t["item"]: t["budget"] for t in budget["three_public"] if t["origin"] == "table"}
        stated = {t["item"]: t["budget"] for t in final["three_public"] if t["origin"] == "table"}
        if budget["inconsistency"] == "three_public_sum":
            planned.pop("合计")
        assert planned.items() <= stated.items(), final["document"]["id"]
