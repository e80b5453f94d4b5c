#!/usr/bin/env bash
# Servers the scale-out backends are tested against. Idempotent: run it as often as you like.
#
#   scripts/services.sh install   install what is missing: Virtuoso (Debian package virtuoso-opensource)
#                                 and ArcadeDB's server with its Bolt plugin (PyPI arcadedb-embedded,
#                                 pinned in pyproject.toml, into .venv). `make services` runs this.
#   scripts/services.sh start     start both on free 127.0.0.1 ports for use by hand (`kb sync …`);
#                                 their addresses are written to data/services/servers.env
#   scripts/services.sh stop      stop what `start` started
#   scripts/services.sh status    say what is installed and running
#
# The test suite does not need `start`: tests/servers.py starts and stops private instances itself.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
RUN_DIR=${KB_SERVICES_DIR:-data/services}
PID_FILE="$RUN_DIR/servers.pid"
ARCADEDB_PIN=$(grep -o '"arcadedb-embedded==[^"]*"' pyproject.toml | tr -d '"' || true)

say() { printf 'services: %s\n' "$*"; }

. scripts/as_root.sh

install_virtuoso() {
    if command -v virtuoso-t >/dev/null; then
        say "virtuoso: installed ($(command -v virtuoso-t))"
        return
    fi
    say "virtuoso: installing the Debian package virtuoso-opensource"
    local t0=$SECONDS
    as_root apt-get update -q
    # The package would start a system-wide Virtuoso on 1111/8890 (all interfaces): nobody uses it
    # (tests and `start` run private instances on loopback), so forbid service starts while installing.
    local policy=/usr/sbin/policy-rc.d added=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# added by budget-kb scripts/services.sh during an install\nexit 101\n' | as_root tee "$policy" >/dev/null
        as_root chmod +x "$policy"
        added=1
    fi
    # noninteractive: the package's debconf asks for a dba password otherwise; the tests run their
    # own instance with its own database, so the system instance's password is never used.
    local status=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends virtuoso-opensource || status=$?
    if [ -n "$added" ]; then as_root rm -f "$policy"; fi
    [ "$status" = 0 ] || { say "virtuoso: apt-get install failed ($status)"; return "$status"; }
    say "virtuoso: installed in $((SECONDS - t0)) s"
}

install_arcadedb() {
    if [ ! -x "$PY" ]; then
        say "arcadedb: $PY missing; run \`make install-test\` first"; return 1
    fi
    if [ -z "$ARCADEDB_PIN" ]; then
        say "arcadedb: no arcadedb-embedded pin in pyproject.toml"; return 1
    fi
    if "$PY" -m pip show -q arcadedb-embedded >/dev/null 2>&1 &&
       [ "$("$PY" -c 'import importlib.metadata as m; print("arcadedb-embedded==" + m.version("arcadedb-embedded"))')" = "$ARCADEDB_PIN" ]; then
        say "arcadedb: installed ($ARCADEDB_PIN)"
        return
    fi
    say "arcadedb: installing $ARCADEDB_PIN"
    "$PY" -m pip install -q "$ARCADEDB_PIN"
}

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
    if running; then say "already running (pid $(cat "$PID_FILE"))"; cat "$RUN_DIR/servers.env"; return; fi
    mkdir -p "$RUN_DIR"
    rm -f "$RUN_DIR/servers.env"
    nohup "$PY" tests/servers.py serve "$RUN_DIR" >"$RUN_DIR/serve.log" 2>&1 &
    echo $! >"$PID_FILE"
    for _ in $(seq 1 300); do
        if [ -s "$RUN_DIR/servers.env" ]; then cat "$RUN_DIR/servers.env"; return; fi
        if ! running; then say "failed to start:"; tail -n 30 "$RUN_DIR/serve.log"; rm -f "$PID_FILE"; return 1; fi
        sleep 0.5
    done
    say "not up after 150 s; see $RUN_DIR/serve.log"; return 1
}

stop() {
    if ! running; then say "not running"; rm -f "$PID_FILE"; return; fi
    local pid; pid=$(cat "$PID_FILE")
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    rm -f "$PID_FILE"
    say "stopped"
}

status() {
    command -v virtuoso-t >/dev/null && say "virtuoso: installed" || say "virtuoso: not installed"
    "$PY" -m pip show -q arcadedb-embedded >/dev/null 2>&1 && say "arcadedb: installed" || say "arcadedb: not installed"
    if running; then say "running (pid $(cat "$PID_FILE"))"; cat "$RUN_DIR/servers.env"; else say "not running"; fi
}

case "${1:-}" in
    install) install_virtuoso; install_arcadedb ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
