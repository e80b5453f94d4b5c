"""CanonicalGraph → rdflib Graph, following the mapping declared in ontology/schema/*.yaml.

Each node becomes `https://w3id.org/budget-kb/id/<node id>` (non-ASCII percent-encoded),
typed with its `bkb:` class and the W3C classes it maps to. Provenance properties hang off a
source-span node (`<fact>#source`, a prov:Entity) that the fact `prov:wasDerivedFrom`. Money
is xsd:decimal, names are @zh / @en literals. Edge properties (FUNDS, ALIAS_OF) are not
repeated in RDF: the FundingFlow and Alias nodes already carry them.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterator
from urllib.parse import quote

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from kb.model import DATA_NS, ONTOLOGY_NS, CanonicalGraph, Node
from kb.schema import NodeClass, Prop, Schema, schema as load

BKB = Namespace(ONTOLOGY_NS)
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")

_XSD = {"decimal": XSD.decimal, "integer": XSD.integer, "date": XSD.date, "boolean": XSD.boolean}


def node_iri(node_id: str) -> URIRef:
    return URIRef(DATA_NS + quote(node_id, safe="/"))


def source_iri(node_id: str) -> URIRef:
    return URIRef(node_iri(node_id) + "#source")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


def literal(prop: Prop, value, where: str) -> Literal | URIRef:
    if prop.type == "enum":
        if value not in prop.values:
            raise ValueError(f"{where}: {prop.name}={value!r} is not one of {sorted(prop.values)}")
        return URIRef(load().expand(prop.values[value]))
    if prop.type == "ref":
        return node_iri((prop.template or "{}").format(value))
    if prop.type in _XSD:
        if prop.type == "decimal" and not isinstance(value, (Decimal, int)):
            raise ValueError(f"{where}: {prop.name} must be a Decimal, got {type(value).__name__} {value!r}")
        if prop.type == "date" and not isinstance(value, date):
            raise ValueError(f"{where}: {prop.name} must be a date, got {value!r}")
        return Literal(value, datatype=_XSD[prop.type])
    return Literal(str(value), lang=prop.lang) if prop.lang else Literal(str(value))


def bind_prefixes(g: Graph, s: Schema) -> None:
    for prefix, ns in s.prefixes.items():
        g.bind(prefix, Namespace(ns), override=True)
    g.bind("bkbid", Namespace(DATA_NS))


def to_rdf(graph: CanonicalGraph, schema: Schema | None = None) -> Graph:
    g = Graph()
    bind_prefixes(g, schema or load())
    for t in triples(graph, schema):
        g.add(t)
    return g


def to_ntriples(graph: CanonicalGraph, schema: Schema | None = None) -> str:
    """The same triples as `to_rdf`, as N-Triples text, without building an rdflib Graph (several
    times faster: what a bulk load into a triple store wants)."""
    return "".join(ntriples_lines(graph, schema))


def ntriples_lines(graph: CanonicalGraph, schema: Schema | None = None) -> Iterator[str]:
    """`to_ntriples` one line at a time, so a bulk load can stream a graph of any size."""
    return (f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples(graph, schema))


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    text = f'"{str(term).translate(_NT_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype is not None and term.datatype != XSD.string:
        return f"{text}^^<{term.datatype}>"
    return text


def triples(graph: CanonicalGraph, schema: Schema | None = None) -> Iterator[tuple]:
    """Every triple of the RDF projection of `graph`."""
    s = schema or load()
    edge_rdf: dict[tuple[str, str], tuple[list[URIRef], URIRef | None]] = {}
    for etype, decls in s.edge_types().items():
        for d in decls:
            edge_rdf[(d.source, etype)] = ([URIRef(s.expand(c)) for c in (d.rdf, *d.also)],
                                           URIRef(s.expand(d.inverse)) if d.inverse else None)
    schemes: set[str] = set()
    for node in graph.nodes.values():
        cls = s.cls(node.label)
        yield from _node(s, cls, node)
        if cls.in_scheme:
            schemes.add(cls.in_scheme)
    for curie in sorted(schemes):
        yield (URIRef(s.expand(curie)), RDF.type, SKOS.ConceptScheme)
    for edge in graph.edges.values():
        src = graph.nodes.get(edge.source)
        label = src.label if src is not None else ""
        preds, inverse = edge_rdf.get((label, edge.type), ([BKB[camel(edge.type.lower())]], None))
        s_iri, o_iri = node_iri(edge.source), node_iri(edge.target)
        for pred in preds:
            yield (s_iri, pred, o_iri)
        if inverse is not None:
            yield (o_iri, inverse, s_iri)


def _node(s: Schema, cls: NodeClass, node: Node) -> Iterator[tuple]:
    subject = node_iri(node.id)
    yield (subject, RDF.type, BKB[cls.name])
    for curie in cls.maps_to:
        yield (subject, RDF.type, _iri(s, curie))
    if cls.in_scheme:
        yield (subject, SKOS.inScheme, _iri(s, cls.in_scheme))
    span = None
    for name, value in node.props.items():
        if value is None:
            continue
        prop = cls.props.get(name)
        if prop is None:  # not in the schema: kept, under bkb:, so nothing is lost (tests keep the seeds free of these)
            prop = Prop(name, _guess_type(value), f"bkb:{camel(name)}", 0, None, name, name)
        target = subject
        if prop.on == "source":
            if span is None:
                span = source_iri(node.id)
                yield (subject, PROV.wasDerivedFrom, span)
                yield (span, RDF.type, BKB.SourceSpan)
                yield (span, RDF.type, PROV.Entity)
            target = span
        pred = _iri(s, prop.rdf)
        for v in (value if isinstance(value, list) else [value]):
            yield (target, pred, literal(prop, v, f"node {node.id}"))


_IRIS: dict[tuple[str | None, str], URIRef] = {}


def _iri(s: Schema, curie: str) -> URIRef:
    """CURIE → URIRef, made once (URIRef validates its text, which costs more than the rest)."""
    key = (s.prefixes.get(curie.partition(":")[0]), curie)
    iri = _IRIS.get(key)
    if iri is None:
        iri = _IRIS[key] = URIRef(s.expand(curie))
    return iri


def _guess_type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, Decimal):
        return "decimal"
    if isinstance(value, date):
        return "date"
    return "string"


def undeclared_properties(graph: CanonicalGraph, schema: Schema | None = None) -> list[str]:
    """`label.prop` pairs the graph uses that the YAML schema does not declare."""
    s = schema or load()
    out = {f"{n.label}.{k}" for n in graph.nodes.values() for k in n.props if k not in s.cls(n.label).props}
    return sorted(out)




def validate(data: Graph) -> tuple[bool, str]:
    """SHACL validation against ontology/generated/shapes.ttl: (conforms, the report as text)."""
    from pyshacl import validate as shacl_validate

    from kb.generate import load_shapes

    conforms, _, text = shacl_validate(data, shacl_graph=load_shapes(), inference="none")
    return bool(conforms), text
