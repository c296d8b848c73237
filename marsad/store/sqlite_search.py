"""The search side of the SQLite backend: the FTS5 index over Marsad's own terms, entity keys, ranked hits."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from marsad.store.match import AllOf, AnyOf, Node, Phrase, Prefix, Terms, Without
from marsad.store.protocol import HitFilters
from marsad.store.sqlite_views import hit_filter_sql


#: The FTS5 columns of each column family.
_COLUMNS = {"words": "{title body}", "bases": "{title_bases body_bases}", "stems": "{title_stems body_stems}"}


def _q(token: str) -> str:
    """Quote one term for FTS5 (a double quote inside is doubled)."""
    return '"' + token.replace('"', '""') + '"'


def to_fts5(node: Node) -> str:
    """Render a match tree as an FTS5 query expression."""
    if isinstance(node, Terms):
        return f"{_COLUMNS[node.kind]} : (" + " OR ".join(_q(f) for f in node.forms) + ")"
    if isinstance(node, Phrase):
        return f"{_COLUMNS[node.kind]} : {_q(' '.join(node.tokens))}"
    if isinstance(node, Prefix):
        return f"{_COLUMNS[node.kind]} : {_q(node.token)} *"
    if isinstance(node, AnyOf):
        return "(" + " OR ".join(to_fts5(n) for n in node.items) + ")"
    if isinstance(node, AllOf):
        return "(" + " AND ".join(to_fts5(n) for n in node.items) + ")"
    if isinstance(node, Without):
        return "(" + to_fts5(node.keep) + "".join(" NOT " + to_fts5(n) for n in node.drop) + ")"
    raise TypeError(f"not a match node: {node!r}")


def _marks(n: int) -> str:
    """``?, ?, ...`` for ``n`` parameters."""
    return ",".join("?" * n)


class SQLiteSearch:
    """Mixin of ``SQLiteStore``: the full-text index and the entity-key index over its connection ``db``."""

    db: sqlite3.Connection

    def search_index_version(self) -> str | None:
        """The terms version the search index was built with, or None when it was never built."""
        row = self.db.execute("SELECT value FROM state WHERE namespace = 'search' AND key = 'version'").fetchone()
        return json.loads(row[0]) if row else None

    def iter_search_sources(self) -> Iterator[tuple[int, str, str]]:
        """Yield (seq, title_norm, body_norm) of every article in arrival order (what the index is built from)."""
        yield from self.db.execute("SELECT seq, title_norm, body_norm FROM articles ORDER BY seq")

    def rebuild_search_index(self, rows: Iterable[tuple[int, Mapping[str, str]]], version: str) -> int:
        """Replace the whole index by ``(seq, columns)`` rows and record ``version``; return the rows indexed."""
        self.db.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
        n = 0
        for seq, columns in rows:
            self.index_search_terms(seq, columns)
            n += 1
        self.db.execute(
            "INSERT INTO state VALUES ('search', 'version', ?) ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value",
            (json.dumps(version),),
        )
        return n

    def index_search_terms(self, seq: int, columns: Mapping[str, str]) -> None:
        """Add one article's index columns (from ``marsad.text.searchterms.search_columns``) under its seq."""
        self.db.execute(
            "INSERT INTO search_index(rowid, title, body, title_bases, body_bases, title_stems, body_stems)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (seq, columns["title"], columns["body"], columns["title_bases"], columns["body_bases"],
             columns["title_stems"], columns["body_stems"]),
        )

    def search_hits(self, match: Node, weights: Sequence[float], filters: HitFilters, limit: int,
                    order: str = "relevance") -> list[dict[str, Any]]:
        """Articles matching an expression, best first (BM25 with column ``weights``) or newest first."""
        conditions, filter_args = hit_filter_sql(filters)
        where, args = ["search_index MATCH ?", *conditions], [to_fts5(match), *filter_args]
        rank = f"bm25(search_index, {', '.join(str(float(w)) for w in weights)})"
        ordering = "score, a.seq" if order == "relevance" else "a.published_at DESC, score"
        rows = self.db.execute(
            f"SELECT a.id, a.external_id, a.title, a.source, a.published_at, a.seq,"
            f" (SELECT story_id FROM story_articles WHERE article_id = a.id LIMIT 1) AS story_id, {rank} AS score"
            f" FROM search_index JOIN articles a ON a.seq = search_index.rowid WHERE {' AND '.join(where)}"
            f" ORDER BY {ordering} LIMIT ?",
            [*args, limit],
        )
        return [dict(r) for r in rows]

    def save_entity_keys(self, entity_id: str, keys: Iterable[str]) -> None:
        """Replace the name keys of one entity (its spellings' ``name_key``s)."""
        self.db.execute("DELETE FROM entity_keys WHERE entity_id = ?", (entity_id,))
        self.db.executemany("INSERT OR IGNORE INTO entity_keys VALUES (?, ?)", [(k, entity_id) for k in keys if k])

    def entity_ids_by_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """``{key: [entity ids]}`` of the stored entities having any of the name ``keys``."""
        if not keys:
            return {}
        out: dict[str, list[str]] = {}
        for key, eid in self.db.execute(
            f"SELECT key, entity_id FROM entity_keys WHERE key IN ({_marks(len(keys))}) ORDER BY key, entity_id", list(keys)
        ):
            out.setdefault(key, []).append(eid)
        return out

    def variants_of(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """``{entity id: [canonical name and every spelling seen]}`` of the given entities."""
        if not ids:
            return {}
        out: dict[str, list[str]] = {}
        for eid, canonical in self.db.execute(f"SELECT id, canonical FROM entities WHERE id IN ({_marks(len(ids))})", list(ids)):
            out.setdefault(eid, []).append(canonical)
        for eid, variant in self.db.execute(
            f"SELECT entity_id, variant FROM entity_variants WHERE entity_id IN ({_marks(len(ids))}) ORDER BY count DESC, variant",
            list(ids),
        ):
            if variant not in out.setdefault(eid, []):
                out[eid].append(variant)
        return out

    def variant_counts(self, ids: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
        """``{entity id: [(spelling, mentions)]}`` of the given entities, most used first."""
        if not ids:
            return {}
        out: dict[str, list[tuple[str, int]]] = {}
        for eid, variant, count in self.db.execute(
            f"SELECT entity_id, variant, count FROM entity_variants WHERE entity_id IN ({_marks(len(ids))})"
            " ORDER BY entity_id, count DESC, variant", list(ids),
        ):
            out.setdefault(eid, []).append((variant, int(count)))
        return out

    def count_term_articles(self, term: str) -> int:
        """How many articles have ``term`` among their base forms (title or body)."""
        row = self.db.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?",
                              (to_fts5(Terms("bases", (term,))),)).fetchone()
        return int(row[0])

    def copy_roots(self, ids: Sequence[str]) -> dict[str, str]:
        """``{article id: the earliest article it (transitively) copies}`` for the given ids that are copies."""
        parent: dict[str, str] = {}
        frontier = list(dict.fromkeys(ids))
        for _ in range(50):  # chains are short: a copy points at the earliest copy it matched
            if not frontier:
                break
            rows = self.db.execute(
                f"SELECT article_id, duplicate_of FROM duplicates WHERE article_id IN ({_marks(len(frontier))})",
                list(frontier))
            found = {r[0]: r[1] for r in rows}
            parent.update(found)
            frontier = [p for p in found.values() if p not in parent]
        out = {}
        for start in ids:
            cur, seen = start, {start}
            while cur in parent and parent[cur] not in seen:
                cur = parent[cur]
                seen.add(cur)
            if cur != start:
                out[start] = cur
        return out

    def article_bodies(self, ids: Sequence[str]) -> dict[str, str]:
        """``{article id: display body}`` of the given articles (one query, for snippets)."""
        if not ids:
            return {}
        rows = self.db.execute(f"SELECT id, body FROM articles WHERE id IN ({_marks(len(ids))})", list(ids))
        return {r[0]: r[1] for r in rows}
