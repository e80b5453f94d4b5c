"""Names as documents write them → the place or department they mean, with the reason.

Two kinds of resolution, each returned as a `Resolution` (alias text, target, reason,
confidence) so the canonical graph can keep it as an Alias node:
- place typos and short forms: 宜恩县 → 宣恩县 (no such county; one character from a county the
  same document names), 黄浦区 → 黄陂区 (黄浦区 exists, in 上海市; a 武汉市 document that names
  黄陂 elsewhere means 黄陂区). Candidates come from rapidfuzz over the gazetteer's names.
- department short forms: 江汉区政府办, 区政府办, 区人民政府办公室 → 武汉市江汉区人民政府办公室 in a
  江汉区 document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from kb.places import AmbiguousPlace, Gazetteer, Place, common_ancestor, gazetteer


@dataclass(frozen=True, slots=True)
class Resolution:
    text: str                  # as written
    target: Place | str        # a Place, or a department's full name
    reason: str
    confidence: Decimal        # 0–1
    parts: tuple[Place, ...] = ()  # when the text lists several places, each of them (target = their parent)

    @property
    def changed(self) -> bool:
        name = self.target.name if isinstance(self.target, Place) else self.target
        return self.text != name


class PlaceNames:
    """Resolves place names inside one document: its own place, and the text it contains."""

    def __init__(self, context: Place | None, document_text: str = "", gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or gazetteer()
        self.context = context
        self.text = document_text

    def mentioned(self, place: Place) -> bool:
        """Does the document name this place (in full or by a short form) anywhere?"""
        short = place.name[:-1] if len(place.name) >= 3 else place.name
        return place.name in self.text or (len(short) >= 2 and short in self.text)

    def resolve(self, text: str) -> Resolution | None:
        clean = re.sub(r"\s+", "", text or "")
        if not clean:
            return None
        pieces = [p for p in re.split(r"[、，,；;]", clean) if p]
        if len(pieces) <= 1:
            whole = self._resolve_one(clean)
            # 和/及/与 join two places only when the whole is no place (和平区, 和田县 are names)
            pieces = [p for p in re.split(r"[和及与]", clean) if p]
            if whole is not None or len(pieces) <= 1:
                return whole
        # 黄陂区长轩岭街、蔡店街: each piece inside the first piece's county when it names none itself
        first = self._resolve_one(pieces[0])
        if first is None:
            return None
        resolved = [first]
        for piece in pieces[1:]:
            res = self._resolve_one(piece, inside=first.target)
            if res is None:
                return None
            resolved.append(res)
        places = [p for r in resolved for p in (r.parts or (r.target,))]
        return self._several(clean, places, min(r.confidence for r in resolved))

    def _several(self, text: str, places: list[Place], confidence: Decimal) -> Resolution | None:
        """Several places in one name → the one containing them all; None when only the country does."""
        unique = list(dict.fromkeys(places))
        if len(unique) == 1:
            return Resolution(text, unique[0], f"{text} is a form of {unique[0].path}", confidence)
        parent = common_ancestor(unique)
        if parent is None:
            return None
        return Resolution(text, parent, f"{text} names {len(unique)} places ({', '.join(p.name for p in unique)}); "
                          f"placed at the one containing them all, {parent.path}", min(confidence, Decimal("0.9")),
                          tuple(unique))

    def _resolve_one(self, clean: str, inside: Place | None = None) -> Resolution | None:
        try:
            places = self.gaz.resolve_many(clean, self.context)
            if inside is not None and places and not all(p.within(inside.parent or inside) for p in places):
                near = self.gaz.resolve_many(clean, inside)
                places = near if near and all(p.within(inside.parent or inside) for p in near) else places
        except AmbiguousPlace:
            places = self._inside(clean, inside)
        if len(places) > 1:
            return self._several(clean, places, Decimal("0.95"))
        if places:
            place = places[0]
            better = self._nearer_lookalike(clean, place)
            if better is not None:
                return better
            if place.source == "document":
                sibling = self._listed_sibling(place)
                if sibling is not None:
                    return Resolution(clean, sibling, f"{place.name} is listed nowhere; {sibling.name}, in the same "
                                      f"{place.parent.name if place.parent else ''}, differs by one character",
                                      Decimal("0.8"))
                return Resolution(clean, place, f"{place.name} is listed in no gazetteer: kept by its name under "
                                  f"{place.parent.path if place.parent else ''}", Decimal("0.85"))
            same = clean == place.name
            reason = "exact name" if same else f"{clean} is a short or compound form of {place.path}"
            return Resolution(clean, place, reason, Decimal("1") if same else Decimal("0.95"))
        return self._typo(clean)

    def _listed_sibling(self, place: Place) -> Place | None:
        """A listed township of the same county one character away (江夏区三坡街道 → 山坡街道)."""
        near = [p for p in self.gaz.by_key.values() if p.parent is place.parent and p.source != "document"
                and len(p.name) == len(place.name) and Levenshtein.distance(p.name, place.name) == 1]
        return near[0] if len(near) == 1 else None

    def _inside(self, name: str, inside: Place | None) -> list[Place]:
        """An ambiguous name decided by the place the same phrase named first."""
        if inside is None:
            return []
        scope = inside.parent or inside
        hits = [p for p in self.gaz.candidates(name) if p.within(scope)]
        return hits if len(hits) == 1 else []

    def _in_context_city(self, place: Place) -> bool:
        if self.context is None:
            return False
        city = next((p for p in self.context.chain if p.level in ("prefecture", "province")), None)
        return city is not None and place.within(city)

    def _nearer_lookalike(self, text: str, place: Place) -> Resolution | None:
        """A real place far away, while a look-alike in the document's own city is named elsewhere
        in the same document: 黄浦区 (上海) in a 武汉 document about 黄陂 villages."""
        if self.context is None or place.level != "county" or self._in_context_city(place):
            return None
        for cand in self._lookalikes(place.name):
            if cand is not place and self._in_context_city(cand) and self.mentioned(cand):
                return Resolution(text, cand, f"{place.name} is in {place.parent.path if place.parent else ''}, but this "
                                  f"document is about {self.context.path} and names {cand.name} elsewhere; "
                                  f"one character differs", Decimal("0.8"))
        return None

    def _lookalikes(self, name: str) -> list[Place]:
        return list(_lookalikes(self.gaz, name))

    def _typo(self, text: str) -> Resolution | None:
        """No place has this name: the one-character look-alike the document names elsewhere, or the
        only one in the document's province."""
        cands = self._lookalikes(text)
        named = [p for p in cands if self.mentioned(p)]
        if len(named) == 1:
            return Resolution(text, named[0], f"no place is called {text}; {named[0].name} ({named[0].path}) differs by "
                              f"one character and the same document names it", Decimal("0.9"))
        if self.context is not None:
            province = self.context.chain[-1]
            near = [p for p in cands if p.within(province)]
            if len(near) == 1:
                return Resolution(text, near[0], f"no place is called {text}; {near[0].name} is the only place in "
                                  f"{province.name} one character away", Decimal("0.7"))
        return None


