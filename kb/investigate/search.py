"""Search across departments, places, projects, codes and indicators, with Chinese fuzzy matching
and the aliases the documents use (宜恩县 finds 宣恩县, 区政府办 finds 武汉市江汉区人民政府办公室)."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from kb.investigate.index import GraphIndex

SEARCHABLE = {"Department": "name", "Place": "name", "Project": "name", "FunctionCode": "name",
              "EconomicCode": "name", "Indicator": "name", "Unit": "name"}
MIN_SCORE = 60


def _choices(idx: GraphIndex) -> list[tuple[str, str, str | None]]:
    """(text to match, node id, alias text or None) for every searchable name and alias."""
    out = []
    for label, prop in SEARCHABLE.items():
        for node in idx.labels.get(label, ()):
            name = node.props.get(prop)
            if name:
                out.append((str(name), node.id, None))
            code = node.props.get("code") or node.props.get("notation")
            if code and label in ("FunctionCode", "EconomicCode", "Project", "Place"):
                out.append((str(code), node.id, None))
    for alias in idx.labels.get("Alias", ()):
        for target in idx.targets(alias.id, "ALIAS_OF"):
            out.append((str(alias.props.get("text")), target.id, str(alias.props.get("reason") or "")))
    for form, dept in idx.department_forms:
        out.append((form, dept.id, f"{form} is a short form of {dept.props.get('name')}"))
    return out


def search(idx: GraphIndex, q: str, limit: int = 20, types: set[str] | None = None) -> list[dict]:
    q = q.strip()
    if not q:
        return []
    choices = [c for c in _choices(idx) if types is None or idx.graph.nodes[c[1]].label in types]
    texts = [c[0] for c in choices]
    # WRatio handles partial and reordered matches; Chinese is matched character by character.
    hits = process.extract(q, texts, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=MIN_SCORE)
    best: dict[str, dict] = {}
    for text, score, i in hits:
        _, node_id, alias_reason = choices[i]
        exact = text == q or q in text
        score = 100.0 if text == q else (score + 10 if exact else score)
        node = idx.graph.nodes[node_id]
        entry = {"id": node_id, "type": node.label, "name": node.props.get("name"), "matched": text,
                 "score": round(min(score, 100.0), 1), "code": node.props.get("code"),
                 "alias_reason": alias_reason or None}
        if node.label == "Place":
            entry["chain"] = [c["name"] for c in idx.chain(node_id)]
        if node_id not in best or best[node_id]["score"] < entry["score"]:
            best[node_id] = entry
    return sorted(best.values(), key=lambda e: (-e["score"], e["type"], str(e["name"])))[:limit]
