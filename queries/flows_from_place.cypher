// name: flows_from_place
// description: Funding flows paid out of a place (对口帮扶, 援疆 …): year, stage, type, the recipient with its code and parent chain (up to four levels up), the amount in 万元 (exact text), and where the flow is stated (document, line).
// parameters: place (place) — the paying place, e.g. 江汉区
MATCH (f:FundingFlow)-[:FROM_PLACE]->(a:Place)
WHERE a.id = $place
OPTIONAL MATCH (f)-[:TO_PLACE]->(b:Place)
OPTIONAL MATCH (b)-[:PART_OF]->(p1:Place)
OPTIONAL MATCH (p1)-[:PART_OF]->(p2:Place)
OPTIONAL MATCH (p2)-[:PART_OF]->(p3:Place)
OPTIONAL MATCH (p3)-[:PART_OF]->(p4:Place)
RETURN f.id AS flow, f.year AS year, f.stage AS stage, f.flow_type AS flow_type,
       b.name AS recipient, b.code AS recipient_code,
       p1.name AS parent1, p2.name AS parent2, p3.name AS parent3, p4.name AS parent4,
       f.amount_exact AS amount, f.doc AS doc, f.line_start AS line
ORDER BY flow
