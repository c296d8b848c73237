"""The server store: PostgreSQL through psycopg 3, behind the same ``Store`` protocol as SQLite.

Most methods are the SQLite backend's own, run through ``PgConnection`` (``marsad.store.pg_sql``); this module
holds what PostgreSQL does differently: connection and migrations (``POSTGRES_MIGRATIONS``, taken under an
advisory lock so two processes never migrate at once), transactions, article sequence numbers from a sequence
(two ingest processes may write at once: a race on one article ends in ``ON CONFLICT DO NOTHING``, never a second
copy), and full-text search over ``tsvector`` columns of Marsad's own terms (``simple`` configuration, GIN).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from marsad.errors import StoreError
from marsad.model import Article
from marsad.store.match import AllOf, AnyOf, Node, Phrase, Prefix, Terms, Without
from marsad.store.migrations import Migration
from marsad.store.pg_migrations import POSTGRES_MIGRATIONS
from marsad.store.pg_sql import PgConnection
from marsad.store.protocol import HitFilters
from marsad.store.sqlite import ARTICLE_FIELDS, SQLiteStore, _now
from marsad.store.sqlite_views import hit_filter_sql

#: Advisory lock key held while migrating (any constant shared by every Marsad process).
MIGRATION_LOCK = 0x4D617273  # "Mars"


class PostgresStore(SQLiteStore):
    """Articles and everything found in them, in one PostgreSQL database."""

    backend = "postgresql"
    BEGIN = "BEGIN"  # row locks and the unique constraints serialize writers; no up-front lock

    def __init__(self, url: str) -> None:  # noqa: D107 - documented below
        """Connect to ``url`` (``postgresql://USER@HOST:PORT/DB``) and migrate; refuse with the fix on failure."""
        try:
            import psycopg
        except ImportError:
            raise StoreError("the PostgreSQL store needs psycopg: pip install 'marsad[postgres]'") from None
        self.path = url
        try:
            self.db = PgConnection(psycopg.connect(url, autocommit=True))  # type: ignore[assignment]
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {url} ({str(exc).strip()}): check the server runs and the URL") from None
        self.migrate()

    # -- schema and transactions --------------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        """Names of the migrations already applied, in order."""
        self.db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        return [r[0] for r in self.db.execute("SELECT name FROM _migrations ORDER BY name")]

    def migrate(self, migrations: Sequence[Migration] = POSTGRES_MIGRATIONS) -> list[str]:
        """Apply pending migrations, each atomically with its record, under an advisory lock."""
        applied = []
        for m in migrations:
            with self.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
                if m.name in set(self.applied_migrations()):
                    continue
                for sql in m.statements:
                    self.db.execute(sql)
                self.db.execute("INSERT INTO _migrations VALUES (?, ?)", (m.name, _now()))
            applied.append(m.name)
        return applied


    # -- articles -----------------------------------------------------------------------------------------
    def insert_article(self, article_id: str, article: Article, ingested_at: str | None = None) -> int | None:
        """Store one article (stamped now, or ``ingested_at`` when copied); return its sequence number, or None
        when another writer stored it first."""
        extra = {"id": article_id, "ingested_at": ingested_at or _now()}
        fields = [f for f in ARTICLE_FIELDS if f != "seq"]
        row = self.db.execute(
            f"INSERT INTO articles ({', '.join(fields)}, seq) VALUES ({', '.join('?' * len(fields))},"
            " nextval('articles_seq_counter')) ON CONFLICT DO NOTHING RETURNING seq",
            [extra[f] if f in extra else getattr(article, f) for f in fields],
        ).fetchone()
        return None if row is None else row[0]

    # -- views SQLite writes differently --------------------------------------------------------------------
    def list_entities(self, type_: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Entities by mention count across the archive, with their number of articles and variants (a page)."""
        where, args = ("WHERE e.type = ?", [type_]) if type_ else ("", [])
        rows = self.db.execute(
            "SELECT e.id, e.type, e.canonical, e.english, e.iso, e.geonames_id,"
            " (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,"
            " (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id) AS articles,"
            " (SELECT string_agg(variant, ' | ') FROM (SELECT variant FROM entity_variants v"
            "   WHERE v.entity_id = e.id ORDER BY count DESC, variant LIMIT 8) AS top) AS variants"
            f" FROM entities e {where} ORDER BY mentions DESC, e.canonical, e.id LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        return [dict(r) for r in rows]

    def chapter_links(self, limit: int = 3) -> list[dict[str, Any]]:
        """Stories that continue an earlier one, with the earlier story's title and date, longest gap first."""
        rows = self.db.execute(
            "SELECT s.id, s.title, s.first_seen, e.id AS earlier, e.title AS earlier_title, e.first_seen AS earlier_seen"
            " FROM stories s JOIN stories e ON e.id = s.chapter_of"
            " ORDER BY (s.first_seen::timestamptz - e.first_seen::timestamptz) DESC NULLS LAST LIMIT ?", (limit,))
        return [dict(r) for r in rows]

    # -- full-text search ---------------------------------------------------------------------------------
    def rebuild_search_index(self, rows: Iterable[tuple[int, Mapping[str, str]]], version: str) -> int:
        """Replace the whole index by ``(seq, columns)`` rows and record ``version``; return the rows indexed."""
        self.db.execute("DELETE FROM search_index")
        n = 0
        for seq, columns in rows:
            self.index_search_terms(seq, columns)
            n += 1
        self.db.execute(
            "INSERT INTO state VALUES ('search', 'version', ?) ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value",
            (f'"{version}"',),
        )
        return n

    def index_search_terms(self, seq: int, columns: Mapping[str, str]) -> None:
        """Add one article's index columns: bases and stems, title terms weighted A and body terms B."""
        vec = "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B')"
        self.db.execute(
            f"INSERT INTO search_index (seq, bases, stems) VALUES (?, {vec}, {vec}) ON CONFLICT (seq) DO NOTHING",
            (seq, columns["title_bases"], columns["body_bases"], columns["title_stems"], columns["body_stems"]),
        )

    def search_hits(self, match: Node, weights: Sequence[float], filters: HitFilters, limit: int,
                    order: str = "relevance") -> list[dict[str, Any]]:
        """Articles matching an expression, best first (``ts_rank``, title weighted) or newest first."""
        args: list[Any] = []
        ranked: dict[str, list[tuple[str, list[Any]]]] = {"bases": [], "stems": []}
        conditions, filter_args = hit_filter_sql(filters)
        where, wargs = [_render(match, args, ranked), *conditions], [*args, *filter_args]
        body_w = round(1.0 / float(weights[0]), 4) if weights and weights[0] else 1.0  # ts_rank weights lie in [0, 1]
        rank_parts: list[str] = []
        rank_args: list[Any] = []
        for kind, leaves in ranked.items():
            if leaves:
                rank_parts.append(f"ts_rank('{{0, 0, {body_w}, 1}}', s.{kind}, (" + " || ".join(q for q, _ in leaves) + "))")
                rank_args.extend(a for _, leaf_args in leaves for a in leaf_args)
        rank = " + ".join(rank_parts) or "0"
        ordering = "score NULLS LAST, a.seq" if order == "relevance" else "a.published_at DESC NULLS LAST, score"
        rows = self.db.execute(
            "SELECT a.id, a.external_id, a.title, a.source, a.published_at, a.seq,"
            " (SELECT story_id FROM story_articles WHERE article_id = a.id LIMIT 1) AS story_id,"
            f" -({rank}) AS score FROM search_index s JOIN articles a ON a.seq = s.seq"
            f" WHERE {' AND '.join(where)} ORDER BY {ordering} LIMIT ?",
            [*rank_args, *wargs, limit],
        )
        return [dict(r) for r in rows]


#: The column each term family is read from (no ``words`` column here: a word without the article is its base).
_COLUMN = {"words": "bases", "bases": "bases", "stems": "stems"}


def _tsquery(node: Terms | Phrase | Prefix, args: list[Any]) -> str:
    """SQL for the ``tsquery`` of one leaf, its texts appended to ``args`` (never spliced into the SQL)."""
    if isinstance(node, Terms):
        args.extend(node.forms)
        return "(" + " || ".join("plainto_tsquery('simple', ?)" for _ in node.forms) + ")"
    if isinstance(node, Phrase):
        args.append(" ".join(node.tokens))
        return "phraseto_tsquery('simple', ?)"
    args.append(node.token)
    return "(plainto_tsquery('simple', ?)::text || ':*')::tsquery"


def _render(node: Node, args: list[Any], ranked: dict[str, list[tuple[str, list[Any]]]]) -> str:
    """SQL condition for a match tree over ``s.bases`` / ``s.stems``; positive leaves go to ``ranked``."""
    if isinstance(node, (Terms, Phrase, Prefix)):
        leaf_args: list[Any] = []
        query = _tsquery(node, leaf_args)
        args.extend(leaf_args)
        kind = _COLUMN[node.kind]
        ranked[kind].append((query, leaf_args))
        return f"s.{kind} @@ {query}"
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(_render(n, args, ranked) for n in node.items) + ")"
    if isinstance(node, AllOf):
        return "(" + " AND ".join(_render(n, args, ranked) for n in node.items) + ")"
    if isinstance(node, Without):
        keep = _render(node.keep, args, ranked)
        drops = [_render(n, args, {"bases": [], "stems": []}) for n in node.drop]
        return "(" + keep + "".join(f" AND NOT {d}" for d in drops) + ")"
    raise TypeError(f"not a match node: {node!r}")
