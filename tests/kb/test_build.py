"""kb build: idempotent, a new version of a document replaces its facts, atomic against kills,
and bad input leaves the knowledge base as it was."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.build import BuildError, build, live_path
from kb.knowledge_base import KnowledgeBase

FLOWS_OUT = ("MATCH (a:Place)-[f:FUNDS]->(b:Place) WHERE a.name = '江汉区' "
             "RETURN b.name, f.amount_exact ORDER BY b.name, f.amount_exact")


def copy_kb(seed_kb: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(seed_kb, data, symlinks=True)
    return data


def contents(data_dir: Path) -> tuple[list, dict]:
    """Everything the stores hold, in a comparable form: the RDF triples (the projection mints
    IRIs for every node, so there are no blank nodes to canonicalise) and every node and
    relationship of the property graph."""
    import pyoxigraph as ox

    kb = KnowledgeBase.open(data_dir)
    triples = sorted(kb.rdf_store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).splitlines())
    assert not any(b" _:" in t or t.startswith(b"_:") for t in triples)
    pg = {}
    stats = kb.stats()
    for label in stats["nodes_per_label"]:
        pg[label] = sorted(map(repr, kb.cypher(f"MATCH (n:`{label}`) RETURN n", limit=10**7).rows))
    for rel in stats["edges_per_type"]:
        pg[rel] = sorted(map(repr, kb.cypher(f"MATCH (a)-[r:`{rel}`]->(b) RETURN a.id, r, b.id", limit=10**7).rows))
    kb.close()
    return triples, pg


def test_seed_kb_holds_the_five_documents(seed_kb):
    kb = KnowledgeBase.open(seed_kb)
    assert sorted(d["id"] for d in kb.documents) == ["000_d3b4b252b30afbb1", "001_87de7c93fc8d4773",
                                                     "002_81fcf87bf650a710", "003_8c009d716d1b93c0",
                                                     "004_fd04dd69df0e1d80"]
    assert {d["stage"] for d in kb.documents} == {"预算", "决算"}


def test_reloading_changes_nothing(seed_kb, seeds_dir, tmp_path):
    data = copy_kb(seed_kb, tmp_path)
    before_id, before = live_path(data).name, contents(data)
    report = build([seeds_dir], data)
    assert not report.rebuilt and report.build_id == before_id and len(report.unchanged) == 5
    assert not report.added and not report.replaced
    assert contents(data) == before


def test_forced_rebuild_gives_identical_stores(seed_kb, seeds_dir, tmp_path):
    data = copy_kb(seed_kb, tmp_path)
    before = contents(data)
    report = build([seeds_dir / "004_fd04dd69df0e1d80.txt"], data, force=True)
    assert report.rebuilt and report.unchanged == ["004_fd04dd69df0e1d80"]
    assert contents(data) == before


def test_new_version_of_a_document_replaces_its_facts(seed_kb, seeds_dir, tmp_path):
    data = copy_kb(seed_kb, tmp_path)
    kb = KnowledgeBase.open(data)
    old = kb.cypher(FLOWS_OUT).rows
    assert ["宣恩县", "2200"] in old
    n_docs = len(kb.documents)
    # The same department, year and stage, revised: 宣恩县 gets 2300 instead of 2200.
    text = (seeds_dir / "004_fd04dd69df0e1d80.txt").read_text(encoding="utf-8")
    assert text.count("2200") >= 1
    revised = tmp_path / "revised" / "004_revised.txt"
    revised.parent.mkdir()
    revised.write_text(text.replace("2200", "2300"), encoding="utf-8")
    report = build([revised], data)
    assert report.replaced == [("004_fd04dd69df0e1d80", "004_revised")]
    kb = KnowledgeBase.open(data)
    assert len(kb.documents) == n_docs
    new = kb.cypher(FLOWS_OUT).rows
    assert ["宣恩县", "2300"] in new and ["宣恩县", "2200"] not in new
    stated = kb.cypher("MATCH (f:FundingFlow)-[:STATED_IN]->(d:Document) RETURN DISTINCT f.doc").rows
    assert ["004_fd04dd69df0e1d80"] not in stated and ["004_revised"] in stated


def test_unreadable_file_is_refused_and_nothing_is_lost(seed_kb, tmp_path):
    data = copy_kb(seed_kb, tmp_path)
    before = live_path(data)
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01binary" * 100)
    with pytest.raises(BuildError, match=r"broken\.txt: binary file"):
        build([bad], data)
    with pytest.raises(BuildError, match="no-such-folder: no such file"):
        build([tmp_path / "no-such-folder"], data)
    assert live_path(data) == before
    assert len(KnowledgeBase.open(data).documents) == 5


def test_killed_build_leaves_the_previous_knowledge_base(seed_kb, seeds_dir, tmp_path):
    data = copy_kb(seed_kb, tmp_path)
    before = live_path(data)
    answer = KnowledgeBase.open(data).cypher(FLOWS_OUT).rows
    proc = subprocess.Popen([str(Path(sys.executable).parent / "kb"), "build", "--force", str(seeds_dir),
                             "--data-dir", str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    # Halfway: the RDF store of the new build is written and the property graph is being loaded.
    while not any(p.name.endswith(".partial") and (p / "pg").exists() for p in (data / "builds").iterdir()):
        assert proc.poll() is None, "the build ended before it was halfway"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert live_path(data) == before
    assert KnowledgeBase.open(data).cypher(FLOWS_OUT).rows == answer
    # The next build clears what the killed one left behind, even when it has nothing to change.
    assert not build([seeds_dir / "000_d3b4b252b30afbb1.txt"], data).rebuilt
    assert not any(p.name.endswith(".partial") for p in (data / "builds").iterdir())


def test_a_second_build_at_the_same_time_is_refused(seed_kb, seeds_dir, tmp_path):
    import fcntl

    data = copy_kb(seed_kb, tmp_path)
    with (data / ".build.lock").open("w") as held:  # as a running build holds it
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(BuildError, match="another build is running"):
            build([seeds_dir / "000_d3b4b252b30afbb1.txt"], data, force=True)


def test_adding_a_document_to_a_built_kb_gives_the_stores_of_one_build_of_all(seed_kb, seeds_dir, tmp_path):
    """The incremental path (stored parts of the four, the fifth read) against the session's fresh
    build of all five: same triples, same nodes and relationships, same findings."""
    import json

    four = tmp_path / "four"
    four.mkdir()
    for f in sorted(seeds_dir.glob("*.txt"))[:4]:
        shutil.copy(f, four / f.name)
    data = tmp_path / "data"
    build([four], data)
    report = build([seeds_dir], data)
    assert report.rebuilt and report.added == ["004_fd04dd69df0e1d80"] and len(report.unchanged) == 4
    assert contents(data) == contents(seed_kb)
    findings = [json.loads((live_path(d) / "findings.json").read_text(encoding="utf-8")) for d in (data, seed_kb)]
    assert findings[0] == findings[1] and findings[0]["count"] == 19


def test_two_versions_of_a_document_in_one_run_the_later_file_wins(seeds_dir, tmp_path):
    text = (seeds_dir / "004_fd04dd69df0e1d80.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "004_a.txt").write_text(text, encoding="utf-8")
    (folder / "004_b.txt").write_text(text.replace("2200", "2300"), encoding="utf-8")
    data = tmp_path / "data"
    report = build([folder], data)
    assert report.added == ["004_b"] and report.replaced == [("004_a", "004_b")]
    kb = KnowledgeBase.open(data)
    try:
        assert [d["id"] for d in kb.documents] == ["004_b"]
        rows = kb.cypher(FLOWS_OUT).rows
        assert ["宣恩县", "2300"] in rows and ["宣恩县", "2200"] not in rows
    finally:
        kb.close()
