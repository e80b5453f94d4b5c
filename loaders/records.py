"""Typed records that the loaders produce from one disclosure.

Every record carries a `Source`: the document, the first and last line (1-based, inclusive),
the table or section it was read from, and the raw text of those lines. Amounts are
`Decimal` in 万元 unless a field says otherwise; a loader converts 元/亿元 before it builds
a record. Records are plain frozen dataclasses so that extraction stays fast and so the
knowledge base can derive stable identifiers from their fields (`record_key`).
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

# Measures a budget line may carry. Keys are English so that every projection shares them;
# the Chinese column headings they come from are in `MEASURE_LABELS`.
MEASURE_LABELS: dict[str, str] = {
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "running": "公用经费",
    "upper_remit": "上缴上级支出",
    "operating_expense": "经营支出",
    "affiliate_subsidy": "对附属单位补助支出",
    "general_budget": "一般公共预算财政拨款",
    "fund_budget": "政府性基金预算财政拨款",
    "capital_budget": "国有资本经营预算财政拨款",
    "fiscal_income": "财政拨款收入",
    "upper_subsidy": "上级补助收入",
    "business_income": "事业收入",
    "operating_income": "经营收入",
    "affiliate_income": "附属单位上缴收入",
    "other_income": "其他收入",
    "carryover_start": "年初结转和结余",
    "income": "本年收入",
    "carryover_end": "年末结转和结余",
    "initial_budget": "年初预算数",
    "adjusted_budget": "调整预算数",
    "final": "决算数",
}

FUND_TYPES = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金", "全部资金", "财政拨款")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was stated: document id, line range, table or section, raw text."""

    document: str
    line_start: int
    line_end: int
    table: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Record:
    kind: ClassVar[str] = "Record"
    # Which fields identify the fact inside its document (used for stable ids and dedup).
    key_fields: ClassVar[tuple[str, ...]] = ()

    def record_key(self) -> str:
        """A stable identifier: the document, the kind and the identifying fields."""
        src = getattr(self, "source", None)
        doc = src.document if src is not None else getattr(self, "id", "")
        parts = [doc, self.kind] + [str(getattr(self, f)) for f in self.key_fields]
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.kind}
        for f in dataclasses.fields(self):
            out[f.name] = _plain(getattr(self, f.name))
        return out


