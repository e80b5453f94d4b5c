"""The source documents, so every number in every answer links to the line that states it."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import KB
from api.errors import ERROR_RESPONSES
from api.models import Page, example
from kb.documents import document_lines, find_document

router = APIRouter(tags=["Documents"])


@router.get("/documents", response_model=Page, responses=example({"total": 5, "offset": 0, "limit": 100, "items": [
    {"id": "004_fd04dd69df0e1d80", "department": "武汉市江汉区人民政府办公室", "year": 2024, "stage": "预算"}]}),
    summary="The loaded documents, a page at a time")
def documents(kb: KB,
              department: Annotated[str | None, Query(description="(Part of) the department name", examples=["江汉区"])] = None,
              year: Annotated[int | None, Query(examples=[2024])] = None,
              offset: Annotated[int, Query(ge=0)] = 0,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Page:
    found = [d for d in kb.documents if (department is None or department in (d.get("department") or ""))
             and (year is None or d.get("year") == year)]
    return Page(total=len(found), offset=offset, limit=limit, items=found[offset:offset + limit])


@router.get("/documents/{id}", responses={**example({"id": "004_fd04dd69df0e1d80", "department": "武汉市江汉区人民政府办公室",
                                                      "year": 2024, "stage": "预算", "line_count": 1075,
                                                      "lines_url": "/documents/004_fd04dd69df0e1d80/lines?from=1&to=50"}),
                                          **ERROR_RESPONSES}, summary="One document's metadata")
def document(kb: KB, id: Annotated[str, Path(examples=["004_fd04dd69df0e1d80"])]) -> dict:
    doc = find_document(kb, id)
    return {**doc, "lines_url": f"/documents/{id}/lines?from=1&to=50"}


@router.get("/documents/{id}/lines", responses={**example({"document": "004_fd04dd69df0e1d80", "from": 137, "to": 137,
                                                            "lines": [{"n": 137, "text": "2024 年一般公共预算拨款 4407.97 万元，…"}]}),
                                                **ERROR_RESPONSES}, summary="Lines of a document's text")
def lines(kb: KB, id: Annotated[str, Path(examples=["004_fd04dd69df0e1d80"])],
          first: Annotated[int, Query(alias="from", ge=1, examples=[137])] = 1,
          last: Annotated[int | None, Query(alias="to", ge=1, examples=[140])] = None) -> dict:
    return document_lines(kb, id, first, last)
