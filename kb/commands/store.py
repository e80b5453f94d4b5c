"""`kb build`, `kb sparql`, `kb cypher`, `kb stats`, `kb export`: the knowledge base on disk."""
from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kb.settings import Settings, SettingsError

DataDir = Annotated[Optional[Path], typer.Option("--data-dir", help="Knowledge base directory (default: KB_DATA_DIR or ./data).")]
Format = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
Params = Annotated[Optional[list[str]], typer.Option("--param", "-p", help="Query parameter NAME=VALUE (repeatable).")]
Limit = Annotated[Optional[int], typer.Option("--limit", help="Row limit (default KB_ROW_LIMIT).")]
Timeout = Annotated[Optional[float], typer.Option("--timeout", help="Seconds (default KB_QUERY_TIMEOUT).")]

err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(sparql)
    app.command()(cypher)
    app.command()(stats)
    app.command()(export)


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error[/red] {message}", highlight=False)
    return typer.Exit(code)


def _settings(data_dir: Path | None) -> Settings:
    try:
        return Settings.from_env(data_dir)
    except SettingsError as exc:
        raise _fail(str(exc)) from None


def build(
    paths: Annotated[list[Path], typer.Argument(help="Disclosure files or folders of them.")],
    data_dir: DataDir = None,
    fresh: Annotated[bool, typer.Option("--fresh", help="Forget documents loaded before and read every file "
                                                       "again (e.g. after the loaders changed).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild the stores even if no document changed.")] = False,
    problems: Annotated[bool, typer.Option("--problems", help="List every warning, not only errors.")] = False,
) -> None:
    """Load documents into the knowledge base (idempotent; a new version of a document replaces the old)."""
    from kb.build import BuildError, build as run_build

    settings = _settings(data_dir)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TextColumn("{task.fields[item]}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def progress(item: str, done: int, total: int) -> None:
            phase = "extract" if item.endswith((".txt", ".text")) else \
                "unchanged" if item.endswith("(unchanged)") else "store"
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total, item="")
            bar.update(tasks[phase], completed=done, total=total, item=item)

        try:
            report = run_build(paths, settings.data_dir, fresh=fresh, force=force, progress=progress)
        except BuildError as exc:
            raise _fail(str(exc)) from None
    out = Console()
    for p in report.problems:
        if problems or p["severity"] == "error":
            colour = "red" if p["severity"] == "error" else "yellow"
            err.print(f"[{colour}]{p['severity']}[/{colour}] {p['file']}:{p['line']}: {p['reason']}", highlight=False)
    warnings = sum(p["severity"] != "error" for p in report.problems)
    if warnings and not problems:
        err.print(f"[yellow]{warnings} warnings[/yellow] (repairs and doubts; list them with --problems)")
    verb = "built" if report.rebuilt else "unchanged"
    out.print(f"[green]{verb}[/green] {report.path} — {len(report.added)} added, {len(report.replaced)} replaced, "
              f"{len(report.unchanged)} unchanged; {report.triples} triples, {report.nodes} nodes, "
              f"{report.edges} edges; {len(report.problems)} problems; {report.seconds:.1f} s", highlight=False)
    for old, new in report.replaced:
        out.print(f"  replaced {old} by {new}", highlight=False)


