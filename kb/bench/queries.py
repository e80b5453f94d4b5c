"""The three questions the benchmark times, each asked of every engine in its own language.

- flows by payer: the funding flows a district pays out (named query `flows_from_place`; the
  investigators' `find_flows` over the GraphIndex, which is what /flows answers with);
- 3-hop trace: the money trail from a city district (named query `money_trace`; `trace` over the
  GraphIndex);
- aggregation: expenditure per function class (类, the 3-digit function codes) per district, year and
  stage, each department counted once with its largest figure for the class (全部资金 includes
  财政拨款 includes 一般公共预算), as `function_total_per_district` does for one code — here for all.
  The SPARQL form leaves out `?b a bkb:BudgetLine` (bkb:classificationKind is a BudgetLine
  property only): with it pyoxigraph 0.5 picks a join order 20-30 times slower.

Each callable returns the number of rows, so the engines can be checked to agree.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from kb.investigate import GraphIndex, find_flows, trace
from kb.named_queries import find
from kb.stores.oxigraph_store import bind_parameters

# Seconds one benchmark query may take (KB_QUERY_TIMEOUT, 30 s by default, is for interactive use;
# the aggregation over 10,000 documents on the on-disk store takes longer).
QUERY_TIMEOUT = 600.0

AGGREGATION_SPARQL = """\
PREFIX bkb: <https://w3id.org/budget-kb/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX obeu-dimension: <http://data.openbudgets.eu/ontology/dsd/dimension/>
PREFIX obeu-measure: <http://data.openbudgets.eu/ontology/dsd/measure/>
PREFIX obeu-budgetphase: <http://data.openbudgets.eu/resource/codelist/budget-phase/>
SELECT ?district ?class ?fiscal_year ?stage (SUM(?amount) AS ?total) (COUNT(?d) AS ?departments)
WHERE {
  {
    SELECT ?p ?d ?class ?fiscal_year ?phase (MAX(?a) AS ?amount)
    WHERE {
      ?b bkb:classificationKind "function" ;
         bkb:code ?code ;
         obeu-measure:amount ?a ;
         obeu-dimension:organization ?d .
      BIND(STR(?code) AS ?class)
      FILTER(STRLEN(?class) = 3)
      ?d bkb:locatedIn ?p .
      OPTIONAL { ?b obeu-dimension:fiscalYear ?fiscal_year }
      OPTIONAL { ?b obeu-dimension:budgetPhase ?phase }
    }
    GROUP BY ?p ?d ?class ?fiscal_year ?phase
  }
  ?p skos:prefLabel ?district FILTER(LANG(?district) = "zh")
  BIND(IF(?phase = obeu-budgetphase:approved, "budget", "actual") AS ?stage)
}
GROUP BY ?p ?district ?class ?fiscal_year ?stage
ORDER BY ?district ?class ?fiscal_year ?stage
"""

AGGREGATION_CYPHER = """\
MATCH (b:BudgetLine)-[:OF_DEPARTMENT]->(d:Department)-[:LOCATED_IN]->(p:Place)
WHERE b.classification = 'function' AND size(b.code) = 3
WITH p, d, b.code AS class, b.year AS fiscal_year, b.stage AS stage, max(b.amount) AS amount
RETURN p.id AS place, p.name AS district, class, fiscal_year, stage, sum(amount) AS total, count(d) AS departments
ORDER BY district, class, fiscal_year, stage
"""


def aggregation_graph_index(idx: GraphIndex) -> list[tuple]:
    """The aggregation over the in-memory index: (place id, 类, year, stage) → (total, departments)."""
    largest: dict[tuple, Decimal] = {}
    for line in idx.labels.get("BudgetLine", ()):
        p = line.props
        code = p.get("code")
        if p.get("classification") != "function" or not code or len(str(code)) != 3 or p.get("amount") is None:
            continue
        for dept in idx.targets(line.id, "OF_DEPARTMENT"):
            for place in idx.targets(dept.id, "LOCATED_IN"):
                key = (place.id, dept.id, str(code), p.get("year"), p.get("stage"))
                if key not in largest or p["amount"] > largest[key]:
                    largest[key] = p["amount"]
    totals: dict[tuple, Decimal] = defaultdict(Decimal)
    departments: Counter = Counter()
    for (place, _dept, code, year, stage), amount in largest.items():
        totals[(place, code, year, stage)] += amount
        departments[(place, code, year, stage)] += 1
    return sorted((k, v, departments[k]) for k, v in totals.items())


@dataclass(frozen=True, slots=True)
class Subject:
    """Where the questions start: a paying district, by node id, name and unambiguous full name."""

    place_id: str
    name: str
    full_name: str     # province/prefecture/district run together: resolves to this place only
    flows_out: int


def pick_payer(idx: GraphIndex) -> Subject:
    """The place that pays the most funding flows (a city district in the synthetic corpus); in a
    corpus where the loaders found no flow, the place with the most departments (the questions are
    then timed on an empty answer, and the report says flows_out 0)."""
    counts = Counter(e.target for flow in idx.labels.get("FundingFlow", ())
                     for e in idx.out.get(flow.id, {}).get("FROM_PLACE", ()))
    if not counts:
        counts = Counter(e.target for dept in idx.labels.get("Department", ())
                         for e in idx.out.get(dept.id, {}).get("LOCATED_IN", ()))
        counts = Counter({k: 0 for k in counts}) if counts else counts
        if not counts:
            raise LookupError("the knowledge base holds no department located in a place: nothing to time")
    place_id, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    node = idx.node(place_id)
    path = str(node.props.get("path") or node.props.get("name"))
    return Subject(place_id, str(node.props.get("name")), path.replace("/", ""), n)


def _rows(result: Any) -> int:
    return len(result.rows)


def engine_queries(kb, idx: GraphIndex, subject: Subject) -> dict[str, dict[str, Callable[[], int]]]:
    """question → engine → a callable running it once and returning its row count."""
    big = 1_000_000  # the benchmark times whole answers, not the row limit an interactive user gets
    wait = QUERY_TIMEOUT
    out: dict[str, dict[str, Callable[[], int]]] = {}
    for question, named in (("flows", "flows_from_place"), ("trace", "money_trace")):
        rq, cy = find(named, "sparql"), find(named, "cypher")
        s_params, c_params = rq.bind({"place": subject.full_name}), cy.bind({"place": subject.full_name})
        out[question] = {
            "sparql": lambda rq=rq, p=s_params: _rows(kb.sparql(rq.text, p, limit=big, timeout=wait)),
            "cypher": lambda cy=cy, p=c_params: _rows(kb.cypher(cy.text, p, limit=big, timeout=wait)),
        }
    out["flows"]["graph_index"] = lambda: len(find_flows(idx, payer=subject.full_name))
    out["trace"]["graph_index"] = lambda: len(trace(idx, subject.full_name, hops=3)["graph"]["edges"])
    out["aggregation"] = {
        "sparql": lambda: _rows(kb.sparql(AGGREGATION_SPARQL, limit=big, timeout=wait)),
        "cypher": lambda: _rows(kb.cypher(AGGREGATION_CYPHER, limit=big, timeout=wait)),
        "graph_index": lambda: len(aggregation_graph_index(idx)),
    }
    return out


def sparql_text(named: str, subject: Subject) -> str:
    """A named SPARQL query with the subject bound into its text (for engines without parameters)."""
    rq = find(named, "sparql")
    return bind_parameters(rq.text, rq.bind({"place": subject.full_name}))
