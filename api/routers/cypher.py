"""Cypher over the embedded property graph: `{"query": …, "parameters": {…}}` → columns and rows.
Writes (CREATE, MERGE, DELETE, SET, REMOVE, DROP, COPY, LOAD …) and admin procedures are refused."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import KB
from api.errors import ERROR_RESPONSES
from kb.readonly import QueryTimeout

router = APIRouter(tags=["Cypher"])


class CypherRequest(BaseModel):
    query: str = Field(examples=["MATCH (f:FundingFlow) WHERE f.amount >= $min RETURN f.recipient, f.amount ORDER BY f.amount DESC"])
    parameters: dict[str, Any] = Field(default_factory=dict, examples=[{"min": 100}])


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    cut: str | None = Field(None, description="Why rows are missing (row limit or timeout), or null")
    elapsed_ms: float

    model_config = {"json_schema_extra": {"examples": [
        {"columns": ["f.recipient", "f.amount"], "rows": [["宣恩县", "2200.00"]], "cut": None, "elapsed_ms": 3.1}]}}


@router.post("/cypher", response_model=CypherResponse, responses=ERROR_RESPONSES, summary="Read-only Cypher query")
def cypher(body: CypherRequest, kb: KB) -> CypherResponse:
    try:
        result = kb.cypher(body.query, body.parameters)
    except QueryTimeout:
        raise
    except RuntimeError as exc:  # the engine's own parse or binder errors
        raise ValueError(f"Cypher error: {exc}") from None
    return CypherResponse(columns=result.columns, rows=result.rows, cut=result.cut,
                          elapsed_ms=round(result.elapsed * 1000, 2))
