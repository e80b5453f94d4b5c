"""CanonicalGraph → RDF, following the mapping declared in ontology/schema/*.yaml.

Each node becomes `https://w3id.org/budget-kb/id/<node id>` (non-ASCII percent-encoded),
typed with its `bkb:` class and the W3C classes it maps to. Provenance properties hang off a
source-span node that the fact `prov:wasDerivedFrom`: one per document, line range, table and raw
text (`<doc>#L12-L12-<hash>`), shared by the facts stated there, written once. Money
is xsd:decimal, names are @zh / @en literals. Edge properties (FUNDS, ALIAS_OF) are not
repeated in RDF: the FundingFlow and Alias nodes already carry them.

The mapping is done once, in `statements()`, on plain strings; `to_rdf` makes rdflib terms of
them and `ntriples_lines` N-Triples text (no rdflib objects: several times faster, for bulk loads).
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from hashlib import blake2b
from typing import Iterable, Iterator
from urllib.parse import quote

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from kb.model import DATA_NS, ONTOLOGY_NS, CanonicalGraph, Edge, Node
from kb.schema import NodeClass, Prop, Schema, schema as load

BKB = Namespace(ONTOLOGY_NS)
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")

_XSD = {"decimal": str(XSD.decimal), "integer": str(XSD.integer), "date": str(XSD.date), "boolean": str(XSD.boolean)}
_RDF_TYPE = str(RDF.type)
_WAS_DERIVED_FROM = str(PROV.wasDerivedFrom)
_SOURCE_SPAN = str(BKB.SourceSpan)
_IN_SCHEME, _CONCEPT_SCHEME = str(SKOS.inScheme), str(SKOS.ConceptScheme)

# A statement: subject IRI, predicate IRI, object, and for a literal object (datatype IRI or
# None, language or None); None there means the object is an IRI.
Statement = tuple[str, str, str, "tuple[str | None, str | None] | None"]
_PLAIN = (None, None)


def node_iri(node_id: str) -> URIRef:
    return URIRef(_iri_text(node_id))


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*")  # what quote(…, safe="/") leaves as it is


def _iri_text(node_id: str) -> str:
    return DATA_NS + (node_id if _UNQUOTED.fullmatch(node_id) else quote(node_id, safe="/"))


def span_text(subject: str, props: dict) -> str:
    """The IRI of a fact's source span: the lines of its document
    (`…/doc/004_fd04dd69df0e1d80#L736-L736-<hash>`), the same for every fact read from those lines
    under the same table heading with the same raw text — two extractors may name the section of
    one line differently, so the hash of table and text tells such spans apart. A fact without a
    document or line keeps a span of its own (`<fact>#source`)."""
    doc, start = props.get("doc"), props.get("line_start")
    if doc is None or start is None:
        return subject + "#source"
    key = f"{props.get('table') or ''}\x1f{props.get('source_text') or ''}".encode("utf-8")
    return (f"{_iri_text('doc/' + str(doc))}#L{start}-L{props.get('line_end', start)}-"
            f"{blake2b(key, digest_size=4).hexdigest()}")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


def _object(s: Schema, prop: Prop, value, where: str) -> tuple[str, tuple[str | None, str | None] | None]:
    """A property value → (lexical form or IRI, literal kind), checking it has the declared type."""
    if prop.type == "enum":
        if value not in prop.values:
            raise ValueError(f"{where}: {prop.name}={value!r} is not one of {sorted(prop.values)}")
        return s.expand(prop.values[value]), None
    if prop.type == "ref":
        return _iri_text((prop.template or "{}").format(value)), None
    if prop.type == "decimal":
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            raise ValueError(f"{where}: {prop.name} must be a Decimal, got {type(value).__name__} {value!r}")
        return (format(value, "f") if isinstance(value, Decimal) else str(value)), (_XSD["decimal"], None)
    if prop.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where}: {prop.name} must be an int, got {type(value).__name__} {value!r}")
        return str(value), (_XSD["integer"], None)
    if prop.type == "date":
        if not isinstance(value, date):
            raise ValueError(f"{where}: {prop.name} must be a date, got {value!r}")
        return value.isoformat(), (_XSD["date"], None)
    if prop.type == "boolean":
        return ("true" if value else "false"), (_XSD["boolean"], None)
    return str(value), ((None, prop.lang) if prop.lang else _PLAIN)


def literal(prop: Prop, value, where: str) -> Literal | URIRef:
    """One property value as an rdflib term."""
    return _term(*_object(load(), prop, value, where))


def _term(text: str, kind) -> Literal | URIRef:
    if kind is None:
        return URIRef(text)
    datatype, lang = kind
    return Literal(text, lang=lang) if lang else Literal(text, datatype=URIRef(datatype) if datatype else None)


def bind_prefixes(g: Graph, s: Schema) -> None:
    for prefix, ns in s.prefixes.items():
        g.bind(prefix, Namespace(ns), override=True)
    g.bind("bkbid", Namespace(DATA_NS))


def to_rdf(graph: CanonicalGraph, schema: Schema | None = None) -> Graph:
    s = schema or load()
    g = Graph()
    bind_prefixes(g, s)
    for t in triples(graph, s):
        g.add(t)
    return g


def triples(graph: CanonicalGraph, schema: Schema | None = None) -> Iterator[tuple]:
    """Every triple of the RDF projection of `graph`, as rdflib terms."""
    iris: dict[str, URIRef] = {}
    for subj, pred, obj, kind in statements(graph, schema):
        s_ref = iris.get(subj) or iris.setdefault(subj, URIRef(subj))
        p_ref = iris.get(pred) or iris.setdefault(pred, URIRef(pred))
        yield s_ref, p_ref, (iris.get(obj) or iris.setdefault(obj, URIRef(obj))) if kind is None else _term(obj, kind)


def to_ntriples(graph: CanonicalGraph, schema: Schema | None = None) -> str:
    """The same triples as `to_rdf`, as N-Triples text."""
    return "".join(ntriples_lines(graph, schema))


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def ntriples_lines(graph: CanonicalGraph, schema: Schema | None = None, nodes: Iterable[Node] | None = None,
                   edges: Iterable[Edge] | None = None) -> Iterator[str]:
    """`to_ntriples` one line at a time, so a bulk load can stream a graph of any size (`nodes` and
    `edges`: only these, as in `statements`)."""
    for subj, pred, obj, kind in statements(graph, schema, nodes, edges):
        if kind is None:
            yield f"<{subj}> <{pred}> <{obj}> .\n"
            continue
        datatype, lang = kind
        text = obj.translate(_NT_ESCAPES)
        if lang:
            yield f'<{subj}> <{pred}> "{text}"@{lang} .\n'
        elif datatype:
            yield f'<{subj}> <{pred}> "{text}"^^<{datatype}> .\n'
        else:
            yield f'<{subj}> <{pred}> "{text}" .\n'


def statements(graph: CanonicalGraph, schema: Schema | None = None, nodes: Iterable[Node] | None = None,
               edges: Iterable[Edge] | None = None) -> Iterator[Statement]:
    """Every statement of the RDF projection, on plain strings; with `nodes` and `edges`, only
    theirs (a part of `graph`, e.g. one document's facts: `graph` still gives every edge's source
    label). The concept schemes are declared by the part that holds their concepts."""
    s = schema or load()
    nodes = graph.nodes.values() if nodes is None else nodes
    edges = graph.edges.values() if edges is None else edges
    mapping = _Mapping(s)
    schemes: set[str] = set()
    spans: set[str] = set()  # the source spans written: several facts share one
    for node in nodes:
        cls = s.cls(node.label)
        yield from _node(mapping, cls, node, _iri_text(node.id), spans)
        if cls.in_scheme:
            schemes.add(cls.in_scheme)
    for curie in sorted(schemes):
        yield s.expand(curie), _RDF_TYPE, _CONCEPT_SCHEME, None
    for s_iri, pred, o_iri in edge_triples(graph, edges, edge_predicates(s)):
        yield s_iri, pred, o_iri, None


def edge_predicates(s: Schema) -> dict[tuple[str, str], tuple[list[str], str | None]]:
    """(source label, edge type) → the predicate IRIs of the edge, and of its inverse if any."""
    out: dict[tuple[str, str], tuple[list[str], str | None]] = {}
    for etype, decls in s.edge_types().items():
        for d in decls:
            stated = d.also if len(d.path) > 1 else (d.rdf, *d.also)  # a path is stated by other triples
            out[(d.source, etype)] = ([s.expand(c) for c in stated],
                                      s.expand(d.inverse) if d.inverse else None)
    return out


def edge_triples(graph: CanonicalGraph, edges: Iterable[Edge],
                 edge_rdf: dict[tuple[str, str], tuple[list[str], str | None]]) -> Iterator[tuple[str, str, str]]:
    """(subject, predicate, object) IRIs of edges: the predicates the schema gives the edge type
    from its source's label (`edge_rdf`), and the inverse, if any, the other way."""
    parallel: set[tuple[str, str, str]] = set()  # FUNDS: one triple for many flows between two places
    nodes = graph.nodes
    for edge in edges:
        if edge.id is not None:
            key = (edge.source, edge.type, edge.target)
            if key in parallel:
                continue
            parallel.add(key)
        src = nodes.get(edge.source)
        found = edge_rdf.get((src.label if src is not None else "", edge.type))
        preds, inverse = found or ([str(BKB[camel(edge.type.lower())])], None)
        s_iri, o_iri = _iri_text(edge.source), _iri_text(edge.target)
        for pred in preds:
            yield s_iri, pred, o_iri
        if inverse is not None:
            yield o_iri, inverse, s_iri


