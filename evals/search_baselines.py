"""Baselines for the search evaluation: SQLite FTS5 with its default ``unicode61`` tokenizer over the raw text,
and a substring match of normalized words (``LIKE``). Both read the same articles as Marsad's index."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from marsad.text.normalize import normalize

_WORD_RE = re.compile(r'"[^"]*"?|\S+')


def build_fts5_unicode61(rows: Iterable[tuple[str, str, str]]) -> sqlite3.Connection:
    """An in-memory FTS5 table (default tokenizer) over (ref, title, text) rows."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(ref UNINDEXED, title, body)")
    db.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
    return db


def fts5_query(query: str) -> str:
    """The user's query in FTS5 syntax as a plain FTS5 user would write it (each word or phrase quoted)."""
    parts = []
    for piece in _WORD_RE.findall(query):
        if piece == "OR":
            parts.append("OR")
        elif piece.startswith("-"):
            continue
        else:
            text = piece.strip('"').replace('"', "")
            if text.strip():
                parts.append('"' + text + '"')
    return " ".join(parts)


def fts5_search(db: sqlite3.Connection, query: str, limit: int = 100) -> list[str]:
    """Refs ranked by FTS5's BM25 (title weighted 3x, as Marsad does); [] when FTS5 rejects the query."""
    try:
        rows = db.execute("SELECT ref FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 3.0, 1.0) LIMIT ?",
                          (fts5_query(query), limit)).fetchall()
    except sqlite3.OperationalError:
        return []
    return [r[0] for r in rows]


def like_search(docs: dict[str, str], query: str, limit: int = 100) -> list[str]:
    """Refs whose normalized text contains every normalized query word as a substring, most hits first."""
    terms = normalize(query.replace('"', " ")).split()
    scored = []
    for ref, text in docs.items():
        if all(t in text for t in terms):
            scored.append((-sum(text.count(t) for t in terms), ref))
    return [ref for _, ref in sorted(scored)[:limit]]


def build_pg_arabic(url: str, rows: dict[str, dict]):  # noqa: ANN201 - a psycopg connection
    """A PostgreSQL table of the raw articles with ``to_tsvector('arabic', ...)`` (title A, body B) and GIN."""
    import psycopg

    con = psycopg.connect(url, autocommit=True)
    con.execute("CREATE TABLE docs (ref TEXT PRIMARY KEY, tsv tsvector)")
    with con.cursor() as cur:
        cur.executemany(
            "INSERT INTO docs VALUES (%s, setweight(to_tsvector('arabic', %s), 'A') ||"
            " setweight(to_tsvector('arabic', %s), 'B'))",
            [(ref, (r.get("title") or "").replace("\x00", ""), (r.get("content") or "").replace("\x00", ""))
             for ref, r in rows.items()],
        )
    con.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)")
    return con


def pg_arabic_search(con, query: str, limit: int = 100) -> list[str]:  # noqa: ANN001 - a psycopg connection
    """Refs ranked by ``ts_rank`` for ``websearch_to_tsquery('arabic', query)`` (quotes, OR and -word as typed)."""
    rows = con.execute(
        "SELECT ref FROM docs, websearch_to_tsquery('arabic', %s) q WHERE tsv @@ q"
        " ORDER BY ts_rank('{0, 0, 0.3333, 1}', tsv, q) DESC, ref LIMIT %s", (query, limit)).fetchall()
    return [r[0] for r in rows]
