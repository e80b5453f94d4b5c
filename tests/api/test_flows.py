"""GET /flows and GET /trace on the seeds, over a real server."""
from __future__ import annotations

from decimal import Decimal


def _by_recipient(flows, name):
    return [f for f in flows if f["recipient"]["name"] == name]


def test_flows_out_of_jianghan_include_xuanen_2200_with_source_lines(client):
    r = client.get("/flows", params={"payer": "江汉区"})
    assert r.status_code == 200
    flows = r.json()["flows"]
    xuanen = [f for f in _by_recipient(flows, "宣恩县") if f["amount"] and Decimal(f["amount"]) == Decimal("2200")]
    assert xuanen, [(f["recipient"]["name"], f["amount"]) for f in flows]
    f = xuanen[0]
    assert f["payer"]["department"] == "武汉市江汉区人民政府办公室"
    assert f["year"] == 2024 and f["stage"] == "budget"
    assert [p["name"] for p in f["recipient"]["place"]][:3] == ["宣恩县", "恩施土家族苗族自治州", "湖北省"]
    src = f["sources"][0]
    assert src["document"] == "004_fd04dd69df0e1d80"
    assert "2200" in src["text"]
    line = client.get(f"/documents/{src['document']}/lines", params={"from": src["lines"][0], "to": src["lines"][1]}).json()
    assert "2200" in "".join(l["text"] for l in line["lines"])


def test_flows_to_enshi_prefecture_match_its_counties(client):
    flows = client.get("/flows", params={"recipient": "恩施州"}).json()["flows"]
    names = {f["recipient"]["name"] for f in flows}
    assert {"宣恩县", "来凤县"} <= names
    assert all("恩施土家族苗族自治州" in [p["name"] for p in f["recipient"]["place"]] for f in flows)


def test_flows_filter_by_year_and_stage(client):
    # 江汉区's only document is a 2024 budget: its actual flows are earlier years' payments it recounts
    flows = client.get("/flows", params={"payer": "江汉区", "stage": "actual"}).json()["flows"]
    assert flows and all(f["year"] < 2024 for f in flows)
    budget = client.get("/flows", params={"payer": "江汉区", "stage": "budget", "year": 2024}).json()["flows"]
    assert budget and all(f["stage"] == "budget" and f["year"] == 2024 for f in budget)
    flows = client.get("/flows", params={"year": 2023, "payer": "洪山区", "stage": "actual"}).json()["flows"]
    stated = {(f["recipient"]["name"], Decimal(f["amount"]), f["type"]) for f in flows if f["amount"]}
    assert {("建始县", Decimal("100"), "救灾"), ("新洲区", Decimal("300"), "对口帮扶")} <= stated
    assert all(f["payer"]["department"] == "武汉市洪山区人民政府办公室" for f in flows)


def test_unknown_payer_is_a_json_404(client):
    r = client.get("/flows", params={"payer": "不存在区"})
    assert r.status_code == 404
    assert "不存在区" in r.json()["message"]


def test_trace_from_jianghan_totals_per_recipient(client):
    r = client.get("/trace", params={"from": "江汉区", "hops": 3})
    assert r.status_code == 200
    body = r.json()
    totals = {(t["place"]["name"], t["stage"]): Decimal(t["amount"]) for t in body["totals_by_recipient"]}
    assert totals[("宣恩县", "budget")] >= Decimal("2200")
    assert body["graph"]["nodes"] and body["graph"]["edges"]
    assert all(p["hops"][0]["source"] == "place/420103" for p in body["paths"])


def test_trace_upstream_into_xuanen(client):
    body = client.get("/trace", params={"from": "宣恩县", "direction": "in"}).json()
    payers = {t["place"]["name"] for t in body["totals_by_payer"]}
    assert "江汉区" in payers
