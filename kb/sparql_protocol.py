"""SPARQL 1.1 query results in the formats the Protocol's clients ask for, with the knowledge
base's read-only guard, timeout and row limit applied.

pyoxigraph serialises whole result sets; to cut at the row limit we take at most `limit`
solutions and write the W3C formats ourselves (SPARQL Results JSON, XML, CSV, TSV). Graph results
(CONSTRUCT, DESCRIBE) go through pyoxigraph's own RDF serialisers (Turtle, JSON-LD, N-Triples, RDF/XML).
"""
from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kb.readonly import check_sparql
from kb.stores.base import run_with_timeout, take_rows

SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD, "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "text/plain": ox.RdfFormat.N_TRIPLES,
}
MEDIA_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
              "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}


class NotAcceptable(ValueError):
    """The client accepts none of the formats this kind of query can be written in."""


@dataclass(slots=True)
class SparqlResponse:
    body: bytes
    media_type: str
    cut: str | None              # why rows are missing, when they are
    rows: int


def negotiate(accept: str | None, graph: bool) -> str:
    """The best media type for an Accept header (q-values honoured; */* = the default)."""
    table = GRAPH_TYPES if graph else SELECT_TYPES
    default = "text/turtle" if graph else "application/sparql-results+json"
    if not accept:
        return default
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = next((float(f[2:]) for f in fields[1:] if f.startswith("q=")), 1.0)
        ranked.append((-q, i, fields[0].lower()))
    for _, _, media in sorted(ranked):
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise NotAcceptable(f"none of {accept!r} is available; offered: {', '.join(table)}")


def run(store: ox.Store, query: str, accept: str | None, *, limit: int, timeout: float) -> SparqlResponse:
    check_sparql(query)
    deadline = time.monotonic() + timeout
    # Evaluation happens while results are read, so the whole read runs under the timeout.
    return run_with_timeout(lambda: _answer(store.query(query), accept, limit, deadline), timeout, "SPARQL")


def _answer(answer, accept: str | None, limit: int, deadline: float) -> SparqlResponse:
    if isinstance(answer, ox.QueryBoolean):
        media = negotiate(accept, graph=False)
        return SparqlResponse(_boolean(bool(answer), SELECT_TYPES[media]), MEDIA_TYPE[SELECT_TYPES[media]], None, 1)
    if isinstance(answer, ox.QuerySolutions):
        media = negotiate(accept, graph=False)
        variables = [v.value for v in answer.variables]
        rows, cut = take_rows(answer, limit, deadline)
        fmt = SELECT_TYPES[media]
        body = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt](variables, rows, cut)
        return SparqlResponse(body, MEDIA_TYPE[fmt], cut, len(rows))
    media = negotiate(accept, graph=True)
    triples, cut = take_rows(answer, limit, deadline)
    body = ox.serialize(triples, format=GRAPH_TYPES[media]) or b""
    return SparqlResponse(body, GRAPH_TYPES[media].media_type + ("; charset=utf-8" if "text" in media else ""), cut, len(triples))


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _json(variables, rows, cut) -> bytes:
    bindings = [{v: _term_json(row[v]) for v in variables if row[v] is not None} for row in rows]
    doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    if cut:
        doc["cut"] = cut  # an extension key; SPARQL clients ignore keys they do not know
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{str(value).lower()}</boolean></sparql>").encode()
    return f"_askResult\n{str(value).lower()}\n".encode()


def _xml(variables, rows, cut) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        for v in variables:
            t = row[v]
            if t is None:
                continue
            if isinstance(t, ox.NamedNode):
                inner = f"<uri>{escape(t.value)}</uri>"
            elif isinstance(t, ox.BlankNode):
                inner = f"<bnode>{escape(t.value)}</bnode>"
            else:
                attr = f" xml:lang={quoteattr(t.language)}" if t.language else f" datatype={quoteattr(t.datatype.value)}"
                inner = f"<literal{attr}>{escape(t.value)}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "".join(out).encode("utf-8")


def _csv(variables, rows, cut) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(variables)
    for row in rows:
        w.writerow(["" if row[v] is None else row[v].value for v in variables])
    return buf.getvalue().encode("utf-8")


def _tsv(variables, rows, cut) -> bytes:
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join("" if row[v] is None else str(row[v]) for v in variables))
    return ("\n".join(lines) + "\n").encode("utf-8")
