"""Regions, departments and search: the cross-district views."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from fastapi.responses import Response

from api.deps import AppState, Index
from api.errors import ERROR_RESPONSES
from api.models import Page, example
from kb.investigate import department_view, region_view, search

router = APIRouter(tags=["Places and departments"])

REGION_EXAMPLE = {
    "place": [{"id": "place/420103", "name": "江汉区", "code": "420103", "level": "county"}],
    "pays": [{"place": [{"id": "place/422825", "name": "宣恩县"}], "totals": [{"year": 2024, "stage": "budget", "amount": "2200.00"}],
              "flows": ["…"]}],
    "receives": [], "co_funders": [],
    "departments": [{"department": {"id": "dept/武汉市江汉区人民政府办公室", "name": "武汉市江汉区人民政府办公室",
                                    "kind": "人民政府办公室"}, "profiles": ["…"], "peers": ["…"]}],
}


@router.get("/regions/{name}", responses={**example(REGION_EXAMPLE), **ERROR_RESPONSES},
            summary="What a place pays and receives, who else funds the same places, its departments beside their peers")
async def region(index: Index, state: AppState,
           name: Annotated[str, Path(description="A place at any level", examples=["江汉区"])]) -> Response:
    return state.cache.json(("region", name), lambda: region_view(index, name))


DEPARTMENT_EXAMPLE = {
    "id": "dept/武汉市江汉区人民政府办公室", "name": "武汉市江汉区人民政府办公室",
    "documents": [{"id": "004_fd04dd69df0e1d80", "year": 2024, "stage": "budget"}],
    "profiles": [{"document": "004_fd04dd69df0e1d80", "total": "4407.79", "basic": "1035.96", "project": "3371.83"}],
    "budget_lines": {"004_fd04dd69df0e1d80": [{"code": "2130599", "name": "其他巩固脱贫攻坚成果衔接乡村振兴支出",
                                              "measures": {"total": "3149.80", "project": "3149.80"}}]},
    "budget_vs_final": [], "projects": [{"name": "乡村振兴工作", "budget": "3049.80", "indicators": ["…"]}],
}


@router.get("/departments/{id}", responses={**example(DEPARTMENT_EXAMPLE), **ERROR_RESPONSES},
            summary="A department's budget lines, budget against final, projects and indicators")
async def department(index: Index, state: AppState,
               id: Annotated[str, Path(description="Department id or (part of) its name",
                                       examples=["武汉市江汉区人民政府办公室"])]) -> Response:
    return state.cache.json(("department", id), lambda: department_view(index, id))


@router.get("/entities", response_model=Page, responses=ERROR_RESPONSES,
            summary="Search departments, places, projects, codes and indicators (Chinese fuzzy matching, aliases)")
def entities(index: Index,
             q: Annotated[str, Query(min_length=1, description="Words to look for", examples=["宜恩县"])],
             type: Annotated[str | None, Query(description="Only this kind: Department, Place, Project, FunctionCode, "
                                                           "EconomicCode, Indicator")] = None,
             offset: Annotated[int, Query(ge=0)] = 0,
             limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Page:
    hits = search(index, q, limit=offset + limit, types={type} if type else None)
    return Page(total=len(hits), offset=offset, limit=limit, items=hits[offset:offset + limit])
