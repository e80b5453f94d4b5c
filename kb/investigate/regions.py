"""Cross-district relations of one place: what it pays and to whom, what it receives and from
whom, which other districts fund the same recipients, and its departments side by side with the
same kind of department elsewhere (totals, 三公, staff, shares by function class)."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from kb.investigate.facts import department_kind, documents_of, expenditure_profile
from kb.investigate.flows import NotFound, duplicate_line, flow_view, resolve_name
from kb.investigate.index import GraphIndex
from kb.investigate.trace import _region


def _county(idx: GraphIndex, place_id: str) -> str:
    """The county-level place a township or village belongs to (itself if it is one or above)."""
    for node in [idx.node(place_id)] + idx.ancestors(place_id):
        if node is not None and node.props.get("level") in ("county", "县级"):
            return node.id
    return place_id


def region_view(idx: GraphIndex, name: str) -> dict:
    match = resolve_name(idx, name)
    if not match.places:
        raise NotFound(f"{name!r} is not a place in the knowledge base")
    region: set[str] = set()
    for pid in match.places:
        region |= _region(idx, pid)
    pays, receives = [], []
    for flow in idx.labels.get("FundingFlow", ()):
        src, dst = idx.target(flow.id, "FROM_PLACE"), idx.target(flow.id, "TO_PLACE")
        if src is not None and src.id in region:
            pays.append(flow)
        if dst is not None and dst.id in region:
            receives.append(flow)
    return {
        "place": idx.chain(match.places[0]),
        "pays": _grouped(idx, pays, "TO_PLACE"),
        "receives": _grouped(idx, receives, "FROM_PLACE"),
        "co_funders": _co_funders(idx, pays, region),
        "departments": _departments(idx, region),
    }


def _grouped(idx: GraphIndex, flows, end: str) -> list[dict]:
    groups: dict[str, dict] = {}
    for flow in flows:
        place = idx.target(flow.id, end)
        key = place.id if place else "?"
        g = groups.setdefault(key, {"place": idx.chain(key) if place else [], "totals": defaultdict(Decimal), "flows": []})
        if duplicate_line(flow) is None and flow.props.get("amount") is not None:
            g["totals"][f"{flow.props.get('year')}/{flow.props.get('stage')}"] += flow.props["amount"]
        g["flows"].append(flow_view(idx, flow))
    out = list(groups.values())
    for g in out:
        g["totals"] = [{"year": int(k.split("/")[0]) if k.split("/")[0].isdigit() else None, "stage": k.split("/")[1],
                        "amount": v} for k, v in sorted(g["totals"].items())]
    return sorted(out, key=lambda g: -sum((t["amount"] for t in g["totals"]), Decimal(0)))


def _co_funders(idx: GraphIndex, pays, region: set[str]) -> list[dict]:
    """Other paying places whose flows reach the same county-level recipients."""
    recipients = {_county(idx, idx.target(f.id, "TO_PLACE").id) for f in pays if idx.target(f.id, "TO_PLACE")}
    out: dict[tuple[str, str], dict] = {}
    for flow in idx.labels.get("FundingFlow", ()):
        src, dst = idx.target(flow.id, "FROM_PLACE"), idx.target(flow.id, "TO_PLACE")
        if src is None or dst is None or src.id in region:
            continue
        county = _county(idx, dst.id)
        if county in recipients:
            entry = out.setdefault((src.id, county), {"payer": idx.chain(src.id), "recipient": idx.chain(county), "flows": []})
            entry["flows"].append(flow_view(idx, flow))
    return list(out.values())


def _departments(idx: GraphIndex, region: set[str]) -> list[dict]:
    mine = [d for d in idx.labels.get("Department", ()) if (p := idx.department_place(d.id)) and p.id in region]
    out = []
    for dept in sorted(mine, key=lambda d: str(d.props.get("name"))):
        kind = department_kind(str(dept.props.get("name", "")))
        peers = [d for d in idx.labels.get("Department", ()) if d.id != dept.id
                 and department_kind(str(d.props.get("name", ""))) == kind]
        out.append({
            "department": {"id": dept.id, "name": dept.props.get("name"), "kind": kind},
            "profiles": [expenditure_profile(idx, doc) for doc in documents_of(idx, dept.id)],
            "peers": [{"id": p.id, "name": p.props.get("name"),
                       "place": idx.chain(pl.id) if (pl := idx.department_place(p.id)) else [],
                       "profiles": [expenditure_profile(idx, doc) for doc in documents_of(idx, p.id)]}
                      for p in sorted(peers, key=lambda d: str(d.props.get("name")))],
        })
    return out
