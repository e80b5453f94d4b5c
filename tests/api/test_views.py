"""/regions, /departments, /entities, /documents, /checks, and the OpenAPI document itself."""
from __future__ import annotations

from decimal import Decimal

ROUTES = ["/sparql", "/cypher", "/queries", "/flows", "/trace", "/regions/{name}", "/departments/{id}", "/entities",
          "/documents", "/documents/{id}", "/documents/{id}/lines", "/checks"]


def _refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v.rsplit("/", 1)[-1]
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_every_route_is_documented_with_an_example(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for route in ROUTES:
        assert route in spec["paths"], route
        for method, op in spec["paths"][route].items():
            assert op.get("summary"), (route, method)
            documented = str(op) + "".join(str(schemas.get(r)) for r in _refs(op) if not r.startswith("HTTPValidation"))
            assert "example" in documented, f"{method.upper()} {route} has no example in the OpenAPI document"


def test_region_jianghan_pays_xuanen_and_compares_departments(client):
    body = client.get("/regions/江汉区").json()
    assert body["place"][0]["code"] == "420103"
    paid_to = {g["place"][0]["name"] for g in body["pays"] if g["place"]}
    assert "宣恩县" in paid_to
    depts = body["departments"]
    assert depts[0]["department"]["name"] == "武汉市江汉区人民政府办公室"
    peers = {p["name"] for p in depts[0]["peers"]}
    # the four other district offices of the seeds (three 政府办, one 区委办) are the same kind of department
    assert peers == {"武汉市新洲区人民政府办公室", "武汉市汉阳区人民政府办公室", "武汉市洪山区人民政府办公室",
                     "中国共产党武汉市蔡甸区委员会办公室"}
    xinzhou = next(p for p in depts[0]["peers"] if p["name"] == "武汉市新洲区人民政府办公室")["profiles"][0]
    assert Decimal(xinzhou["total"]) == Decimal("3150.39") and xinzhou["stage"] == "actual"
    assert [Decimal(t["actual"]) for t in xinzhou["three_public"]] == [Decimal("46.46")]
    profile = depts[0]["profiles"][0]
    assert Decimal(profile["total"]) == Decimal("4407.79")
    shares = {c["code"]: Decimal(c["share_pct"]) for c in profile["by_function_class"]}
    assert shares["213"] == Decimal("71.46")  # 3149.80 / 4407.79


def test_region_hongshan_and_xinzhou_receive(client):
    body = client.get("/regions/新洲区").json()
    payers = {g["place"][0]["name"] for g in body["receives"] if g["place"]}
    assert "洪山区" in payers


def test_department_view_lines_projects_indicators(client):
    body = client.get("/departments/武汉市江汉区人民政府办公室").json()
    lines = body["budget_lines"]["004_fd04dd69df0e1d80"]
    row = next(l for l in lines if l["code"] == "2130599" and l["table"].endswith("05"))
    assert Decimal(row["measures"]["total"]) == Decimal("3149.80")
    assert row["source"]["lines"][0] == 423
    project = next(p for p in body["projects"] if p["name"] == "乡村振兴工作")
    assert Decimal(project["budget"]) == Decimal("3049.80")
    assert any(Decimal(str(b["amount"])) == Decimal("2200") for b in project["breakdown"] if b["amount"] is not None)


def test_entities_find_places_by_typo_and_departments_by_alias(client):
    hits = client.get("/entities", params={"q": "宜恩县"}).json()["items"]
    assert hits[0]["name"] == "宣恩县", hits[:3]
    hits = client.get("/entities", params={"q": "江汉区政府办"}).json()["items"]
    assert hits[0]["name"] == "武汉市江汉区人民政府办公室", hits[:3]
    hits = client.get("/entities", params={"q": "2130599"}).json()["items"]
    assert hits[0]["type"] == "FunctionCode"


def test_documents_and_lines(client):
    docs = client.get("/documents").json()
    assert docs["total"] == 5 and {d["id"] for d in docs["items"]} >= {"000_d3b4b252b30afbb1", "004_fd04dd69df0e1d80"}
    page = client.get("/documents", params={"year": 2023}).json()
    assert [d["id"] for d in page["items"]] == ["002_81fcf87bf650a710"]
    line = client.get("/documents/004_fd04dd69df0e1d80/lines", params={"from": 137, "to": 137}).json()
    assert line["lines"] == [{"n": 137, "text": "2024 年一般公共预算拨款 4407.97 万元，较 2023 年预算增加 66.78 万元。"
                                               "主要是增加了走访慰问专项经费和 2023 年援疆经费尾款。"}]
    assert client.get("/documents/nope/lines").status_code == 404
    assert client.get("/documents/004_fd04dd69df0e1d80/lines", params={"from": 5000}).status_code == 400


def test_checks_filtered_by_document_rule_and_severity(client):
    body = client.get("/checks", params={"document": "004_fd04dd69df0e1d80"}).json()
    assert body["total"] >= 1
    assert all("004_fd04dd69df0e1d80" in f["documents"] for f in body["items"])
    yoy = client.get("/checks", params={"rule": "narrative.yoy_conflict", "document": "000_d3b4b252b30afbb1"}).json()
    assert [f["lines"] for f in yoy["items"]] == [[357, 384]]
    low = client.get("/checks", params={"severity": "low"}).json()["items"]
    assert low and all(f["severity"] == "low" for f in low)