class _Mapping:
    """Per-schema lookups made once: class IRIs, property IRIs, props of undeclared names."""

    def __init__(self, s: Schema) -> None:
        self.s = s
        self.curies: dict[str, str] = {}
        self.undeclared: dict[tuple[str, str], Prop] = {}

    def iri(self, curie: str) -> str:
        iri = self.curies.get(curie)
        if iri is None:
            iri = self.curies[curie] = self.s.expand(curie)
        return iri

    def prop(self, cls: NodeClass, name: str, value) -> Prop:
        prop = cls.props.get(name)
        if prop is None:  # not in the schema: kept, under bkb:, so nothing is lost (tests keep the seeds free of these)
            key = (cls.name, name)
            prop = self.undeclared.get(key)
            if prop is None:
                prop = self.undeclared[key] = Prop(name, _guess_type(value), f"bkb:{camel(name)}", 0, None, name, name)
        return prop


def _node(m: _Mapping, cls: NodeClass, node: Node, subject: str, spans: set[str]) -> Iterator[Statement]:
    yield subject, _RDF_TYPE, m.iri(f"bkb:{cls.name}"), None
    for curie in cls.maps_to:
        yield subject, _RDF_TYPE, m.iri(curie), None
    if cls.in_scheme:
        yield subject, _IN_SCHEME, m.iri(cls.in_scheme), None
    span = None
    where = f"node {node.id}"
    for name, value in node.props.items():
        if value is None:
            continue
        prop = m.prop(cls, name, value)
        target = subject
        if prop.on == "source":
            if span is None:
                span = span_text(subject, node.props)
                yield subject, _WAS_DERIVED_FROM, span, None
                if span in spans:
                    span = ""  # written with an earlier fact: its properties are the same
                else:
                    spans.add(span)
                    yield span, _RDF_TYPE, _SOURCE_SPAN, None  # a prov:Entity by the ontology
            if not span:
                continue
            target = span
        pred = m.iri(prop.rdf)
        for v in (value if isinstance(value, list) else (value,)):
            obj, kind = _object(m.s, prop, v, where)
            yield target, pred, obj, kind


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
