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
    s = schema or load()
    g = Graph()
    bind_prefixes(g, s)
    edge_rdf: dict[tuple[str, str], tuple[URIRef, URIRef | None]] = {}
    for etype, decls in s.edge_types().items():
        for d in decls:
            edge_rdf[(d.source, etype)] = (URIRef(s.expand(d.rdf)), URIRef(s.expand(d.inverse)) if d.inverse else None)
    schemes: set[str] = set()
    for node in graph.nodes.values():
        cls = s.cls(node.label)
        _node(g, s, cls, node)
        if cls.in_scheme:
            schemes.add(cls.in_scheme)
    for curie in schemes:
        g.add((URIRef(s.expand(curie)), RDF.type, SKOS.ConceptScheme))
    for edge in graph.edges.values():
        src = graph.nodes.get(edge.source)
        label = src.label if src is not None else ""
        pred, inverse = edge_rdf.get((label, edge.type), (BKB[camel(edge.type.lower())], None))
        s_iri, o_iri = node_iri(edge.source), node_iri(edge.target)
        g.add((s_iri, pred, o_iri))
        if inverse is not None:
            g.add((o_iri, inverse, s_iri))
    return g


def _node(g: Graph, s: Schema, cls: NodeClass, node: Node) -> None:
    subject = node_iri(node.id)
    g.add((subject, RDF.type, BKB[cls.name]))
    for curie in cls.maps_to:
        g.add((subject, RDF.type, URIRef(s.expand(curie))))
    if cls.in_scheme:
        g.add((subject, SKOS.inScheme, URIRef(s.expand(cls.in_scheme))))
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
                g.add((subject, PROV.wasDerivedFrom, span))
                g.add((span, RDF.type, BKB.SourceSpan))
                g.add((span, RDF.type, PROV.Entity))
            target = span
        pred = URIRef(s.expand(prop.rdf))
        for v in (value if isinstance(value, list) else [value]):
            g.add((target, pred, literal(prop, v, f"node {node.id}")))


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
