"""Exports of a built knowledge base, for other tools:

- turtle, nt, jsonld: the RDF store as it is (pyoxigraph serialises it);
- graphml: the networkx projection (amounts as exact text, lists as JSON);
- neo4j-csv: what `neo4j-admin database import full` reads — one nodes CSV per label with
  `id:ID`, `:LABEL` and typed property headers, one relationships CSV per type with `:START_ID`,
  `:END_ID`, `:TYPE`; money as in the embedded property graph (kb/stores/pg_values.py: `x:double`
  plus exact `x_exact`); list elements joined by `|` (the command in `neo4j-admin-import.sh` says so).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kb.knowledge_base import KnowledgeBase
from kb.model import CanonicalGraph, DATA_NS, ONTOLOGY_NS
from kb.stores.ladybug_store import derive_schema
from kb.stores.nx_graph import write_graphml
from kb.stores.pg_values import pg_props

RDF_FORMATS = {"turtle": (ox.RdfFormat.TURTLE, "kb.ttl"), "nt": (ox.RdfFormat.N_TRIPLES, "kb.nt"),
               "jsonld": (ox.RdfFormat.JSON_LD, "kb.jsonld")}
FORMATS = (*RDF_FORMATS, "graphml", "neo4j-csv")
PREFIXES = {"bkb": ONTOLOGY_NS, "id": DATA_NS, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
            "skos": "http://www.w3.org/2004/02/skos/core#", "org": "http://www.w3.org/ns/org#",
            "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
            "qb": "http://purl.org/linked-data/cube#"}
NEO4J_TYPES = {"STRING": "string", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "DATE": "date",
               "STRING[]": "string[]"}
ARRAY_DELIMITER = "|"


class ExportError(ValueError):
    """A value the chosen format cannot hold without loss; names the node and the property."""


def export(kb: KnowledgeBase, fmt: str, out: Path) -> list[Path]:
    """Write `kb` in format `fmt` into the directory `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    if fmt in RDF_FORMATS:
        rdf_format, name = RDF_FORMATS[fmt]
        kb.rdf_store.dump(str(out / name), rdf_format, from_graph=ox.DefaultGraph(),
                     **({"prefixes": PREFIXES} if fmt == "turtle" else {}))
        return [out / name]
    if fmt == "graphml":
        write_graphml(kb.networkx, out / "kb.graphml")
        return [out / "kb.graphml"]
    if fmt == "neo4j-csv":
        return write_neo4j_csv(kb.graph, out)
    raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")


def _text(value, kind: str, where: str) -> str:
    if value is None:
        return ""
    if kind == "STRING[]":
        bad = [v for v in value if ARRAY_DELIMITER in v]
        if bad:
            raise ExportError(f"{where}: list element {bad[0]!r} contains the array delimiter {ARRAY_DELIMITER!r}")
        return ARRAY_DELIMITER.join(value)
    if kind == "BOOLEAN":
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return repr(value) if isinstance(value, float) else str(value)


def write_neo4j_csv(graph: CanonicalGraph, out: Path) -> list[Path]:
    schema = derive_schema(graph)
    written: list[Path] = []
    by_label = defaultdict(list)
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        by_label[node.label].append(node)
    for label, nodes in sorted(by_label.items()):
        cols = sorted(c for c in schema.nodes[label] if c != "id")
        path = out / f"nodes_{label}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["id:ID", ":LABEL", *(f"{c}:{NEO4J_TYPES[schema.nodes[label][c]]}" for c in cols)])
            for node in nodes:
                props = pg_props(node.props)
                w.writerow([node.id, label, *(_text(props.get(c), schema.nodes[label][c], f"{node.id}.{c}")
                                              for c in cols)])
        written.append(path)
    by_type = defaultdict(list)
    for edge in sorted(graph.edges.values(), key=lambda e: e.key):
        by_type[edge.type].append(edge)
    for rel, edges in sorted(by_type.items()):
        cols = sorted(schema.rel_columns.get(rel, {}))
        kinds = schema.rel_columns.get(rel, {})
        path = out / f"rels_{rel}.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow([":START_ID", ":END_ID", ":TYPE", *(f"{c}:{NEO4J_TYPES[kinds[c]]}" for c in cols)])
            for e in edges:
                props = pg_props(e.props)
                w.writerow([e.source, e.target, rel, *(_text(props.get(c), kinds[c], f"{e.key}.{c}") for c in cols)])
        written.append(path)
    script = out / "neo4j-admin-import.sh"
    args = " ".join([f"--nodes={p.name}" for p in written if p.name.startswith("nodes_")] +
                    [f"--relationships={p.name}" for p in written if p.name.startswith("rels_")])
    script.write_text("#!/bin/sh\n# Load these files into an empty Neo4j database (run in this directory).\n"
                      f"neo4j-admin database import full --array-delimiter='{ARRAY_DELIMITER}' "
                      f"--multiline-fields=true {args} \"${{1:-neo4j}}\"\n", encoding="utf-8")
    written.append(script)
    return written
