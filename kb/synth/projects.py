"""Projects: ordinary ones (a name, an itemised breakdown, indicators) and aid projects whose
breakdown lines are the flows to partner places."""
from __future__ import annotations

import random
from decimal import Decimal

from kb.synth import aid
from kb.synth.plan import CENT, Flow, Indicator, Item, Plan, Project, money, split

_ITEMS = (
    ("办公耗材", "按实际需求测算"), ("资料印刷", "文件、资料印刷费"), ("差旅费", "赴外地学习考察交流"),
    ("劳务费", "聘请临时人员劳务报酬"), ("系统运维", "信息系统年度运行维护"), ("业务培训", "专家授课、培训材料"),
    ("委托业务费", "委托第三方开展评估"), ("会议费", "专题会议场地及资料"), ("宣传费", "宣传册、展板制作"),
    ("设备购置", "办公设备更新"), ("专家咨询费", "聘请专家咨询论证"), ("租车费", "工作用车租赁"),
)
_BASES = ("《中华人民共和国预算法》", "《关于全面实施预算绩效管理的意见》", "区委、区政府年度工作要点",
          "《党政机关厉行节约反对浪费条例》", "部门“三定”方案", "上级主管部门年度工作安排")

_QUANTITY = (("开展专项活动次数", "次", 4, 30), ("培训人次", "人次", 50, 500), ("覆盖单位数", "个", 5, 40),
             ("编印资料份数", "份", 200, 5000), ("完成调研报告数", "篇", 2, 12))
_QUALITY = (("任务完成率", "%"), ("资料合格率", "%"), ("系统正常运行率", "%"))
_BENEFIT = ("工作效能提升度", "群众知晓率", "成果运用率")


def _indicators(rng: random.Random, total_weight: int, stage: str, aid_counts: tuple[int, int] | None) -> list[Indicator]:
    out: list[tuple[str, str, str, str]] = []
    if aid_counts:
        counties, towns = aid_counts
        out.append(("产出指标", "数量指标", "对口帮扶县及乡镇、街道数", f"{counties}个帮扶县，{towns}个帮扶街道"))
        out.append(("产出指标", "质量指标", "按期落实资金程度", "≥95%"))
    for name, unit, lo, hi in rng.sample(_QUANTITY, k=2):
        out.append(("产出指标", "数量指标", name, f"≥{rng.randint(lo, hi)}{unit}"))
    name, unit = rng.choice(_QUALITY)
    out.append(("产出指标", "质量指标", name, f"{rng.choice((95, 98, 100))}{unit}"))
    out.append(("产出指标", "时效指标", "完成及时率", "及时"))
    out.append(("效益指标", "社会效益指标", rng.choice(_BENEFIT), rng.choice(("显著提高", "≥90%", "提升"))))
    out.append(("满意度指标", "服务对象满意度指标", "服务对象满意度", f"≥{rng.choice((85, 90, 95))}%"))
    weights = [Decimal(w) for w in _weights(len(out), total_weight, rng)]
    result = []
    for (l1, l2, name, target), w in zip(out, weights):
        met = rng.random() < 0.6   # drawn for both stages (see ordinary_project)
        actual = None
        if stage == "决算":
            actual = target.lstrip("≥") if target[0] == "≥" and met else target
        result.append(Indicator(l1, l2, name, target, actual, w))
    return result


