"""The domain schema, read from `ontology/schema/*.yaml` (one file per class).

The YAML files are the single statement of the model: node labels, their properties (type,
cardinality, the RDF term each maps to) and edge types (target labels, RDF term, edge
properties). The OWL ontology, the SHACL shapes, the property-graph schema and the RDF
projection are all derived from what this module loads, so none of them can drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
SCHEMA_DIR = ONTOLOGY_DIR / "schema"

# Property types the schema may use, and the XSD datatype each becomes in RDF.
TYPES = {
    "string": "xsd:string", "text": "xsd:string", "decimal": "xsd:decimal", "integer": "xsd:integer",
    "date": "xsd:date", "boolean": "xsd:boolean", "strings": "xsd:string",
    "enum": None,  # values map to IRIs
    "ref": None,   # value is a node id local part, rendered as an IRI
}


def _yaml(text: str):
    """Safe YAML load, with libyaml's C loader when PyYAML was built with it (ten times faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class SchemaError(ValueError):
    """A schema file that does not say what the loader needs; names the file and the key."""


@dataclass(frozen=True, slots=True)
class Prop:
    name: str
    type: str
    rdf: str                        # CURIE of the RDF property
    min: int                        # 0 or 1
    max: int | None                 # 1, or None for a list
    zh: str
    en: str
    lang: str | None = None         # language tag for string literals (zh / en)
    on: str = "node"                # YAML `at:` "node", or "source" (on the provenance span in RDF)
    template: str | None = None     # for type ref: node id pattern, e.g. doc/{}
    values: dict[str, str] = field(default_factory=dict)  # for type enum: value → IRI CURIE


@dataclass(frozen=True, slots=True)
class EdgeType:
    type: str                       # e.g. OF_DEPARTMENT
    source: str                     # label declaring it
    targets: tuple[str, ...]
    rdf: str
    min: int
    zh: str
    en: str
    props: dict[str, Prop] = field(default_factory=dict)
    inverse: str | None = None      # CURIE of the inverse RDF property (skos:narrower), also emitted
    also: tuple[str, ...] = ()      # further RDF properties stated for the same edge (qb:dataSet)

    @property
    def path(self) -> tuple[str, ...]:
        """The CURIEs of `rdf` as a SPARQL sequence path: `prov:wasDerivedFrom/dcterms:isPartOf` is
        an edge that other triples already state (a fact's source span is part of the document),
        so it gets no triple of its own; a single CURIE is a predicate stated for each edge."""
        return tuple(self.rdf.split("/"))


@dataclass(frozen=True, slots=True)
class NodeClass:
    name: str
    zh: str
    en: str
    description: str
    abstract: bool
    parent: str | None
    maps_to: tuple[str, ...]
    in_scheme: str | None
    props: dict[str, Prop]          # own and inherited, inherited first
    edges: dict[str, EdgeType]      # own and inherited


@dataclass(frozen=True, slots=True)
class Schema:
    prefixes: dict[str, str]
    classes: dict[str, NodeClass]   # all, abstract ones included

    @property
    def labels(self) -> list[str]:
        """The concrete node labels (abstract classes are not labels)."""
        return [c.name for c in self.classes.values() if not c.abstract]

    def cls(self, label: str) -> NodeClass:
        try:
            return self.classes[label]
        except KeyError:
            raise SchemaError(f"no class {label!r} in {SCHEMA_DIR}") from None

    def edge_types(self) -> dict[str, list[EdgeType]]:
        """Edge type → its declarations (one per concrete source label)."""
        out: dict[str, list[EdgeType]] = {}
        for c in self.classes.values():
            if c.abstract:
                continue
            for e in c.edges.values():
                out.setdefault(e.type, []).append(EdgeType(e.type, c.name, e.targets, e.rdf, e.min, e.zh, e.en, e.props, e.inverse,
                                                          e.also))
        return out

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        if prefix not in self.prefixes:
            raise SchemaError(f"unknown prefix {prefix!r} in {curie!r} (see {ONTOLOGY_DIR / 'prefixes.yaml'})")
        return self.prefixes[prefix] + local


