"""Dependencies of the routes: the open knowledge base and its in-memory index, built once."""
from __future__ import annotations

from functools import cached_property
from typing import Annotated

from fastapi import Depends, Request

from api.cache import ResponseCache
from kb.investigate import GraphIndex
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings


class State:
    """What the app holds for its lifetime: settings, the knowledge base, the graph index."""

    def __init__(self, settings: Settings, kb: KnowledgeBase | None = None):
        self.settings = settings
        self._kb = kb
        self.cache = ResponseCache()

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = KnowledgeBase.open(settings=self.settings)
        return self._kb

    @cached_property
    def index(self) -> GraphIndex:
        return GraphIndex.of(self.kb.index_graph)


# Async dependencies: plain attribute look-ups, so they need no trip through the thread pool.
async def get_state(request: Request) -> State:
    return request.app.state.kb_state


async def get_kb(request: Request) -> KnowledgeBase:
    return request.app.state.kb_state.kb


async def get_index(request: Request) -> GraphIndex:
    return request.app.state.kb_state.index


KB = Annotated[KnowledgeBase, Depends(get_kb)]
Index = Annotated[GraphIndex, Depends(get_index)]
AppState = Annotated[State, Depends(get_state)]
