"""Every funding flow and every budget line the loaders read from the seeds is in the knowledge
base, and SPARQL (pyoxigraph) and Cypher (LadybugDB) give the same answer for each of them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kb.knowledge_base import KnowledgeBase
from kb.model import DATA_NS
from kb.stores.pg_values import decimal_text
from loaders.extract import extract_file
from loaders.records import BudgetLine, FundingFlow

PREFIXES = """PREFIX bkb: <https://w3id.org/budget-kb/ontology#>
PREFIX obeu-measure: <http://data.openbudgets.eu/ontology/dsd/measure/>
"""


@pytest.fixture(scope="module")
def kb(seed_kb):
    opened = KnowledgeBase.open(seed_kb)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def records(seeds_dir):
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        out.extend(extract_file(path).records)
    return out


def _dec(value) -> str | None:
    return None if value is None else decimal_text(Decimal(str(value)))


def test_every_funding_flow_same_amount_in_sparql_and_cypher(kb, records):
    flows = {f"fundingflow/{r.record_key()}": r for r in records if isinstance(r, FundingFlow)}
    assert len(flows) >= 30
    sparql = kb.sparql(PREFIXES + "SELECT ?f ?amount WHERE { ?f a bkb:FundingFlow . "
                                  "OPTIONAL { ?f obeu-measure:amount ?amount } }")
    cypher = kb.cypher("MATCH (f:FundingFlow) RETURN f.id, f.amount_exact")
    by_sparql = {str(f).removeprefix(DATA_NS): _dec(a) for f, a in sparql.rows}
    by_cypher = {i: (None if a is None else str(a)) for i, a in cypher.rows}
    expected = {k: _dec(r.amount) for k, r in flows.items()}
    assert by_sparql == expected
    assert by_cypher == expected
    assert expected[next(k for k, r in flows.items() if r.recipient == "宣恩县" and r.amount == Decimal("2200.00"))] == "2200"


def test_every_budget_line_same_code_and_total_in_sparql_and_cypher(kb, records):
    lines = {f"budgetline/{r.record_key()}": r for r in records if isinstance(r, BudgetLine)}
    assert len(lines) >= 300
    sparql = kb.sparql(PREFIXES + "SELECT ?l ?code ?total WHERE { ?l a bkb:BudgetLine . "
                                  "OPTIONAL { ?l bkb:code ?code } OPTIONAL { ?l bkb:total ?total } }")
    cypher = kb.cypher("MATCH (l:BudgetLine) RETURN l.id, l.code, l.total_exact")
    by_sparql = {str(i).removeprefix(DATA_NS): (None if c is None else str(c), _dec(t)) for i, c, t in sparql.rows}
    by_cypher = {i: (c, None if t is None else str(t)) for i, c, t in cypher.rows}
    expected = {k: (r.code, _dec(r.measures.get("total"))) for k, r in lines.items()}
    assert by_sparql == expected
    assert by_cypher == expected
