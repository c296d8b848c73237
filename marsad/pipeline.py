"""Wires the stages: read -> extract (+ normalize) -> analyse -> store. The only module that joins the layers.

Stages declare what they need and what they add (spaCy's requires/assigns); the order is checked at import.
Stateful stages (dedup, stories, the entity registry) get their state loaded from the store and passed in.
"""

from __future__ import annotations

import copy
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from marsad.analysis.annotate import AnnotateSettings, Annotator
from marsad.analysis.dedup.index import DedupIndex, DedupSettings
from marsad.analysis.stories.stories import StoryDoc, StorySettings, StoryState, assign_story, describe_story
from marsad.analysis.entities.registry import EntityRegistry
from marsad.config import Settings
from marsad.errors import IngestError, StoreConflict
from marsad.ingest.extract import extract, line_key
from marsad.ingest.readers import ReadError, read_paths
from marsad.model import Article, RawDocument
from marsad.store import Store
from marsad.store.indexing import ensure_index, index_article

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
    Stage("entities", frozenset({"title", "body"}), frozenset({"entities"})),
    Stage("quotes", frozenset({"title", "body", "entities"}), frozenset({"quotes"})),
    Stage("times", frozenset({"title", "body", "published_at"}), frozenset({"times"})),
    Stage("dedup", frozenset({"title_norm", "body_norm", "published_at"}), frozenset({"duplicate_of"})),
    Stage("stories", frozenset({"title", "body", "published_at", "entities"}), frozenset({"story_id"})),
)

#: Near-duplicate settings of the store: shingles are not kept (they are recomputed from the stored
#: normalized text for the few LSH candidates), so the index costs ~0.6 KB per article.
STORE_DEDUP = DedupSettings(keep_shingles=False)
#: Times a batch is run again after the server store aborted it for a conflict with another writer (deadlock).
CONFLICT_RETRIES = 5


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


def make_annotator(settings: Settings, store: Store | None = None) -> Annotator:
    """The per-article analyser, its entity registry reloaded from ``store`` when given."""
    a = settings.analysis
    registry = EntityRegistry.from_rows(store.entity_rows()) if store is not None and a.entities else None
    return Annotator(registry, AnnotateSettings(entities=a.entities, quotes=a.quotes, times=a.times))


@dataclass
class Trackers:
    """The cross-article state of one ingest run, loaded from the store: entities, near-duplicates, stories."""

    annotator: Annotator
    dedup: DedupIndex | None
    stories: StoryState | None
    story_settings: StorySettings = field(default_factory=StorySettings)

    @classmethod
    def load(cls, store: Store, settings: Settings) -> Trackers:
        """Rebuild every tracker from what the store holds."""
        a = settings.analysis
        dedup = DedupIndex.from_rows(store.dedup_rows(), STORE_DEDUP, fetch_text=_norm_text(store)) if a.dedup else None
        stories = StoryState.from_rows(store.story_state_rows()) if a.stories else None
        return cls(make_annotator(settings, store), dedup, stories)


def _norm_text(store: Store) -> Callable[[str], str]:
    """The text the dedup index hashes for a stored article: its normalized title and body."""
    return lambda article_id: store.norm_text(article_id) or ""


def ingest(
    paths: list[str], store: Store, settings: Settings, progress: Callable[[int], None] | None = None
) -> IngestReport:
    """Read, extract, normalize, analyse, deduplicate, cluster and store every article under ``paths``.

    Idempotent per outlet. Each batch is one transaction: its articles, their analyses, duplicates, stories and
    the entities they touched are stored together, so an interrupted run loses at most the batch in flight.
    """
    report = IngestReport()
    ensure_index(store)  # a store from before the index, or with other term rules: indexed once, up front
    trackers = Trackers.load(store, settings)
    for batch in batches(read_paths(paths, settings.ingest)):
        for attempt in range(CONFLICT_RETRIES + 1):
            before = copy.deepcopy(report)
            try:
                _ingest_batch(batch, store, settings, trackers, report)
                break
            except StoreConflict:  # another writer held what this batch needed: nothing of it was stored
                if attempt == CONFLICT_RETRIES:
                    raise
                report = before
                trackers = Trackers.load(store, settings)  # the failed batch changed the in-memory state
        if progress:
            progress(len(batch))
    return report


