"""The read-only guard every query passes before it reaches a store (CLI and API alike).

The stores are also opened read-only, so this is the first of two locks; its job is to refuse a
write with a message that says what was refused and why, instead of an engine's storage error.
Keywords are looked for outside string literals, comments, IRIs and quoted identifiers, so a
budget line named "SET 项目" or a property `n.set` does not trip it.
"""
from __future__ import annotations

import re


class ReadOnlyViolation(ValueError):
    """A query that would change the knowledge base (or administer the engine)."""


class QueryTimeout(RuntimeError):
    """A query that ran past the timeout before it produced a row."""


# Strings, comments, IRIs (SPARQL) and backquoted names (Cypher): blanked before keyword search.
_SPARQL_OPAQUE = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                            r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_CYPHER_OPAQUE = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`|//[^\n]*|/\*[\s\S]*?\*/')

SPARQL_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
SPARQL_QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

CYPHER_WRITE_WORDS = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "COPY", "LOAD", "ALTER",
                      "INSTALL", "ATTACH", "IMPORT", "EXPORT", "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK",
                      "FOREACH", "USE")
# Procedures that only read the catalogue (LadybugDB and Neo4j names); every other CALL is refused.
READ_PROCEDURES = frozenset(p.lower() for p in (
    "show_tables", "table_info", "show_connection", "show_functions", "db_version", "current_setting",
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization", "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties"))


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _words(text: str, word: str = r"[A-Za-z_][A-Za-z_0-9]*") -> list[tuple[str, int]]:
    """Bare keywords: not a variable (?x $x), not a property (.x), not a prefixed name or label (x: :x)."""
    out = []
    for m in re.finditer(word, text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if (before and before in "?$.:") or after == ":":
            continue
        out.append((m.group(0).upper(), m.start()))
    return out


def check_sparql(query: str) -> None:
    """Refuse SPARQL Update (and anything that is not SELECT/ASK/CONSTRUCT/DESCRIBE)."""
    bare = _blank(_SPARQL_OPAQUE, query)
    words = _words(bare, r"[A-Za-z_][A-Za-z_0-9\-]*")  # prefixes may hold '-' (obeu-dimension:)
    for word, pos in words:
        if word in SPARQL_UPDATE_WORDS:
            line = bare.count("\n", 0, pos) + 1
            raise ReadOnlyViolation(f"SPARQL update refused: {word} at line {line}; the knowledge base is read-only "
                                    f"(rebuild it with `kb build`)")
    form = next((w for w, _ in words if w not in ("PREFIX", "BASE")), None)
    if form not in SPARQL_QUERY_FORMS:
        raise ReadOnlyViolation(f"not a SPARQL query: expected one of {', '.join(SPARQL_QUERY_FORMS)}, found {form!r}")


def check_cypher(query: str) -> None:
    """Refuse Cypher clauses that write, import, export or administer, and CALLs of any procedure
    not known to be read-only."""
    bare = _blank(_CYPHER_OPAQUE, query)
    for word, pos in _words(bare):
        line = bare.count("\n", 0, pos) + 1
        if word in CYPHER_WRITE_WORDS:
            raise ReadOnlyViolation(f"Cypher {word} refused at line {line}: the knowledge base is read-only "
                                    f"(rebuild it with `kb build`)")
        if word == "CALL":
            m = re.match(r"\s*([A-Za-z_][\w.]*)", bare[pos + 4:])
            if m is None:
                continue  # CALL { subquery }: its clauses are checked like the rest
            if m.group(1).lower() not in READ_PROCEDURES:
                raise ReadOnlyViolation(f"Cypher CALL {m.group(1)} refused at line {line}: only catalogue procedures "
                                        f"are allowed ({', '.join(sorted(READ_PROCEDURES))})")
