"""The two national code lists as SKOS concept schemes: the function classification
(支出功能分类科目: 类 3 digits → 款 5 → 项 7) and the departmental economic classification
(部门预算支出经济分类科目: 类 3 digits → 款 5).

The facts live in `ontology/codes/*.csv` (code, Chinese name, English name, the catalogue it
comes from, and where a seed prints it). The parent of a code is its prefix, so a document
that prints only 2130599 still reaches 21305 and 213.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

CODES_DIR = Path(__file__).resolve().parent.parent / "ontology" / "codes"

# scheme name → (file, node-id prefix, label, code lengths of its levels)
SCHEMES = {
    "function": ("function_codes.csv", "fcode", "FunctionCode", {3: "类", 5: "款", 7: "项"}),
    "economic": ("economic_codes.csv", "ecode", "EconomicCode", {3: "类", 5: "款"}),
}


class UnknownCode(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Concept:
    scheme: str                 # function or economic
    code: str
    name: str
    name_en: str | None
    source: str                 # the catalogue the label comes from
    seen_in: str | None         # a seed line that prints this code with its name

    @property
    def level(self) -> str:
        return SCHEMES[self.scheme][3][len(self.code)]

    @property
    def parent_code(self) -> str | None:
        return parent_code(self.code)

    @property
    def node_id(self) -> str:
        return f"{SCHEMES[self.scheme][1]}/{self.code}"


def parent_code(code: str) -> str | None:
    """7 → 5 → 3 digits; a 类 has no parent."""
    return code[:-2] if len(code) in (5, 7) else None


class CodeList:
    def __init__(self, scheme: str, directory: Path = CODES_DIR) -> None:
        if scheme not in SCHEMES:
            raise ValueError(f"unknown code scheme {scheme!r}; known: {sorted(SCHEMES)}")
        self.scheme = scheme
        file, _, _, levels = SCHEMES[scheme]
        path = directory / file
        self.concepts: dict[str, Concept] = {}
        with path.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), 2):
                code = (row.get("code") or "").strip()
                if not code.isdigit() or len(code) not in levels:
                    raise ValueError(f"{path}:{n}: code {code!r} is not a {'/'.join(map(str, levels))}-digit code")
                if code in self.concepts:
                    raise ValueError(f"{path}:{n}: code {code} is listed twice")
                if not row.get("name"):
                    raise ValueError(f"{path}:{n}: code {code} has no name")
                self.concepts[code] = Concept(scheme, code, row["name"].strip(), (row.get("name_en") or "").strip() or None,
                                              row.get("source") or "", (row.get("seen_in") or "").strip() or None)
        for code in self.concepts:
            p = parent_code(code)
            if p is not None and p not in self.concepts:
                raise ValueError(f"{path}: code {code} has no parent {p} in the list")

    def __contains__(self, code: str) -> bool:
        return code in self.concepts

    def get(self, code: str) -> Concept:
        try:
            return self.concepts[code]
        except KeyError:
            raise UnknownCode(f"{self.scheme} code {code!r} is not in {CODES_DIR / SCHEMES[self.scheme][0]}") from None

    def chain(self, code: str) -> list[Concept]:
        """The concept and its ancestors, leaf first: 2130599 → [2130599, 21305, 213]."""
        out = [self.get(code)]
        while out[-1].parent_code is not None:
            out.append(self.get(out[-1].parent_code))
        return out

    def children(self, code: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.parent_code == code]


@lru_cache(maxsize=2)
def code_list(scheme: str) -> CodeList:
    return CodeList(scheme)


def scheme_of(classification: str) -> str:
    """A BudgetLine's classification (function / economic, or 功能 / 经济) → scheme name."""
    c = classification.strip().lower()
    if c in ("function", "功能", "功能分类"):
        return "function"
    if c in ("economic", "经济", "经济分类"):
        return "economic"
    raise ValueError(f"classification {classification!r} is neither function nor economic")


def to_skos(schemes: tuple[str, ...] = ("function", "economic")) -> "Graph":
    """The whole code lists as SKOS concept schemes (the graph holds only the codes documents use;
    this is the catalogue itself): notation, prefLabel @zh/@en, broader/narrower, topConceptOf."""
    from rdflib import RDF, Graph, Literal
    from rdflib.namespace import DCTERMS, SKOS

    from kb.rdf import BKB, node_iri

    g = Graph()
    g.bind("skos", SKOS)
    g.bind("bkb", BKB)
    g.bind("dcterms", DCTERMS)
    for scheme in schemes:
        label = SCHEMES[scheme][2]
        scheme_iri = BKB[scheme + "Classification"]
        g.add((scheme_iri, RDF.type, SKOS.ConceptScheme))
        for c in code_list(scheme).concepts.values():
            iri = node_iri(c.node_id)
            g.add((iri, RDF.type, SKOS.Concept))
            g.add((iri, RDF.type, BKB[label]))
            g.add((iri, SKOS.inScheme, scheme_iri))
            g.add((iri, SKOS.notation, Literal(c.code)))
            g.add((iri, SKOS.prefLabel, Literal(c.name, lang="zh")))
            if c.name_en:
                g.add((iri, SKOS.prefLabel, Literal(c.name_en, lang="en")))
            g.add((iri, BKB.codeLevel, Literal(c.level)))
            g.add((iri, DCTERMS.source, Literal(c.source)))
            if c.parent_code is None:
                g.add((iri, SKOS.topConceptOf, scheme_iri))
                g.add((scheme_iri, SKOS.hasTopConcept, iri))
            else:
                parent = node_iri(f"{SCHEMES[scheme][1]}/{c.parent_code}")
                g.add((iri, SKOS.broader, parent))
                g.add((parent, SKOS.narrower, iri))
    return g