def _ingest_batch(batch: list, store: Store, settings: Settings, trackers: Trackers, report: IngestReport) -> None:
    """Store one batch in one transaction: articles, analyses, duplicates, stories, touched entities."""
    with store.transaction():
        touched: set[str] = set()
        stories: set[str] = set()
        for item in extract_batch(batch, settings):
            if isinstance(item, ReadError):
                report.rejected.append((item.origin, item.reason))
            elif (aid := _store_one(item, store, report)) is not None:
                entity_ids = _analyse_one(aid, item, store, trackers.annotator)
                touched |= entity_ids
                report.near_duplicates += _dedup_one(aid, item, store, trackers.dedup)
                stories |= _cluster_one(aid, item, entity_ids, trackers)
        if touched and trackers.annotator.registry is not None:
            store.save_entities(r for r in trackers.annotator.registry.to_rows() if r["entity_id"] in touched)
        _save_stories(stories, store, trackers)


def _dedup_one(aid: str, article: Article, store: Store, index: DedupIndex | None) -> int:
    """Index one article for near-duplicates; record what it copies; return 1 if it is a copy."""
    if index is None:
        return 0
    dup = index.check_and_add(aid, f"{article.title_norm}\n{article.body_norm}", article.source, article.published_at)
    store.save_dedup_rows(index.rows_for(aid))
    if dup is None:
        return 0
    store.save_duplicate(aid, dup.duplicate_of, dup.similarity, dup.first_source, STORE_DEDUP.version, dup.match)
    return 1


def _cluster_one(aid: str, article: Article, entity_ids: set[str], trackers: Trackers) -> set[str]:
    """Assign one article to a story; return the ids of the stories it changed."""
    if trackers.stories is None:
        return set()
    doc = StoryDoc(aid, _as_datetime(article.published_at), article.title, article.body,
                   tuple(sorted(entity_ids)), article.source)
    got = assign_story(doc, trackers.stories, trackers.story_settings)
    rec = trackers.stories.story(got.story_id)
    return {got.story_id, *rec.chapters} | ({rec.chapter_of} if rec.chapter_of else set())


def _save_stories(story_ids: set[str], store: Store, trackers: Trackers) -> None:
    """Persist the changed stories (state rows and display summaries) and the clustering meta row."""
    state = trackers.stories
    if state is None or not story_ids:
        return
    rows = state.to_rows()
    store.save_state("stories", {"_meta": next(rows)})
    for sid in sorted(story_ids):
        summary = describe_story(state, sid)
        summary.pop("articles", None)
        store.save_story(state.story(sid).to_row(), summary)


def _as_datetime(value: str | None) -> datetime | None:
    """A datetime from an ISO 8601 string (date-only becomes midnight), or None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _store_one(article: Article, store: Store, report: IngestReport) -> str | None:
    """Store one article unless the same outlet's copy is already there; return its new id."""
    if store.find_same(article.source, article.url, article.content_hash):
        report.duplicates += 1
        return None
    aid = article_id(article)
    if store.has_article(aid):  # an id collision means the same outlet and URL: a repeat
        report.duplicates += 1
        return None
    seq = store.insert_article(aid, article)
    if seq is None:  # another writer (a second ingest process on the server store) stored it first
        report.duplicates += 1
        return None
    index_article(store, seq, article.title_norm, article.body_norm)
    report.stored += 1
    report.stored_ids.append(aid)
    return aid


def _analyse_one(aid: str, article: Article, store: Store, annotator: Annotator) -> set[str]:
    """Annotate one stored article and save what was found; return the entity ids it mentions."""
    found = annotator.annotate(article.title, article.body, article.published_at)
    store.save_analysis(aid, found.entities, found.quotes, found.times, annotator.versions)
    return {m.entity_id for m in found.entities if m.entity_id}


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
    """Extract and analyse every article under ``paths`` without a store; yield JSON-ready dicts.

    One entity registry serves the whole run, so ``entity_id`` is the same for the same entity in every article.
    """
    annotator = make_annotator(settings)
    for item in iter_articles(paths, settings):
        if isinstance(item, ReadError):
            yield item
            continue
        found = annotator.annotate(item.title, item.body, item.published_at)
        out = article_json(item)
        out["entities"] = [_entity_json(m) for m in found.entities]
        out["quotes"] = [_quote_json(q) for q in found.quotes]
        out["times"] = [{k: getattr(t, k) for k in TIME_KEYS} for t in found.times]
        yield out


ENTITY_KEYS = ("text", "field", "start", "end", "type", "entity_id", "canonical")
QUOTE_KEYS = ("speaker", "speaker_entity_id", "cue", "text", "field", "start", "end", "direct")
TIME_KEYS = ("text", "field", "start", "end", "value", "calendar")


def _entity_json(m: object) -> dict:
    """The public JSON shape of one entity mention."""
    return {k: getattr(m, k) for k in ENTITY_KEYS}


def _quote_json(q: object) -> dict:
    """The public JSON shape of one quote."""
    return {k: getattr(q, k) for k in QUOTE_KEYS}
