// name: amounts_under_code
// description: Every function classification concept under a code (the code itself, its 款 and 项, e.g. everything under 213 农林水支出) with the amounts departments state for it, in 万元: per code, department, year and stage the largest figure of its table rows (全部资金 includes 财政拨款 includes 一般公共预算), and how many rows state it.
// parameters: code (string) — a 类 or 款 function code, e.g. 213
MATCH (top:FunctionCode)<-[:BROADER*0..2]-(c:FunctionCode)<-[:CLASSIFIED_AS]-(b:BudgetLine)-[:OF_DEPARTMENT]->(d:Department)
WHERE top.code = $code
RETURN c.code AS concept, c.name AS name, c.level AS level, d.name AS department,
       b.year AS fiscal_year, b.stage AS stage, max(b.amount) AS amount, count(b) AS rows_stating
ORDER BY concept, department, fiscal_year, stage
