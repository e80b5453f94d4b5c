"""Documents → a knowledge base on disk: extraction, the canonical graph, and its projections.

Layout of the data directory (KB_DATA_DIR, default ./data):

    current -> builds/<build id>     the live knowledge base (a symlink)
    builds/<build id>/
        manifest.json                documents (id, sha256, department, year, stage), counts, problems
        extractions.pickle           every document's records: the input of the next build
        graph.pickle                 the canonical graph (networkx and exports derive from it)
        rdf/                         pyoxigraph store
        pg/                          LadybugDB database

A build never touches the live knowledge base: it writes `builds/<id>.partial`, renames it to
`builds/<id>` when complete, then points `current` at it by renaming a new symlink over the old
one (an atomic rename). A failure or a kill at any point leaves `current` as it was; leftover
`.partial` directories are removed by the next build (which holds `.build.lock`, so two builds
never run at once). The previous build is kept so readers that
opened it before the swap keep working; older ones are removed.

Documents are identified by (department, year, stage): a file whose sha256 the live build already
holds is not even read again; one with a different sha256 is a new version and replaces the old
one's facts. `--fresh` reads every file again (after a change to the loaders).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pickle
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from loaders.extract import iter_paths
from loaders.reader import ReadError
from loaders.records import Extraction

from kb.model import CanonicalGraph
from kb.stores import ladybug_store, oxigraph_store
from kb.stores.graph_file import save_graph

CURRENT = "current"
BUILDS = "builds"
FORMAT_VERSION = 1

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


def document_key(ex: Extraction) -> tuple:
    """What makes two files versions of one document: department, year and stage (the file's id
    when the cover could not be read, so such a file only ever replaces itself)."""
    d = ex.document
    if d.department and d.fiscal_year and d.stage:
        return ("doc", d.department, d.fiscal_year, d.stage)
    return ("file", d.id)


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


def extract_all(paths: Iterable[Path | str], progress: Progress | None = None) -> list[Extraction]:
    """Extract every file; an unreadable file stops the build with its name and the reason."""
    files = list_files(paths)
    from kb.parallel import extract_files  # all cores; results in file order

    out = []
    try:
        for n, (path, extraction) in enumerate(extract_files(files)):
            out.append(extraction)
            if progress:
                progress(path.name, n + 1, len(files))
    except ReadError as exc:
        raise BuildError(f"{exc} (nothing was loaded; the knowledge base is unchanged)") from None
    if progress:
        progress("extracted", len(files), len(files))
    return out


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


def merge_documents(old: list[Extraction], new: list[Extraction], report: BuildReport) -> list[Extraction]:
    """The documents of the next build: the old ones, with each new file added or replacing its
    previous version. Sorted by document id so the same inputs always give the same stores."""
    by_key = {document_key(e): e for e in old}
    for ex in new:
        key = document_key(ex)
        prior = by_key.get(key)
        same_id = [k for k, e in by_key.items() if e.document.id == ex.document.id and k != key]
        for k in same_id:  # the same file re-read under a new identity: drop its old reading
            report.replaced.append((by_key.pop(k).document.id, ex.document.id))
        if prior is None:
            if not same_id:
                report.added.append(ex.document.id)
        elif prior.document.sha256 == ex.document.sha256:
            report.unchanged.append(ex.document.id)
            continue
        else:
            report.replaced.append((prior.document.id, ex.document.id))
        by_key[key] = ex
    return sorted(by_key.values(), key=lambda e: e.document.id)


def live_path(data_dir: Path) -> Path | None:
    link = data_dir / CURRENT
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def load_extractions(build: Path) -> list[Extraction]:
    try:
        with (build / "extractions.pickle").open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError) as exc:
        raise BuildError(f"{build}: cannot read the previous build's documents ({exc}); "
                         f"rebuild from the files with `kb build --fresh PATH...`") from None


def write_build(target: Path, graph: CanonicalGraph, rdf, extractions: list[Extraction],
                report: BuildReport, progress: Progress | None = None) -> None:
    """Write every store of one build into `target` (a fresh directory)."""
    steps = ("rdf store", "property graph", "graph and documents")
    target.mkdir(parents=True)
    if progress:
        progress(steps[0], 0, 3)
    report.triples = oxigraph_store.write_store(rdf, target / "rdf")
    if progress:
        progress(steps[1], 1, 3)
    ladybug_store.write_database(graph, target / "pg")
    if progress:
        progress(steps[2], 2, 3)
    save_graph(graph, target / "graph.pickle")
    with (target / "extractions.pickle").open("wb") as f:
        pickle.dump(extractions, f, protocol=pickle.HIGHEST_PROTOCOL)
    report.nodes, report.edges = len(graph.nodes), len(graph.edges)
    manifest = {
        "format": FORMAT_VERSION,
        "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "documents": [{"id": e.document.id, "file": e.document.file_name, "sha256": e.document.sha256,
                       "department": e.document.department, "year": e.document.fiscal_year,
                       "stage": e.document.stage, "records": len(e.records) - len(e.problems),
                       "problems": len(e.problems)} for e in extractions],
        "triples": report.triples, "nodes": report.nodes, "edges": report.edges,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    if progress:
        progress("written", 3, 3)


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
    from kb.canonical import build_graph  # the ontology engineer's modules; imported here so the
    from kb.rdf import ntriples_lines     # stores can be used (and tested) without them
    from kb.audit import run_checks
    from kb.audit.graph import add_findings
    from kb.audit.stored import write_findings
    from kb.documents import write_texts

    started = time.monotonic()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / BUILDS).mkdir(exist_ok=True)
    with (data_dir / ".build.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{data_dir}: another build is running") from None
        _clear_interrupted(data_dir)
        live = live_path(data_dir)
        report = BuildReport(build_id=live.name if live else None, path=live)
        files, report.unchanged = already_loaded(list_files(paths), None if fresh else live)
        new = extract_all(files, progress) if files else []
        old = [] if (fresh or live is None) else load_extractions(live)
        documents = merge_documents(old, new, report)
        for ex in new:  # the files read in this run; the manifest counts every document's problems
            report.problems.extend({"document": ex.document.id, **p.to_dict()} for p in ex.problems)
        if live is not None and not (fresh or force or report.added or report.replaced):
            report.seconds = time.monotonic() - started
            manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
            report.triples, report.nodes, report.edges = manifest["triples"], manifest["nodes"], manifest["edges"]
            return report  # nothing changed: the live knowledge base already is this build
        if progress:
            progress("canonical graph", 0, 1)
        graph = build_graph(documents)
        findings = run_checks(documents)  # the audit: its findings are nodes of the graph too
        add_findings(graph, findings)
        rdf = ntriples_lines(graph)  # streamed into the store's bulk load, never held whole
        build_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        partial = data_dir / BUILDS / f"{build_id}.partial"
        try:
            write_build(partial, graph, rdf, documents, report, progress)
            write_findings(partial, findings)
            write_texts(partial, {e.document.id: e.lines for e in documents})
        except Exception as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise BuildError(f"writing the stores failed: {exc!r}; the knowledge base is unchanged") from exc
        final = data_dir / BUILDS / build_id
        os.rename(partial, final)
        swap_live(data_dir, final)
        _prune(data_dir, keep={final} | ({live} if live else set()))
        report.build_id, report.path, report.rebuilt = build_id, final, True
        report.seconds = time.monotonic() - started
        return report
