"""Queries over the store: the query is normalized with the same profile as the stored text."""

from __future__ import annotations

from typing import Any

from marsad.store import SQLiteStore
from marsad.text.normalize import normalize

#: Most hits returned by default.
DEFAULT_LIMIT = 20


def search_articles(store: SQLiteStore, query: str, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Articles whose normalized title or body contains every normalized word of ``query`` (newest first)."""
    terms = normalize(query).split()
    if not terms:
        return []
    where = " AND ".join("(title_norm LIKE ? OR body_norm LIKE ?)" for _ in terms)
    args: list[Any] = [a for t in terms for a in (f"%{t}%", f"%{t}%")]
    return store.execute(
        f"SELECT id, external_id, source, published_at, title FROM articles WHERE {where}"
        " ORDER BY published_at DESC LIMIT ?",
        [*args, limit],
    )
