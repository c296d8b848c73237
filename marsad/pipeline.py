"""Wires the stages: read -> extract (+ normalize) -> analyse -> store. The only module that joins the layers.

Stages declare what they need and what they add (spaCy's requires/assigns); the order is checked at import.
Stateful stages (dedup, stories, the entity registry) get their state loaded from the store and passed in.
"""

from __future__ import annotations

import copy
import ctypes
import gc
import hashlib
import signal
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from marsad.analysis.annotate import Analysis, AnnotateSettings, Annotator
from marsad.analysis.dedup.index import DedupIndex, DedupSettings
from marsad.analysis.stories.stories import StoryDoc, StorySettings, StoryState, assign_story, describe_story
from marsad.analysis.entities.registry import EntityRegistry
from marsad.config import BATCH_CHARS, BATCH_SIZE, Settings
from marsad.errors import IngestError, StoreConflict
from marsad.ingest.extract import extract, line_key
from marsad.ingest.readers import ReadError, read_bytes, read_paths
from marsad.model import Article, RawDocument
from marsad.store import Store
from marsad.store.indexing import ensure_index, index_article


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
#: Allocations between collections of the youngest generation while an ingest runs, and how many younger
#: collections trigger the next older one (CPython's defaults: 700, 10, 10). The archive's state, the models and
#: the per-word caches are millions of container objects that the collector's full passes walk again and again:
#: with the defaults they took 16 % of a 1,000-article ingest and 21 % of one with a 31k archive loaded; with
#: these, 4 % and 6 % (measured with ``gc.callbacks``; outputs identical). Restored when the ingest ends.
GC_THRESHOLDS = (10_000, 10, 10)


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


def batches(items: Iterable[RawDocument | ReadError], size: int = BATCH_SIZE, chars: int = BATCH_CHARS
            ) -> Iterator[list]:
    """Group a stream into lists of ``size`` items, cut early once they hold ``chars`` characters of text."""
    batch: list = []
    held = 0
    for item in items:
        batch.append(item)
        held += len(item.text) if isinstance(item, RawDocument) else 0
        if len(batch) >= size or held >= chars:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


class _TimeUp(BaseException):
    """An article's time is up (raised by SIGALRM; a BaseException, so no ``except Exception`` in a stage
    swallows it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``_TimeUp`` in the block once ``seconds`` have passed: in the main thread on POSIX, else no limit.

    A running C call (a regular expression, a parser) finishes before the limit takes effect.
    """
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        """Stop the article in hand."""
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guarded(origin: str, stage: str, seconds: float, work: Callable[[], Any]) -> Any:
    """``work()``, or a ReadError naming the reason when it fails, raises IngestError or runs over ``seconds``.

    An unexpected exception is a bug, but it costs only its article: the rest of the batch is still stored.
    """
    try:
        with time_limit(seconds):
            return work()
    except IngestError as exc:
        return ReadError(exc.origin, exc.reason)
    except _TimeUp:
        return ReadError(origin, f"{stage} took over {seconds:g} s (IngestSettings.article_seconds): split the "
                         "article or raise the limit")
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        return ReadError(origin, f"{stage} failed ({type(exc).__name__}: {str(exc)[:200]}): a bug, please "
                         "report it with this input")


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
    limit = settings.ingest.max_article_chars
    raws = [x for x in batch if isinstance(x, RawDocument) and len(x.text) <= limit]
    repeated = repeated_lines(raws, settings)
    for item in batch:
        if isinstance(item, ReadError):
            yield item
        elif len(item.text) > limit:
            yield ReadError(item.origin, f"article is {len(item.text):,} characters, over the {limit:,} limit "
                            "(IngestSettings.max_article_chars): split it or raise the limit")
        else:
            work = partial(extract, item, settings.ingest, repeated.get(item.source, frozenset()))
            yield guarded(item.origin, "extraction", settings.ingest.article_seconds, work)


