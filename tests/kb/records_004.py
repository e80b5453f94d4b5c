"""Records of seed 004 (武汉市江汉区人民政府办公室 2024 年预算), built by hand from the seed's real
lines, for the canonical-graph, RDF and SHACL tests: they must not wait for every extractor.
Provenance text is read from the seed itself, so a wrong line number fails loudly."""
from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from loaders.records import (
    BudgetLine, Document, Extraction, FundingFlow, Indicator, Project, ProjectLine, Source, Target, Unit,
)

SEEDS = Path(os.environ.get("KB_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"))
DOC = "004_fd04dd69df0e1d80"
DEPT = "武汉市江汉区人民政府办公室"
PROJECT = "乡村振兴工作"


def seed_lines(doc: str = DOC) -> list[str]:
    return (SEEDS / f"{doc}.txt").read_text(encoding="utf-8").splitlines()


def src(line: int, table: str | None, last: int | None = None) -> Source:
    lines = seed_lines()
    last = last or line
    return Source(DOC, line, last, table, "\n".join(lines[line - 1:last]))


def jianghan_extraction() -> Extraction:
    lines = seed_lines()
    doc = Document(id=DOC, file_name=f"{DOC}.txt", sha256="eaf67c0579fa56a22bcd93992b6827eb53dced2ef3f68518bc4afa649c3410f2",
                   encoding="utf-8", line_count=len(lines), title=lines[2].strip(), department=DEPT, district="江汉区",
                   city="武汉市", fiscal_year=2024, stage="预算", published=None, source=src(3, "封面"))
    fn = "function"
    records = [
        Unit(name="武汉市江汉区人民政府办公室本级", code="104001", role="本级", source=src(505, "预算09")),
        BudgetLine(fn, "213", "农林水支出", "类", "一般公共预算", {"total": Decimal("3149.80"), "project": Decimal("3149.80")},
                   "预算03", src(353, "预算03")),
        BudgetLine(fn, "21305", "巩固脱贫攻坚成果衔接乡村振兴", "款", "一般公共预算",
                   {"total": Decimal("3149.80"), "project": Decimal("3149.80")}, "预算03", src(354, "预算03")),
        BudgetLine(fn, "2130599", "其他巩固脱贫攻坚成果衔接乡村振兴支出", "项", "一般公共预算",
                   {"total": Decimal("3149.80"), "project": Decimal("3149.80")}, "预算03", src(355, "预算03")),
        BudgetLine(fn, "2101103", "公务员医疗补助", "项", "一般公共预算",
                   {"total": Decimal("50.30"), "basic": Decimal("50.30")}, "预算03", src(351, "预算03")),
        Project(code="42010323104T000000104", name=PROJECT, unit="武汉市江汉区人民政府办公室本级", category="运转类",
                frequency="常年", budget=Decimal("3049.80"), executed=None, function_codes=("2130599",),
                legal_basis=None, source=src(511, "预算09")),
        ProjectLine(PROJECT, "对口宣恩县区域协作结对帮扶资金", "结对帮扶恩施州宣恩县", Decimal("2200.00"), src(736, "项目支出明细")),
        ProjectLine(PROJECT, "对口黄陂区帮扶资金", "对口黄陂区街道帮扶资金300万元（对口20个村，每村15万元）；驻村帮扶资金120万元"
                    "（对口20个村，每个派出单位筹措帮扶资金不少于3万元，按每村6万元）", Decimal("420.00"), src(737, "项目支出明细")),
        ProjectLine(PROJECT, "对口新疆博乐市青得里街道帮扶资金", "对口青得里街道帮扶资金", Decimal("200.00"), src(740, "项目支出明细")),
        FundingFlow(DEPT, "江汉区", "宣恩县", "宣恩县", Decimal("2200.00"), "万元", 2024, "budget", "对口帮扶",
                    "结对帮扶恩施州宣恩县", PROJECT, "breakdown", 736, src(736, "项目支出明细")),
        FundingFlow(DEPT, "江汉区", "黄陂区", "黄陂区", Decimal("420.00"), "万元", 2024, "budget", "驻村帮扶",
                    "对口黄陂区街道帮扶资金", PROJECT, "breakdown", 737, src(737, "项目支出明细")),
        FundingFlow(DEPT, "江汉区", "新疆博乐市青得里街道", "青得里街道", Decimal("200.00"), "万元", 2024, "budget", "援疆",
                    "对口青得里街道帮扶资金", PROJECT, "breakdown", 740, src(740, "项目支出明细")),
        FundingFlow("区政府办", "江汉区", "黄浦区", "黄浦区", Decimal("5.00"), "万元", 2024, "budget", "对口帮扶",
                    "慰问对口帮扶黄浦区20个贫困户", PROJECT, "breakdown", 743, src(743, "项目支出明细")),
        Indicator("project", PROJECT, "产出指标", "质量指标", "按期落实资金程度", "≥95%", Target("≥", Decimal("95"), "%"),
                  None, None, Decimal("10"), None, "年度绩效目标表", 765, src(765, "年度绩效目标表")),
    ]
    return Extraction(document=doc, records=records)
