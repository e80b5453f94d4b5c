"""The HTTP API: a FastAPI app over a built knowledge base (`create_app()`), one router per resource."""
from __future__ import annotations

from fastapi import FastAPI

from api import errors
from api.deps import State
from api.routers import checks, cypher, documents, entities, flows, queries, sparql
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings

DESCRIPTION = """
Chinese public budget disclosures (部门预算 / 部门决算) as a knowledge graph. Every figure links back to
the document line that states it: follow `sources[].document` and `lines` to
`/documents/{id}/lines?from=&to=`. Amounts are in 万元, as decimal strings.

Query it in SPARQL (`/sparql`, the SPARQL 1.1 Protocol) or Cypher (`/cypher`), through the named queries
(`/queries`), or through the investigators' routes: `/flows`, `/trace`, `/regions/{name}`,
`/departments/{id}`, `/entities`, `/checks`. Everything is read-only; every query has a timeout and a
row limit (KB_QUERY_TIMEOUT, KB_ROW_LIMIT) and says when it was cut.
"""


def create_app(settings: Settings | None = None, kb: KnowledgeBase | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(title="budget-kb", version="0.1.0", description=DESCRIPTION)
    app.state.kb_state = State(settings, kb)
    errors.install(app)
    for module in (flows, entities, documents, checks, sparql, cypher):
        app.include_router(module.router)
    queries.install(app, settings)
    return app
