"""Every error is JSON with a message (and the status), whatever raised it."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from kb.investigate import NotFound
from kb.knowledge_base import NoKnowledgeBase
from kb.readonly import QueryTimeout, ReadOnlyViolation
from kb.sparql_protocol import NotAcceptable


class ErrorBody(BaseModel):
    error: str
    message: str

    model_config = {"json_schema_extra": {"examples": [
        {"error": "read_only", "message": "Cypher CREATE refused at line 1: the knowledge base is read-only"}]}}


def _json(status: int, error: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": error, "message": message})


# Exception → (HTTP status, error code), most specific first: ReadOnlyViolation and NotAcceptable are
# ValueErrors, and ValueError (bad parameters, unparsable queries) must be looked up after them.
STATUS: dict[type[Exception], tuple[int, str]] = {
    ReadOnlyViolation: (403, "read_only"),
    QueryTimeout: (504, "timeout"),
    NotFound: (404, "not_found"),
    NotAcceptable: (406, "not_acceptable"),
    NoKnowledgeBase: (503, "no_knowledge_base"),
    ValueError: (400, "bad_request"),
}


def install(app: FastAPI) -> None:
    async def handle(_: Request, exc: Exception) -> JSONResponse:
        status, error = next(v for k, v in STATUS.items() if isinstance(exc, k))
        return _json(status, error, str(exc))

    for exc_type in STATUS:
        app.add_exception_handler(exc_type, handle)


ERROR_RESPONSES = {
    400: {"model": ErrorBody, "description": "Bad parameters or a query the engine cannot parse"},
    403: {"model": ErrorBody, "description": "A write or admin operation: the endpoints are read-only"},
    404: {"model": ErrorBody, "description": "No such place, department, document or query"},
    504: {"model": ErrorBody, "description": "The query ran past the timeout (KB_QUERY_TIMEOUT)"},
}
