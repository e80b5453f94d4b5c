// name: function_total_per_district
// description: Spending on one function classification code (e.g. 213 农林水支出) per district, year and stage, in 万元. A code's row appears in several tables and fund types of one disclosure; each department counts once, with its largest figure (全部资金 includes 财政拨款 includes 一般公共预算), and a district's total is the sum over its departments.
// parameters: code (string) — a function classification code, e.g. 213
MATCH (b:BudgetLine)-[:OF_DEPARTMENT]->(d:Department)-[:LOCATED_IN]->(p:Place)
WHERE b.code = $code AND b.classification = 'function'
WITH p, d, b.year AS fiscal_year, b.stage AS stage, max(b.amount) AS amount
RETURN p.name AS district, fiscal_year, stage, sum(amount) AS total, count(d) AS departments
ORDER BY district, fiscal_year, stage
