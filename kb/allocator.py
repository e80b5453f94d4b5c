"""The memory allocator `kb` runs under: jemalloc when the machine has it (Debian: libjemalloc2).

Why: much of a build's CPU goes to allocating and freeing small blocks — pyoxigraph's bulk loader
keys every triple three times and sorts the keys, LadybugDB copies rows, the workers make text —
and the C library's malloc spent a fifth of the bulk loader's time in its free lists (perf:
unlink_chunk, malloc_consolidate, _int_free). The same 3,000-document build took 73.6 s under
jemalloc against 89.7 s, 134 CPU seconds against 166 (bench/README.md). A process cannot change
its allocator once it runs, so the `kb` command re-executes itself once with the library in
LD_PRELOAD; the build's worker processes inherit it.

KB_MALLOC (kb/settings.py) names another library, or `system` to keep the C library's malloc.
"""
from __future__ import annotations

import ctypes.util
import os
import re
import sys

from kb.settings import SettingsError, malloc_choice

DEFAULT = "jemalloc"
REEXECUTED = "KB_MALLOC_REEXECUTED"  # set for the re-executed process, so it never re-executes again
_KNOWN = re.compile(r"lib(?:jemalloc|mimalloc|tcmalloc)[\w.-]*\.so[\w.]*")


def library() -> str | None:
    """The allocator library to preload (a path or a name the dynamic linker finds), or None for
    the C library's malloc: KB_MALLOC's choice, else jemalloc when it is installed."""
    choice = malloc_choice()
    if choice == "system":
        return None
    if choice is None:
        return ctypes.util.find_library(DEFAULT)  # 'libjemalloc.so.2', or None when not installed
    if "/" in choice:
        if not os.path.isfile(choice):
            raise SettingsError(f"KB_MALLOC={choice!r}: no such file")
        return choice
    found = ctypes.util.find_library(choice.removeprefix("lib").split(".so")[0])
    if found is None:
        raise SettingsError(f"KB_MALLOC={choice!r}: no such library on this machine "
                            f"(a path, a name such as jemalloc or mimalloc, or system)")
    return found


def in_use() -> str | None:
    """The replacement allocator mapped into this process (its file name), or None when it runs
    on the C library's malloc. Read from /proc, so a preload the dynamic linker ignored shows."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                found = _KNOWN.search(line.rsplit("/", 1)[-1])
                if found:
                    return found.group(0)
    except OSError:
        pass
    return None


def reexec_command(argv: list[str]) -> tuple[list[str], dict[str, str]] | None:
    """The command line and environment that run `kb ARGV` again under the chosen allocator, or
    None when this process should go on as it is: it already runs under one, it was already
    re-executed (a preload the linker refused must not loop), KB_MALLOC=system, or none is installed."""
    if os.environ.get(REEXECUTED) or not sys.platform.startswith("linux") or in_use() is not None:
        return None
    chosen = library()
    if chosen is None:
        return None
    preload = " ".join(part for part in (os.environ.get("LD_PRELOAD", ""), chosen) if part)
    return [sys.executable, "-m", "kb", *argv], {**os.environ, "LD_PRELOAD": preload, REEXECUTED: chosen}


def run_under_chosen(argv: list[str]) -> None:
    """Replace this process by `kb ARGV` under the chosen allocator, or return when there is none."""
    command = reexec_command(argv)
    if command is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(command[0][0], command[0], command[1])