@lru_cache(maxsize=4)
def _names_by_shape(gaz: Gazetteer) -> dict[tuple[int, str], tuple[str, ...]]:
    """Gazetteer names grouped by (length, last character): typo candidates keep both."""
    out: dict[tuple[int, str], list[str]] = {}
    for n in gaz.by_name:
        out.setdefault((len(n), n[-1]), []).append(n)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _lookalikes(gaz: Gazetteer, name: str) -> tuple[Place, ...]:
    """Places whose name differs from `name` by one character (same length, same suffix)."""
    names = [n for n in _names_by_shape(gaz).get((len(name), name[-1]), ()) if n != name]
    hits = process.extract(name, names, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    return tuple(p for n, _, _ in hits for p in gaz.candidates(n) if p.name == n)


# Department names: the long forms and the short forms Chinese officialese uses for them.
_ABBREVIATIONS = (("中国共产党", "中共"), ("中国共产党", ""), ("委员会", "委"), ("人民政府", "政府"), ("办公室", "办"))


@lru_cache(maxsize=1024)
def department_forms(full_name: str, district: str | None) -> dict[str, Decimal]:
    """Short forms of a department's full name, each with how sure a match is.

    武汉市江汉区人民政府办公室 → 江汉区人民政府办公室, 江汉区政府办, 区政府办公室, 区政府办 …
    中国共产党武汉市蔡甸区委员会办公室 → 蔡甸区委办公室, 区委办 …
    Cached: callers must not change the dict they get.
    """
    name = re.sub(r"本\s*级$", "", full_name.strip())
    variants = {name}
    for old, new in _ABBREVIATIONS:
        variants |= {v.replace(old, new) for v in variants}
    out: dict[str, Decimal] = {}
    for v in variants:
        local = re.sub(r"^[\u4e00-\u9fff]{2,3}市(?=[\u4e00-\u9fff]{1,4}[区县])", "", v)
        if local != v or v == name:
            out.setdefault(v, Decimal("1") if v == name else Decimal("0.95"))
        out.setdefault(local, Decimal("0.95"))
        if district and local.startswith(district):
            out.setdefault(local[len(district) - 1:], Decimal("0.85"))  # 区政府办: 区 stands for the district itself
    return out


def resolve_department(text: str, full_name: str, district: str | None) -> Resolution | None:
    """A department name as written → the document's own department, when it is a form of it."""
    clean = re.sub(r"\s+", "", text or "")
    forms = department_forms(full_name, district)
    if clean in forms:
        conf = forms[clean]
        reason = "exact name" if clean == full_name else (
            f"short form of {full_name} in a {district or ''} document" if conf < 1 else "exact name")
        return Resolution(clean, full_name, reason, conf)
    return None


def qualify_department(text: str, city: str | None, district: str | None) -> Resolution | None:
    """Another department of the same district, named the local way: 区民政局 in a 洪山区 document is
    武汉市洪山区民政局. None when the text is not a district-level name we can complete."""
    clean = re.sub(r"\s+", "", text or "")
    if not clean or not district:
        return None
    prefix = (city or "") + district
    if city and clean.startswith(city + district):
        return Resolution(clean, clean, "exact name", Decimal("1"))
    if clean.startswith(district):
        return Resolution(clean, (city or "") + clean, f"{district} is in {city}: the full name adds the city",
                          Decimal("0.9"))
    if clean.startswith(district[-1]) and len(clean) > 2:  # 区民政局, 县财政局: the document's own district
        return Resolution(clean, prefix + clean[1:], f"{district[-1]} stands for the document's own {district}",
                          Decimal("0.8"))
    return None
