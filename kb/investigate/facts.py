"""Small readers shared by the department and region views: which facts a department's documents
state, its expenditure total, its 三公 and staff, and its shares by function class."""
from __future__ import annotations

from decimal import Decimal

from kb.investigate.index import GraphIndex
from kb.model import Node

STAGE_ZH = {"budget": "预算", "actual": "决算"}


def source_of(node: Node) -> dict:
    p = node.props
    return {"document": p.get("doc"), "lines": [p.get("line_start"), p.get("line_end")], "table": p.get("table"),
            "text": p.get("source_text")}


def documents_of(idx: GraphIndex, dept_id: str) -> list[Node]:
    docs = idx.sources(dept_id, "PUBLISHED_BY")
    return sorted(docs, key=lambda d: (d.props.get("year") or 0, str(d.props.get("stage")), d.id))


def facts_of(idx: GraphIndex, doc_id: str, label: str) -> list[Node]:
    return [n for n in idx.sources(doc_id, "STATED_IN") if n.label == label]


def _main_total(lines: list[Node]) -> Node | None:
    """The all-funds expenditure 合计 row (公开03 / 预算03), else the general budget's (公开05 / 预算05)."""
    totals = [n for n in lines if not n.props.get("code") and "合计" in str(n.props.get("name", ""))
              and n.props.get("total") is not None and n.props.get("classification") == "function"]
    for fund in ("全部资金", "一般公共预算"):
        ranked = sorted((n for n in totals if n.props.get("fund_type") == fund and not n.props.get("unit_code")),
                        key=lambda n: (not str(n.props.get("table", "")).endswith("03"), n.props.get("line_start") or 0))
        if ranked:
            return ranked[0]
    return None


def expenditure_profile(idx: GraphIndex, doc: Node) -> dict:
    """Total, basic, project, shares by function class, 三公 and staff, as one document states them."""
    lines = facts_of(idx, doc.id, "BudgetLine")
    total = _main_total(lines)
    classes: dict[str, dict] = {}
    if total is not None:
        table = total.props.get("table")
        for n in lines:
            code = str(n.props.get("code") or "")
            if n.props.get("table") == table and len(code) == 3 and n.props.get("total") is not None:
                classes.setdefault(code, {"code": code, "name": n.props.get("name"), "amount": n.props["total"],
                                          "share_pct": _share(n.props["total"], total.props["total"])})
    three = [n for n in facts_of(idx, doc.id, "ThreePublic") if n.props.get("origin") == "table"
             and str(n.props.get("item", "")).startswith("合计")]
    staff = {str(n.props.get("category")): n.props.get("count") for n in facts_of(idx, doc.id, "Staffing")}
    return {
        "document": doc.props.get("doc_id") or doc.id, "year": doc.props.get("year"), "stage": doc.props.get("stage"),
        "total": total.props.get("total") if total else None,
        "basic": total.props.get("basic") if total else None,
        "project": total.props.get("project") if total else None,
        "total_source": source_of(total) if total else None,
        "by_function_class": sorted(classes.values(), key=lambda c: c["code"]),
        "three_public": [{"budget": n.props.get("budget"), "actual": n.props.get("actual"), "source": source_of(n)}
                         for n in three],
        "staff": staff,
    }


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.01"))


# Kinds compared side by side: a district's general offices (政府办, 区委办 …) do the same work
# whichever organ they serve; other departments are compared with their namesakes (财政局 with 财政局).
OFFICE_SUFFIX = "办公室"


def department_kind(name: str) -> str:
    """武汉市江汉区人民政府办公室 → 办公室; 武汉市江汉区财政局 → 财政局: the kind of department, to compare
    like with like across districts."""
    import re
    stripped = re.sub(r"^(?:中国共产党)?(?:[\u4e00-\u9fff]{1,8}?[省市])?(?:[\u4e00-\u9fff]{1,6}?[区县市])", "", name)
    stripped = stripped.replace("本级", "") or name
    return OFFICE_SUFFIX if stripped.endswith(OFFICE_SUFFIX) else stripped
