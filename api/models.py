"""Response models of the domain routes. Amounts are Decimal (JSON strings, never floats), in 万元."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field


class SourceRef(BaseModel):
    document: str | None = Field(description="Document id: GET /documents/{id}/lines?from=&to= shows the text")
    lines: list[int | None] = Field(description="First and last line (1-based, inclusive)")
    table: str | None = None
    text: str | None = Field(None, description="The raw text of those lines")


class PlaceRef(BaseModel):
    id: str
    name: str | None
    code: str | None = None
    level: str | None = None


class Payer(BaseModel):
    department: str | None
    department_id: str | None
    place: list[PlaceRef] = Field(description="The payer's place and its parents, nearest first")


class Recipient(BaseModel):
    as_written: str | None = Field(description="The name as the document writes it (typos included)")
    name: str | None = Field(description="The normalised name")
    place: list[PlaceRef] = Field(description="The recipient and its parent chain, nearest first")


class Flow(BaseModel):
    id: str
    payer: Payer
    recipient: Recipient
    amount: Decimal | None = Field(description="万元")
    unit: str = "万元"
    year: int | None
    stage: str | None = Field(description="budget (预算) or actual (决算)")
    type: str | None = Field(description="对口帮扶, 结对帮扶, 援疆, 驻村帮扶, 救灾, 区域协作 …")
    purpose: str | None
    project: str | None
    origin: str | None = Field(description="breakdown, narrative or indicator: where in the document it is stated")
    notes: list[str] = []
    duplicate_of_line: int | None = Field(None, description="Set when this statement restates a payment stated at that line")
    stated_by: str = Field("payer", description="payer (the paying department's document) or recipient (a receipt: "
                                                "what the receiving side's document says it received)")
    sources: list[SourceRef]


FLOW_EXAMPLE = {
    "id": "fundingflow/3f2a9c0e1b2d4a5f",
    "payer": {"department": "武汉市江汉区人民政府办公室", "department_id": "dept/武汉市江汉区人民政府办公室",
              "place": [{"id": "place/420103", "name": "江汉区", "code": "420103", "level": "county"}]},
    "recipient": {"as_written": "对口宣恩县区域协作结对帮扶资金", "name": "宣恩县",
                  "place": [{"id": "place/422825", "name": "宣恩县", "code": "422825", "level": "county"},
                            {"id": "place/422800", "name": "恩施土家族苗族自治州", "code": "422800", "level": "prefecture"},
                            {"id": "place/420000", "name": "湖北省", "code": "420000", "level": "province"}]},
    "amount": "2200.00", "unit": "万元", "year": 2024, "stage": "budget", "type": "结对帮扶",
    "purpose": "结对帮扶恩施州宣恩县", "project": "乡村振兴工作", "origin": "breakdown", "notes": [],
    "duplicate_of_line": None, "stated_by": "payer",
    "sources": [{"document": "004_fd04dd69df0e1d80", "lines": [789, 789], "table": "项目支出明细",
                 "text": "\t对口宣恩县区域协作结对帮扶资金\t结对帮扶恩施州宣恩县\t2200.00万元\t\t"}],
}


class FlowPage(BaseModel):
    total: int = Field(description="Flows matching the filters")
    offset: int
    limit: int
    flows: list[Flow]

    model_config = {"json_schema_extra": {"examples": [{"total": 1, "offset": 0, "limit": 100, "flows": [FLOW_EXAMPLE]}]}}


class Page(BaseModel):
    """A page of a list that can grow."""

    total: int
    offset: int
    limit: int
    items: list[dict[str, Any]]


def example(value: Any) -> dict:
    """OpenAPI `responses` entry with an example body, for routes whose model is a free-form object."""
    return {200: {"content": {"application/json": {"example": value}}}}
