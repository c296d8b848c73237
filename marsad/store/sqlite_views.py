"""Read views of the SQLite backend that search, stories and the interfaces need (no SQL outside ``store/``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from marsad.store.protocol import HitFilters

#: The tables ``table_rows`` / ``put_rows`` serve (copying an archive between stores).
COPYABLE = frozenset({"articles", "mentions", "quotes", "times", "analysis_versions", "duplicates", "entities",
                      "entity_variants", "entity_keys", "stories", "story_articles", "state", "dedup_index"})


def _marks(n: int) -> str:
    """``?, ?, ...`` for ``n`` parameters."""
    return ",".join("?" * n)


def _q(column: str) -> str:
    """A column name quoted for SQL (``end`` is a keyword)."""
    return '"' + column.replace('"', '""') + '"'


def hit_filter_sql(filters: HitFilters) -> tuple[list[str], list[Any]]:
    """The conditions on articles ``a`` (and their parameters) that ``filters`` ask for: outlet, dates, entities,
    story. An empty ``entity_ids`` matches nothing."""
    wanted = [
        (filters.source, "a.source = ?", [filters.source]),
        (filters.since, "a.published_at >= ?", [filters.since]),
        (filters.until, "substr(a.published_at, 1, 10) <= ?", [(filters.until or "")[:10]]),
        (filters.entity_ids, "a.id IN (SELECT article_id FROM mentions WHERE entity_id IN "
                             f"({_marks(len(filters.entity_ids or ()))}))", list(filters.entity_ids or ())),
        (filters.entity_ids == (), "1 = 0", []),
        (filters.story_id, "a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)", [filters.story_id]),
    ]
    return [sql for on, sql, _ in wanted if on], [arg for on, _, args in wanted if on for arg in args]


class SQLiteViews:
    """Mixin of ``SQLiteStore``: read-only views over its connection ``db``."""

    db: sqlite3.Connection

    def entities_by_id(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """``{id: {id, type, canonical}}`` of the stored entities among ``ids``."""
        if not ids:
            return {}
        rows = self.db.execute(f"SELECT id, type, canonical FROM entities WHERE id IN ({_marks(len(ids))})", list(ids))
        return {r["id"]: dict(r) for r in rows}

    def filter_articles(self, filters: HitFilters, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles in arrival order (``list_articles``'s fields), filtered as search hits are."""
        where, args = hit_filter_sql(filters)
        rows = self.db.execute(
            "SELECT a.id, a.external_id, a.source, a.url, a.title, a.byline, a.published_at, a.dateline FROM articles a"
            f" WHERE {' AND '.join(['1 = 1', *where])} ORDER BY a.seq LIMIT ? OFFSET ?", [*args, limit, offset])
        return [dict(r) for r in rows]

    def story_ids_of_articles(self, ids: Sequence[str]) -> dict[str, str]:
        """``{article id: story id}`` of the given articles that belong to a story."""
        if not ids:
            return {}
        rows = self.db.execute(
            f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({_marks(len(ids))})", list(ids))
        return {r["article_id"]: r["story_id"] for r in rows}

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        """One stored story row (``data`` decoded into a dict), or None."""
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["data"] = json.loads(out.get("data") or "{}")
        return out

    def quotes_of_articles(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The quotes of ``ids`` with their speakers' canonical names, by article then position."""
        if not ids:
            return []
        rows = self.db.execute(
            "SELECT q.article_id, q.speaker, q.speaker_entity_id, e.canonical AS speaker_canonical, q.cue, q.text,"
            f" q.direct FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity_id"
            f" WHERE q.article_id IN ({_marks(len(ids))}) ORDER BY q.article_id, q.start", list(ids))
        return [{**dict(r), "direct": bool(r["direct"])} for r in rows]

    def duplicates_of_articles(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The near-duplicate records of ``ids``: what each copies, how similar, the first source, the match."""
        if not ids:
            return []
        rows = self.db.execute(
            "SELECT article_id, duplicate_of, similarity, first_source, match FROM duplicates"
            f" WHERE article_id IN ({_marks(len(ids))}) ORDER BY article_id, duplicate_of", list(ids))
        return [{**dict(r), "match": json.loads(r["match"]) if r["match"] else None} for r in rows]

    def chapter_links(self, limit: int = 3) -> list[dict[str, Any]]:
        """Stories that continue an earlier one, with the earlier story's title and date, longest gap first."""
        rows = self.db.execute(
            "SELECT s.id, s.title, s.first_seen, e.id AS earlier, e.title AS earlier_title, e.first_seen AS earlier_seen"
            " FROM stories s JOIN stories e ON e.id = s.chapter_of"
            " ORDER BY julianday(s.first_seen) - julianday(e.first_seen) DESC LIMIT ?", (limit,))
        return [dict(r) for r in rows]

    def article_story_ids(self) -> dict[str, str]:
        """``{external id: story id}`` of every article assigned to a story."""
        rows = self.db.execute(
            "SELECT a.external_id, s.story_id FROM articles a JOIN story_articles s ON s.article_id = a.id")
        return {r["external_id"]: r["story_id"] for r in rows}

    def table_rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of one of Marsad's tables, as stored (for copying between stores)."""
        if table not in COPYABLE:
            raise ValueError(f"table {table!r} cannot be copied: use one of {sorted(COPYABLE)}")
        order = " ORDER BY seq" if table == "articles" else ""
        for r in self.db.execute(f"SELECT * FROM {table}{order}"):
            yield dict(r)

    def put_rows(self, table: str, rows: Iterable[dict[str, Any]], replace: bool) -> int:
        """Insert rows into one of Marsad's tables (``replace``: upsert by key; else add); return the rows written."""
        if table not in COPYABLE:
            raise ValueError(f"table {table!r} cannot be copied: use one of {sorted(COPYABLE)}")
        n = 0
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        for row in rows:
            cols = list(row)
            self.db.execute(f"{verb} INTO {table} ({', '.join(_q(c) for c in cols)}) VALUES ({_marks(len(cols))})",
                            [row[c] for c in cols])
            n += 1
        return n
