"""Dependencies of the routes: the open knowledge base and its in-memory index, built once."""
from __future__ import annotations

from functools import cached_property
from typing import Annotated

from fastapi import Depends, Request

from kb.investigate import GraphIndex
from kb.knowledge_base import KnowledgeBase
from kb.settings import Settings


class State:
    """What the app holds for its lifetime: settings, the knowledge base, the graph index."""

    def __init__(self, settings: Settings, kb: KnowledgeBase | None = None):
        self.settings = settings
        self._kb = kb

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = KnowledgeBase.open(settings=self.settings)
        return self._kb

    @cached_property
    def index(self) -> GraphIndex:
        return GraphIndex.of(self.kb.graph)


def get_state(request: Request) -> State:
    return request.app.state.kb_state


def get_kb(request: Request) -> KnowledgeBase:
    return get_state(request).kb


def get_index(request: Request) -> GraphIndex:
    return get_state(request).index


KB = Annotated[KnowledgeBase, Depends(get_kb)]
Index = Annotated[GraphIndex, Depends(get_index)]
AppState = Annotated[State, Depends(get_state)]
