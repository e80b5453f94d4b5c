"""A synthetic national corpus of budget disclosures with ground truth (`kb synth`).

    kb synth --docs N --seed S [--typo-rate R] [--inconsistency-rate R] [--noise-rate R] [--within CODE] OUT/
    python -m kb.synth.accuracy OUT/        # how well the loaders read it, per kind

Each `<id>.txt` is a 部门预算 (like seed 004) or 部门决算 (like 000/003; OCR-damaged like 002/003 at
--noise-rate) of a department of one of the ~2,800 county-level governments; beside it,
`<id>.truth.json` holds (amounts are Decimal strings in 万元, lines 1-based in the .txt):
- `document`: id, department, district, place_code, city, prefecture, province, region, fiscal_year,
  stage, noise; `totals` (total = basic + project, basic = personnel + running, general + fund);
- `budget` (the department's function lines, with `initial_budget` in a 决算), `economic`;
- `budget_lines`: every row the tables print (table, classification, code, name, level, fund_type,
  measures, line, stated — False where OCR lost the table; code_as_printed where it was truncated);
- `projects` (code, name, function_code, budget, executed, items, indicators, line);
- `flows`: every statement of a payment to another place (payer, recipient at its level with its
  code and region, recipient_text as written, typo, amount, year, stage, flow_type, origin
  breakdown/narrative/indicator, line);
- `variances`, `three_public`, and `checks`: the arithmetic the text claims; an injected
  inconsistency (`inconsistency` names its kind) appears there with the stated and expected value.

Modules: places/departments/codes (real names and codes) · aid (the aid network, typos) ·
plan/projects (what a document says) · final/budget/declaration/common/page (how it is written) ·
noise (OCR damage) · corpus (enumeration, streaming output) · accuracy (loaders against the truth).
"""
