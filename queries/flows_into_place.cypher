// name: flows_into_place
// description: Funding flows received by a place or by any place inside it, at any level (恩施州 finds the flows to 宣恩县 and 来凤县): payer place and department, the recipient as resolved, year, stage, type and amount in 万元 (exact text).
// parameters: place (place) — the receiving place at any level, e.g. 恩施州
MATCH (f:FundingFlow)-[:TO_PLACE]->(b:Place)-[:PART_OF*0..4]->(a:Place)
WHERE a.id = $place
OPTIONAL MATCH (f)-[:FROM_PLACE]->(src:Place)
RETURN f.id AS flow, src.name AS payer_place, f.payer_department AS payer, b.name AS recipient,
       f.year AS year, f.stage AS stage, f.flow_type AS flow_type, f.amount_exact AS amount
ORDER BY flow
