"""Reading a disclosure file into numbered lines.

Readers are pluggable by file suffix so that a PDF reader can be added beside the text one
without touching the parsers: every reader returns a `Text` (decoded lines, 1-based).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from charset_normalizer import from_bytes


class ReadError(ValueError):
    """A file that cannot be read at all: names the file and the reason."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")
        self.path, self.reason, self.line = str(path), reason, line


@dataclass(frozen=True, slots=True)
class Text:
    path: Path
    lines: tuple[str, ...]       # without line endings; lines[0] is line 1
    encoding: str
    sha256: str

    @property
    def doc_id(self) -> str:
        return self.path.stem

    def line(self, n: int) -> str:
        return self.lines[n - 1]

    def span(self, first: int, last: int) -> str:
        if first == last and 0 < first <= len(self.lines):
            return self.lines[first - 1]     # one line (most records): no slice and join
        return "\n".join(self.lines[first - 1:last])


def decode(raw: bytes, path: Path | str) -> tuple[str, str]:
    """UTF-8 first (the common case, and exact); else GB18030 (a superset of GBK/GB2312);
    else whatever charset-normalizer is confident about."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise ReadError(path, "not text in UTF-8, GB18030/GBK or any detectable encoding")
    return str(best), best.encoding


def read_text_file(path: Path) -> Text:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ReadError(path, "binary file (NUL bytes); no reader for it")
    text, encoding = decode(raw, path)
    if "\r" in text:            # Windows or old Mac line ends (most files have none: no copies then)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = tuple(text.split("\n"))
    return Text(path=path, lines=lines, encoding=encoding, sha256=hashlib.sha256(raw).hexdigest())


READERS: dict[str, Callable[[Path], Text]] = {".txt": read_text_file, ".text": read_text_file, "": read_text_file}


def read(path: Path | str) -> Text:
    path = Path(path)
    if not path.is_file():
        raise ReadError(path, "no such file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(path, f"no reader for {path.suffix!r} files (known: {', '.join(s for s in READERS if s)})")
    return reader(path)
