from decimal import Decimal

import pytest

from kb.readonly import QueryTimeout, ReadOnlyViolation
from kb.stores import ladybug_store


@pytest.fixture(scope="module")
def conn(sample_pg):
    return sample_pg


def test_schema_has_a_table_per_label_and_money_as_double_plus_exact_text(graph):
    schema = ladybug_store.derive_schema(graph)
    assert schema.nodes["FundingFlow"]["amount"] == "DOUBLE"
    assert schema.nodes["FundingFlow"]["amount_exact"] == "STRING"
    assert schema.nodes["FundingFlow"]["notes"] == "STRING[]"
    assert schema.rel_pairs["FUNDS"] == {("Place", "Place")}
    assert schema.rel_columns["FUNDS"]["flow"] == "STRING"


def test_funds_shortcut_keeps_the_exact_amount(conn):
    r = ladybug_store.cypher(conn, "MATCH (a:Place)-[f:FUNDS]->(b:Place) RETURN a.name, b.name, f.amount, "
                                   "f.amount_exact, f.flow", limit=10, timeout=5)
    assert r.rows == [["江汉区", "宣恩县", 2200.0, "2200", "flowx/1"]]
    r = ladybug_store.cypher(conn, "MATCH (b:BudgetLine) RETURN b.amount_exact, b.`table`, b.line_start",
                             limit=10, timeout=5)
    assert r.rows == [["2200.5", "预算05", 300]]


def test_text_with_newlines_and_lists_with_commas_survive_the_csv_load(conn):
    r = ladybug_store.cypher(conn, "MATCH (f:FundingFlow) RETURN f.source_text, f.notes", limit=10, timeout=5)
    assert r.rows == [["宣恩县\t2200\n续行", ["typo resolved: 宜恩县 → 宣恩县", 'a, [b] "c"']]]


def test_parameters_and_bounded_paths(conn):
    r = ladybug_store.cypher(conn, "MATCH (a:Place {name: $p})-[:FUNDS*1..3]->(b:Place)-[:PART_OF*0..3]->(c:Place) "
                                   "RETURN b.name, c.name ORDER BY c.name", {"p": "江汉区"}, limit=10, timeout=5)
    assert r.rows == [["宣恩县", "宣恩县"], ["宣恩县", "恩施土家族苗族自治州"]]


def test_labels_the_ontology_declares_exist_even_without_nodes(conn):
    r = ladybug_store.cypher(conn, "MATCH (f:Finding)-[:CONCERNS]->(x) RETURN count(f)", limit=10, timeout=5)
    assert r.rows == [[0]]


def test_row_limit_cuts_and_says_so(conn):
    r = ladybug_store.cypher(conn, "MATCH (n) RETURN n.id ORDER BY n.id", limit=3, timeout=5)
    assert len(r.rows) == 3 and r.cut and "row limit 3" in r.cut
    full = ladybug_store.cypher(conn, "MATCH (n) RETURN count(n)", limit=3, timeout=5)
    assert full.rows == [[9]] and full.cut is None


def test_timeout_interrupts_a_long_query(conn):
    with pytest.raises(QueryTimeout, match="timed out after 0.05 s"):
        ladybug_store.cypher(conn, "UNWIND range(1, 300) AS x UNWIND range(1, 300) AS y UNWIND range(1, 300) AS z "
                             "RETURN sum(x * y + z)", limit=10, timeout=0.05)


def test_writes_are_refused_before_they_reach_the_engine(conn):
    with pytest.raises(ReadOnlyViolation):
        ladybug_store.cypher(conn, "MATCH (n:Place) SET n.name = 'x'", limit=10, timeout=5)


def test_counts_per_label_and_type(conn):
    nodes, edges = ladybug_store.counts(conn)
    assert nodes["Place"] == 3 and nodes["FunctionCode"] == 2 and edges["FUNDS"] == 1 and edges["BROADER"] == 1


def test_refuses_to_overwrite(graph, tmp_path):
    (tmp_path / "pg").mkdir()
    with pytest.raises(FileExistsError, match="build into a fresh directory"):
        ladybug_store.write_database(graph, tmp_path / "pg")


def test_a_multi_line_text_after_many_plain_rows_loads_whole(tmp_path):
    """Regression: CSV dialect auto-detection saw only unquoted rows and broke a later quoted field."""
    from kb.model import CanonicalGraph

    g = CanonicalGraph()
    for i in range(3000):
        g.add_node(f"threepublic/{i:05d}", "ThreePublic", source_text="公务接待费\t10.52", line_start=i)
    g.add_node("threepublic/99999", "ThreePublic", line_start=100000,
               source_text='2024 年度“三公”经费财政拨款支出全年预算为 66.37 \n万元，"支出决算" \\ 为 66.37 万元')
    ladybug_store.write_database(g, tmp_path / "pg")
    conn = ladybug_store.open_read_only(tmp_path / "pg")
    r = ladybug_store.cypher(conn, "MATCH (t:ThreePublic) WHERE t.line_start = 100000 RETURN t.source_text",
                             limit=10, timeout=5)
    assert r.rows == [['2024 年度“三公”经费财政拨款支出全年预算为 66.37 \n万元，"支出决算" \\ 为 66.37 万元']]
    assert ladybug_store.cypher(conn, "MATCH (t:ThreePublic) RETURN count(t)", limit=1, timeout=5).rows == [[3001]]
