from decimal import Decimal

import networkx as nx

from kb.stores.nx_graph import to_networkx, write_graphml


def test_multidigraph_keeps_types_and_exact_values(graph):
    g = to_networkx(graph)
    assert g.number_of_nodes() == 9 and g.number_of_edges() == 11
    assert g.nodes["place/422825"]["name"] == "宣恩县"
    assert g.edges["place/420103", "place/422825", "FUNDS"]["amount"] == Decimal("2200")
    assert nx.has_path(g, "flowx/1", "place/422800")


def test_parallel_edges_with_ids_stay_apart(graph):
    graph.add_edge("place/420103", "FUNDS", "place/422825", "flowx/2", amount=Decimal("100"), flow="flowx/2")
    g = to_networkx(graph)
    assert g.edges["place/420103", "place/422825", "FUNDS:flowx/2"]["amount"] == Decimal("100")
    assert g.number_of_edges("place/420103", "place/422825") == 2


def test_graphml_round_trip_keeps_amount_text(graph, tmp_path):
    write_graphml(to_networkx(graph), tmp_path / "kb.graphml")
    back = nx.read_graphml(tmp_path / "kb.graphml", force_multigraph=True)
    assert back.nodes["budgetline/a"]["amount"] == "2200.5"
    assert back.nodes["flowx/1"]["notes"] == '["typo resolved: 宜恩县 → 宣恩县", "a, [b] \\"c\\""]'
