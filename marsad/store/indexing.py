"""Keeping the search index in step with the stored articles (any backend): build, rebuild, add one article.

The index holds Marsad's own terms (:mod:`marsad.text.searchterms`); its version is recorded, so a change of
term rules makes the next ingest or search rebuild it once (``marsad reindex`` does it on demand).
"""

from __future__ import annotations

from marsad.store.protocol import Store
from marsad.text.searchterms import SEARCH_TERMS_VERSION, search_columns


def reindex(store: Store) -> int:
    """Rebuild the search index from every stored article's normalized text; return the articles indexed."""
    with store.transaction():
        return store.rebuild_search_index(
            ((seq, search_columns(title, body)) for seq, title, body in store.iter_search_sources()),
            SEARCH_TERMS_VERSION,
        )


def ensure_index(store: Store) -> bool:
    """Rebuild the index when it was built with other term rules or never; return whether it rebuilt."""
    if store.search_index_version() == SEARCH_TERMS_VERSION:
        return False
    reindex(store)
    return True


def index_article(store: Store, seq: int, title_norm: str, body_norm: str) -> None:
    """Add one newly stored article (inside the caller's transaction)."""
    store.index_search_terms(seq, search_columns(title_norm, body_norm))
