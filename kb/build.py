"""Documents → a knowledge base on disk: extraction, the canonical graph, and its projections.

Layout of the data directory (KB_DATA_DIR, default ./data):

    current -> builds/<build id>     the live knowledge base (a symlink)
    builds/<build id>/
        manifest.json                documents (id, sha256, department, year, stage), counts, problems
        graph/                       the canonical graph: each document's part (kb/parts.py), the input
                                     of the next build, and the shared nodes (networkx, exports, the API's index)
        rdf/                         pyoxigraph store
        pg/                          LadybugDB database
        documents/<id>.txt           each document's text, so any cited line can be shown
        findings.json                the audit's findings

The build streams: each file is read, turned into its part of the graph and serialised for the
stores in a worker process (kb/parts.py); the build appends the parts to the stores' staging files
while a background thread bulk-loads the RDF (kb/build_writer.py). Memory holds the shared nodes
and the audit's corpus view, never every document's facts at once.

A build never touches the live knowledge base: it writes `builds/<id>.partial`, renames it to
`builds/<id>` when complete, then points `current` at it by renaming a new symlink over the old
one (an atomic rename). A failure or a kill at any point leaves `current` as it was; leftover
`.partial` directories are removed by the next build (which holds `.build.lock`, so two builds
never run at once). The previous build is kept so readers that
opened it before the swap keep working; older ones are removed.

Documents are identified by (department, year, stage): a file whose sha256 the live build already
holds is not even read again (its stored part is serialised again from graph/); one with a
different sha256 is a new version and replaces the old one's facts. `--fresh` reads every file
again (after a change to the loaders).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from loaders.extract import iter_paths
from loaders.reader import ReadError
from loaders.records import Document

from kb.stores.graph_file import INDEX, iter_pack

CURRENT = "current"
BUILDS = "builds"

Progress = Callable[[str, int, int], None]  # (what, done, total)


class BuildError(RuntimeError):
    """A build that could not complete; the live knowledge base is unchanged."""


@dataclass(slots=True)
class BuildReport:
    build_id: str | None          # the live build after this run
    path: Path | None
    added: list[str] = field(default_factory=list)       # document ids
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)
    unchanged: list[str] = field(default_factory=list)
    rebuilt: bool = False
    triples: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    problems: list[dict] = field(default_factory=list)  # of the files read in this run
    # CPU seconds in the workers, summed over the files read: the loaders alone, and the whole
    # part (loaders, graph, audit, serialising); and the time from the start until every file
    # read had become its part of the knowledge base (on all cores).
    extract_cpu: float = 0.0
    worker_cpu: float = 0.0
    read_seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds: read, finish (corpus, pg_copy, rdf_after_pg)


def document_key(doc: Document | dict) -> tuple:
    """What makes two files versions of one document: department, year and stage (the file's id
    when the cover could not be read, so such a file only ever replaces itself). `doc` is a
    Document or its manifest line."""
    if isinstance(doc, dict):
        department, year, stage, doc_id = doc["department"], doc["year"], doc["stage"], doc["id"]
    else:
        department, year, stage, doc_id = doc.department, doc.fiscal_year, doc.stage, doc.id
    if department and year and stage:
        return ("doc", department, year, stage)
    return ("file", doc_id)


def list_files(paths: Iterable[Path | str]) -> list[Path]:
    """The disclosure files named by `paths` (files, or folders of them)."""
    paths = list(paths)
    files = []
    for p in map(Path, paths):
        if not p.exists():
            raise BuildError(f"{p}: no such file or folder")
        files.extend(iter_paths([p]))
    if not files:
        raise BuildError(f"no disclosure files (.txt) in {', '.join(map(str, paths))}")
    return files


def already_loaded(files: list[Path], live: Path | None) -> tuple[list[Path], list[str]]:
    """Split `files` into those to read and the ids of documents the live build already holds
    byte for byte (same sha256), which need not be extracted again."""
    if live is None:
        return files, []
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    known = {d["sha256"]: d["id"] for d in manifest["documents"]}
    to_read, unchanged = [], []
    for f in files:
        doc = known.get(hashlib.sha256(f.read_bytes()).hexdigest())
        (unchanged.append(doc) if doc else to_read.append(f))
    return to_read, unchanged


def live_path(data_dir: Path) -> Path | None:
    link = data_dir / CURRENT
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def swap_live(data_dir: Path, build: Path) -> None:
    """Point `current` at `build` by renaming a new symlink over the old one (atomic)."""
    tmp = data_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
    os.symlink(Path(BUILDS) / build.name, tmp)
    os.replace(tmp, data_dir / CURRENT)
    _fsync_dir(data_dir)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _clear_interrupted(data_dir: Path) -> None:
    """Remove what killed builds left (`.partial` directories, stray symlinks). Called with the
    build lock held, so none of them belongs to a running build."""
    for p in (data_dir / BUILDS).iterdir():
        if p.name.endswith(".partial"):
            shutil.rmtree(p, ignore_errors=True)
    for p in data_dir.glob(f".{CURRENT}.*"):
        p.unlink(missing_ok=True)


def _prune(data_dir: Path, keep: set[Path]) -> None:
    """Remove finished builds older than the last two (the live one and the one before it, which
    readers that opened it before the swap may still be using)."""
    finished = sorted((p for p in (data_dir / BUILDS).iterdir() if not p.name.endswith(".partial")),
                      key=lambda p: p.name)
    for p in finished[:-2]:
        if p not in keep:
            shutil.rmtree(p, ignore_errors=True)


def build(paths: Iterable[Path | str], data_dir: Path, *, fresh: bool = False, force: bool = False,
          progress: Progress | None = None) -> BuildReport:
    """Load documents into the knowledge base at `data_dir` (created if missing).

    `fresh`: forget the documents loaded before (the new knowledge base holds only `paths`).
    `force`: rebuild the stores even when no document changed."""
    started = time.monotonic()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / BUILDS).mkdir(exist_ok=True)
    with (data_dir / ".build.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{data_dir}: another build is running") from None
        _clear_interrupted(data_dir)
        live = None if fresh else live_path(data_dir)
        files, unchanged = already_loaded(list_files(paths), live)
        if live is not None and not (force or files):
            manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
            return BuildReport(live.name, live, unchanged=unchanged, triples=manifest["triples"],
                               nodes=manifest["nodes"], edges=manifest["edges"], seconds=time.monotonic() - started)
        if live is not None and not (live / "graph" / INDEX).is_file():
            raise BuildError(f"{live}: the live knowledge base was built by an older version; rebuild it from "
                             f"the files with `kb build --fresh PATH...`")
        superseded: list[tuple[Path, str, str]] = []  # two files of one document in this run: the later one wins
        while True:
            report = BuildReport(build_id=live.name if live else None, path=live, unchanged=list(unchanged))
            try:
                _write(data_dir, files, live, report, superseded, progress, started)
                break
            except _Superseded as again:
                superseded.append((again.path, again.doc_id, again.later_id))
        report.seconds = time.monotonic() - started
        return report


class _Superseded(Exception):
    """A file of this run is an earlier version of a later one: the build starts again without it."""

    def __init__(self, path: Path, doc_id: str, later_id: str) -> None:
        self.path, self.doc_id, self.later_id = path, doc_id, later_id


def _write(data_dir: Path, files: list[Path], live: Path | None, report: BuildReport,
           superseded: list[tuple[Path, str, str]], progress: Progress | None, started: float) -> None:
    from kb.build_writer import BuildWriter
    from kb.parallel import map_ordered
    from kb.parts import part_of_file, part_of_stored

    skipped = {path for path, _, _ in superseded}
    files = [f for f in files if f not in skipped]
    old = json.loads((live / "manifest.json").read_text(encoding="utf-8"))["documents"] if live else []
    old_keys = {document_key(e): e["id"] for e in old}
    old_ids = {e["id"] for e in old}
    build_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    partial = data_dir / BUILDS / f"{build_id}.partial"
    writer = BuildWriter(partial)
    try:
        seen: dict[tuple, tuple[Path, str]] = {}  # by document key, and by ("id", document id)
        dropped: set[str] = set()  # old documents replaced by a file of this run
        for n, (path, part) in enumerate(map_ordered(part_of_file, files)):
            doc, key = part.document, document_key(part.document)
            earlier = seen.get(key) or seen.get(("id", doc.id))
            if earlier is not None:
                raise _Superseded(earlier[0], earlier[1], doc.id)
            seen[key] = seen[("id", doc.id)] = (path, doc.id)
            replaces = ({old_keys[key]} if key in old_keys else set()) | ({doc.id} & old_ids)
            if not replaces:
                report.added.append(doc.id)
            report.replaced.extend((old_id, doc.id) for old_id in sorted(replaces))
            dropped |= replaces
            writer.add(part)
            report.extract_cpu += part.extract_cpu
            report.worker_cpu += part.worker_cpu
            report.problems.extend({"document": doc.id, **p.to_dict()} for p in part.problems)
            if progress:
                progress(path.name, n + 1, len(files))
        report.replaced.extend((earlier_id, later_id) for _, earlier_id, later_id in superseded)
        report.read_seconds = time.monotonic() - started
        if live is not None:
            kept = [(doc_id, blob) for doc_id, blob in iter_pack(live / "graph") if doc_id not in dropped]
            for n, (_, part) in enumerate(map_ordered(part_of_stored, (blob for _, blob in kept))):
                writer.add(part, live)
                if progress:
                    progress(f"{part.document.id} (unchanged)", n + 1, len(kept))
        if progress:
            progress("stores", 0, 1)
        finishing = time.monotonic()
        report.triples, report.nodes, report.edges = writer.finish()
        report.phases = {"read": round(report.read_seconds, 2), "finish": round(time.monotonic() - finishing, 2),
                         **writer.seconds}
        if progress:
            progress("written", 1, 1)
    except ReadError as exc:
        writer.abort()
        shutil.rmtree(partial, ignore_errors=True)
        raise BuildError(f"{exc} (nothing was loaded; the knowledge base is unchanged)") from None
    except _Superseded:
        writer.abort()
        shutil.rmtree(partial, ignore_errors=True)
        raise
    except Exception as exc:
        writer.abort()
        shutil.rmtree(partial, ignore_errors=True)
        raise BuildError(f"writing the stores failed: {exc!r}; the knowledge base is unchanged") from exc
    final = data_dir / BUILDS / build_id
    os.rename(partial, final)
    swap_live(data_dir, final)
    _prune(data_dir, keep={final} | ({live} if live else set()))
    report.build_id, report.path, report.rebuilt = build_id, final, True
