"""Named queries: the files under `queries/` (NAME.rq for SPARQL, NAME.cypher for Cypher),
each with a header of comment lines (`#` in SPARQL, `//` in Cypher):

    # name: flows_from_place
    # description: Funding flows paid out of a place, with amounts and each recipient's parent chain.
    # parameters: place (string) — the paying place as named, e.g. 江汉区
    #   year (int) — optional further parameters, one per line

The query text is the whole file, header included (the header is comments), so the same file
runs unchanged in any engine. Parameter types: string, int, decimal, and place: a place named
as people name it (恩施州, 江汉区, 新疆), resolved with the gazetteer (kb/places.py) to the place's node
id for Cypher (`p.id = $place`) and to its IRI for SPARQL (`FILTER(?p = ?place)`), so short forms
and full names find the same place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
LANGUAGES = {".rq": "sparql", ".cypher": "cypher"}
_PARAM = re.compile(r"^\s*([A-Za-z_]\w*)\s*\((string|int|decimal|place)\)\s*(?:[—–-]+\s*(.*))?$")
_CASTS = {"string": str, "int": int, "decimal": Decimal}


class QueryFileError(ValueError):
    """A named query file whose header cannot be read, or a parameter value of the wrong type."""


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    type: str
    description: str

    def cast(self, text: str, language: str):
        if self.type == "place":
            return _place(self.name, text, language)
        try:
            return _CASTS[self.type](text)
        except (ValueError, InvalidOperation):
            raise QueryFileError(f"parameter {self.name}: {text!r} is not a {self.type}") from None


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    language: str                 # sparql or cypher
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path = field(compare=False)

    def bind(self, given: dict[str, str]) -> dict[str, object]:
        """Text values (from a command line or a URL) → typed parameters; every declared one required."""
        unknown = set(given) - {p.name for p in self.parameters}
        if unknown:
            raise QueryFileError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                                 f"it takes {', '.join(p.name for p in self.parameters) or 'none'}")
        missing = [p.name for p in self.parameters if p.name not in given]
        if missing:
            raise QueryFileError(f"{self.name}: missing parameter(s) {', '.join(missing)}")
        return {p.name: p.cast(given[p.name], self.language) for p in self.parameters}


def _place(name: str, text: str, language: str):
    from kb.places import AmbiguousPlace, resolve

    try:
        place = resolve(text.strip())
    except AmbiguousPlace as exc:
        raise QueryFileError(f"parameter {name}: {exc}") from None
    if place is None:
        raise QueryFileError(f"parameter {name}: no place called {text!r} in the gazetteer")
    if language == "cypher":
        return place.node_id
    import pyoxigraph

    from kb.rdf import node_iri
    return pyoxigraph.NamedNode(str(node_iri(place.node_id)))


def parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    language = LANGUAGES.get(path.suffix)
    if language is None:
        raise QueryFileError(f"{path}: not a query file (.rq or .cypher)")
    mark = "#" if language == "sparql" else "//"
    header: dict[str, str] = {}
    params: list[Parameter] = []
    in_params = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith(mark):
            break
        body = line[len(mark):]
        m = re.match(r"\s*(name|description|parameters):\s*(.*)$", body)
        if m:
            header[m.group(1)] = m.group(2).strip()
            in_params = m.group(1) == "parameters"
            body = m.group(2) if in_params else ""
        if in_params and body.strip() and body.strip().lower() != "none":
            p = _PARAM.match(body)
            if p is None:
                raise QueryFileError(f"{path}:{n}: parameter line must read `name (string|int|decimal|place) — description`")
            params.append(Parameter(p.group(1), p.group(2), (p.group(3) or "").strip()))
    for key in ("name", "description"):
        if not header.get(key):
            raise QueryFileError(f"{path}: header has no `{mark} {key}:` line")
    if header["name"] != path.stem:
        raise QueryFileError(f"{path}: header name {header['name']!r} differs from the file name")
    return NamedQuery(header["name"], language, header["description"], tuple(params), text, path)


def load_all(directory: Path = QUERIES_DIR) -> dict[tuple[str, str], NamedQuery]:
    """Every named query, keyed by (name, language)."""
    out = {}
    for path in sorted(directory.iterdir()):
        if path.suffix in LANGUAGES:
            q = parse(path)
            out[(q.name, q.language)] = q
    return out


def find(name: str, language: str, directory: Path = QUERIES_DIR) -> NamedQuery | None:
    suffix = next(s for s, lang in LANGUAGES.items() if lang == language)
    path = directory / f"{name}{suffix}"
    return parse(path) if path.is_file() else None
