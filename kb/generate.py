"""Derive from the YAML schema: the OWL ontology, the SHACL shapes and the property-graph schema.

    python -m kb.generate        # rewrites ontology/generated/{budget.ttl,shapes.ttl,codes.ttl,pg_schema.json}

The generated files are committed; tests/kb/test_generate.py fails when they are stale.
"""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kb.codes import to_skos
from kb.rdf import bind_prefixes
from kb.schema import ONTOLOGY_DIR, TYPES, Prop, Schema, schema as load

GENERATED = ONTOLOGY_DIR / "generated"
SH = Namespace("http://www.w3.org/ns/shacl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ONTOLOGY_IRI = URIRef("https://w3id.org/budget-kb/ontology")

# Property-graph column types, as the stores write them (kb/stores/pg_values.py): a Decimal is a
# DOUBLE for arithmetic plus `<name>_exact`, the exact decimal text of record.
PG_TYPES = {"string": "STRING", "text": "STRING", "enum": "STRING", "ref": "STRING", "integer": "INT64",
            "decimal": "DOUBLE", "date": "DATE", "boolean": "BOOLEAN", "strings": "STRING[]"}


def _labels(g: Graph, subject, zh: str, en: str) -> None:
    g.add((subject, RDFS.label, Literal(zh, lang="zh")))
    g.add((subject, RDFS.label, Literal(en, lang="en")))


def _xsd(s: Schema, prop: Prop) -> URIRef | None:
    curie = TYPES[prop.type]
    return URIRef(s.expand(curie)) if curie else None


def _bkb(s: Schema, curie: str) -> bool:
    return curie.startswith("bkb:")


def owl(s: Schema) -> Graph:
    g = Graph()
    bind_prefixes(g, s)
    g.bind("owl", OWL)
    g.add((ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    g.add((ONTOLOGY_IRI, DCTERMS.title, Literal("budget-kb 预决算公开知识图谱本体", lang="zh")))
    g.add((ONTOLOGY_IRI, DCTERMS.title, Literal("budget-kb ontology of Chinese budget disclosures", lang="en")))
    span = URIRef(s.expand("bkb:SourceSpan"))
    g.add((span, RDF.type, OWL.Class))
    g.add((span, RDFS.subClassOf, PROV.Entity))
    _labels(g, span, "原文出处", "Source span (document, line range, raw text)")
    users: dict[str, list[tuple[str, Prop]]] = {}
    for c in s.classes.values():
        iri = URIRef(s.expand(f"bkb:{c.name}"))
        g.add((iri, RDF.type, OWL.Class))
        _labels(g, iri, c.zh, c.en)
        if c.description:
            g.add((iri, RDFS.comment, Literal(c.description, lang="en")))  # English prose, Chinese terms quoted
        for curie in c.maps_to:
            g.add((iri, RDFS.subClassOf, URIRef(s.expand(curie))))
        if c.parent:
            g.add((iri, RDFS.subClassOf, URIRef(s.expand(f"bkb:{c.parent}"))))
        if c.in_scheme:
            scheme = URIRef(s.expand(c.in_scheme))
            g.add((scheme, RDF.type, SKOS.ConceptScheme))
            _labels(g, scheme, c.zh, c.en)
        parent_props = s.classes[c.parent].props if c.parent else {}
        for name, p in c.props.items():
            if name not in parent_props or parent_props[name] is not p:
                users.setdefault(p.rdf, []).append(("SourceSpan" if p.on == "source" else c.name, p))
    for curie, uses in users.items():
        if not _bkb(s, curie):
            continue  # a W3C term: reused as it is defined
        iri = URIRef(s.expand(curie))
        first = uses[0][1]
        g.add((iri, RDF.type, OWL.ObjectProperty if first.type in ("enum", "ref") else OWL.DatatypeProperty))
        _labels(g, iri, first.zh, first.en)
        domains = sorted({u for u, _ in uses})
        if len(domains) == 1:
            g.add((iri, RDFS.domain, URIRef(s.expand(f"bkb:{domains[0]}"))))
        rng = _xsd(s, first)
        if rng is not None and all(_xsd(s, p) == rng for _, p in uses):
            g.add((iri, RDFS.range, rng if first.lang is None else RDF.langString))
    for etype, decls in s.edge_types().items():
        for curie in {d.rdf for d in decls}:
            if not _bkb(s, curie):
                continue
            iri = URIRef(s.expand(curie))
            same = [d for d in decls if d.rdf == curie]
            g.add((iri, RDF.type, OWL.ObjectProperty))
            _labels(g, iri, same[0].zh, same[0].en)
            g.add((iri, RDFS.comment, Literal(f"property-graph edge type {etype}", lang="en")))
            sources = sorted({d.source for d in same})
            targets = sorted({t for d in same for t in d.targets})
            g.add((iri, RDFS.domain, _union(g, s, sources)))
            g.add((iri, RDFS.range, _union(g, s, targets)))
    return g


def _union(g: Graph, s: Schema, labels: list[str]):
    if len(labels) == 1:
        return URIRef(s.expand(f"bkb:{labels[0]}"))
    node, items = BNode(), BNode()
    g.add((node, RDF.type, OWL.Class))
    g.add((node, OWL.unionOf, items))
    Collection(g, items, [URIRef(s.expand(f"bkb:{label}")) for label in labels])
    return node


def shapes(s: Schema) -> Graph:
    g = Graph()
    bind_prefixes(g, s)
    g.bind("sh", SH)
    span_shape = URIRef(s.expand("bkb:SourceSpanShape"))
    g.add((span_shape, RDF.type, SH.NodeShape))
    fact = s.classes.get("Fact")
    if fact is not None:
        _property_shapes(g, s, span_shape, [p for p in fact.props.values() if p.on == "source"])
    for c in s.classes.values():
        if c.abstract:
            continue
        shape = URIRef(s.expand(f"bkb:{c.name}Shape"))
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, URIRef(s.expand(f"bkb:{c.name}"))))
        _property_shapes(g, s, shape, [p for p in c.props.values() if p.on == "node"])
        if any(p.on == "source" for p in c.props.values()):
            ps = _pshape(g, shape, PROV.wasDerivedFrom, "source")
            g.add((ps, SH.node, span_shape))
            g.add((ps, SH.minCount, Literal(1)))
            g.add((ps, SH.maxCount, Literal(1)))
        for e in c.edges.values():
            ps = _pshape(g, shape, _path(g, s, e.path), e.type)
            g.add((ps, SH.name, Literal(e.type)))
            classes = [URIRef(s.expand(f"bkb:{t}")) for t in e.targets]
            if len(classes) == 1:
                g.add((ps, SH["class"], classes[0]))
            else:
                alts = []
                for cl in classes:
                    alt = BNode()
                    g.add((alt, SH["class"], cl))
                    alts.append(alt)
                head = BNode()
                Collection(g, head, alts)
                g.add((ps, SH["or"], head))
            if e.min:
                g.add((ps, SH.minCount, Literal(e.min)))
    return g


def _path(g: Graph, s: Schema, curies: tuple[str, ...]):
    """A predicate, or a SHACL sequence path (an RDF list of predicates)."""
    if len(curies) == 1:
        return URIRef(s.expand(curies[0]))
    head = BNode()
    Collection(g, head, [URIRef(s.expand(c)) for c in curies])
    return head


def _pshape(g: Graph, shape: URIRef, path, name: str) -> URIRef:
    """A named property shape (bkb:BudgetLineShape-amount): reports can cite it, and comparing
    generated files stays cheap (blank nodes make graph isomorphism slow)."""
    ps = URIRef(f"{shape}-{name}")
    if (ps, SH.path, None) in g:
        raise ValueError(f"two property shapes named {ps}: give one of the properties another RDF term")
    g.add((shape, SH.property, ps))
    g.add((ps, SH.path, path))
    return ps


def _property_shapes(g: Graph, s: Schema, shape: URIRef, props: list[Prop]) -> None:
    """One property shape per RDF path; properties sharing a path (name @zh, name_en @en) share it."""
    by_path: dict[str, list[Prop]] = {}
    for p in props:
        by_path.setdefault(p.rdf, []).append(p)
    for curie, group in by_path.items():
        ps = _pshape(g, shape, URIRef(s.expand(curie)), curie.partition(":")[2])
        first = group[0]
        g.add((ps, SH.name, Literal(first.zh, lang="zh")))
        g.add((ps, SH.name, Literal(first.en, lang="en")))
        if first.type == "enum":
            head = BNode()
            Collection(g, head, [URIRef(s.expand(v)) for v in first.values.values()])
            g.add((ps, SH["in"], head))
        elif first.type == "ref":
            g.add((ps, SH.nodeKind, SH.IRI))
        elif first.lang:
            g.add((ps, SH.datatype, RDF.langString))
            g.add((ps, SH.uniqueLang, Literal(True)))
            langs = BNode()
            Collection(g, langs, [Literal(p.lang) for p in group if p.lang])
            g.add((ps, SH.languageIn, langs))
        else:
            g.add((ps, SH.datatype, _xsd(s, first) or XSD.string))
        if any(p.min for p in group):
            g.add((ps, SH.minCount, Literal(1)))
        if len(group) == 1 and first.max == 1:
            g.add((ps, SH.maxCount, Literal(1)))


def pg_schema(s: Schema) -> dict:
    nodes = {}
    for c in s.classes.values():
        if c.abstract:
            continue
        props = {"id": {"type": "string", "columns": {"id": "STRING"}, "required": True, "primary_key": True}}
        for name, p in c.props.items():
            props[name] = _pg_prop(name, p)
        nodes[c.name] = {"zh": c.zh, "en": c.en, "fact": c.parent == "Fact", "properties": props}
    edges = {}
    for etype, decls in sorted(s.edge_types().items()):
        first = decls[0]
        edges[etype] = {
            "zh": first.zh, "en": first.en,
            "pairs": sorted([d.source, t] for d in decls for t in d.targets),
            "from": sorted({d.source for d in decls}), "to": sorted({t for d in decls for t in d.targets}),
            "properties": {n: _pg_prop(n, p) for n, p in first.props.items()},
        }
    return {"node_labels": nodes, "edge_types": edges}


def _pg_prop(name: str, p: Prop) -> dict:
    cols = {name: PG_TYPES[p.type]}
    if p.type == "decimal":
        cols[name + "_exact"] = "STRING"
    return {"type": p.type, "columns": cols, "required": bool(p.min), "zh": p.zh, "en": p.en}


def write(directory: Path = GENERATED, s: Schema | None = None) -> list[Path]:
    s = s or load()
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name, graph in (("budget.ttl", owl(s)), ("shapes.ttl", shapes(s)), ("codes.ttl", to_skos())):
        path = directory / name
        graph.serialize(path, format="turtle")
        out.append(path)
    path = directory / "pg_schema.json"
    path.write_text(json.dumps(pg_schema(s), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    out.append(path)
    return out


def load_shapes() -> Graph:
    return Graph().parse(GENERATED / "shapes.ttl", format="turtle")


if __name__ == "__main__":
    for p in write():
        print(p)
