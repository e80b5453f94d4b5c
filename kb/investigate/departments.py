"""One department: its budget lines by year, stage and code, budget against final where both exist,
and its projects with their indicators (target against actual)."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from kb.investigate.facts import documents_of, expenditure_profile, facts_of, source_of
from kb.investigate.flows import NotFound
from kb.investigate.index import GraphIndex
from kb.model import Node

MEASURES = ("total", "basic", "project", "personnel", "running", "general_budget", "fund_budget", "capital_budget",
            "income", "initial_budget", "adjusted_budget", "final")


def find_department(idx: GraphIndex, key: str) -> Node:
    node = idx.node(key) or idx.node(f"dept/{key}")
    if node is not None and node.label == "Department":
        return node
    hits = [n for n in idx.labels.get("Department", ()) if key in str(n.props.get("name", ""))]
    hits += [t for t in idx.names.get(key, ()) if t.label == "Department" and t not in hits]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFound(f"no department {key!r}")
    raise NotFound(f"{key!r} names {len(hits)} departments: " + "、".join(str(h.props.get("name")) for h in hits))


def _line_view(n: Node) -> dict:
    p = n.props
    return {"code": p.get("code"), "name": p.get("name"), "level": p.get("level"), "classification": p.get("classification"),
            "fund_type": p.get("fund_type"), "table": p.get("table"), "unit_code": p.get("unit_code"),
            "measures": {m: p[m] for m in MEASURES if p.get(m) is not None}, "source": source_of(n)}


def _indicator_view(n: Node) -> dict:
    p = n.props
    return {"name": p.get("name"), "level1": p.get("level1"), "level2": p.get("level2"), "target": p.get("target"),
            "actual": p.get("actual"), "weight": p.get("weight"), "score": p.get("score"), "source": source_of(n)}


def department_view(idx: GraphIndex, key: str) -> dict:
    dept = find_department(idx, key)
    docs = documents_of(idx, dept.id)
    place = idx.department_place(dept.id)
    lines_by_doc = {d.id: facts_of(idx, d.id, "BudgetLine") for d in docs}
    projects = []
    for project in sorted(idx.sources(dept.id, "OF_DEPARTMENT"), key=lambda n: str(n.props.get("name"))):
        if project.label != "Project":
            continue
        p = project.props
        projects.append({
            "id": project.id, "name": p.get("name"), "code": p.get("code"), "year": p.get("year"), "stage": p.get("stage"),
            "category": p.get("category"), "budget": p.get("budget"), "executed": p.get("executed"),
            "breakdown": [{"item": ln.props.get("item"), "amount": ln.props.get("amount"), "source": source_of(ln)}
                          for ln in sorted(idx.sources(project.id, "LINE_OF"), key=lambda n: n.props.get("line_start") or 0)],
            "indicators": [_indicator_view(i) for i in sorted(idx.sources(project.id, "INDICATOR_OF"),
                                                               key=lambda n: n.props.get("line_start") or 0)],
            "source": source_of(project)})
    return {
        "id": dept.id, "name": dept.props.get("name"), "place": idx.chain(place.id) if place else [],
        "documents": [{"id": d.props.get("doc_id") or d.id, "year": d.props.get("year"), "stage": d.props.get("stage"), "title": d.props.get("title")}
                      for d in docs],
        "profiles": [expenditure_profile(idx, d) for d in docs],
        "budget_lines": {(d.props.get("doc_id") or d.id): [_line_view(n) for n in sorted(lines_by_doc[d.id], key=lambda n: n.props.get("line_start") or 0)]
                         for d in docs},
        "budget_vs_final": _budget_vs_final(docs, lines_by_doc),
        "projects": projects,
        "indicators": [_indicator_view(i) for i in sorted(idx.sources(dept.id, "INDICATOR_OF"),
                                                          key=lambda n: n.props.get("line_start") or 0)],
    }


def _budget_vs_final(docs: list[Node], lines_by_doc: dict[str, list[Node]]) -> list[dict]:
    """Per year with both a 预算 and a 决算: each general-budget function code's budget, final and 执行率."""
    by_year: dict[int, dict[str, Node]] = defaultdict(dict)
    for d in docs:
        by_year[d.props.get("year")][str(d.props.get("stage"))] = d
    out = []
    for year, stages in sorted(by_year.items()):
        if "budget" not in stages or "actual" not in stages:
            continue
        def totals(doc: Node) -> dict[str, Node]:
            return {str(n.props["code"]): n for n in lines_by_doc[doc.id] if n.props.get("code")
                    and n.props.get("fund_type") == "一般公共预算" and n.props.get("total") is not None
                    and n.props.get("classification") == "function" and not n.props.get("unit_code")}
        planned, final = totals(stages["budget"]), totals(stages["actual"])
        for code in sorted(set(planned) | set(final)):
            b = planned[code].props["total"] if code in planned else None
            f = final[code].props["total"] if code in final else None
            rate = (Decimal(f) / Decimal(b) * 100).quantize(Decimal("0.1")) if b and f is not None else None
            name = (planned.get(code) or final.get(code)).props.get("name")
            out.append({"year": year, "code": code, "name": name, "budget": b, "final": f, "execution_rate_pct": rate,
                        "sources": [source_of(x[code]) for x in (planned, final) if code in x]})
    return out
