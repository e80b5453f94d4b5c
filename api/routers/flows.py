"""Funding flows between places, and money traces along them."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from fastapi.responses import Response

from api.deps import AppState, Index
from api.errors import ERROR_RESPONSES
from api.models import FlowPage, example
from kb.investigate import find_flows, trace

router = APIRouter(tags=["Money"])


@router.get("/flows", response_model=FlowPage, responses=ERROR_RESPONSES, summary="Funding flows between places")
async def flows(
    index: Index,
    state: AppState,
    payer: Annotated[str | None, Query(description="A department, or a place at any level (江汉区, 武汉市)",
                                       examples=["江汉区"])] = None,
    recipient: Annotated[str | None, Query(description="A place at any level: 恩施州 matches 宣恩县 and 来凤县",
                                           examples=["恩施州"])] = None,
    year: Annotated[int | None, Query(description="Fiscal year", examples=[2024])] = None,
    stage: Annotated[Literal["budget", "actual"] | None, Query(description="budget (预算) or actual (决算)")] = None,
    type: Annotated[str | None, Query(description="Flow type, e.g. 对口帮扶, 援疆, 救灾", examples=["帮扶"])] = None,
    restatements: Annotated[bool, Query(description="Include statements that restate a payment stated elsewhere")] = True,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    def page() -> FlowPage:
        found = find_flows(index, payer=payer, recipient=recipient, year=year, stage=stage, flow_type=type,
                           include_restatements=restatements)
        return FlowPage(total=len(found), offset=offset, limit=limit, flows=found[offset:offset + limit])
    return state.cache.json(("flows", payer, recipient, year, stage, type, restatements, offset, limit), page)


TRACE_EXAMPLE = {
    "start": {"text": "江汉区", "places": ["place/420103"], "departments": []}, "direction": "out",
    "paths": [{"hops": [{"source": "place/420103", "target": "place/422825", "amount": "2200.00", "year": 2024,
                         "stage": "budget", "type": "结对帮扶", "flow": "fundingflow/3f2a9c0e1b2d4a5f"}],
               "places": [{"id": "place/420103", "name": "江汉区", "level": "county"},
                          {"id": "place/422825", "name": "宣恩县", "level": "county"}]}],
    "totals_by_recipient": [{"place": {"id": "place/422825", "name": "宣恩县", "level": "county"}, "stage": "budget",
                             "amount": "2200.00"}],
    "totals_by_hop": [{"hop": 1, "stage": "budget", "amount": "2200.00"}],
    "graph": {"nodes": [{"id": "place/420103", "name": "江汉区", "level": "county"}],
              "edges": [{"source": "place/420103", "target": "place/422825", "amount": "2200.00"}]},
}


@router.get("/trace", responses={**example(TRACE_EXAMPLE), **ERROR_RESPONSES}, summary="Follow money for up to N hops")
async def trace_route(
    index: Index,
    state: AppState,
    start: Annotated[str, Query(alias="from", description="A place or department to start from", examples=["江汉区"])],
    direction: Annotated[Literal["out", "in"], Query(description="out: where the money goes; in: where it came from")] = "out",
    hops: Annotated[int, Query(ge=1, le=6)] = 3,
    year: Annotated[int | None, Query()] = None,
    stage: Annotated[Literal["budget", "actual"] | None, Query()] = None,
) -> Response:
    return state.cache.json(("trace", start, direction, hops, year, stage),
                            lambda: trace(index, start, direction=direction, hops=hops, year=year, stage=stage))