def iter_articles(paths: list[str], settings: Settings) -> Iterator[Article | ReadError]:
    """Read and extract every article under ``paths``."""
    for batch in batches(read_paths(paths, settings.ingest), settings.ingest.batch_size, settings.ingest.batch_chars):
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
        """Rebuild every tracker from what the store holds (no collection meanwhile: it only builds live objects,
        and each of its ~40 full passes over a 31k archive's growing state cost ~0.2 s)."""
        a = settings.analysis
        with _collections(None):
            dedup = (DedupIndex.from_rows(store.dedup_rows(), STORE_DEDUP, fetch_text=_norm_text(store))
                     if a.dedup else None)
            stories = StoryState.from_rows(store.story_state_rows()) if a.stories else None
            trackers = cls(make_annotator(settings, store), dedup, stories)
        release_free_memory()  # the rows they were built from
        return trackers


@dataclass
class TrackerCache:
    """Trackers kept between ingests into one store by one process (``marsad serve``'s posts), so a post does not
    reload the whole archive's state; they are reloaded when the store holds another number of articles than this
    process left it with (another writer was there) or after a failed ingest. One writer at a time must use it."""

    trackers: Trackers | None = None
    articles: int | None = None

    def get(self, store: Store, settings: Settings) -> Trackers:
        """The trackers to ingest with: the kept ones while the store is as this process left it, else reloaded."""
        if self.trackers is None or store.count_articles() != self.articles:
            self.trackers = Trackers.load(store, settings)
        return self.trackers

    def keep(self, store: Store, trackers: Trackers) -> None:
        """Remember ``trackers`` after an ingest that finished, with the store's article count."""
        self.trackers, self.articles = trackers, store.count_articles()

    def drop(self) -> None:
        """Forget the trackers (an ingest failed part-way: its in-memory state may not match the store)."""
        self.trackers = self.articles = None


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
    return ingest_items(read_paths(paths, settings.ingest), store, settings, progress)


def ingest_bytes(data: bytes, name: str, store: Store, settings: Settings, cache: TrackerCache | None = None
                 ) -> IngestReport:
    """Ingest the articles of one file's bytes (``name``'s suffix picks the reader, as for a file on disk).

    ``marsad serve`` stores a posted article (``upload.json``) or JSON Lines batch (``upload.jsonl``) this way, with
    a ``cache`` of the trackers between posts.
    """
    return ingest_items(read_bytes(data, name, name, settings.ingest), store, settings, cache=cache)


def ingest_items(items: Iterable[RawDocument | ReadError], store: Store, settings: Settings,
                 progress: Callable[[int], None] | None = None, cache: TrackerCache | None = None) -> IngestReport:
    """Extract, analyse, deduplicate, cluster and store a stream of read documents, one transaction per batch."""
    ensure_index(store)  # a store from before the index, or with other term rules: indexed once, up front
    with _collections(GC_THRESHOLDS):
        if cache is None:
            return _ingest_stream(items, store, settings, Trackers.load(store, settings), progress)[0]
        try:
            report, trackers = _ingest_stream(items, store, settings, cache.get(store, settings), progress)
        except BaseException:
            cache.drop()
            raise
        cache.keep(store, trackers)
        return report


@contextmanager
def _collections(thresholds: tuple[int, int, int] | None) -> Iterator[None]:
    """Run the block with the cyclic collector's thresholds set to ``thresholds`` (paused for None), then restore."""
    before, enabled = gc.get_threshold(), gc.isenabled()
    if thresholds is None:
        gc.disable()
    else:
        gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if enabled:
            gc.enable()


def _ingest_stream(items: Iterable[RawDocument | ReadError], store: Store, settings: Settings, trackers: Trackers,
                   progress: Callable[[int], None] | None) -> tuple[IngestReport, Trackers]:
    """Ingest every batch of ``items`` with ``trackers``; return the report and the trackers in their final state."""
    report = IngestReport()
    for batch in batches(items, settings.ingest.batch_size, settings.ingest.batch_chars):
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
        release_free_memory()  # a batch's transient objects leave free pages inside the C heap
        if progress:
            progress(len(batch))
    return report, trackers


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc ``malloc_trim``); a no-op elsewhere.

    Python returns its own small-object arenas when they empty, but dict tables, long strings and lists live in the
    C heap, where a batch's freed objects leave pages the process keeps: resident memory then grows with every batch
    although the live data do not (measured on 31k articles, see bench/bench_ingest.py).
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    trim = getattr(libc, "malloc_trim", None)
    if trim is not None:
        trim(0)


