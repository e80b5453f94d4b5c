"""Document parts (kb/parts.py): the streamed build must hold exactly the graph that building one
canonical graph from every document at once gives, and a stored part must serialise again to
the same triples and rows."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kb.parts import SHARED_LABELS, part_of_file, part_of_stored


@pytest.fixture(scope="module")
def part_004(seeds_dir: Path):
    (path,) = sorted(seeds_dir.glob("004*.txt"))
    return part_of_file(path)


def test_a_part_holds_its_own_facts_and_names_the_shared_nodes(part_004):
    shared_nodes, shared_edges = part_004.shared
    labels = {label for _, label, _ in shared_nodes}
    assert labels <= SHARED_LABELS and {"Place", "Department", "FunctionCode"} <= labels
    assert ("place/422825", "Place") in {(i, label) for i, label, _ in shared_nodes}  # 宣恩县
    # the 2200 万元 transfer to 宣恩县 (line 736) is the document's own FundingFlow, with its FUNDS shortcut
    ntriples = part_004.ntriples.decode("utf-8")
    assert '"2200"^^<http://www.w3.org/2001/XMLSchema#decimal>' in ntriples or \
        '"2200.00"^^<http://www.w3.org/2001/XMLSchema#decimal>' in ntriples
    flows = part_004.pg_rows["node_FundingFlow.csv"].decode("utf-8")
    assert any(",736," in row and "宣恩县" in row for row in flows.splitlines())
    assert "rel_FUNDS_Place_Place.csv" in part_004.pg_rows
    assert not any(f.startswith("node_Place") for f in part_004.pg_rows)  # places come once, at the end
    assert part_004.entry["id"] == part_004.document.id and part_004.text.count(b"\n") + 1 == part_004.document.line_count


def test_a_stored_part_serialises_to_the_same_triples_and_rows(part_004):
    again = part_of_stored(part_004.stored)
    assert again.ntriples == part_004.ntriples
    assert again.pg_rows == part_004.pg_rows
    assert again.counts == part_004.counts and again.findings == part_004.findings
    assert again.text is None  # the build copies the text from the previous build


def test_the_streamed_build_is_the_one_canonical_graph(seeds_dir: Path, seed_kb: Path):
    """Every node and edge, with every property, equals what build_graph over all seeds gives."""
    from kb.audit import run_checks
    from kb.audit.graph import add_findings
    from kb.canonical import build_graph
    from kb.knowledge_base import KnowledgeBase
    from loaders.extract import extract_file, iter_paths

    extractions = sorted((extract_file(p) for p in iter_paths([seeds_dir])), key=lambda e: e.document.id)
    expected = build_graph(extractions)
    add_findings(expected, run_checks(extractions))
    kb = KnowledgeBase.open(seed_kb)
    try:
        got = kb.graph
    finally:
        kb.close()
    assert {i: (n.label, n.props) for i, n in got.nodes.items()} == \
        {i: (n.label, n.props) for i, n in expected.nodes.items()}
    assert {k: e.props for k, e in got.edges.items()} == {k: e.props for k, e in expected.edges.items()}
    flow = next(n for n in got.nodes.values() if n.label == "FundingFlow" and n.props.get("line_start") == 736)
    assert flow.props["amount"] == Decimal("2200") and flow.props["recipient"] == "宣恩县"


def test_the_index_graph_leaves_out_only_what_the_questions_never_read(seed_kb: Path):
    from kb.investigate.index import UNINDEXED_LABELS
    from kb.knowledge_base import KnowledgeBase

    kb = KnowledgeBase.open(seed_kb)
    try:
        full, index = kb.graph, kb.index_graph
    finally:
        kb.close()
    assert {n.label for n in index.nodes.values()} == {n.label for n in full.nodes.values()} - UNINDEXED_LABELS
    assert sum(n.label == "Statement" for n in full.nodes.values()) > 100
    kept = {i for i, n in full.nodes.items() if n.label not in UNINDEXED_LABELS}
    assert set(index.nodes) == kept
    assert set(index.edges) == {k for k, e in full.edges.items() if e.source in kept and e.target in kept}
    source = "".join(p.read_text(encoding="utf-8") for p in Path("kb/investigate").glob("*.py")
                     if p.name != "index.py")
    assert not [label for label in UNINDEXED_LABELS if f'"{label}"' in source]
