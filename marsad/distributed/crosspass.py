"""Near-duplicates and stories of a batch run: one sequential pass over cheap features, in input order.

Why sequential: both stages are incremental and order-dependent (an article copies the *earliest* confirmed match;
an article joins the best story *active at its arrival*), and ``marsad ingest`` defines the result by the input
order. Replaying the same order with the same code (``DedupIndex.check_and_add``, ``assign_story``) gives the same
duplicate pairs and stories as a single-machine ingest, which a split by partition could not. The pass is cheap
(dedup + stories: ~2.5 ms per article, ~4 % of the per-article analysis the workers do) and runs on the driver
while the workers analyse the next partitions.

Why bounded: the work per article is bounded by blocking, never by a scan of the archive. Near-duplicate candidates
come from MinHash LSH band buckets and shingle-anchor buckets (buckets of ``anchor_cap`` articles or more are stock
phrases and are not followed), and containment matches must fall within ``DedupSettings.window_days``; story
candidates come from an inverted index over the top terms and entities of the stories *active* within
``StorySettings.window_days`` of the newest article. Memory: the index keeps a ~0.6 KB signature per article and the
stories their centroids (as ``marsad ingest`` does); the normalized texts the dedup confirmation reads are kept in
memory only for the articles of the last ``TEXT_WINDOW`` and spilled to a ``dbm`` file beside the output otherwise.
"""

from __future__ import annotations

import dbm
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from marsad.analysis.dedup.index import DedupIndex
from marsad.analysis.stories.stories import StoryDoc, StoryState, assign_story, describe_story
from marsad.analysis.stories.story_state import StorySettings
from marsad.config import AnalysisSettings
from marsad.model import Article
from marsad.pipeline import STORE_DEDUP

#: Normalized texts kept in memory for dedup confirmations (the most recent articles); older ones are read back
#: from the spill file. 20,000 covers the two-day dedup window of a ~10,000-articles-a-day archive.
TEXT_WINDOW = 20_000


class TextSpill:
    """The normalized text of every article of the run: the recent ones in memory, all of them in a dbm file."""

    def __init__(self, path: Path, window: int = TEXT_WINDOW) -> None:
        """Open a new spill file at ``path`` keeping ``window`` texts in memory."""
        self.path = path
        self.window = window
        self._recent: OrderedDict[str, str] = OrderedDict()
        self._db = dbm.open(str(path), "n")

    def put(self, article_id: str, text: str) -> None:
        """Remember the text of an article."""
        self._db[article_id] = text.encode("utf-8")
        self._recent[article_id] = text
        if len(self._recent) > self.window:
            self._recent.popitem(last=False)

    def get(self, article_id: str) -> str:
        """The text of an article ("" when unknown)."""
        text = self._recent.get(article_id)
        if text is None:
            raw = self._db.get(article_id)
            text = raw.decode("utf-8") if raw is not None else ""
        return text

    def close(self) -> None:
        """Close and delete the spill file."""
        self._db.close()
        for p in self.path.parent.glob(self.path.name + "*"):
            p.unlink()


@dataclass
class CrossPass:
    """Near-duplicate and story state of one batch run, fed one article at a time in input order."""

    analysis: AnalysisSettings
    spill: TextSpill
    story_settings: StorySettings = field(default_factory=StorySettings)
    dedup: DedupIndex | None = None
    stories: StoryState | None = None

    def __post_init__(self) -> None:
        """Create the enabled stages' state (the store's dedup settings: shingles not kept)."""
        if self.analysis.dedup:
            self.dedup = DedupIndex(STORE_DEDUP, fetch_text=self.spill.get)
        if self.analysis.stories:
            self.stories = StoryState()

    def add(self, aid: str, article: Article, entity_ids: set[str]) -> list[dict[str, Any]]:
        """Check one article for near-duplicates and assign it to a story; return the duplicates rows it writes or
        rewrites (its own, and those of earlier copies re-pointed to it), as ``marsad ingest`` stores them."""
        rows: list[dict[str, Any]] = []
        if self.dedup is not None:
            text = f"{article.title_norm}\n{article.body_norm}"
            self.spill.put(aid, text)
            got = self.dedup.add(aid, text, article.source, article.published_at)
            rows = [{"article_id": d.article_id, "duplicate_of": d.duplicate_of, "similarity": d.similarity,
                     "first_source": d.first_source, "match": d.match, "method": STORE_DEDUP.version}
                    for d in (got.duplicate, *got.updated) if d is not None]
        if self.stories is not None:
            doc = StoryDoc(aid, _when(article.published_at), article.title, article.body, tuple(sorted(entity_ids)),
                           article.source)
            assign_story(doc, self.stories, self.story_settings)
        return rows

    def story_rows(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(state row, display summary) of every story, in creation order, as ``marsad ingest`` stores them."""
        state = self.stories
        if state is None:
            return []
        out = []
        for sid, rec in state.stories.items():
            summary = describe_story(state, sid)
            summary.pop("articles", None)
            out.append((rec.to_row(), summary))
        return out

    def story_meta(self) -> dict[str, Any] | None:
        """The clustering meta row (watermark, sequence, versions), or None when stories are off."""
        return next(self.stories.to_rows()) if self.stories is not None else None


def _when(value: str | None) -> datetime | None:
    """A datetime from an ISO 8601 publication date (date-only is midnight), or None (as ``marsad ingest``)."""
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
