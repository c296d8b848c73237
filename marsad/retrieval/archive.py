"""The archive as users see it, one page at a time: articles, one article, entities, one entity, quotes, stories.

These functions build the JSON shapes of the read commands (``marsad articles|show|entities|entity|quotes|stories
--json``) and of the HTTP API, so both print the same objects. ``detail=True`` adds what a page shows beside the
command's shape (an article's duplicates and story; an entity's mentions per day and quotes).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.errors import ConfigError
from marsad.retrieval.views import find_entity_ids, story_view
from marsad.store import Store
from marsad.store.protocol import HitFilters

#: Articles of one entity read to draw its mentions per day (the newest beyond this are left out of the chart).
MAX_CHART_ARTICLES = 5000
#: Quotes of one person shown with the entity.
ENTITY_QUOTES = 20


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """Filters of an article listing: outlet, publication dates (inclusive ISO dates), entity (any spelling), story."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        """Refuse dates that are not ISO dates, naming the fix."""
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                check_date(name, value)


def check_date(name: str, value: str) -> str:
    """Return ``value`` when it starts with an ISO date; else raise ``ConfigError`` naming the fix."""
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not an ISO date: write it like 2019-04-25") from None
    return value


def articles_page(store: Store, filters: ArticleFilters = ArticleFilters(), limit: int = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles in arrival order, display fields only (``marsad articles --json``), one filtered page."""
    if not (filters.since or filters.until or filters.entity or filters.story):
        return store.list_articles(limit=limit, offset=offset, source=filters.source)
    entity_ids = tuple(find_entity_ids(store, filters.entity)) if filters.entity else None
    hit_filters = HitFilters(filters.source, filters.since, filters.until, entity_ids, filters.story)
    return store.filter_articles(hit_filters, limit, offset)


def article_view(store: Store, key: str, detail: bool = False) -> dict[str, Any] | None:
    """One article by Marsad or external id with its entities, quotes and times (``marsad show --json``).

    With ``detail``: also ``duplicates`` (what it copies: ``{article_id, duplicate_of, similarity, first_source,
    match}``) and ``story_id``.
    """
    row = store.get_article(key)
    if row is None:
        return None
    row.update(store.analysis(row["id"]))
    if detail:
        row["duplicates"] = store.duplicates_of_articles([row["id"]])
        row["story_id"] = store.story_ids_of_articles([row["id"]]).get(row["id"])
    return row


def entities_page(store: Store, type_: str | None = None, limit: int = 50, offset: int = 0,
                  min_mentions: int = 0) -> list[dict[str, Any]]:
    """Entities by mentions with their variants as a list (``marsad entities --json``), one page."""
    rows = store.list_entities(type_, limit, offset)
    return [{**r, "variants": r["variants"].split(" | ") if r["variants"] else []}
            for r in rows if r["mentions"] >= min_mentions]


def resolve_entity(store: Store, name: str) -> list[str]:
    """The ids an entity id or any spelling of a name refers to (an id first)."""
    return [name] if store.entity_detail(name, 1) else find_entity_ids(store, name)


def entity_view(store: Store, entity_id: str, detail: bool = False) -> dict[str, Any] | None:
    """One entity: variants, articles, co-occurring entities (``marsad entity --json``).

    With ``detail``: also ``mentions_per_day`` (``[{day, mentions}]``, oldest first) and ``quotes`` by this entity.
    """
    view = store.entity_detail(entity_id)
    if view is None or not detail:
        return view
    every = store.entity_detail(entity_id, MAX_CHART_ARTICLES) or {"articles": []}
    per_day = Counter()
    for a in every["articles"]:
        if a["published_at"]:
            per_day[a["published_at"][:10]] += a["mentions"]
    view["mentions_per_day"] = [{"day": d, "mentions": n} for d, n in sorted(per_day.items())]
    view["quotes"] = store.list_quotes([entity_id], ENTITY_QUOTES)
    return view


def quotes_page(store: Store, speaker: str | None = None, limit: int = 50,
                offset: int = 0) -> list[dict[str, Any]] | None:
    """Statements, newest first (``marsad quotes --json``), of a speaker under any spelling; None: no such speaker."""
    ids = find_entity_ids(store, speaker) if speaker else None
    if speaker and not ids:
        return None
    return store.list_quotes(ids, limit, offset)


def stories_page(store: Store, since: str | None = None, min_size: int = 1, limit: int = 50,
                 offset: int = 0) -> list[dict[str, Any]]:
    """Stories, latest first, each as ``story_view`` shows it (``marsad stories --json``), one page."""
    if since is not None:
        check_date("since", since)
    rows = store.list_stories(since, limit, min_size, offset)
    return [view for r in rows if (view := story_view(store, r["id"])) is not None]
