// name: money_trace
// description: The money trail from a place, up to three hops (a place that receives money and pays some on): every payment on the trail with its payer, recipient, the hop at which it is first reached, its flow, year, stage and amount in 万元 (exact text).
// parameters: place (place) — where the trail starts, e.g. 江汉区
MATCH path = (a:Place)-[:FUNDS*0..2]->(x:Place)-[f:FUNDS]->(b:Place)
WHERE a.id = $place
RETURN x.name AS payer, b.name AS recipient, min(length(path)) AS hop, f.flow AS flow,
       f.year AS year, f.stage AS stage, f.amount_exact AS amount
ORDER BY hop, flow
