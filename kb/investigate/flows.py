"""Funding flows between places, filtered the way an investigator asks: by payer (a department,
or a place at any level), by recipient at any level (恩施州 matches flows to 宣恩县 and 来凤县),
by year, stage and type. Every flow carries its sources: document, lines and raw text."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kb.investigate.index import GraphIndex
from kb.model import Node


class NotFound(LookupError):
    """A name the knowledge base does not know: says which and what was tried."""


@dataclass(frozen=True, slots=True)
class Match:
    """What a name given by a user resolved to: places (any level) and/or departments."""

    text: str
    places: tuple[str, ...]
    departments: tuple[str, ...]


def resolve_name(idx: GraphIndex, text: str) -> Match:
    """A place or department name (full, short form, alias or typo the documents make) → node ids."""
    text = text.strip()
    places: set[str] = set()
    depts: set[str] = set()
    for node in idx.names.get(text, ()):
        (places if node.label == "Place" else depts).add(node.id)
    if not places:
        try:
            from kb.places import resolve
            place = resolve(text)
        except LookupError:
            place = None
        if place is not None and place.node_id in idx.graph.nodes:
            places.add(place.node_id)
    if not places and not depts:
        # A department named partly (江汉区人民政府办公室 for 武汉市江汉区人民政府办公室).
        depts = {n.id for n in idx.labels.get("Department", ()) if text in str(n.props.get("name", ""))}
    if not places and not depts:
        raise NotFound(f"no place or department called {text!r} in the knowledge base")
    return Match(text, tuple(sorted(places)), tuple(sorted(depts)))


def flow_view(idx: GraphIndex, flow: Node) -> dict:
    """A FundingFlow node as the API and CLI show it."""
    p = flow.props
    payer = idx.target(flow.id, "PAID_BY")
    from_place = idx.target(flow.id, "FROM_PLACE")
    to_place = idx.target(flow.id, "TO_PLACE")
    project = idx.target(flow.id, "FOR_PROJECT")
    return {
        "id": flow.id,
        "payer": {"department": payer.props.get("name") if payer else p.get("payer_department"),
                  "department_id": payer.id if payer else None,
                  "place": idx.chain(from_place.id) if from_place else []},
        "recipient": {"as_written": p.get("recipient_text"), "name": p.get("recipient"),
                      "place": idx.chain(to_place.id) if to_place else []},
        "amount": p.get("amount"),
        "unit": "万元",
        "year": p.get("year"),
        "stage": p.get("stage"),
        "type": p.get("flow_type"),
        "purpose": p.get("purpose"),
        "project": (project.props.get("name") if project else p.get("project_name")),
        "origin": p.get("origin"),
        "notes": list(p.get("notes") or []),
        "duplicate_of_line": duplicate_line(flow),
        "stated_by": p.get("stated_by") or "payer",
        "sources": [{"document": p.get("doc"), "lines": [p.get("line_start"), p.get("line_end")],
                     "table": p.get("table"), "text": p.get("source_text")}],
    }


def duplicate_line(flow: Node) -> int | None:
    """The loaders mark a restatement of a payment already stated elsewhere ("same payment as line N")."""
    for note in flow.props.get("notes") or ():
        note = str(note)
        if "same payment as line" in note:
            digits = "".join(ch for ch in note.split("same payment as line", 1)[1] if ch.isdigit() or ch == " ").split()
            return int(digits[0]) if digits else None
    return None


def find_flows(idx: GraphIndex, payer: str | None = None, recipient: str | None = None, year: int | None = None,
               stage: str | None = None, flow_type: str | None = None, include_restatements: bool = True) -> list[dict]:
    payer_match = resolve_name(idx, payer) if payer else None
    recipient_match = resolve_name(idx, recipient) if recipient else None
    out = []
    candidates = idx.labels.get("FundingFlow", ())
    if payer_match or recipient_match:  # only the flows at the named places: no scan of every flow
        found = None
        for match, edge in ((payer_match, "FROM_PLACE"), (recipient_match, "TO_PLACE")):
            if match is not None:
                ids = _flows_at(idx, match, edge)
                found = ids if found is None else found & ids
        candidates = sorted((idx.graph.nodes[i] for i in found), key=lambda n: n.id)
    for flow in candidates:
        p = flow.props
        if year is not None and p.get("year") != year:
            continue
        if stage is not None and p.get("stage") != stage:
            continue
        if flow_type is not None and flow_type not in str(p.get("flow_type", "")):
            continue
        if not include_restatements and duplicate_line(flow) is not None:
            continue
        if payer_match and not _payer_matches(idx, flow, payer_match):
            continue
        if recipient_match:
            to_place = idx.target(flow.id, "TO_PLACE")
            if to_place is None or not any(idx.within(to_place.id, pid) for pid in recipient_match.places):
                continue
        out.append(flow_view(idx, flow))
    out.sort(key=lambda f: (-(f["year"] or 0), -(f["amount"] or Decimal(0)), f["sources"][0]["document"] or "",
                            f["sources"][0]["lines"][0] or 0))
    return out


def _payer_matches(idx: GraphIndex, flow: Node, match: Match) -> bool:
    dept = idx.target(flow.id, "PAID_BY")
    if dept is not None and dept.id in match.departments:
        return True
    from_place = idx.target(flow.id, "FROM_PLACE")
    return from_place is not None and any(idx.within(from_place.id, pid) for pid in match.places)


def _flows_at(idx: GraphIndex, match: Match, edge: str) -> set[str]:
    """Ids of the flows whose `edge` (FROM_PLACE or TO_PLACE) is one of the matched places or
    a place within one; for the payer, also those PAID_BY a matched department."""
    ids: set[str] = set()
    for place in match.places:
        for within in idx.descendants(place):
            ids.update(e.source for e in idx.into.get(within, {}).get(edge, ()))
    if edge == "FROM_PLACE":
        for dept in match.departments:
            ids.update(e.source for e in idx.into.get(dept, {}).get("PAID_BY", ()))
    return ids
