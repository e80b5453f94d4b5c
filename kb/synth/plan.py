"""What one synthetic disclosure says, before it is written: the department, its function
lines (项 level; 类 and 款 rows are sums), its economic breakdown, 三公, projects with their
itemised lines and indicators, the flows it pays, and any inconsistency deliberately injected.

Everything is drawn from a `random.Random` seeded by (corpus seed, document index), so a
document is the same whatever else is generated. Money is Decimal 万元 with two decimals,
drawn as integer cents so no float ever touches an amount.
"""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from decimal import Decimal

from kb.synth import aid, codes
from kb.synth.departments import DepartmentType, project_names
from kb.synth.places import Place, full_name

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """`total` cut into `parts` positive-or-zero amounts that add up to it exactly."""
    cents = int(total * 100)
    if parts <= 1 or cents <= 0:
        return [total] + [ZERO] * (parts - 1)
    weights = [rng.randint(1, 100) for _ in range(parts)]
    s = sum(weights)
    out = [cents * w // s for w in weights]
    out[0] += cents - sum(out)
    return [money(c) for c in out]


@dataclass(slots=True)
class FunctionLine:
    code: str                    # 7-digit 项
    fund: str                    # 一般公共预算 or 政府性基金预算
    personnel: Decimal = ZERO
    running: Decimal = ZERO
    project: Decimal = ZERO      # budget (预算) or executed (决算)
    initial_budget: Decimal = ZERO  # 决算 only: 年初预算 of this line

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.running

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


@dataclass(slots=True)
class Flow:
    recipient: aid.Recipient
    flow_type: str
    amount: Decimal
    purpose: str                 # what the money is for, as the project's line names it


@dataclass(slots=True)
class Item:
    """One line of a project's 项目支出明细."""
    item: str
    basis: str
    amount: Decimal
    flow: Flow | None = None


@dataclass(slots=True)
class Indicator:
    level1: str
    level2: str
    name: str
    target: str
    actual: str | None
    weight: Decimal
    line: int | None = None       # where the text prints it (set when written)


@dataclass(slots=True)
class Project:
    code: str
    name: str
    function_code: str
    fund: str
    category: str                # 运转类 / 特定目标类
    frequency: str               # 常年 / 一次性 / 延续性
    budget: Decimal
    executed: Decimal | None     # 决算 only
    legal_basis: str
    items: list[Item] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        """What the function tables carry: the budget (预算) or the executed amount (决算)."""
        return self.executed if self.executed is not None else self.budget


@dataclass(slots=True)
class Plan:
    doc_id: str
    index: int
    county: Place
    dept_type: DepartmentType
    department: str
    place_name: str              # 武汉市江汉区
    year: int
    stage: str                   # 预算 or 决算
    noise: str                   # clean, ocr_lines (like 002) or ocr_spaces (like 003)
    unit_code: str
    lines: list[FunctionLine]
    economic: dict[str, Decimal]  # 5-digit economic code → amount (basic expenditure)
    three_public: dict[str, tuple[Decimal, Decimal | None]]  # item → (budget, actual)
    projects: list[Project]
    staff: dict[str, int]
    inconsistency: str | None = None  # kind of the injected inconsistency, if any
    layout: str = "full"         # 决算 function tables: full (类/款/项 rows, like 003) or items (项 only, like 000)

    @property
    def personnel(self) -> Decimal:
        return sum((l.personnel for l in self.lines), ZERO)

    @property
    def running(self) -> Decimal:
        return sum((l.running for l in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((l.total for l in self.lines), ZERO)

    @property
    def general_total(self) -> Decimal:
        return sum((l.total for l in self.lines if l.fund == "一般公共预算"), ZERO)

    @property
    def fund_total(self) -> Decimal:
        return sum((l.total for l in self.lines if l.fund == "政府性基金预算"), ZERO)

    @property
    def project_total(self) -> Decimal:
        return sum((l.project for l in self.lines), ZERO)

    @property
    def initial_budget(self) -> Decimal:
        return sum((l.initial_budget for l in self.lines), ZERO)


INCONSISTENCY_KINDS = ("class_sum", "narrative_total", "three_public_sum", "breakdown_sum", "percentage")


def doc_id(seed: int, index: int) -> str:
    digest = hashlib.sha1(f"budget-kb synth {seed} {index}".encode()).hexdigest()[:16]
    return f"{index:06d}_{digest}"


def build(seed: int, index: int, county: Place, rank: int, dept_type: DepartmentType, year: int, stage: str,
          noise_rate: float, inconsistency_rate: float) -> Plan:
    rng = random.Random(f"{seed}:{index}")
    # What the department is (size, staff) comes from a generator shared by all its documents, and
    # what it planned for a year from one shared by that year's 预算 and 决算: the 决算 then executes
    # the very budget its 预算 published (年初预算 = the 预算's figure), with the usual deviations.
    drng = random.Random(f"{seed}:dept:{county.code}:{rank}")
    srng = random.Random(f"{seed}:year:{county.code}:{rank}:{year}")
    place_name = full_name(county)
    size = drng.choice((1, 1, 2, 2, 3, 4, 6))
    noise = "clean"
    if stage == "决算" and rng.random() < noise_rate:
        noise = rng.choice(("ocr_lines", "ocr_spaces"))
    plan = Plan(doc_id(seed, index), index, county, dept_type, dept_type.name(place_name), place_name, year, stage,
                noise, f"{100 + rank}", [], {}, {}, [], {})
    if stage == "决算" and noise == "clean" and rng.random() < 0.5:
        plan.layout = "items"
    _staff(plan, drng, size)
    _basic_lines(plan, srng, size)
    _projects(plan, srng, seed, size)
    for line in plan.lines:
        line.initial_budget = line.total
    planned = _economic(plan, random.Random(f"{seed}:economic:{county.code}:{rank}:{year}"))
    plan.economic = planned
    if stage == "决算":
        _execute(plan, rng, size)
        plan.economic = _economic(plan, rng)
    _three_public(plan, planned)
    if rng.random() < inconsistency_rate:
        kinds = [k for k in INCONSISTENCY_KINDS if k != "breakdown_sum" or stage == "预算"]
        if noise == "ocr_lines":  # its tables are lost: only what the narrative states can disagree
            kinds = ["narrative_total", "percentage"]
        plan.inconsistency = rng.choice(kinds)
    return plan


def _execute(plan: Plan, rng: random.Random, size: int) -> None:
    """The year as it went: pay and running costs drift, projects are executed in part or in
    full, and now and then a project is added mid-year (年中追加) that the 预算 did not have."""
    from kb.synth.projects import ordinary_project
    for line in plan.lines:
        if line.personnel:
            line.personnel = (line.personnel * rng.randint(95, 112) / 100).quantize(CENT)
        if line.running:
            line.running = (line.running * rng.randint(85, 105) / 100).quantize(CENT)
    if rng.random() < 0.3:
        taken = {p.name for p in plan.projects}
        name = next((n for n in project_names(plan.dept_type) if n not in taken), None)
        if name is not None:
            extra = ordinary_project(plan, rng, name, 100 + len(plan.projects), size)
            extra.budget = extra.executed = extra.executed or extra.budget   # no 年初 budget: adjusted = executed
            for item, amount in zip(extra.items, split(extra.budget, len(extra.items), rng)):
                item.amount = amount
            plan.projects.append(extra)
            if not any(l.code == extra.function_code and l.fund == extra.fund for l in plan.lines):
                plan.lines.append(FunctionLine(extra.function_code, extra.fund))
                plan.lines.sort(key=lambda l: (l.code, l.fund))
    for line in plan.lines:
        line.project = sum((p.amount for p in plan.projects if p.function_code == line.code and p.fund == line.fund), ZERO)


def _staff(plan: Plan, rng: random.Random, size: int) -> None:
    quota = rng.randint(8, 25) * size
    plan.staff = {"编制": quota, "在职": quota - rng.randint(0, 3), "离退休": rng.randint(2, 12) * size}


def _basic_lines(plan: Plan, rng: random.Random, size: int) -> None:
    admin = plan.dept_type.basic_code   # the 款's 行政运行 (2010301, 2130501 …), a school's 初中教育
    staff = plan.staff["在职"]
    wage = money(rng.randint(1500, 2600) * staff)   # 15–26 万元 per person a year
    running = money(rng.randint(300, 600) * staff)    # 3–6 万元 per person
    plan.lines.append(FunctionLine(admin, "一般公共预算", personnel=wage, running=running))
    pension = (wage * Decimal("0.16")).quantize(CENT)
    shares = {"2080505": pension, "2080506": (pension / 2).quantize(CENT),
              "2101103": (wage * Decimal("0.05")).quantize(CENT), "2210201": (wage * Decimal("0.12")).quantize(CENT),
              "2101101": (wage * Decimal("0.04")).quantize(CENT), "2210202": (wage * Decimal("0.025")).quantize(CENT)}
    if plan.staff["离退休"] > 8:
        shares["2080501"] = money(rng.randint(300, 800) * plan.staff["离退休"])
    for code in codes.COMMON_PERSONNEL:
        if code in shares and (code in ("2080505", "2210201") or rng.random() < 0.8):
            plan.lines.append(FunctionLine(code, "一般公共预算", personnel=shares[code]))


def _projects(plan: Plan, rng: random.Random, seed: int, size: int) -> None:
    from kb.synth.projects import aid_project, ordinary_project  # projects need Plan; kept apart for size
    names = list(project_names(plan.dept_type))
    rng.shuffle(names)
    count = rng.randint(2, 4 + size)
    serial = 100
    for name in names[:count]:
        plan.projects.append(ordinary_project(plan, rng, name, serial, size))
        serial += 1
    if plan.dept_type.aid:
        for partner_group in _aid_groups(seed, plan):
            plan.projects.append(aid_project(plan, rng, partner_group, serial))
            serial += 1
    land_users = ("人民政府办公室", "住房和城乡建设局", "城市管理执法局", "自然资源和规划局", "交通运输局", "水利局")
    if plan.dept_type.template.endswith(land_users) and rng.random() < 0.25:  # land-sale funded (政府性基金), as in 000
        p = ordinary_project(plan, rng, "城市建设项目", serial, size)
        p.function_code, p.fund = "2120803", "政府性基金预算"
        plan.projects.append(p)
    by_code: dict[tuple[str, str], FunctionLine] = {(l.code, l.fund): l for l in plan.lines}
    for p in plan.projects:
        line = by_code.get((p.function_code, p.fund))
        if line is None:
            line = by_code[(p.function_code, p.fund)] = FunctionLine(p.function_code, p.fund)
            plan.lines.append(line)
        line.project += p.budget
    plan.lines.sort(key=lambda l: (l.code, l.fund))


def _aid_groups(seed: int, plan: Plan) -> list[list[aid.Partner]]:
    partners = aid.partners(seed, plan.county.code)
    if not partners:
        return []
    # The office carries every partner in one 乡村振兴 project, as the seeds do; other aid
    # departments carry one partner each, when the dice say they take part this year.
    if plan.dept_type.template.endswith("人民政府办公室"):
        return [list(partners)]
    rng = random.Random(f"{seed}:aidgroup:{plan.county.code}:{plan.dept_type.template}:{plan.year}")
    return [[p] for p in partners if rng.random() < 0.5]


def _economic(plan: Plan, rng: random.Random) -> dict[str, Decimal]:
    """Basic expenditure split over economic codes: personnel over 301/303, running costs over 302."""
    out: dict[str, Decimal] = {}
    personnel_codes = [c for c in codes.PERSONNEL_ECONOMIC if c in ("30101", "30102", "30108", "30113") or rng.random() < 0.7]
    running_codes = [c for c in codes.RUNNING_ECONOMIC if c in ("30201", "30217", "30231") or rng.random() < 0.6]
    for code, amount in zip(personnel_codes, split(plan.personnel, len(personnel_codes), rng)):
        out[code] = amount
    for code, amount in zip(running_codes, split(plan.running, len(running_codes), rng)):
        out[code] = amount
    return out


def _three_public(plan: Plan, planned: dict[str, Decimal]) -> None:
    """三公: the budget is what the year's 预算 set for 公务接待费 and 公务用车运行维护费 (its economic
    lines 30217 and 30231); a 决算 adds what was spent (the same lines of its own breakdown)."""
    actual = plan.stage == "决算"
    spent = plan.economic

    def part(code: str) -> tuple[Decimal, Decimal | None]:
        return planned.get(code, ZERO), spent.get(code, ZERO) if actual else None

    plan.three_public = {
        "因公出国(境)费": (ZERO, ZERO if actual else None),
        "公务用车购置费": (ZERO, ZERO if actual else None),
        "公务用车运行维护费": part("30231"),
        "公务接待费": part("30217"),
    }

