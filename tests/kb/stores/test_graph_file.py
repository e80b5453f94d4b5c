from decimal import Decimal

import pytest

from kb.stores.graph_file import load_graph, save_graph


def test_round_trip_keeps_ids_labels_exact_values_and_parallel_edges(graph, tmp_path):
    graph.add_edge("place/420103", "FUNDS", "place/422825", "flowx/2", amount=Decimal("100.50"), flow="flowx/2")
    save_graph(graph, tmp_path / "g.pickle")
    back = load_graph(tmp_path / "g.pickle")
    assert back.nodes == graph.nodes and back.edges == graph.edges
    assert list(back.edges) == list(graph.edges)
    assert back.edges[("place/420103", "FUNDS", "place/422825", "flowx/2")].props["amount"] == Decimal("100.50")
    back.add_node("place/1", "Place", name="x")  # a working graph, not a frozen copy
    assert back.nodes["place/1"].props == {"name": "x"}


def test_an_old_or_foreign_file_is_refused_with_the_way_out(tmp_path):
    import pickle

    (tmp_path / "g.pickle").write_bytes(pickle.dumps({"not": "a graph"}))
    with pytest.raises(ValueError, match="kb build --fresh"):
        load_graph(tmp_path / "g.pickle")
