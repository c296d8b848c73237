"""``marsad load``: import the Parquet tables of a batch run into a store, through the ``Store`` protocol only.

Articles go in in the run's order, ``LOAD_BATCH`` per transaction, each with its entities, quotes and times and its
search-index terms; an article the store already has (same id, or same outlet and URL or text) is skipped, so a
re-run adds nothing. Then the entity registry, the near-duplicate index and records, and the stories are upserted
(keyed by id: a re-run rewrites the same rows). Load into a new store, or again into one loaded from the same run:
the registry, dedup and story state of a batch run replace what the store held for the same ids.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.distributed.batch import META_FILE
from marsad.distributed.tables import read_rows
from marsad.errors import ConfigError
from marsad.model import Article, Mention, Quote, TimeExpr
from marsad.store import Store
from marsad.store.indexing import ensure_index, index_article

#: Articles stored per transaction.
LOAD_BATCH = 2000


@dataclass
class LoadReport:
    """What one load stored: new articles, articles already there, entities, duplicates and stories written."""

    stored: int = 0
    skipped: int = 0
    entities: int = 0
    duplicates: int = 0
    stories: int = 0


class _Grouped:
    """Rows of an article-keyed table read in step with the articles (both are in the run's order)."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        """Wrap a row stream sorted by article order."""
        self._rows = rows
        self._next = next(rows, None)

    def of(self, article_id: str) -> list[dict[str, Any]]:
        """The rows of ``article_id`` (the next ones in the stream)."""
        out = []
        while self._next is not None and self._next["article_id"] == article_id:
            out.append(self._next)
            self._next = next(self._rows, None)
        return out


def load_tables(out_dir: str | os.PathLike[str], store: Store) -> LoadReport:
    """Store every article, analysis, entity, duplicate and story of a batch output folder; return the counts."""
    out = Path(out_dir)
    if not (out / META_FILE).exists():
        raise ConfigError(f"{out} has no {META_FILE}: give the --out folder of a finished `marsad batch` run")
    meta = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    report = LoadReport()
    ensure_index(store)
    _load_articles(out, store, meta["versions"], report)
    with store.transaction():
        rows = [json.loads(r["row"]) for r in read_rows(out, "_state/registry")]
        store.save_entities(rows)
        report.entities = len(rows)
        store.save_dedup_rows(read_rows(out, "_state/dedup"))
        for d in read_rows(out, "duplicates"):
            store.save_duplicate(d["article_id"], d["duplicate_of"], d["similarity"], d["first_source"], d["method"],
                                 d["match"])
            report.duplicates += 1
        if meta.get("story_meta"):
            store.save_state("stories", {"_meta": meta["story_meta"]})
        for s in read_rows(out, "_state/stories"):
            store.save_story(json.loads(s["row"]), json.loads(s["summary"]))
            report.stories += 1
    return report


def _load_articles(out: Path, store: Store, versions: dict[str, str], report: LoadReport) -> None:
    """Store the new articles with their analyses and index terms, ``LOAD_BATCH`` per transaction."""
    mentions, quotes, times = (_Grouped(read_rows(out, t)) for t in ("mentions", "quotes", "times"))
    norms = read_rows(out, "_state/norms")
    pending: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for row in read_rows(out, "articles"):
        norm = next(norms)
        if norm["id"] != row["id"]:
            raise ConfigError(f"{out}: articles and _state/norms are out of step at {row['id']}: re-run `marsad batch`")
        pending.append((row, norm))
        if len(pending) >= LOAD_BATCH:
            _store_batch(pending, store, versions, (mentions, quotes, times), report)
            pending = []
    _store_batch(pending, store, versions, (mentions, quotes, times), report)


def _store_batch(batch: list[tuple[dict[str, Any], dict[str, Any]]], store: Store, versions: dict[str, str],
                 analyses: tuple[_Grouped, _Grouped, _Grouped], report: LoadReport) -> None:
    """Store one batch of articles in one transaction (articles already stored are skipped)."""
    mentions, quotes, times = analyses
    with store.transaction():
        for row, norm in batch:
            aid = row["id"]
            article = Article(row["external_id"], row["source"], row["url"], row["title"], row["byline"],
                              row["published_at"], row["dateline"], row["body"], norm["title_norm"],
                              norm["body_norm"], norm["norm_profile"], norm["origin"], norm["content_hash"])
            found = ([_drop(m, Mention) for m in mentions.of(aid)], [_drop(q, Quote) for q in quotes.of(aid)],
                     [_drop(t, TimeExpr) for t in times.of(aid)])
            if store.find_same(article.source, article.url, article.content_hash) or store.has_article(aid):
                report.skipped += 1
                continue
            seq = store.insert_article(aid, article)
            if seq is None:  # a concurrent writer stored it first
                report.skipped += 1
                continue
            index_article(store, seq, article.title_norm, article.body_norm)
            store.save_analysis(aid, *found, versions)
            report.stored += 1


def _drop(row: dict[str, Any], cls: type) -> Any:
    """A model record from a table row (the ``article_id`` column dropped)."""
    return cls(**{k: v for k, v in row.items() if k != "article_id"})
