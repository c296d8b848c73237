"""Wires the stages: read -> extract (+ normalize) -> analyse -> store. The only module that joins the layers.

Stages declare what they need and what they add (spaCy's requires/assigns); the order is checked at import.
Stateful stages (dedup, stories, the entity registry) get their state loaded from the store and passed in.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from marsad.config import Settings
from marsad.errors import IngestError
from marsad.ingest.extract import extract, line_key
from marsad.ingest.readers import ReadError, read_paths
from marsad.model import Article, RawDocument
from marsad.store import SQLiteStore

#: Raw documents read before the repeated-line pass and one store transaction. 2,000 holds a SaudiNewsNet
#: daily file (~1,700 articles) in one batch, so per-source footers are seen often enough to be dropped.
BATCH_SIZE = 2000


@dataclass(frozen=True)
class Stage:
    """One pipeline stage: a name, the fields it needs and the fields it provides."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]


STAGES: tuple[Stage, ...] = (
    Stage("read", frozenset(), frozenset({"raw"})),
    Stage("extract", frozenset({"raw"}), frozenset({"title", "byline", "published_at", "dateline", "body"})),
    Stage("normalize", frozenset({"title", "body"}), frozenset({"title_norm", "body_norm"})),
    Stage("store", frozenset({"title", "body", "body_norm"}), frozenset({"id"})),
)


def check_stages(stages: tuple[Stage, ...]) -> None:
    """Raise when a stage needs a field that no earlier stage provides."""
    have: set[str] = set()
    for st in stages:
        missing = st.requires - have
        if missing:
            raise RuntimeError(f"stage {st.name!r} needs {sorted(missing)} but no earlier stage provides them")
        have |= st.provides


check_stages(STAGES)


@dataclass
class IngestReport:
    """What one ingest run did: counts, and each rejected input with its reason."""

    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    stored_ids: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Articles read (stored, skipped as duplicates, or rejected)."""
        return self.stored + self.duplicates + len(self.rejected)


def article_id(article: Article) -> str:
    """The stable Marsad id of an article: a hash of its outlet and URL (or its normalized text)."""
    key = f"{article.source or ''}|{article.url or article.content_hash}"
    return "a" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def batches(items: Iterable[RawDocument | ReadError], size: int = BATCH_SIZE) -> Iterator[list]:
    """Group a stream into lists of ``size``."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def repeated_lines(raws: list[RawDocument], settings: Settings) -> dict[str | None, frozenset[str]]:
    """Per source, the keys of lines that recur in many of its articles in this batch (site boilerplate)."""
    per_source: dict[str | None, Counter[str]] = defaultdict(Counter)
    docs: Counter[str | None] = Counter()
    for raw in raws:
        if raw.is_html:
            continue
        docs[raw.source] += 1
        per_source[raw.source].update({line_key(x) for x in raw.text.splitlines() if x.strip()})
    out: dict[str | None, frozenset[str]] = {}
    ing = settings.ingest
    for source, counts in per_source.items():
        floor = max(ing.repeated_line_min_count, ing.repeated_line_share * docs[source])
        out[source] = frozenset(k for k, c in counts.items() if c >= floor)
    return out


def extract_batch(batch: list[RawDocument | ReadError], settings: Settings) -> Iterator[Article | ReadError]:
    """Extract every document of a batch (repeated-line pass first); failures become ReadErrors."""
    raws = [x for x in batch if isinstance(x, RawDocument)]
    repeated = repeated_lines(raws, settings)
    for item in batch:
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield extract(item, settings.ingest, repeated.get(item.source, frozenset()))
        except IngestError as exc:
            yield ReadError(exc.origin, exc.reason)


def iter_articles(paths: list[str], settings: Settings) -> Iterator[Article | ReadError]:
    """Read and extract every article under ``paths``."""
    for batch in batches(read_paths(paths, settings.ingest)):
        yield from extract_batch(batch, settings)


def ingest(
    paths: list[str], store: SQLiteStore, settings: Settings, progress: Callable[[int], None] | None = None
) -> IngestReport:
    """Read, extract, normalize and store every article under ``paths``; idempotent per outlet."""
    report = IngestReport()
    for batch in batches(read_paths(paths, settings.ingest)):
        with store.transaction():
            for item in extract_batch(batch, settings):
                if isinstance(item, ReadError):
                    report.rejected.append((item.origin, item.reason))
                else:
                    _store_one(item, store, report)
        if progress:
            progress(len(batch))
    return report


def _store_one(article: Article, store: SQLiteStore, report: IngestReport) -> None:
    """Store one article unless the same outlet's copy is already there."""
    if store.find_same(article.source, article.url, article.content_hash):
        report.duplicates += 1
        return
    aid = article_id(article)
    if store.has_article(aid):  # same URL under another id scheme cannot happen; same hash+source caught above
        report.duplicates += 1
        return
    store.insert_article(aid, article)
    report.stored += 1
    report.stored_ids.append(aid)


def article_json(article: Article, aid: str | None = None) -> dict:
    """The public JSON shape of one article (``marsad analyze --json``): display fields, never normalized text."""
    return {
        "id": aid or article.external_id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "byline": article.byline,
        "published_at": article.published_at,
        "dateline": article.dateline,
        "body": article.body,
    }


def analyze(paths: list[str], settings: Settings) -> Iterator[dict | ReadError]:
    """Extract and analyse every article under ``paths`` without a store; yield JSON-ready dicts."""
    for item in iter_articles(paths, settings):
        if isinstance(item, ReadError):
            yield item
        else:
            yield article_json(item)
