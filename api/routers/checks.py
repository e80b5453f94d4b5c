"""Findings of the audit: where a disclosure contradicts itself or another disclosure."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import KB
from api.errors import ERROR_RESPONSES
from api.models import Page
from kb.audit.stored import build_findings

router = APIRouter(tags=["Audit"])


@router.get("/checks", response_model=Page, responses=ERROR_RESPONSES, summary="Audit findings, filtered")
def checks(kb: KB,
           document: Annotated[str | None, Query(description="Document id", examples=["004_fd04dd69df0e1d80"])] = None,
           department: Annotated[str | None, Query(description="(Part of) a department name", examples=["江汉区"])] = None,
           rule: Annotated[str | None, Query(description="Rule, e.g. project.breakdown_sum")] = None,
           severity: Annotated[Literal["high", "medium", "low"] | None, Query()] = None,
           offset: Annotated[int, Query(ge=0)] = 0,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Page:
    found = [f for f in build_findings(kb.path)
             if (document is None or document in f["documents"])
             and (department is None or department in (f.get("department") or ""))
             and (rule is None or f["rule"] == rule) and (severity is None or f["severity"] == severity)]
    return Page(total=len(found), offset=offset, limit=limit, items=found[offset:offset + limit])
