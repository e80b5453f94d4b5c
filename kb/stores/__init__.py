"""The embedded stores a knowledge base is projected into, with one query interface:

- `oxigraph_store`: the RDF projection in pyoxigraph (SPARQL);
- `ladybug_store`: the property graph in LadybugDB (Cypher);
- `nx_graph`: a networkx MultiDiGraph for algorithms and GraphML.

Each query function returns a `QueryResult` (kb/stores/base.py) and applies the read-only guard
(kb/readonly.py), the timeout and the row limit.
"""
from kb.stores.base import QueryResult

__all__ = ["QueryResult"]