def _ingest_batch(batch: list, store: Store, settings: Settings, trackers: Trackers, report: IngestReport) -> None:
    """Store one batch in one transaction: articles, analyses, duplicates, stories, touched entities."""
    with store.transaction():
        touched: set[str] = set()
        stories: set[str] = set()
        for item in extract_batch(batch, settings):
            if isinstance(item, ReadError):
                report.rejected.append((item.origin, item.reason))
                continue
            if _already_stored(item, store):
                report.duplicates += 1
                continue
            # analysed before anything of it is written: an article over its time limit leaves no rows
            found = annotate(item, trackers.annotator, settings)
            if isinstance(found, ReadError):
                report.rejected.append((found.origin, found.reason))
            elif (aid := _store_one(item, store, report)) is not None:
                entity_ids = _save_analysis(aid, found, store, trackers.annotator)
                touched |= entity_ids
                report.near_duplicates += _dedup_one(aid, item, store, trackers.dedup)
                stories |= _cluster_one(aid, item, entity_ids, trackers)
        if touched and trackers.annotator.registry is not None:
            store.save_entities(trackers.annotator.registry.to_rows(touched))
        _save_stories(stories, store, trackers)


def _dedup_one(aid: str, article: Article, store: Store, index: DedupIndex | None) -> int:
    """Index one article for near-duplicates; record what it copies and re-point earlier-stored copies of it; return
    how many articles it newly marks as copies."""
    if index is None:
        return 0
    got = index.add(aid, f"{article.title_norm}\n{article.body_norm}", article.source, article.published_at)
    store.save_dedup_rows([row for a in (aid, *(d.article_id for d in got.updated)) for row in index.rows_for(a)])
    for dup in (got.duplicate, *got.updated):  # copies that arrived before their original are re-pointed to it
        if dup is not None:
            store.save_duplicate(dup.article_id, dup.duplicate_of, dup.similarity, dup.first_source,
                                 STORE_DEDUP.version, dup.match)
    return got.marked


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


def _already_stored(article: Article, store: Store) -> bool:
    """True when the same outlet's copy (same URL or normalized text) or the same Marsad id is stored."""
    # an id collision means the same outlet and URL: a repeat
    return bool(store.find_same(article.source, article.url, article.content_hash)) or store.has_article(
        article_id(article))


def _store_one(article: Article, store: Store, report: IngestReport) -> str | None:
    """Store one article (``_already_stored`` said it is new); return its new id."""
    aid = article_id(article)
    seq = store.insert_article(aid, article)
    if seq is None:  # another writer (a second ingest process on the server store) stored it first
        report.duplicates += 1
        return None
    index_article(store, seq, article.title_norm, article.body_norm)
    report.stored += 1
    report.stored_ids.append(aid)
    return aid


def annotate(article: Article, annotator: Annotator, settings: Settings) -> Analysis | ReadError:
    """The entities, quotes and times of one article, or a ReadError when it fails or runs over its time."""
    if annotator.settings.entities and "tagger" not in vars(annotator):
        annotator.annotate("", "", None)  # loads the NER models (~1 s) outside the first article's time limit
    work = partial(annotator.annotate, article.title, article.body, article.published_at)
    return guarded(article.origin or article.external_id, "analysis", settings.ingest.article_seconds, work)


def _save_analysis(aid: str, found: Analysis, store: Store, annotator: Annotator) -> set[str]:
    """Save what was found in one stored article; return the entity ids it mentions."""
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
        found = item if isinstance(item, ReadError) else annotate(item, annotator, settings)
        if isinstance(found, ReadError):
            yield found
            continue
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
