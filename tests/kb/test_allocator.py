"""The allocator `kb` runs under (kb/allocator.py): jemalloc, installed by `make test`/`make run`
(scripts/jemalloc.sh), chosen by default, changed or refused through KB_MALLOC."""
from __future__ import annotations

import subprocess
import sys

import pytest

from kb import allocator
from kb.settings import SettingsError

IN_USE = "from kb.allocator import in_use; print(in_use())"


@pytest.fixture(autouse=True)
def _no_choice(monkeypatch):
    monkeypatch.delenv("KB_MALLOC", raising=False)
    monkeypatch.delenv(allocator.REEXECUTED, raising=False)


def test_jemalloc_is_the_default_when_installed():
    assert allocator.library() == "libjemalloc.so.2"


def test_kb_malloc_chooses_or_refuses(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_MALLOC", "system")
    assert allocator.library() is None
    assert allocator.reexec_command(["stats"]) is None
    monkeypatch.setenv("KB_MALLOC", "jemalloc")
    assert allocator.library() == "libjemalloc.so.2"
    monkeypatch.setenv("KB_MALLOC", str(tmp_path / "libnone.so"))
    with pytest.raises(SettingsError, match=r"KB_MALLOC='.*libnone\.so': no such file"):
        allocator.library()
    monkeypatch.setenv("KB_MALLOC", "nosuchalloc")
    with pytest.raises(SettingsError, match="KB_MALLOC='nosuchalloc': no such library on this machine"):
        allocator.library()


def test_the_command_runs_again_under_jemalloc():
    # pytest itself runs on the C library's malloc, so `kb` would re-execute from here
    assert allocator.in_use() is None
    argv, env = allocator.reexec_command(["build", "seeds/"])
    assert argv == [sys.executable, "-m", "kb", "build", "seeds/"]
    assert env["LD_PRELOAD"].split()[-1] == "libjemalloc.so.2"
    assert env[allocator.REEXECUTED] == "libjemalloc.so.2"
    # …and that environment really maps jemalloc into the new process
    child = subprocess.run([sys.executable, "-c", IN_USE], env=env, capture_output=True, text=True, check=True)
    assert child.stdout.strip() == "libjemalloc.so.2"
    plain = subprocess.run([sys.executable, "-c", IN_USE], capture_output=True, text=True, check=True)
    assert plain.stdout.strip() == "None"


def test_a_re_executed_process_never_re_executes(monkeypatch):
    monkeypatch.setenv(allocator.REEXECUTED, "libjemalloc.so.2")  # e.g. the linker refused the preload
    assert allocator.reexec_command(["stats"]) is None


def test_the_kb_command_execs_before_running(monkeypatch):
    from kb import __main__ as entry
    calls = []

    def execve(path, argv, env):
        calls.append((path, argv, env["LD_PRELOAD"]))
        raise SystemExit(0)  # execve never returns

    monkeypatch.setattr(allocator.os, "execve", execve)
    monkeypatch.setattr(sys, "argv", ["kb", "stats"])
    with pytest.raises(SystemExit):
        entry.main()
    assert calls == [(sys.executable, [sys.executable, "-m", "kb", "stats"], "libjemalloc.so.2")]


def test_a_bad_choice_stops_the_command_with_its_reason():
    child = subprocess.run([sys.executable, "-m", "kb", "stats"], env={"KB_MALLOC": "nosuchalloc", "PATH": "/usr/bin"},
                           capture_output=True, text=True)
    assert child.returncode == 2
    assert "kb: KB_MALLOC='nosuchalloc': no such library on this machine" in child.stderr
