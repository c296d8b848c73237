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


def find_entity_ids(store: SQLiteStore, name: str, type_: str | None = None) -> list[str]:
    """Ids of the stored entities a user's NAME refers to: exact variants first, else the same name key.

    Spelling variants and transliterations match through ``name_key`` (e.g. any spelling of Kim Jong Un).
    """
    from marsad.analysis.namekey import name_key

    exact = store.entities_matching([name.strip()])
    if exact:
        return _of_type(store, exact, type_)
    key = name_key(name)
    if not key:
        return []
    hits = []
    for row in store.entity_rows():
        names = [row["canonical"], *(row.get("variants") or {})]
        if any(name_key(n) == key for n in names):
            hits.append(row["entity_id"])
    if not hits and len(key) >= 3:  # a surname or given name alone: entities whose full-name key ends or starts so
        for row in store.entity_rows():
            full = name_key(row["canonical"])
            if full != key and (full.endswith(key) or full.startswith(key)):
                hits.append(row["entity_id"])
    return _of_type(store, hits, type_)


def _of_type(store: SQLiteStore, ids: list[str], type_: str | None) -> list[str]:
    """Keep the ids whose entity has ``type_`` (all when None)."""
    if not type_:
        return ids
    keep = {r["id"] for r in store.list_entities(type_, limit=10**9)}
    return [i for i in ids if i in keep]
