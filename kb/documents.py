"""The text of loaded documents, kept in the build so any cited line can be shown."""
from __future__ import annotations

from pathlib import Path

from kb.investigate import NotFound

DOCUMENTS_DIR = "documents"
MAX_LINES = 2000


def write_texts(build_dir: Path, texts: dict[str, tuple[str, ...]]) -> None:
    """Called by the build: one UTF-8 file per document id, lines as decoded by the loaders."""
    out = build_dir / DOCUMENTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    for doc_id, lines in texts.items():
        (out / f"{doc_id}.txt").write_text("\n".join(lines), encoding="utf-8")


def find_document(kb, doc_id: str) -> dict:
    for doc in kb.documents:
        if doc.get("id") == doc_id:
            return doc
    raise NotFound(f"no document {doc_id!r}; GET /documents lists them")


def document_lines(kb, doc_id: str, first: int = 1, last: int | None = None) -> dict:
    find_document(kb, doc_id)
    path = kb.path / DOCUMENTS_DIR / f"{doc_id}.txt"
    if not path.is_file():
        raise NotFound(f"the text of {doc_id!r} is not in this build; rebuild with `kb build`")
    lines = path.read_text(encoding="utf-8").split("\n")
    last = min(last or len(lines), len(lines), first + MAX_LINES - 1)
    if first > len(lines):
        raise ValueError(f"{doc_id} has {len(lines)} lines; from={first} is past the end")
    if last < first:
        raise ValueError(f"to={last} is before from={first}")
    return {"document": doc_id, "from": first, "to": last, "line_count": len(lines),
            "lines": [{"n": n, "text": lines[n - 1]} for n in range(first, last + 1)]}