def _query_text(query: str, language: str, params: list[str] | None) -> tuple[str, dict[str, Any]]:
    """QUERY may be a file, the name of a named query, or the query itself."""
    from kb.named_queries import QueryFileError, find, parse

    given = {}
    for item in params or []:
        if "=" not in item:
            raise _fail(f"--param {item!r}: expected NAME=VALUE")
        k, v = item.split("=", 1)
        given[k.strip()] = v
    path = Path(query) if len(query) < 256 and "\n" not in query else None
    try:
        if path is not None and _is_file(path):
            text = path.read_text(encoding="utf-8")
            if path.suffix in (".rq", ".cypher") and re.match(r"\s*(#|//)\s*name:", text):
                return parse(path).text, parse(path).bind(given)  # a named query file: typed parameters
            return text, given
        if re.fullmatch(r"[a-z][a-z0-9_]*", query):
            named = find(query, language)
            if named is None:
                raise _fail(f"no named {language} query {query!r} (see queries/)")
            return named.text, named.bind(given)
    except QueryFileError as exc:
        raise _fail(str(exc)) from None
    return query, given


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a query too long to be a file name
        return False


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _show(result, fmt: str) -> None:
    if fmt == "json":
        json.dump({"columns": result.columns, "rows": [[_plain(v) for v in r] for r in result.rows],
                   "cut": result.cut, "elapsed": round(result.elapsed, 4)}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(result.columns)
        for row in result.rows:
            w.writerow([json.dumps(_plain(v), ensure_ascii=False) if isinstance(v, (list, dict)) else _plain(v)
                        for v in row])
    elif fmt == "table":
        table = Table(*result.columns, caption=f"{len(result.rows)} rows, {result.elapsed:.3f} s")
        for row in result.rows:
            table.add_row(*("" if v is None else str(_plain(v)) for v in row))
        Console().print(table)
    else:
        raise _fail(f"--format {fmt!r}: one of table, json, csv")
    if result.cut:
        err.print(f"[yellow]cut[/yellow] {result.cut}", highlight=False)


def _run(language: str, query: str, params, fmt: str, data_dir, limit, timeout) -> None:
    from kb.knowledge_base import KnowledgeBase, NoKnowledgeBase
    from kb.readonly import QueryTimeout, ReadOnlyViolation

    text, bound = _query_text(query, language, params)
    try:
        kb = KnowledgeBase.open(settings=_settings(data_dir))
    except NoKnowledgeBase as exc:
        raise _fail(str(exc)) from None
    run = kb.sparql if language == "sparql" else kb.cypher
    try:
        result = run(text, bound, limit=limit, timeout=timeout)
    except (ReadOnlyViolation, QueryTimeout) as exc:
        raise _fail(str(exc)) from None
    except (SyntaxError, RuntimeError, ValueError) as exc:
        raise _fail(f"{language} query failed: {exc}") from None
    _show(result, fmt)


def sparql(query: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a named query (see queries/).")],
           param: Params = None, format: Format = "table", data_dir: DataDir = None,
           limit: Limit = None, timeout: Timeout = None) -> None:
    """Run a read-only SPARQL query on the RDF store."""
    _run("sparql", query, param, format, data_dir, limit, timeout)


def cypher(query: Annotated[str, typer.Argument(help="Cypher text, a .cypher file, or a named query (see queries/).")],
           param: Params = None, format: Format = "table", data_dir: DataDir = None,
           limit: Limit = None, timeout: Timeout = None) -> None:
    """Run a read-only Cypher query on the property graph."""
    _run("cypher", query, param, format, data_dir, limit, timeout)


def stats(data_dir: DataDir = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """Triples, nodes and edges per label of the knowledge base."""
    from kb.knowledge_base import KnowledgeBase, NoKnowledgeBase

    try:
        kb = KnowledgeBase.open(settings=_settings(data_dir))
    except NoKnowledgeBase as exc:
        raise _fail(str(exc)) from None
    s = kb.stats()
    if as_json:
        json.dump(s, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    out = Console()
    out.print(f"build {s['build']}: {s['documents']} documents, {s['triples']} triples, "
              f"{s['nodes']} nodes, {s['edges']} edges", highlight=False)
    for title, counts in (("nodes per label", s["nodes_per_label"]), ("edges per type", s["edges_per_type"])):
        table = Table("label" if title.startswith("nodes") else "type", "count", title=title)
        for k, v in sorted(counts.items()):
            table.add_row(k, str(v))
        out.print(table)


def export(format: Annotated[str, typer.Option("--format", "-f", help="turtle, nt, jsonld, graphml or neo4j-csv.")],
           out: Annotated[Path, typer.Option("--out", help="Directory to write into.")],
           data_dir: DataDir = None) -> None:
    """Export the knowledge base (RDF serialisations, GraphML, or CSVs for neo4j-admin import)."""
    from kb.export import FORMATS, ExportError, export as run_export
    from kb.knowledge_base import KnowledgeBase, NoKnowledgeBase

    if format not in FORMATS:
        raise _fail(f"--format {format!r}: one of {', '.join(FORMATS)}")
    try:
        kb = KnowledgeBase.open(settings=_settings(data_dir))
        files = run_export(kb, format, out)
    except (NoKnowledgeBase, ExportError) as exc:
        raise _fail(str(exc)) from None
    for f in files:
        Console().print(f"wrote {f}", highlight=False)
