"""Scale-out backends: the canonical graph written to a Neo4j-compatible server over Bolt
(`neo4j_sync`) and the RDF projection pushed to a SPARQL 1.1 server (`sparql_sync`)."""