def _plain(value: Any) -> Any:
    """JSON-ready form: Decimal as a string (never float), dates as ISO text."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Source):
        return {"document": value.document, "lines": [value.line_start, value.line_end],
                "table": value.table, "text": value.text}
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Document(Record):
    kind: ClassVar[str] = "Document"
    key_fields: ClassVar[tuple[str, ...]] = ("id",)
    id: str                      # the file stem, e.g. 000_d3b4b252b30afbb1
    file_name: str
    sha256: str
    encoding: str
    line_count: int
    title: str | None
    department: str | None       # full name as the cover states it
    district: str | None         # 新洲区
    city: str | None             # 武汉市
    fiscal_year: int | None
    stage: str | None            # 预算 or 决算
    published: date | None
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Unit(Record):
    kind: ClassVar[str] = "Unit"
    key_fields: ClassVar[tuple[str, ...]] = ("name", "code")
    name: str
    code: str | None
    role: str                    # 本级 or 下属
    source: Source


@dataclass(frozen=True, slots=True)
class Staffing(Record):
    kind: ClassVar[str] = "Staffing"
    key_fields: ClassVar[tuple[str, ...]] = ("category",)
    category: str                # 编制, 行政编制, 事业编制, 在职, 离退休, 退休, 离休 ...
    count: int
    source: Source


@dataclass(frozen=True, slots=True)
class Asset(Record):
    kind: ClassVar[str] = "Asset"
    key_fields: ClassVar[tuple[str, ...]] = ("category", "name")
    category: str                # 车辆, 房屋, 设备 ...
    name: str                    # 机要通信用车, 实物保障用车 ...
    count: int | None
    value: Decimal | None        # 万元, when a value is stated
    source: Source


@dataclass(frozen=True, slots=True)
class BudgetLine(Record):
    kind: ClassVar[str] = "BudgetLine"
    key_fields: ClassVar[tuple[str, ...]] = ("table", "classification", "code", "name", "fund_type", "unit_code")
    classification: str          # function or economic; income for the income side of a summary table
                                 # (公开01/04, 预算01/04: named lines, no code; the amount in `total`)
    code: str | None             # None for a 合计 row
    name: str
    level: str | None            # 类, 款, 项 (None for 合计)
    fund_type: str               # one of FUND_TYPES
    measures: dict[str, Decimal] # keys from MEASURE_LABELS; absent = blank cell
    table: str                   # e.g. 公开03 or 预算05
    source: Source
    unit_code: str | None = None # set when a table is split by unit
    repairs: tuple[str, ...] = ()  # what was repaired and why (truncated code, shifted cell)


@dataclass(frozen=True, slots=True)
class Project(Record):
    kind: ClassVar[str] = "Project"
    key_fields: ClassVar[tuple[str, ...]] = ("name",)
    code: str | None
    name: str
    unit: str | None
    category: str | None         # 运转类 / 特定目标类
    frequency: str | None        # 常年 / 一次性 / 延续性
    budget: Decimal | None       # 万元
    executed: Decimal | None     # 万元 (决算)
    function_codes: tuple[str, ...]
    legal_basis: str | None
    source: Source
    aliases: tuple[str, ...] = ()  # other names the document uses for it


@dataclass(frozen=True, slots=True)
class ProjectLine(Record):
    """One line of a project's itemised breakdown (项目支出明细)."""

    kind: ClassVar[str] = "ProjectLine"
    # An item may repeat within one project (two 印刷费 lines): the line it is printed on tells them apart.
    key_fields: ClassVar[tuple[str, ...]] = ("project", "item", "line")
    project: str
    item: str
    basis: str | None            # 测算依据及说明
    amount: Decimal | None       # 万元
    source: Source

    @property
    def line(self) -> int:
        """The line the item is printed on."""
        return self.source.line_start


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed indicator value: `≥95%` → (≥, 95, %); qualitative text keeps comparator None."""

    comparator: str | None       # ≥ ≤ = > < ~ or None
    value: Decimal | None
    unit: str | None
    parts: tuple[tuple[Decimal, str], ...] = ()  # `1个帮扶县，20个脱贫村` → ((1,'个帮扶县'),(20,'个脱贫村'))


@dataclass(frozen=True, slots=True)
class Indicator(Record):
    kind: ClassVar[str] = "Indicator"
    key_fields: ClassVar[tuple[str, ...]] = ("owner", "table", "level1", "level2", "name", "line")
    owner_kind: str              # project or department
    owner: str                   # project name or department name
    level1: str | None           # 产出指标 / 效益指标 / 满意度指标
    level2: str | None           # 数量指标 / 质量指标 ...
    name: str                    # 三级指标
    target: str | None           # raw target text
    target_parsed: Target | None
    actual: str | None
    actual_parsed: Target | None
    weight: Decimal | None
    score: Decimal | None
    table: str | None
    line: int
    source: Source


@dataclass(frozen=True, slots=True)
class ThreePublic(Record):
    """三公经费: one part (or the total), budget and actual as the table or narrative states."""

    kind: ClassVar[str] = "ThreePublic"
    key_fields: ClassVar[tuple[str, ...]] = ("item", "origin", "line")
    item: str                    # 合计, 因公出国(境)费, 公务用车购置及运行维护费, 公务用车购置费, 公务用车运行维护费, 公务接待费
    budget: Decimal | None
    actual: Decimal | None
    origin: str                  # table or narrative
    line: int
    source: Source


@dataclass(frozen=True, slots=True)
class Procurement(Record):
    kind: ClassVar[str] = "Procurement"
    # A narrative line states the total and its 货物/服务 parts: the line alone is not a key.
    key_fields: ClassVar[tuple[str, ...]] = ("line", "item_name", "item_code")
    unit: str | None
    project: str | None
    item_code: str | None        # C23120302
    item_name: str | None
    function_code: str | None
    economic_code: str | None
    quantity: Decimal | None
    amount: Decimal | None       # 万元
    sme_amount: Decimal | None   # 其中面向中小企业
    small_micro_amount: Decimal | None
    line: int
    source: Source


@dataclass(frozen=True, slots=True)
class Variance(Record):
    """年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%，…主要原因是…"""

    kind: ClassVar[str] = "Variance"
    key_fields: ClassVar[tuple[str, ...]] = ("function_code", "name", "line")
    function_code: str | None
    name: str
    initial_budget: Decimal | None
    final: Decimal | None
    rate: Decimal | None         # percent as stated
    reason: str | None
    line: int
    source: Source


@dataclass(frozen=True, slots=True)
class FundingFlow(Record):
    kind: ClassVar[str] = "FundingFlow"
    key_fields: ClassVar[tuple[str, ...]] = ("recipient", "amount", "flow_type", "origin", "line")
    payer_department: str
    payer_place: str             # district of the paying department, e.g. 江汉区
    recipient_text: str          # as written, typos included
    recipient: str               # normalised place name
    amount: Decimal | None       # 万元
    unit: str                    # always 万元 after normalisation; the raw unit is in the source text
    year: int | None
    stage: str                   # budget or actual
    flow_type: str               # 对口帮扶, 结对帮扶, 援疆, 驻村帮扶, 救灾, 区域协作 ...
    purpose: str | None
    project: str | None
    origin: str                  # breakdown, narrative or indicator
    line: int
    source: Source
    notes: tuple[str, ...] = ()  # e.g. typo resolved: 宜恩县 → 宣恩县
    # Whose statement it is. "payer": the paying department's document (the usual case; payer_* is the document's
    # own department and place). "recipient": a receipt, the receiving side's document saying what it received
    # (收到武汉市江汉区对口帮扶资金2000万元): recipient is the document's own place, payer_place the place the
    # sentence names, payer_department "" unless the sentence names the department. The audit sets one against the other.
    stated_by: str = "payer"


@dataclass(frozen=True, slots=True)
class Problem(Record):
    """Something the loader could not read or had to repair: never dropped silently."""

    kind: ClassVar[str] = "Problem"
    key_fields: ClassVar[tuple[str, ...]] = ("line", "reason")
    file: str
    line: int
    severity: str                # warning (repaired or flagged) or error (not read)
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Statement(Record):
    """A figure the narrative states in words: `支出合计 3150.39 万元，与 2023 年度相比，支出合计增加
    490.44 万元，增长 18.4%` → subject 支出合计, amount 3150.39, change 490.44, change_pct 18.4.

    The audit compares these with the tables and recomputes their percentages."""

    kind: ClassVar[str] = "Statement"
    key_fields: ClassVar[tuple[str, ...]] = ("subject", "line", "column")
    subject: str                 # what the figure is of, normalised (年度/年 prefixes dropped)
    amount: Decimal | None       # the level stated, 万元
    change: Decimal | None       # signed change against base_year, 万元
    change_pct: Decimal | None   # signed percent change as stated
    share_pct: Decimal | None    # 占 …% as stated
    share_of: str | None         # what the share is of (本年支出合计 …), as written
    base_year: int | None        # the year a change is measured against
    base: str | None             # the comparison base as written: 2023年度, 上年, 年初预算数 …
    section: str | None          # the 情况说明 heading it sits under
    line: int
    column: int                  # character offset in the joined sentence, to tell apart two claims on a line
    source: Source


RECORD_TYPES: dict[str, type[Record]] = {
    cls.kind: cls for cls in (Document, Unit, Staffing, Asset, BudgetLine, Project, ProjectLine,
                              Indicator, ThreePublic, Procurement, Variance, FundingFlow, Statement, Problem)
}


@dataclass(slots=True)
class Extraction:
    """All records of one document, in reading order, with the problems met on the way."""

    document: Document
    records: list[Record] = field(default_factory=list)
    lines: tuple[str, ...] = ()  # the decoded text, so a knowledge base can show any cited line

    def of(self, kind: type[Record]) -> list[Any]:
        return [r for r in self.records if isinstance(r, kind)]

    @property
    def problems(self) -> list[Problem]:
        return self.of(Problem)
