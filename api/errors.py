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


def install(app: FastAPI) -> None:
    @app.exception_handler(ReadOnlyViolation)
    async def read_only(_: Request, exc: ReadOnlyViolation):
        return _json(403, "read_only", str(exc))

    @app.exception_handler(QueryTimeout)
    async def timeout(_: Request, exc: QueryTimeout):
        return _json(504, "timeout", str(exc))

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound):
        return _json(404, "not_found", str(exc))

    @app.exception_handler(NotAcceptable)
    async def not_acceptable(_: Request, exc: NotAcceptable):
        return _json(406, "not_acceptable", str(exc))

    @app.exception_handler(NoKnowledgeBase)
    async def no_kb(_: Request, exc: NoKnowledgeBase):
        return _json(503, "no_knowledge_base", str(exc))

    @app.exception_handler(ValueError)
    async def bad_value(_: Request, exc: ValueError):
        return _json(400, "bad_request", str(exc))


ERROR_RESPONSES = {
    400: {"model": ErrorBody, "description": "Bad parameters or a query the engine cannot parse"},
    403: {"model": ErrorBody, "description": "A write or admin operation: the endpoints are read-only"},
    404: {"model": ErrorBody, "description": "No such place, department, document or query"},
    504: {"model": ErrorBody, "description": "The query ran past the timeout (KB_QUERY_TIMEOUT)"},
}