def _card(text: str | None, where: str) -> tuple[int, int | None]:
    text = str(text or "0..1")
    table = {"1": (1, 1), "0..1": (0, 1), "0..*": (0, None), "1..*": (1, None)}
    if text not in table:
        raise SchemaError(f"{where}: cardinality {text!r} is not one of {sorted(table)}")
    return table[text]


def _prop(name: str, spec: dict, where: str) -> Prop:
    ptype = spec.get("type")
    if ptype not in TYPES:
        raise SchemaError(f"{where}: property {name!r} has type {ptype!r}, not one of {sorted(TYPES)}")
    lo, hi = _card(spec.get("card"), f"{where}: property {name!r}")
    if ptype == "strings":
        hi = None
    return Prop(name=name, type=ptype, rdf=spec.get("rdf", f"bkb:{name}"), min=lo, max=hi,
                zh=spec.get("zh", name), en=spec.get("en", name), lang=spec.get("lang"),
                on=spec.get("at", "node"), template=spec.get("template"), values=dict(spec.get("values") or {}))


def _edge(etype: str, spec: dict, source: str, where: str) -> EdgeType:
    targets = spec.get("to")
    if not targets:
        raise SchemaError(f"{where}: edge {etype!r} names no target label (`to:`)")
    lo, _ = _card(spec.get("card"), f"{where}: edge {etype!r}")
    props = {n: _prop(n, s, f"{where}: edge {etype}") for n, s in (spec.get("props") or {}).items()}
    return EdgeType(etype, source, tuple(targets), spec.get("rdf", f"bkb:{etype.lower()}"), lo,
                    spec.get("zh", etype), spec.get("en", etype), props, spec.get("inverse"), tuple(spec.get("also") or ()))


def load_schema(directory: Path | None = None) -> Schema:
    directory = directory or SCHEMA_DIR
    prefixes = _yaml((directory.parent / "prefixes.yaml").read_text(encoding="utf-8"))
    raw: dict[str, tuple[dict, Path]] = {}
    for path in sorted(directory.glob("*.yaml")):
        data = _yaml(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "name" not in data:
            raise SchemaError(f"{path}: a schema file must be a mapping with a `name`")
        if data["name"] != path.stem:
            raise SchemaError(f"{path}: class {data['name']!r} must live in {data['name']}.yaml")
        raw[data["name"]] = (data, path)

    classes: dict[str, NodeClass] = {}

    def build(name: str, seen: tuple[str, ...] = ()) -> NodeClass:
        if name in classes:
            return classes[name]
        if name not in raw:
            raise SchemaError(f"class {name!r} is named by {seen[-1] if seen else '?'} but {directory}/{name}.yaml does not exist")
        if name in seen:
            raise SchemaError(f"{raw[name][1]}: `extends` loops through {' → '.join(seen + (name,))}")
        data, path = raw[name]
        parent = build(data["extends"], seen + (name,)) if data.get("extends") else None
        props = dict(parent.props) if parent else {}
        props.update({n: _prop(n, s, str(path)) for n, s in (data.get("properties") or {}).items()})
        edges = dict(parent.edges) if parent else {}
        edges.update({t: _edge(t, s, name, str(path)) for t, s in (data.get("edges") or {}).items()})
        label = data.get("label") or {}
        cls = NodeClass(name=name, zh=label.get("zh", name), en=label.get("en", name),
                        description=data.get("description", ""), abstract=bool(data.get("abstract")),
                        parent=parent.name if parent else None, maps_to=tuple(data.get("maps_to") or ()),
                        in_scheme=data.get("in_scheme"), props=props, edges=edges)
        classes[name] = cls
        return cls

    for name in raw:
        build(name)
    schema = Schema(prefixes=prefixes, classes=classes)
    _check_targets(schema)
    return schema


def _check_targets(schema: Schema) -> None:
    for c in schema.classes.values():
        for e in c.edges.values():
            for t in e.targets:
                if t not in schema.classes:
                    raise SchemaError(f"{SCHEMA_DIR / (c.name + '.yaml')}: edge {e.type} points to unknown class {t!r}")
            for curie in [*e.path, *e.also] + ([e.inverse] if e.inverse else []):
                schema.expand(curie)
        for p in c.props.values():
            for curie in [p.rdf, *p.values.values()]:
                schema.expand(curie)


@lru_cache(maxsize=1)
def schema() -> Schema:
    """The project's schema, loaded once."""
    return load_schema()
