"""Which cell of a performance-indicator row is which: the header's roles (目标值, 实际完成, 权重, 得分 …),
the years an annual table spreads its target over, and the alignment of a row's values to those roles
from the right (the left cells hold the levels and the name, merged or shifted as the PDF left them).
"""
from __future__ import annotations

import functools

from decimal import Decimal, InvalidOperation
from typing import Iterator

from loaders.records import Target
from loaders.targets import parse_target

LEVEL1 = {"产出指标", "效益指标", "满意度指标", "成本指标", "产出", "效益", "满意度", "运行成本", "管理效率", "履职效能",
          "社会效应", "能力建设"}
# Header cell → role of the column. Order matters: the longer heading first.
_ROLES = (("指标值确定依据", "basis"), ("指标分值权重", "weight"), ("指标权重", "weight"), ("指标分类", "category"),
          ("年初目标值", "target"), ("年初指标值", "target"), ("实际完成", "actual"), ("得分", "score"),
          ("指标值", "target"))
# How the 指标值确定依据 column starts: never a target value.
_BASIS_WORDS = ("计划数据", "计划指标", "计划标准", "政策标准", "依据", "根据", "历史标准", "行业标准")


def header_roles(header: list[str]) -> list[str] | None:
    """The roles of the value columns, left to right, from the header row that names 三级指标 / 指标名称."""
    cells = [c.replace(" ", "") for c in header]
    try:
        at = next(i for i, c in enumerate(cells) if "三级指标" in c or "指标名称" in c or c == "一")
    except StopIteration:
        return None
    roles = []
    for c in cells[at + 1:]:
        role = next((r for word, r in _ROLES if word in c), None)
        if role:
            roles.append(role)
    return roles or None


def years_follow(lines: tuple[str, ...], n: int) -> bool:
    """Whether the rows below a header spread the target over years (前年 / 上年 / 预计当年实现)."""
    return any("前年" in lines[i] for i in range(n, min(n + 3, len(lines))))


def with_years(roles: list[str], lines: tuple[str, ...], n: int, weighted: bool) -> list[str]:
    """004's annual tables: 指标值 spans 前年 / 上年 / 预计当年实现 (/ 指标分值权重), said on the next row or not
    at all (a header with 指标权重比例 always has the four columns)."""
    follow = " ".join(lines[i] for i in range(n, min(n + 3, len(lines))))
    weighted = weighted or "指标分值权重" in follow
    years = ["prev2", "prev1", "target"] + (["weight"] if weighted else [])
    at = roles.index("target")
    return roles[:at] + years + [r for r in roles[at + 1:] if r != "weight" or not weighted]


def is_level(text: str) -> bool:
    """A level heading, not an indicator name: 产出指标, 数量指标, 服务对象满意度指 (cut)."""
    flat = text.replace(" ", "")
    return flat in LEVEL1 or (len(flat) <= 10 and (flat.endswith("指标") or flat.endswith("指")))


def _is_value(text: str) -> bool:
    """38 次, ≥95%: a value shifted into the name column, not a name."""
    t = parse_target(text)
    return t is not None and t.comparator is not None


@functools.lru_cache(maxsize=1 << 14)
def is_number(text: str) -> bool:
    """A weight or score cell: a number, `分` allowed (memoised: alignment asks about each cell several times)."""
    try:
        Decimal(text.replace(" ", "").replace("分", ""))
        return True
    except InvalidOperation:
        return False


def _tries(cells: list[str], roles: list[str]) -> Iterator[tuple[list[str], list[str], list[str]]]:
    """The (values, rest, roles) splits `align` tries, in order; made one at a time, since the first
    fits most rows."""
    bare = [r for r in roles if r != "basis"]  # rows that lost their last column
    for rs in (roles, bare):
        yield cells[-len(rs):], cells[:-len(rs)], rs
    nonempty = [c for c in cells if c]
    for rs in (roles, bare):
        yield nonempty[-len(rs):], nonempty[:-len(rs)], rs
    for j in range(len(roles) - 1, 0, -1):
        yield nonempty[-j:], nonempty[:-j], roles[:j]
        yield nonempty[-j:], nonempty[:-j], roles[-j:]


def align(cells: list[str], roles: list[str]) -> tuple[dict[str, str], list[str]] | None:
    """Values on the right, aligned to the header's roles; the cells left over hold the levels and the name."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    for values, rest, rs in _tries(cells, roles):
        if len(values) != len(rs):
            continue
        got = dict(zip(rs, values))
        rest = [c for c in rest if c]
        if not rest or is_number(rest[-1]) or is_level(rest[-1]) or _is_value(rest[-1]):
            continue
        basis = got.get("basis")
        if basis and (parse_target(basis) or Target(None, None, None)).comparator is not None:
            continue
        # (the tests written out, not as generators: this runs for every row of every performance table)
        weight, score = got.get("weight"), got.get("score")
        if weight and not is_number(weight) or score and not is_number(score):
            continue             # weight and score are numbers
        if "score" in got and not score:
            continue
        target, actual = got.get("target"), got.get("actual")
        if not (target or actual):
            continue
        if (target or "").startswith(_BASIS_WORDS) or (actual or "").startswith(_BASIS_WORDS):
            continue
        return got, rest
    return None
