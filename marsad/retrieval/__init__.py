"""Search and read views over the store: Arabic full-text search (``search``), entities under any spelling,
stories as shown to users. The CLI, the Python API and the HTTP API call these same functions."""

from marsad.retrieval.archive import (ArticleFilters, article_view, articles_page, entities_page, entity_view,
                                     quotes_page, resolve_entity, stories_page)
from marsad.retrieval.engine import SearchOptions, search
from marsad.store.indexing import reindex
from marsad.retrieval.query import parse_query
from marsad.retrieval.views import SummaryCache, find_entity_ids, story_view

__all__ = ["ArticleFilters", "SearchOptions", "article_view", "articles_page", "entities_page", "entity_view",
           "find_entity_ids", "parse_query", "quotes_page", "reindex", "resolve_entity", "search", "stories_page",
           "story_view", "SummaryCache"]
