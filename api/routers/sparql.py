"""The SPARQL 1.1 Protocol: query by GET, by form POST or as a direct `application/sparql-query`
body; results as SPARQL JSON, XML, CSV or TSV (SELECT, ASK) and Turtle, JSON-LD, N-Triples or
RDF/XML (CONSTRUCT, DESCRIBE) by `Accept`. Updates are refused: the endpoint is read-only."""
from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response

from api.deps import KB, AppState
from api.errors import ERROR_RESPONSES
from kb import sparql_protocol
from kb.readonly import ReadOnlyViolation

router = APIRouter(tags=["SPARQL"])
EXAMPLE = ("PREFIX bkb: <https://w3id.org/budget-kb/ontology#>\n"
           "PREFIX obeu-measure: <http://data.openbudgets.eu/ontology/dsd/measure/>\n"
           "SELECT ?flow ?amount WHERE { ?flow a bkb:FundingFlow ; obeu-measure:amount ?amount } LIMIT 10")
RESULT_TYPES = {"application/sparql-results+json": {}, "application/sparql-results+xml": {}, "text/csv": {},
                "text/tab-separated-values": {}, "text/turtle": {}, "application/ld+json": {}}


def _respond(state, kb, query: str | None, accept: str | None) -> Response:
    if not query:
        raise ValueError("no SPARQL query: give it as ?query=, as a form field `query`, or as an "
                         "application/sparql-query body")
    try:
        result = state.cache.value(("sparql", query, accept), lambda: sparql_protocol.run(
            kb.rdf_store, query, accept, limit=state.settings.row_limit, timeout=state.settings.query_timeout))
    except SyntaxError as exc:
        raise ValueError(f"SPARQL syntax error: {exc}") from None
    headers = {"X-KB-Rows": str(result.rows)}
    if result.cut:
        headers["X-KB-Cut"] = result.cut.encode("ascii", "replace").decode()
    return Response(result.body, media_type=result.media_type, headers=headers)


@router.get("/sparql", summary="SPARQL query (GET)", responses={200: {"content": RESULT_TYPES}, **ERROR_RESPONSES})
def sparql_get(state: AppState, kb: KB,
               query: Annotated[str, Query(description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)",
                                           examples=[EXAMPLE])],
               accept: Annotated[str | None, Header()] = None) -> Response:
    return _respond(state, kb, query, accept)


@router.post("/sparql", summary="SPARQL query (POST form or application/sparql-query body)",
             responses={200: {"content": RESULT_TYPES}, **ERROR_RESPONSES},
             openapi_extra={"requestBody": {"content": {
                 "application/sparql-query": {"schema": {"type": "string"}, "example": EXAMPLE},
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                     "query": {"type": "string"}}}}}}})
async def sparql_post(request: Request, state: AppState, kb: KB,
                      accept: Annotated[str | None, Header()] = None) -> Response:
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8")
    if ctype == "application/sparql-update":
        raise ReadOnlyViolation("SPARQL Update refused: this endpoint is read-only")
    if ctype == "application/sparql-query":
        query = body
    elif ctype in ("application/x-www-form-urlencoded", ""):
        form = parse_qs(body)
        if "update" in form:
            raise ReadOnlyViolation("SPARQL Update refused: this endpoint is read-only")
        query = (form.get("query") or [None])[0] or request.query_params.get("query")
    else:
        raise ValueError(f"unsupported content type {ctype!r}: use application/sparql-query or a form")
    return _respond(state, kb, query, accept)
