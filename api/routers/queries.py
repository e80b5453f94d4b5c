"""Named queries (the files under `queries/`), each served at its own URL, like datasette's canned
queries: GET /queries lists them; GET|POST /queries/{name} runs one with validated parameters.
Each query gets its own route so it appears, with its parameters, in the OpenAPI document."""
# No `from __future__ import annotations` here: the per-query signatures are built at run time.

import inspect
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, FastAPI, Query, Request
from pydantic import BaseModel

from api.errors import ERROR_RESPONSES
from kb.named_queries import QUERIES_DIR, NamedQuery, QueryFileError, load_all
from kb.settings import Settings

# URL values are text; `place` is a name resolved by kb.named_queries when the query is bound.
TYPES = {"string": str, "int": int, "decimal": Decimal, "place": str}


class QueryInfo(BaseModel):
    name: str
    description: str
    engines: list[str]
    parameters: list[dict[str, str]]
    url: str

    model_config = {"json_schema_extra": {"examples": [{
        "name": "flows_from_place", "description": "Funding flows paid out of a place", "engines": ["sparql", "cypher"],
        "parameters": [{"name": "place", "type": "string", "description": "the paying place, e.g. 江汉区"}],
        "url": "/queries/flows_from_place"}]}}


class QueryResultBody(BaseModel):
    name: str
    engine: str
    columns: list[str]
    rows: list[list[Any]]
    cut: str | None = None
    elapsed_ms: float


def _run(request: Request, versions: dict[str, NamedQuery], engine: str | None, given: dict[str, Any]) -> QueryResultBody:
    engine = engine or next(iter(versions))
    query = versions.get(engine)
    if query is None:
        raise ValueError(f"query has no {engine} version; it has {', '.join(versions)}")
    try:
        params = query.bind({k: str(v) for k, v in given.items() if v is not None})
    except QueryFileError as exc:
        raise ValueError(str(exc)) from None
    kb = request.app.state.kb_state.kb
    result = (kb.sparql if engine == "sparql" else kb.cypher)(query.text, params)
    return QueryResultBody(name=query.name, engine=engine, columns=result.columns, rows=result.rows, cut=result.cut,
                           elapsed_ms=round(result.elapsed * 1000, 2))


def _endpoints(name: str, versions: dict[str, NamedQuery]):
    params = next(iter(versions.values())).parameters
    engines = tuple(versions)

    def get(request: Request, **kwargs) -> QueryResultBody:
        engine = kwargs.pop("engine", None)
        return _run(request, versions, engine, kwargs)

    sig = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for p in params:
        sig.append(inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY,
                                     annotation=Annotated[TYPES[p.type], Query(description=p.description)]))
    sig.append(inspect.Parameter("engine", inspect.Parameter.KEYWORD_ONLY, default=None,
                                 annotation=Annotated[Literal[engines] | None, Query(description="sparql or cypher")]))
    get.__signature__ = inspect.Signature(sig)  # FastAPI reads the parameters from here

    def post(request: Request, parameters: Annotated[dict[str, Any], Body(embed=True)] = {},  # noqa: B006
             engine: Annotated[Literal[engines] | None, Body(embed=True)] = None) -> QueryResultBody:
        return _run(request, versions, engine, parameters)

    return get, post


def install(app: FastAPI, settings: Settings) -> None:
    router = APIRouter(tags=["Named queries"])
    by_name: dict[str, dict[str, NamedQuery]] = {}
    for (name, language), q in (load_all() if QUERIES_DIR.is_dir() else {}).items():
        by_name.setdefault(name, {})[language] = q

    @router.get("/queries", response_model=list[QueryInfo], summary="Every named query with its parameters")
    def list_queries() -> list[QueryInfo]:
        return [QueryInfo(name=n, description=next(iter(v.values())).description, engines=list(v),
                          parameters=[{"name": p.name, "type": p.type, "description": p.description}
                                      for p in next(iter(v.values())).parameters], url=f"/queries/{n}")
                for n, v in sorted(by_name.items())]

    for name, versions in sorted(by_name.items()):
        get, post = _endpoints(name, versions)
        description = next(iter(versions.values())).description
        router.add_api_route(f"/queries/{name}", get, methods=["GET"], response_model=QueryResultBody,
                             summary=description, responses=ERROR_RESPONSES, operation_id=f"query_{name}_get")
        router.add_api_route(f"/queries/{name}", post, methods=["POST"], response_model=QueryResultBody,
                             summary=description, responses=ERROR_RESPONSES, operation_id=f"query_{name}_post")
    app.include_router(router)
