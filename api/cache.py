"""Answers of the read-only routes, cached as JSON bytes.

A knowledge base never changes while it is open (a build swaps in a new directory; the app keeps
the one it opened), so the same request always has the same answer. Caching the serialised body
turns a repeated /flows or /trace into a dictionary look-up, which is what keeps p95 latency low
with many concurrent clients on two cores. Bounded (LRU) so memory stays flat.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable

from fastapi.responses import Response
from pydantic import TypeAdapter

_ANY = TypeAdapter(Any)


class ResponseCache:
    def __init__(self, size: int = 4096):
        self.size = size
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def value(self, key: tuple, make: Callable[[], Any]) -> Any:
        """The cached value for `key`, made by `make()` when missing. Errors are not cached."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def json(self, key: tuple, make: Callable[[], Any]) -> Response:
        """A JSON response for `key`, from `make()` (a model or plain data) when not cached."""
        def serialise() -> bytes:
            value = make()
            # pydantic writes Decimal as a JSON string: amounts never become floats.
            return value.model_dump_json().encode() if hasattr(value, "model_dump_json") else _ANY.dump_json(value)
        return Response(self.value(key, serialise), media_type="application/json")
