"""The server store: PostgreSQL through psycopg 3, behind the same ``Store`` protocol as SQLite.

Most methods are the SQLite backend's own, run through ``PgConnection`` (``marsad.store.pg_sql``); this module
holds what PostgreSQL does differently: connection and migrations (``POSTGRES_MIGRATIONS``, taken under an
advisory lock so two processes never migrate at once), transactions, article sequence numbers from a sequence
(two ingest processes may write at once: a race on one article ends in ``ON CONFLICT DO NOTHING``, never a second
copy), and full-text search over a ``tsvector`` of Marsad's own terms with a GIN index (``marsad.store.pg_search``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from marsad.errors import StoreError
from marsad.model import Article
from marsad.store.match import Node
from marsad.store.migrations import Migration
from marsad.store.pg_migrations import POSTGRES_MIGRATIONS
from marsad.store.pg_search import hits_args, hits_sql, index_vectors, term_query
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

    # -- full-text search (marsad.store.pg_search) ---------------------------------------------------------
    def rebuild_search_index(self, rows: Iterable[tuple[int, Mapping[str, str]]], version: str) -> int:
        """Replace the whole index by ``(seq, columns)`` rows and record ``version``; return the rows indexed."""
        self.db.execute("TRUNCATE search_index")  # transactional here, and leaves no dead rows behind
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
        """Add one article's vectors: every term (title weighted A, body B) and the title's own."""
        whole, title = index_vectors(columns)
        self.db.execute("INSERT INTO search_index (seq, terms, title_terms) VALUES (?, ?::tsvector, ?::tsvector)"
                        " ON CONFLICT (seq) DO NOTHING", (seq, whole, title))

    def count_term_articles(self, term: str) -> int:
        """How many articles have ``term`` among their base forms (title or body)."""
        with self.transaction():
            self.db.execute(_PLAN_SEARCH)
            row = self.db.execute("SELECT count(*) FROM search_index WHERE terms @@ ?::tsquery", (term_query(term),),
                                  prepare=False).fetchone()
            self.db.execute(_PLAN_DEFAULT)
        return int(row[0])

    def search_hits(self, match: Node, weights: Sequence[float], filters: HitFilters, limit: int,
                    order: str = "relevance") -> list[dict[str, Any]]:
        """Articles matching an expression, best first (``ts_rank``, title weighted) or newest first.

        The GIN index finds the matches; of those, the ``RANK_CANDIDATES`` with the best title rank (then the
        newest) are ranked in full, so a word found in a third of the archive does not open every article's vector.
        """
        conditions, filter_args = hit_filter_sql(filters)
        body_w = round(1.0 / float(weights[0]), 4) if weights and weights[0] else 1.0  # ts_rank weights lie in [0, 1]
        cap = max(RANK_CANDIDATES, limit) if order == "relevance" else limit
        with self.transaction():
            self.db.execute(_PLAN_SEARCH)
            args, exact = hits_args(match, filter_args, order, cap, limit)
            rows = self.db.execute(hits_sql(conditions, order, body_w, exact), args, prepare=False)
            self.db.execute(_PLAN_DEFAULT)
        return [dict(r) for r in rows]


#: Matches ranked in full per query: the best by title rank, then the newest (31k SaudiNewsNet articles: ranking
#: every match of a frequent word opened ~60 MB of vectors and took ~200 ms; 300 candidates take ~10 ms; nDCG@10
#: of the judged queries did not drop at 300).$
RANK_CANDIDATES = 300
#: Planner settings of a search statement (reset after it; each statement is planned for its own words, never
#: prepared: a generic plan ignores how common the words are). No sequential scan: a frequent word matches a third
#: of the archive, the planner then reads the whole table, decompressing every row's vector, where the GIN bitmap
#: finds the same rows without opening one. No JIT: compiling costs more than these statements run.
_PLAN_SEARCH = ("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),"
                " set_config('jit', 'off', true)")
#: Back to the session's own values (a search inside a caller's transaction leaves its settings as they were).
_PLAN_DEFAULT = ("SELECT set_config(name, reset_val, true) FROM pg_settings"
                 " WHERE name IN ('enable_seqscan', 'enable_indexscan', 'jit')")
