"""The PostgreSQL schema: the SQLite migrations in PostgreSQL's types, and its own full-text index.

The SQLite migrations' names come first, so ``applied_migrations`` reads alike on both backends up to
PostgreSQL's own later ones. Types: ``BLOB`` is
``BYTEA``, ``REAL`` is ``DOUBLE PRECISION`` (SQLite's REAL is 8 bytes; PostgreSQL's REAL is 4). The search index
is two ``tsvector`` columns (bases and stems; title weighted A, body B) with GIN indexes, over the terms Marsad
writes itself (``simple`` configuration: no stemming or stop words of PostgreSQL's own). The ``words`` family of
the SQLite index is left out to keep the index small: a word without the article is its own base, so word
look-ups (prefixes) read the bases. ``0007`` replaces the two vectors by one (bases and marked stems, so a whole
query is answered inside one GIN index) and a small unindexed title vector that chooses which matches are ranked
in full (``marsad.store.pg_search``).
"""

from __future__ import annotations

import re

from marsad.store.migrations import SQLITE_MIGRATIONS, Migration

_TYPES = ((re.compile(r"\bBLOB\b"), "BYTEA"), (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
          (re.compile(r"\s+WITHOUT ROWID"), ""))


def to_postgres(sql: str) -> str:
    """One SQLite schema statement in PostgreSQL's types."""
    for pattern, replacement in _TYPES:
        sql = pattern.sub(replacement, sql)
    return sql


_PORTABLE = tuple(m for m in SQLITE_MIGRATIONS if m.name != "0006_search_index")

POSTGRES_MIGRATIONS: tuple[Migration, ...] = tuple(
    Migration(m.name, tuple(to_postgres(s) for s in m.statements)) for m in _PORTABLE
) + (
    Migration(
        "0006_search_index",
        (
            "CREATE SEQUENCE articles_seq_counter",
            "SELECT setval('articles_seq_counter', coalesce((SELECT max(seq) FROM articles), 0) + 1, false)",
            "CREATE TABLE search_index (seq INTEGER PRIMARY KEY, bases tsvector NOT NULL, stems tsvector NOT NULL)",
            "CREATE INDEX search_index_bases ON search_index USING gin (bases)",
            "CREATE INDEX search_index_stems ON search_index USING gin (stems)",
            "CREATE TABLE entity_keys (key TEXT NOT NULL, entity_id TEXT NOT NULL REFERENCES entities(id),"
            " PRIMARY KEY (key, entity_id))",
            "CREATE INDEX entity_keys_entity ON entity_keys(entity_id)",
        ),
    ),
    Migration(
        "0007_search_terms",
        (  # one vector per article (bases and marked stems) and the title's own; rebuilt on next use
            "DROP TABLE search_index",
            "CREATE TABLE search_index (seq INTEGER PRIMARY KEY, terms tsvector NOT NULL, title_terms tsvector NOT NULL)",
            "CREATE INDEX search_index_terms ON search_index USING gin (terms)",
            "DELETE FROM state WHERE namespace = 'search' AND key = 'version'",
        ),
    ),
)
