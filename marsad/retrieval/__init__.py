"""Search and read views over the store: Arabic full-text search (``search``), entities under any spelling,
stories as shown to users. The CLI, the Python API and the HTTP API call these same functions."""

from marsad.retrieval.engine import SearchOptions, search
from marsad.store.indexing import reindex
from marsad.retrieval.query import parse_query
from marsad.retrieval.views import find_entity_ids, story_view

__all__ = ["SearchOptions", "find_entity_ids", "parse_query", "reindex", "search", "story_view"]
