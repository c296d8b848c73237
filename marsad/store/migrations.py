"""Named, ordered schema migrations. Each runs with the row that records it in one transaction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: a unique name and the SQL statements that make it."""

    name: str
    statements: tuple[str, ...]


SQLITE_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_articles",
        (
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                external_id TEXT NOT NULL,
                source TEXT,
                url TEXT,
                title TEXT NOT NULL,
                byline TEXT,
                published_at TEXT,
                dateline TEXT,
                body TEXT NOT NULL,
                title_norm TEXT NOT NULL,
                body_norm TEXT NOT NULL,
                norm_profile TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                origin TEXT,
                ingested_at TEXT NOT NULL,
                seq INTEGER NOT NULL
            )""",
            "CREATE UNIQUE INDEX articles_source_url ON articles(coalesce(source, ''), url) WHERE url IS NOT NULL",
            "CREATE INDEX articles_hash ON articles(content_hash)",
            "CREATE INDEX articles_external ON articles(external_id)",
            "CREATE INDEX articles_published ON articles(published_at)",
            "CREATE UNIQUE INDEX articles_seq ON articles(seq)",
        ),
    ),
    Migration(
        "0002_analysis",
        (
            """CREATE TABLE entities (
                id TEXT PRIMARY KEY, type TEXT NOT NULL, canonical TEXT NOT NULL,
                english TEXT, iso TEXT, geonames_id TEXT, mentions INTEGER NOT NULL DEFAULT 0,
                data TEXT
            )""",
            "CREATE TABLE entity_variants (entity_id TEXT NOT NULL, variant TEXT NOT NULL, count INTEGER NOT NULL,"
            " PRIMARY KEY (entity_id, variant))",
            """CREATE TABLE mentions (
                article_id TEXT NOT NULL REFERENCES articles(id), field TEXT NOT NULL, start INTEGER NOT NULL,
                "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, entity_id TEXT, canonical TEXT
            )""",
            "CREATE INDEX mentions_article ON mentions(article_id)",
            "CREATE INDEX mentions_entity ON mentions(entity_id)",
            """CREATE TABLE quotes (
                article_id TEXT NOT NULL REFERENCES articles(id), field TEXT NOT NULL, start INTEGER NOT NULL,
                "end" INTEGER NOT NULL, text TEXT NOT NULL, speaker TEXT, speaker_entity_id TEXT, cue TEXT,
                direct INTEGER NOT NULL
            )""",
            "CREATE INDEX quotes_article ON quotes(article_id)",
            "CREATE INDEX quotes_speaker ON quotes(speaker_entity_id)",
            """CREATE TABLE times (
                article_id TEXT NOT NULL REFERENCES articles(id), field TEXT NOT NULL, start INTEGER NOT NULL,
                "end" INTEGER NOT NULL, text TEXT NOT NULL, value TEXT, calendar TEXT NOT NULL
            )""",
            "CREATE INDEX times_article ON times(article_id)",
            "CREATE TABLE analysis_versions (article_id TEXT PRIMARY KEY REFERENCES articles(id), versions TEXT)",
        ),
    ),
    Migration(
        "0003_stories",
        (
            """CREATE TABLE duplicates (
                article_id TEXT PRIMARY KEY REFERENCES articles(id), duplicate_of TEXT NOT NULL,
                similarity REAL NOT NULL, first_source TEXT, method TEXT NOT NULL
            )""",
            "CREATE INDEX duplicates_of ON duplicates(duplicate_of)",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT, size INTEGER NOT NULL,
                chapter_of TEXT, data TEXT
            )""",
            """CREATE TABLE story_articles (
                story_id TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id), similarity REAL,
                why TEXT, PRIMARY KEY (story_id, article_id)
            )""",
            "CREATE INDEX story_articles_article ON story_articles(article_id)",
            "CREATE TABLE state (namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
            " PRIMARY KEY (namespace, key))",
        ),
    ),
    Migration(
        "0004_dedup_index",
        (
            """CREATE TABLE dedup_index (
                article_id TEXT PRIMARY KEY, source TEXT, published TEXT, seq INTEGER NOT NULL, grp TEXT NOT NULL,
                group_first TEXT, duplicate_of TEXT, similarity REAL, signature BLOB NOT NULL, shingles BLOB,
                version TEXT NOT NULL
            )""",
            "CREATE INDEX stories_last_seen ON stories(last_seen)",
        ),
    ),
    Migration(
        "0005_dedup_containment",
        (
            "ALTER TABLE dedup_index ADD COLUMN anchors BLOB",
            "ALTER TABLE dedup_index ADD COLUMN match TEXT",
            "ALTER TABLE duplicates ADD COLUMN match TEXT",
        ),
    ),
    Migration(
        "0006_search_index",
        (
            # Contentless FTS5 over Marsad's own terms (``marsad.text.searchterms``): space-separated normalized
            # words, bases and stems; the ascii tokenizer splits only at ASCII separators, so each Arabic term is
            # one token exactly as Marsad wrote it. rowid = articles.seq.
            "CREATE VIRTUAL TABLE search_index USING fts5(title, body, title_bases, body_bases, title_stems,"
            " body_stems, content='', tokenize='ascii')",
            """CREATE TABLE entity_keys (
                key TEXT NOT NULL, entity_id TEXT NOT NULL REFERENCES entities(id), PRIMARY KEY (key, entity_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX entity_keys_entity ON entity_keys(entity_id)",
        ),
    ),
)
