"""Moving an archive between stores (``marsad copy``): SQLite to PostgreSQL and back, ids kept, re-runs no-ops.

Articles go through ``insert_article`` (the destination numbers them in its own arrival order); the rows that hang
off an article (mentions, quotes, times, analysis versions, duplicates, story membership) are copied only for
articles the destination did not have, so a second run adds nothing; entities, stories, the near-duplicate index
and state are upserted. The search index is rebuilt at the end from the copied text.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.model import Article
from marsad.store.indexing import reindex
from marsad.store.protocol import Store

#: Tables whose rows belong to one article (copied with new articles only), by article-id column.
ARTICLE_TABLES = ("mentions", "quotes", "times", "analysis_versions", "duplicates")
#: Tables upserted whole (their keys make a re-run a no-op).
SHARED_TABLES = ("entities", "entity_variants", "entity_keys", "stories", "story_articles", "state", "dedup_index")
#: Article fields that ``Article`` carries (the store adds id, seq and ingested_at).
_ARTICLE_ATTRS = ("external_id", "source", "url", "title", "byline", "published_at", "dateline", "body", "title_norm",
                  "body_norm", "norm_profile", "origin", "content_hash")


@dataclass
class CopyReport:
    """What ``copy_store`` did."""

    articles: int = 0
    skipped: int = 0
    rows: int = 0


def copy_store(src: Store, dst: Store, batch: int = 500) -> CopyReport:
    """Copy every article and record of ``src`` into ``dst``; articles ``dst`` already has are left as they are."""
    report = CopyReport()
    new: set[str] = set()
    rows = list(src.table_rows("articles"))
    for start in range(0, len(rows), batch):
        with dst.transaction():
            for row in rows[start : start + batch]:
                if dst.has_article(row["id"]):
                    report.skipped += 1
                    continue
                dst.insert_article(row["id"], Article(**{k: row[k] for k in _ARTICLE_ATTRS}), row["ingested_at"])
                new.add(row["id"])
                report.articles += 1
    with dst.transaction():
        for table in ARTICLE_TABLES:
            report.rows += dst.put_rows(table, (r for r in src.table_rows(table) if r["article_id"] in new), replace=False)
        for table in SHARED_TABLES:
            report.rows += dst.put_rows(table, src.table_rows(table), replace=True)
    reindex(dst)
    return report
