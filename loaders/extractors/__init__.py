"""The extractors, one module per kind of fact. Import order = run order: later extractors may
read what earlier ones found (`Context.found`)."""
from loaders.extractors import (  # noqa: F401
    budget_tables,      # BudgetLine (and totals) from tab-separated tables: 公开01-09, 预算01-10
    narrative_lines,    # BudgetLine recovered from narrative and self-evaluation text (OCR files, 002)
    variances,          # Variance statements: 年初预算 X，支出决算 Y，完成 Z%，原因
    units_staff_assets, # Unit, Staffing, Asset
    three_public,       # ThreePublic (三公) from tables and narrative
    procurement,        # Procurement lines
    projects,           # Project, ProjectLine (breakdowns), categories, legal basis, budget/executed
    indicators,         # Indicator (绩效指标) with parsed targets
    flows,              # FundingFlow between places
    receipts,           # FundingFlow stated by the recipient: money it says it received (stated_by=recipient)
    statements,         # Statement: figures the narrative states in words (for the audit)
)
