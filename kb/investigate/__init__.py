"""The investigators' questions over the canonical graph: flows, money traces, regions,
departments and search. Used by the API and the CLI alike; knows nothing of HTTP."""
from kb.investigate.departments import department_view, find_department  # noqa: F401
from kb.investigate.flows import NotFound, find_flows, resolve_name  # noqa: F401
from kb.investigate.index import GraphIndex  # noqa: F401
from kb.investigate.regions import region_view  # noqa: F401
from kb.investigate.search import search  # noqa: F401
from kb.investigate.trace import trace  # noqa: F401
