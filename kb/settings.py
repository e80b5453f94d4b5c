"""Settings from the environment, read in one place so the CLI, the API and the tests agree.

KB_DATA_DIR        where knowledge bases live (default ./data)
KB_QUERY_TIMEOUT   seconds a SPARQL or Cypher query may run before it is cut (default 30)
KB_ROW_LIMIT       rows a query may return before it is cut (default 10000)
KB_MALLOC          the memory allocator `kb` runs under: a shared library's path or name, or
                   `system` for the C library's own (default: jemalloc when installed; kb/allocator.py)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class SettingsError(ValueError):
    """An environment variable that cannot be used: names the variable and the reason."""


def _positive(name: str, default: str, kind: type) -> float | int:
    raw = os.environ.get(name, default)
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r}: not a {kind.__name__}") from None
    if value <= 0:
        raise SettingsError(f"{name}={raw!r}: must be greater than 0")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    query_timeout: float          # seconds
    row_limit: int

    @classmethod
    def from_env(cls, data_dir: Path | str | None = None) -> "Settings":
        """The environment's settings; an explicit `data_dir` (e.g. `--data-dir`) wins over KB_DATA_DIR."""
        chosen = data_dir if data_dir is not None else os.environ.get("KB_DATA_DIR", "data")
        return cls(data_dir=Path(chosen), query_timeout=float(_positive("KB_QUERY_TIMEOUT", "30", float)),
                   row_limit=int(_positive("KB_ROW_LIMIT", "10000", int)))


def malloc_choice() -> str | None:
    """KB_MALLOC as given: None when unset (the default allocator is kb/allocator.py's choice)."""
    raw = os.environ.get("KB_MALLOC", "").strip()
    return raw or None
