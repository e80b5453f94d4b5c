"""Follow money from a place or department downstream (or upstream) for up to N hops.

Hops run along the FUNDS shortcut edges (Place → Place, one per funding flow). A flow the loaders
marked as a restatement of a payment stated elsewhere is not walked, so totals count each payment
once. Budget and actual figures of the same payment are different stages: totals are kept per stage.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from kb.investigate.flows import NotFound, duplicate_line, resolve_name
from kb.investigate.index import GraphIndex
from kb.model import Edge

MAX_HOPS = 6


def _region(idx: GraphIndex, place_id: str) -> set[str]:
    """The place and every place within it (for a city: its districts, their streets …)."""
    out, todo = {place_id}, [place_id]
    while todo:
        for child in idx.sources(todo.pop(), "PART_OF"):
            if child.id not in out:
                out.add(child.id)
                todo.append(child.id)
    return out


def _walkable(idx: GraphIndex, edge: Edge, year: int | None, stage: str | None) -> bool:
    flow = idx.node(str(edge.props.get("flow", "")))
    if flow is not None and duplicate_line(flow) is not None:
        return False
    if edge.props.get("stated_by") == "recipient":  # a receipt is the far end of a payment: walked once, as paid
        return False
    if year is not None and edge.props.get("year") != year:
        return False
    return stage is None or edge.props.get("stage") == stage


def trace(idx: GraphIndex, start: str, direction: str = "out", hops: int = 3, year: int | None = None,
          stage: str | None = None) -> dict:
    if direction not in ("out", "in"):
        raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
    if not 1 <= hops <= MAX_HOPS:
        raise ValueError(f"hops must be between 1 and {MAX_HOPS}, not {hops}")
    match = resolve_name(idx, start)
    frontier: set[str] = set()
    for pid in match.places:
        frontier |= _region(idx, pid)
    only_flows_of: set[str] | None = None
    if not frontier and match.departments:
        # A department: its own place, and on the first hop only the flows it paid.
        for dept in match.departments:
            place = idx.department_place(dept)
            if place is not None:
                frontier.add(place.id)
        only_flows_of = {f.id for d in match.departments for f in idx.sources(d, "PAID_BY")}
    if not frontier:
        raise NotFound(f"{start!r} has no place in the knowledge base to trace from")
    start_region = set(frontier)
    step = (lambda n: idx.out.get(n, {}).get("FUNDS", ())) if direction == "out" else \
           (lambda n: idx.into.get(n, {}).get("FUNDS", ()))
    far = (lambda e: e.target) if direction == "out" else (lambda e: e.source)

    finished: list[list[Edge]] = []

    def extend(path: list[Edge]) -> None:
        """Depth-first over simple paths; a path ends where money goes no further or at `hops`."""
        here = {far(path[-1])} if path else frontier
        visited = start_region | {far(e) for e in path}
        nxt = []
        if len(path) < hops:
            for node in here:
                for edge in step(node):
                    if not _walkable(idx, edge, year, stage) or far(edge) in visited:
                        continue
                    if not path and only_flows_of is not None and edge.props.get("flow") not in only_flows_of:
                        continue
                    nxt.append(edge)
        if not nxt:
            if path:
                finished.append(path)
            return
        for edge in nxt:
            extend(path + [edge])

    extend([])
    return _result(idx, start, match, direction, finished)


def _result(idx: GraphIndex, start: str, match, direction: str, paths: list[list[Edge]]) -> dict:
    edges: dict[str, Edge] = {}
    per_recipient: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    per_hop: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for path in paths:
        for hop, edge in enumerate(path, 1):
            key = str(edge.props.get("flow") or f"{edge.source}>{edge.target}")
            if key in edges:
                continue
            edges[key] = edge
            amount = edge.props.get("amount") or Decimal(0)
            far = edge.target if direction == "out" else edge.source
            per_recipient[(far, str(edge.props.get("stage")))] += amount
            per_hop[(hop, str(edge.props.get("stage")))] += amount
    node_ids = {n for e in edges.values() for n in (e.source, e.target)}

    def place(pid: str) -> dict:
        n = idx.node(pid)
        return {"id": pid, "name": n.props.get("name") if n else pid, "level": n.props.get("level") if n else None}

    def edge_view(e: Edge) -> dict:
        return {"source": e.source, "target": e.target, "amount": e.props.get("amount"), "year": e.props.get("year"),
                "stage": e.props.get("stage"), "type": e.props.get("flow_type"), "flow": e.props.get("flow")}

    return {
        "start": {"text": start, "places": list(match.places), "departments": list(match.departments)},
        "direction": direction,
        "paths": [{"hops": [edge_view(e) for e in path], "places": [place(path[0].source)] + [place(e.target) for e in path]
                   if direction == "out" else [place(path[0].target)] + [place(e.source) for e in path]}
                  for path in paths],
        "totals_by_recipient" if direction == "out" else "totals_by_payer": [
            {"place": place(pid), "stage": st, "amount": amt} for (pid, st), amt in sorted(
                per_recipient.items(), key=lambda kv: (-kv[1], kv[0]))],
        "totals_by_hop": [{"hop": hop, "stage": st, "amount": amt} for (hop, st), amt in sorted(per_hop.items())],
        "graph": {"nodes": [place(n) for n in sorted(node_ids)], "edges": [edge_view(e) for e in edges.values()]},
    }
