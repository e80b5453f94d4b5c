"""The truth's arithmetic holds except where an inconsistency was injected and recorded; and
the truth states what the text states, on the line it names."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

D = Decimal


def _m(line: dict, key: str) -> Decimal:
    return D(line["measures"].get(key, "0"))


def _failures(truth: dict) -> set[tuple]:
    """Recompute every sum the template promises; return the ones that do not hold."""
    bad: set[tuple] = set()
    by_table: dict[str, list[dict]] = defaultdict(list)
    for bl in truth["budget_lines"]:
        by_table[bl["table"]].append(bl)
    for table, rows in by_table.items():
        coded = {r["code"]: r for r in rows if r["code"]}
        total_row = next((r for r in rows if r["code"] is None and r["name"] in ("合计",)), None)
        for code, row in coded.items():
            children = [r for c, r in coded.items() if len(c) == len(code) + 2 and c.startswith(code)]
            if children:
                for key in row["measures"]:
                    if sum((_m(c, key) for c in children), D(0)) != _m(row, key):
                        bad.add(("class_sum", table, code))
            if {"basic", "project", "total"} <= set(row["measures"]) | {"basic", "project"} and "total" in row["measures"]:
                if table in ("公开03", "公开05", "预算03", "预算05") and _m(row, "basic") + _m(row, "project") != _m(row, "total"):
                    bad.add(("class_sum", table, code))
        if total_row is not None and rows[0]["classification"] == "function":
            # the 类 rows, or the 项 rows when the table prints no subtotals (seed 000's layout)
            tops = [r for c, r in coded.items() if len(c) == 3] or [r for c, r in coded.items() if len(c) == 7]
            for key in total_row["measures"]:
                if sum((_m(r, key) for r in tops), D(0)) != _m(total_row, key):
                    bad.add(("class_sum", table, "合计"))
    tp = [t for t in truth["three_public"] if t["origin"] == "table"]
    if tp:
        col = "actual" if truth["document"]["stage"] == "决算" else "budget"
        parts = {t["item"]: D(t[col]) for t in tp}
        if parts["合计"] != parts["因公出国(境)费"] + parts["公务用车购置费"] + parts["公务用车运行维护费"] + parts["公务接待费"]:
            bad.add(("three_public_sum",))
    for c in truth["checks"]:
        if c["kind"] in ("statement", "narrative_total") and D(c["stated"]) != D(truth["totals"]["total"]):
            bad.add(("narrative_total",))
        if c["kind"] in ("breakdown", "breakdown_sum"):
            p = next(p for p in truth["projects"] if p["name"] == c["project"])
            if D(c["stated"]) != D(p["budget"]):
                bad.add(("breakdown_sum",))
        if c["kind"] in ("percent", "percentage"):
            ratio = (D(c["part"]) * 100 / D(c["whole"])).quantize(D("0.1"))
            assert D(c["part"]) == D(truth["totals"]["basic"]) and D(c["whole"]) == D(truth["totals"]["total"])
            if D(c["stated"]) != ratio:
                bad.add(("percentage",))
    t = truth["totals"]
    assert D(t["total"]) == D(t["basic"]) + D(t["project"])
    assert D(t["basic"]) == D(t["personnel"]) + D(t["running"])
    assert D(t["total"]) == D(t["general_budget"]) + D(t["fund_budget"])
    return bad


def test_arithmetic_holds_except_where_injected(truths):
    injected_docs = 0
    for truth, _ in truths:
        failures = {f[0] for f in _failures(truth)}
        kind = truth["inconsistency"]
        if kind is None:
            assert failures == set(), (truth["document"]["id"], failures)
        else:
            injected_docs += 1
            assert failures == {kind}, (truth["document"]["id"], kind, failures)
            assert any(c["kind"] == kind for c in truth["checks"])
    # the corpora ask for 10% of the documents: within four standard deviations of the binomial mean
    n, p = len(truths), 0.1
    assert abs(injected_docs - n * p) <= 4 * (n * p * (1 - p)) ** 0.5, (injected_docs, n)


def test_projects_add_up_to_the_project_column(truths):
    for truth, _ in truths:
        total = sum((D(p["executed"] or p["budget"]) for p in truth["projects"]), D(0))
        assert total == D(truth["totals"]["project"])
        for p in truth["projects"]:
            assert sum((D(i["amount"]) for i in p["items"]), D(0)) == D(p["budget"])


def _cells(line: str) -> list[str]:
    return [re.sub(r"\s", "", c) for c in line.split("\t")]


def test_every_stated_budget_line_is_on_its_line(truths):
    checked = 0
    for truth, lines in truths:
        for bl in truth["budget_lines"]:
            if not bl["stated"]:
                assert truth["document"]["noise"] == "ocr_lines"
                continue
            cells = _cells(lines[bl["line"] - 1])
            printed_code = bl.get("code_as_printed", bl["code"])
            if printed_code:
                assert printed_code in cells
                assert bl["code"].startswith(printed_code)
            else:
                assert bl["name"] in cells
            numbers = {D(c.replace(",", "")) for c in cells if re.fullmatch(r"-?[\d,]+\.\d{2}", c)}
            for value in bl["measures"].values():
                assert D(value) in numbers, (truth["document"]["id"], bl, cells)
            checked += 1
    assert checked > 5000


def test_ocr_damage_is_recorded(truths):
    noises = {t["document"]["noise"] for t, _ in truths}
    assert noises == {"clean", "ocr_lines", "ocr_spaces"}
    spaced = [t for t, _ in truths if t["document"]["noise"] == "ocr_spaces"]
    assert any(bl.get("code_as_printed") for t in spaced for bl in t["budget_lines"])
    for truth, lines in truths:
        if truth["document"]["noise"] == "ocr_lines":
            assert not any("\t" in l for l in lines[:200] if "公开" in l)
            assert max(len(l) for l in lines) <= 40 or any("\t" not in l for l in lines)


def test_each_injected_inconsistency_is_printed_on_its_line(truths):
    seen = 0
    for truth, lines in truths:
        for c in truth["checks"]:
            if c["kind"] not in ("class_sum", "narrative_total", "three_public_sum", "breakdown_sum", "percentage") \
                    or "item" not in c and c["kind"] == "breakdown_sum":
                continue
            seen += 1
            assert c["line"], (truth["document"]["id"], c)
            printed = lines[c["line"] - 1].replace(" ", "").replace(",", "")
            stated = D(c["stated"])
            candidates = {stated.normalize(), stated.quantize(D("0.01"))}
            assert any(format(x, "f") in printed for x in candidates), (truth["document"]["id"], c, printed)
    assert seen > 10


def test_procurement_is_paid_from_the_lines_it_names(truths):
    rows = 0
    for truth, lines in truths:
        spent: dict[str, Decimal] = defaultdict(lambda: D(0))
        for r in truth["procurement"]:
            rows += 1
            amount, sme, small = D(r["amount"]), D(r["sme_amount"]), D(r["small_micro_amount"])
            assert 0 < amount and small <= sme <= amount
            assert f"[{r['item_code']}]" in lines[r["line"] - 1]
            if r["project"] == "在职人员公用":
                spent[r["economic_code"]] += amount
            else:
                p = next(p for p in truth["projects"] if p["name"] == r["project"])
                assert amount in {D(i["amount"]) for i in p["items"]}
        for econ, amount in spent.items():
            assert amount <= D(truth["economic"][econ])
    assert rows > 20
