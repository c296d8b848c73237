"""The embedded default store: one SQLite file in WAL mode, migrated on open, written in transactions."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from marsad.errors import StoreError
from marsad.model import Article, Mention, Quote, TimeExpr
from marsad.store.migrations import SQLITE_MIGRATIONS, Migration
from marsad.store.sqlite_search import SQLiteSearch
from marsad.store.sqlite_views import SQLiteViews

#: State rows fetched per query when the story state is read in order (SQLite allows 32,766 parameters).
STATE_CHUNK = 500

ARTICLE_FIELDS = (
    "id", "external_id", "source", "url", "title", "byline", "published_at", "dateline", "body",
    "title_norm", "body_norm", "norm_profile", "content_hash", "origin", "ingested_at", "seq",
)


class SQLiteStore(SQLiteViews, SQLiteSearch):
    """Articles and everything found in them, in one SQLite database file (or ``:memory:``)."""

    #: How a write transaction starts: IMMEDIATE takes SQLite's write lock up front (no upgrade deadlock).
    BEGIN = "BEGIN IMMEDIATE"

    backend = "sqlite"

    def __init__(self, path: str | Path, *, trace: Callable[[str], None] | None = None) -> None:
        """Open (creating if needed) and migrate the database at ``path``."""
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"cannot create database {self.path}: folder {parent} does not exist; create it first")
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            if trace:
                self.db.set_trace_callback(trace)
            self._refuse_foreign()  # before the journal mode, which is written into the file
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable Marsad SQLite database ({exc}): give a new file name") from None

    # -- schema -------------------------------------------------------------------------------------------
    def _refuse_foreign(self) -> None:
        """Refuse a database that holds another program's tables and no Marsad migrations (never add ours to it)."""
        tables = [r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        if tables and "_migrations" not in tables:
            self.db.close()
            shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(f"{self.path} is another program's SQLite database (tables: {shown}), not a Marsad "
                             "archive: nothing was changed; give Marsad a new file name")

    def applied_migrations(self) -> list[str]:
        """Names of the migrations already applied, in order."""
        self.db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        return [r[0] for r in self.db.execute("SELECT name FROM _migrations ORDER BY rowid")]

    def migrate(self, migrations: Sequence[Migration] = SQLITE_MIGRATIONS) -> list[str]:
        """Apply pending migrations, each atomically with its record; return the names applied."""
        done = set(self.applied_migrations())
        applied = []
        for m in migrations:
            if m.name in done:
                continue
            with self.transaction():
                for sql in m.statements:
                    self.db.execute(sql)
                self.db.execute("INSERT INTO _migrations VALUES (?, ?)", (m.name, _now()))
            applied.append(m.name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one transaction: all of it is stored, or none of it."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute(self.BEGIN)
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        self.db.close()

    # -- articles -----------------------------------------------------------------------------------------
    def find_same(self, source: str | None, url: str | None, content_hash: str) -> str | None:
        """Return the id of an article from the same outlet with the same URL or the same normalized text."""
        if url:
            row = self.db.execute(
                "SELECT id FROM articles WHERE coalesce(source, '') = ? AND url = ?", (source or "", url)
            ).fetchone()
            if row:
                return row[0]
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND coalesce(source, '') = ?", (content_hash, source or "")
        ).fetchone()
        return row[0] if row else None

    def has_article(self, article_id: str) -> bool:
        """True when an article with this Marsad id is stored."""
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def insert_article(self, article_id: str, article: Article, ingested_at: str | None = None) -> int:
        """Store one article under ``article_id`` (stamped now, or ``ingested_at`` when copied); return its arrival
        sequence number."""
        seq = self.db.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0]
        extra = {"id": article_id, "ingested_at": ingested_at or _now(), "seq": seq}
        self.db.execute(
            f"INSERT INTO articles ({', '.join(ARTICLE_FIELDS)}) VALUES ({', '.join('?' * len(ARTICLE_FIELDS))})",
            [extra[f] if f in extra else getattr(article, f) for f in ARTICLE_FIELDS],
        )
        return seq

    def count_articles(self) -> int:
        """Number of stored articles."""
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def list_articles(self, limit: int = 50, offset: int = 0, source: str | None = None) -> list[dict[str, Any]]:
        """Stored articles in arrival order (display fields only, no normalized text)."""
        where, args = ("WHERE source = ?", [source]) if source else ("", [])
        rows = self.db.execute(
            f"SELECT id, external_id, source, url, title, byline, published_at, dateline FROM articles {where}"
            " ORDER BY seq LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return [dict(r) for r in rows]

    def get_article(self, key: str) -> dict[str, Any] | None:
        """One article by Marsad id or external id, with its display text (never the normalized form)."""
        row = self.db.execute(
            "SELECT id, external_id, source, url, title, byline, published_at, dateline, body, norm_profile, origin,"
            " ingested_at FROM articles WHERE id = ? OR external_id = ? ORDER BY seq LIMIT 1",
            (key, key),
        ).fetchone()
        return dict(row) if row else None

    def norm_text(self, article_id: str) -> str | None:
        """The normalized title and body of one article (for matching, never for display)."""
        row = self.db.execute("SELECT title_norm, body_norm FROM articles WHERE id = ?", (article_id,)).fetchone()
        return f"{row[0]}\n{row[1]}" if row else None

    # -- analysis -----------------------------------------------------------------------------------------
    def save_analysis(
        self, article_id: str, mentions: Iterable[Mention], quotes: Iterable[Quote], times: Iterable[TimeExpr],
        versions: dict[str, str],
    ) -> None:
        """Replace the mentions, quotes and times of one article, with the rule/model versions that made them."""
        for table in ("mentions", "quotes", "times", "analysis_versions"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self.db.executemany(
            'INSERT INTO mentions (article_id, field, start, "end", text, type, entity_id, canonical)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, m.field, m.start, m.end, m.text, m.type, m.entity_id, m.canonical) for m in mentions],
        )
        self.db.executemany(
            'INSERT INTO quotes (article_id, field, start, "end", text, speaker, speaker_entity_id, cue, direct)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, q.field, q.start, q.end, q.text, q.speaker, q.speaker_entity_id, q.cue, int(q.direct))
             for q in quotes],
        )
        self.db.executemany(
            'INSERT INTO times (article_id, field, start, "end", text, value, calendar) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(article_id, t.field, t.start, t.end, t.text, t.value, t.calendar) for t in times],
        )
        self.db.execute("INSERT INTO analysis_versions VALUES (?, ?)", (article_id, json.dumps(versions)))

    def analysis(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        """The stored entities, quotes and times of one article."""
        out: dict[str, list[dict[str, Any]]] = {}
        for key, table, order in (("entities", "mentions", "field, start"), ("quotes", "quotes", "field, start"),
                                  ("times", "times", "field, start")):
            rows = self.db.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {order}", (article_id,))
            out[key] = [{k: r[k] for k in r.keys() if k != "article_id"} for r in rows]
        for q in out["quotes"]:
            q["direct"] = bool(q["direct"])
        return out

    # -- entities -----------------------------------------------------------------------------------------
    def save_entities(self, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert resolved entities (registry rows: id, type, canonical, ids, mention count, variants)."""
        for r in rows:
            data = {k: r.get(k) for k in ("gaz_id", "roles", "version")}
            if r.get("offices"):  # the dated office table (issue #17), only for entities named with an office
                data["offices"] = r["offices"]
            self.db.execute(
                "INSERT INTO entities (id, type, canonical, english, iso, geonames_id, mentions, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET type = excluded.type,"
                " canonical = excluded.canonical, english = excluded.english, iso = excluded.iso,"
                " geonames_id = excluded.geonames_id, mentions = excluded.mentions, data = excluded.data",
                (r["entity_id"], r["type"], r["canonical"], r.get("english"), r.get("iso"),
                 None if r.get("geonames_id") is None else str(r["geonames_id"]), r.get("mentions", 0),
                 json.dumps(data, ensure_ascii=False)),
            )
            if "keys" in r:
                self.save_entity_keys(r["entity_id"], r["keys"])
            self.db.execute("DELETE FROM entity_variants WHERE entity_id = ?", (r["entity_id"],))
            self.db.executemany(
                "INSERT INTO entity_variants VALUES (?, ?, ?)",
                [(r["entity_id"], v, c) for v, c in (r.get("variants") or {}).items()],
            )

    def entity_rows(self) -> list[dict[str, Any]]:
        """Every stored entity as a registry row (the inverse of ``save_entities``)."""
        variants: dict[str, dict[str, int]] = {}
        for eid, v, c in self.db.execute("SELECT entity_id, variant, count FROM entity_variants"):
            variants.setdefault(eid, {})[v] = c
        out = []
        for r in self.db.execute("SELECT * FROM entities"):
            data = json.loads(r["data"] or "{}")
            out.append({"entity_id": r["id"], "type": r["type"], "canonical": r["canonical"],
                        "english": r["english"], "iso": r["iso"], "geonames_id": r["geonames_id"],
                        "mentions": r["mentions"], "variants": variants.get(r["id"], {}), **data})
        return out

    def list_entities(self, type_: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Entities by mention count across the archive, with their number of articles and variants (a page)."""
        where, args = ("WHERE e.type = ?", [type_]) if type_ else ("", [])
        rows = self.db.execute(
            "SELECT e.id, e.type, e.canonical, e.english, e.iso, e.geonames_id,"
            " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,"
            " (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id) AS articles,"
            " (SELECT group_concat(variant, ' | ') FROM (SELECT variant FROM entity_variants v"
            "   WHERE v.entity_id = e.id ORDER BY count DESC, variant LIMIT 8)) AS variants"
            f" FROM entities e {where} ORDER BY mentions DESC, e.canonical, e.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return [dict(r) for r in rows]

    def entities_matching(self, keys: Sequence[str]) -> list[str]:
        """Ids of entities whose canonical name or a variant is one of ``keys`` (exact strings)."""
        marks = ", ".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT id FROM entities WHERE canonical IN ({marks}) UNION "
            f"SELECT entity_id FROM entity_variants WHERE variant IN ({marks})",
            [*keys, *keys],
        )
        return [r[0] for r in rows]

    def entity_detail(self, entity_id: str, limit: int = 20) -> dict[str, Any] | None:
        """One entity: its fields, every variant with counts, its articles and the entities it co-occurs with."""
        row = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            return None
        out = {k: row[k] for k in ("id", "type", "canonical", "english", "iso", "geonames_id")}
        out["variants"] = [dict(r) for r in self.db.execute(
            "SELECT variant, count FROM entity_variants WHERE entity_id = ? ORDER BY count DESC, variant", (entity_id,))]
        out["articles"] = [dict(r) for r in self.db.execute(
            "SELECT a.id, a.external_id, a.source, a.published_at, a.title, count(*) AS mentions FROM mentions m"
            " JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? GROUP BY a.id"
            " ORDER BY a.published_at, a.seq LIMIT ?", (entity_id, limit))]
        out["cooccurring"] = [dict(r) for r in self.db.execute(
            "SELECT e.id, e.type, e.canonical, count(DISTINCT o.article_id) AS articles FROM mentions m"
            " JOIN mentions o ON o.article_id = m.article_id AND o.entity_id != m.entity_id"
            " JOIN entities e ON e.id = o.entity_id WHERE m.entity_id = ?"
            " GROUP BY e.id ORDER BY articles DESC, e.canonical LIMIT ?", (entity_id, limit))]
        return out

    def list_quotes(self, speaker_ids: Sequence[str] | None = None, limit: int = 50, offset: int = 0
                    ) -> list[dict[str, Any]]:
        """Statements across the archive, newest first; only those of ``speaker_ids`` when given (a page)."""
        where, args = "", []
        if speaker_ids is not None:
            where = f"WHERE q.speaker_entity_id IN ({', '.join('?' * len(speaker_ids))})"
            args = list(speaker_ids)
        rows = self.db.execute(
            "SELECT q.speaker, q.speaker_entity_id, e.canonical AS speaker_canonical, q.cue, q.text, q.direct,"
            " q.field, q.start, q.\"end\", a.id AS article_id, a.external_id, a.source, a.published_at, a.title"
            " FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity_id"
            f" {where} ORDER BY a.published_at DESC, a.seq, q.start LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        out = [dict(r) for r in rows]
        for q in out:
            q["direct"] = bool(q["direct"])
        return out

    # -- near-duplicates and stories --------------------------------------------------------------------
    def save_dedup_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert near-duplicate index rows (signature bytes included) and the duplicates they record."""
        for r in rows:
            self.db.execute(
                "INSERT OR REPLACE INTO dedup_index (article_id, source, published, seq, grp, group_first,"
                " duplicate_of, similarity, signature, shingles, version, anchors, match)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r["article_id"], r["source"], r["published"], r["seq"], r["group"], r["group_first"],
                 r["duplicate_of"], r["similarity"], r["signature"], r["shingles"], r["version"],
                 r.get("anchors"), r.get("match")),
            )

    def dedup_rows(self) -> Iterator[dict[str, Any]]:
        """Every near-duplicate index row, in arrival order."""
        for r in self.db.execute("SELECT * FROM dedup_index ORDER BY seq"):
            row = dict(r)
            row["group"] = row.pop("grp")
            yield row

    def save_duplicate(self, article_id: str, duplicate_of: str, similarity: float, first_source: str | None,
                       method: str, match: dict[str, Any] | None = None) -> None:
        """Record that ``article_id`` copies the earlier ``duplicate_of`` (``match`` explains how)."""
        self.db.execute(
            "INSERT OR REPLACE INTO duplicates (article_id, duplicate_of, similarity, first_source, method, match)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, duplicate_of, similarity, first_source, method,
             None if match is None else json.dumps(match, sort_keys=True)))

    def save_story(self, row: dict[str, Any], summary: dict[str, Any]) -> None:
        """Upsert one story: its clustering state row and its display summary (title, dates, size, chapters)."""
        self.save_state("stories", {row["story_id"]: row})
        self.db.execute(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?)",
            (row["story_id"], row["title"], row["first_seen"], row["last_seen"], len(row["articles"]),
             row["chapter_of"], json.dumps(summary, ensure_ascii=False)),
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO story_articles VALUES (?, ?, ?, ?)",
            [(row["story_id"], aid, why.get("similarity"), json.dumps(why, ensure_ascii=False))
             for aid, why in row["members"].items()],
        )

    def story_state_rows(self) -> Iterator[dict[str, Any]]:
        """The clustering state: the meta row first, then every story row (first seen, then id).

        Rows are parsed one at a time, twice: once for the order, then in chunks of ``STATE_CHUNK`` keys, so the
        whole state (~300 MB parsed at 31k articles) is never held at once beside the tracker built from it.
        """
        order: list[tuple[float, str, str]] = []
        meta = None
        for key, value in self.db.execute("SELECT key, value FROM state WHERE namespace = ?", ("stories",)):
            row = json.loads(value)
            if key == "_meta":
                meta = row
            else:
                order.append((row["first_seen_days"] or 0, row["story_id"], key))
            del row
        order.sort()
        if meta:
            yield meta
        keys = [key for _, _, key in order]
        del order
        for at in range(0, len(keys), STATE_CHUNK):
            chunk = keys[at : at + STATE_CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = dict(self.db.execute(
                f"SELECT key, value FROM state WHERE namespace = ? AND key IN ({marks})", ("stories", *chunk)))
            for key in chunk:
                yield json.loads(rows[key])

    def list_stories(self, since: str | None = None, limit: int = 50, min_size: int = 1, offset: int = 0
                     ) -> list[dict[str, Any]]:
        """Stories last seen on or after ``since``, largest and latest first (a page)."""
        rows = self.db.execute(
            "SELECT id, title, first_seen, last_seen, size, chapter_of, data FROM stories"
            " WHERE (CAST(? AS TEXT) IS NULL OR last_seen >= ?) AND size >= ?"
            " ORDER BY last_seen DESC, size DESC, id LIMIT ? OFFSET ?",
            (since, since, min_size, limit, offset),
        )
        out = []
        for r in rows:
            d = dict(r)
            d.update(json.loads(d.pop("data") or "{}"))
            out.append(d)
        return out

    def story_articles(self, story_id: str) -> list[dict[str, Any]]:
        """A story's articles in time order with why each joined and whether it copies another."""
        rows = self.db.execute(
            "SELECT a.id, a.external_id, a.source, a.url, a.published_at, a.title, s.similarity, s.why,"
            " d.duplicate_of, d.similarity AS duplicate_similarity FROM story_articles s"
            " JOIN articles a ON a.id = s.article_id LEFT JOIN duplicates d ON d.article_id = a.id"
            " WHERE s.story_id = ? ORDER BY a.published_at, a.seq", (story_id,))
        out = []
        for r in rows:
            d = dict(r)
            d["why"] = json.loads(d["why"] or "{}")
            out.append(d)
        return out

    # -- generic state (dedup index, story state, entity registry) ------------------------------------------
    def load_state(self, namespace: str) -> dict[str, Any]:
        """All (key -> JSON value) rows of one state namespace."""
        rows = self.db.execute("SELECT key, value FROM state WHERE namespace = ?", (namespace,))
        return {r[0]: json.loads(r[1]) for r in rows}

    def save_state(self, namespace: str, rows: dict[str, Any]) -> None:
        """Upsert (key -> JSON value) rows of one state namespace."""
        self.db.executemany(
            "INSERT INTO state VALUES (?, ?, ?) ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value",
            [(namespace, k, json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for k, v in rows.items()],
        )


def _now() -> str:
    """The current UTC time in ISO 8601 (seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