def _weights(n: int, total: int, rng: random.Random) -> list[int]:
    base = [total // n] * n
    for i in range(total - sum(base)):
        base[i % n] += 1
    return base


def _frequency(rng: random.Random) -> str:
    return rng.choice(("常年", "常年", "常年", "一次性", "延续性"))


def ordinary_project(plan: Plan, rng: random.Random, name: str, serial: int, size: int) -> Project:
    budget = money(rng.randint(300, 8000) * size)  # 3–80 万元 a project, times the department's size
    # drawn for both stages so a year's 预算 and 决算 stay in step; only the 决算 reports it
    executed = (budget * rng.choice((60, 80, 90, 95, 100, 100, 100, 105)) / 100).quantize(CENT)
    if plan.stage != "决算":
        executed = None
    code = f"{plan.county.code}{plan.year % 100:02d}{plan.unit_code}T{serial:09d}"
    project = Project(code, name, rng.choice(plan.dept_type.project_codes), "一般公共预算",
                      rng.choice(("运转类", "特定目标类")), _frequency(rng), budget, executed,
                      f"根据{rng.choice(_BASES)}及{plan.department}职能")
    picked = rng.sample(_ITEMS, k=rng.randint(2, 4))
    for (item, basis), amount in zip(picked, split(budget, len(picked), rng)):
        project.items.append(Item(item, basis, amount))
    project.indicators = _indicators(rng, 100 if plan.stage == "预算" else 80, plan.stage, None)
    return project


_AID_ITEM = {
    "东西部协作": ("对口{w}东西部协作帮扶资金", "东西部协作结对帮扶{w}"),
    "区域协作": ("对口{w}区域协作结对帮扶资金", "结对帮扶{w}"),
    "援疆": ("对口新疆{w}援疆资金", "对口支援新疆{w}"),
    "援藏": ("对口西藏{w}援藏资金", "对口支援西藏{w}"),
    "驻村帮扶": ("对口{w}驻村帮扶资金", "对口{w}驻村帮扶"),
    "救灾": ("{w}救灾资金", "支援{w}受灾乡镇做好生产自救"),
}
_PROJECT_SUFFIX = {"东西部协作": "东西部协作帮扶资金", "区域协作": "结对帮扶资金", "援疆": "援疆资金", "援藏": "援藏资金",
                   "驻村帮扶": "驻村帮扶资金", "救灾": "救灾资金"}
_BIG = {"东西部协作": (500, 2500), "区域协作": (500, 2500), "援疆": (100, 500),   # 万元 a year
        "援藏": (100, 500), "驻村帮扶": (100, 500), "救灾": (20, 200)}


def aid_project(plan: Plan, rng: random.Random, partners: list[aid.Partner], serial: int) -> Project:
    office = plan.dept_type.template.endswith("人民政府办公室")
    disaster = plan.dept_type.template.endswith(("应急管理局", "民政局"))
    items: list[Item] = []
    for partner in partners:
        kind = "救灾" if disaster else partner.flow_type
        lo, hi = _BIG[kind]
        scale = 1 if office else 4
        amount = money(rng.randint(lo // scale, hi // scale) * 100)  # whole 万元, as the seeds give them
        recipient = aid.pick_recipient(partner, rng)
        item_t, basis_t = _AID_ITEM[kind]
        if kind == "驻村帮扶":  # so many villages at 15 万元 each, as seed 004 computes it
            villages = max(2, int(amount) // 15)
            amount = money(villages * 15 * 100)
            basis_t = f"对口{{w}}{villages}个村驻村帮扶，按每村15万元测算"
        flow = Flow(recipient, kind, amount, {"救灾": "救灾", "驻村帮扶": "驻村帮扶"}.get(kind, "帮扶资金"))
        items.append(Item(item_t, basis_t, amount, flow))
    if office:  # one project for all partners, with its own running costs, as seed 004's 乡村振兴工作
        items.append(Item("印刷费", "帮扶相关文件、资料印刷", money(rng.randint(1, 8) * 100)))
        if len(partners) > 1:
            items.append(Item("差旅费", "赴{places}交流互访", money(rng.randint(5, 20) * 100)))
        name = "乡村振兴工作"
    else:       # a project that is the payment itself, named after its recipient (002's 建始县救灾)
        flow = items[0].flow
        name = f"{flow.recipient.written}{_PROJECT_SUFFIX[flow.flow_type]}"  # type: ignore[union-attr]
    budget = sum((i.amount for i in items), Decimal("0.00"))
    executed = budget if plan.stage == "决算" else None
    code = f"{plan.county.code}{plan.year % 100:02d}{plan.unit_code}T{serial:09d}"
    function_code = {"应急管理局": "2240199", "民政局": "2080202"}.get(plan.dept_type.template[3:], "2130599")
    project = Project(code, name, function_code, "一般公共预算", "特定目标类", "常年", budget, executed,
                      "根据省、市对口支援和东西部协作工作要求", items)
    towns = sum(1 for i in items if i.flow and i.flow.recipient.level == "township")
    counties = sum(1 for i in items if i.flow and i.flow.recipient.level != "township")
    project.indicators = _indicators(rng, 100 if plan.stage == "预算" else 80, plan.stage, (counties, towns))
    return project
