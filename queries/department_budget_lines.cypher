// name: department_budget_lines
// description: Every budget or final-account table row of a department: document, table, line, classification, code, row name, fund type and amount in 万元 (exact text).
// parameters: department (string) — the department's full name, e.g. 武汉市江汉区人民政府办公室
MATCH (b:BudgetLine)-[:OF_DEPARTMENT]->(d:Department)
WHERE d.name = $department
RETURN b.doc AS doc, b.`table` AS source_table, b.line_start AS line, b.classification AS classification,
       b.code AS code, b.name AS name, b.fund_type AS fund_type, b.amount_exact AS amount
ORDER BY doc, line, code, fund_type, amount
