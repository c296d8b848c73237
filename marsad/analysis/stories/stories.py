"""Incremental story clustering: each arriving article joins the most similar active story or opens a new one.

Score of an article against a story (after Miranda et al. 2018, "Multilingual clustering of streaming news":
TF-IDF similarity, entity overlap and time decay matter most)::

    text    = cosine(article TF-IDF, story centroid)          # fixed IDF table: order-independent
    text   *= NUMBER_PENALTY  when none of the article's title numbers is a story term (and the story has numbers)
    entity  = |article entities & story entities| / |article entities|   (only when both have entities)
    score   = ((1 - ENTITY_WEIGHT) * text + ENTITY_WEIGHT * entity) * 0.5 ** (max(0, dt - grace) / half_life)

Candidates come from an inverted index over the top terms/entities of the *active* stories (last seen within
``window_days`` of the newest article), never from a scan of all stories. When an article opens a new story,
older stories (any age) sharing enough top terms/entities are searched with a stricter, undecayed threshold and
the best one is linked as the earlier chapter. Story ids are ``"S" + first article id``; with the fixed IDF
table and a fully serialisable ``StoryState``, one run and daily batches give identical stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from datetime import datetime
from typing import Any

from marsad.analysis.stories.packed import PackedCentroid
from marsad.analysis.stories.story_state import (
    ENTITY_PREFIX,
    STORIES_VERSION,
    StoryRecord,
    StorySettings,
    StoryState,
    add_article,
    from_epoch_days,
    story_keys,
    to_epoch_days,
)
from marsad.analysis.stories.vectors import (
    Vector,
    article_vector,
    is_number,
    salient_numbers,
    shared_terms,
    top_terms,
)
from marsad.text.tokenize import iter_word_matches

__all__ = [
    "STORIES_VERSION",
    "Assignment",
    "StoryDoc",
    "StorySettings",
    "StoryState",
    "assign_story",
    "cluster_documents",
    "describe_story",
]


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """One article as story clustering sees it (entity ids from NER + resolution, may be empty)."""

    article_id: str
    published: datetime | None
    title: str
    body: str
    entity_ids: tuple[str, ...] = ()
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article went and why: story, whether it opened it, score, shared evidence, earlier chapter."""

    story_id: str
    is_new: bool
    similarity: float
    shared_entities: tuple[str, ...]
    shared_terms: tuple[str, ...]
    chapter_of: str | None
    version: str = STORIES_VERSION


@dataclass(frozen=True, slots=True)
class _Probe:
    """What an arriving article is scored with: its vector, entities and title numbers."""

    vec: Vector
    ents: frozenset[str]
    numbers: frozenset[str]


def _probe(doc: StoryDoc, settings: StorySettings) -> _Probe:
    """Build the scoring view of an article."""
    vec = article_vector(doc.title, doc.body, settings.vector)
    nums = salient_numbers(doc.title) if settings.number_penalty < 1.0 else frozenset()
    return _Probe(vec, frozenset(doc.entity_ids), nums)


def _score(probe: _Probe, rec: StoryRecord, settings: StorySettings) -> tuple[float, tuple[str, ...]]:
    """Return the undecayed score of an article against a story, and the entities they share."""
    if rec.norm <= 0.0:
        return 0.0, ()
    centroid = rec.centroid
    vec, ents = probe.vec, probe.ents
    text = min(1.0, sum(w * centroid.get(t, 0.0) for t, w in vec.items()) / rec.norm)
    if probe.numbers and rec.numeric and not any(n in centroid for n in probe.numbers):
        text *= settings.number_penalty  # the article reports other numbers than the story: another event
    if ents and rec.entities:
        shared = tuple(sorted(e for e in ents if e in rec.entities))
        ent = len(shared) / len(ents)
        return (1.0 - settings.entity_weight) * text + settings.entity_weight * ent, shared
    return text, ()


def _gap_days(when: float | None, rec: StoryRecord) -> float:
    """Days between ``when`` and the story's [first_seen, last_seen] span (0 inside it or when unknown)."""
    if when is None or rec.first_seen is None or rec.last_seen is None:
        return 0.0
    return max(0.0, rec.first_seen - when, when - rec.last_seen)


def _decay(gap: float, settings: StorySettings) -> float:
    """Time decay factor for a gap in days."""
    return 0.5 ** (max(0.0, gap - settings.grace_days) / settings.half_life_days)


def _shortlist(
    index: Mapping[str, set[str]], keys: Iterable[tuple[str, float]], limit: int, max_postings: int | None = None
) -> list[tuple[str, float, int]]:
    """Return up to ``limit`` (story id, weight, shared keys) from weighted key postings, best first."""
    acc: dict[str, list[float]] = {}
    for key, weight in keys:
        postings = index.get(key)
        if not postings or (max_postings is not None and len(postings) > max_postings):
            continue
        for sid in postings:
            slot = acc.get(sid)
            if slot is None:
                acc[sid] = [weight, 1]
            else:
                slot[0] += weight
                slot[1] += 1
    ranked = sorted(acc.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
    return [(sid, w, int(n)) for sid, (w, n) in ranked]


def _query_keys(vec: Vector, ents: frozenset[str], settings: StorySettings) -> list[tuple[str, float]]:
    """Return the weighted index keys of an article: top terms and its entities."""
    keys = [(t, vec[t]) for t in top_terms(vec, settings.query_terms)]
    ent_weight = 1.0 / max(1, len(ents))
    keys += [(ENTITY_PREFIX + e, ent_weight) for e in sorted(ents)]
    return keys


def _find_chapter(probe: _Probe, state: StoryState, settings: StorySettings) -> str | None:
    """Return the story a new story is another chapter of (strict undecayed score, enough shared keys), or None.

    The match may be older (the new story continues it) or, when an archive arrives out of order, newer.
    """
    keys = _query_keys(probe.vec, probe.ents, settings)
    best: tuple[float, str] | None = None
    for sid, _, shared in _shortlist(state.archive, keys, settings.max_candidates, settings.chapter_max_postings):
        if shared < settings.chapter_min_shared:
            continue
        rec = state.stories[sid]
        score, _ = _score(probe, rec, settings)
        if score >= settings.chapter_threshold and (best is None or (score, sid) > (best[0], best[1])):
            best = (score, sid)
    return best[1] if best else None


def _join(
    rec: StoryRecord, doc: StoryDoc, when: float | None, vec: Vector, state: StoryState, settings: StorySettings,
    why: dict[str, Any],
) -> None:
    """Add an article to a story: members, centroid, entities, sources, times, index keys."""
    add_article(rec, when, state.seq, doc.article_id)
    rec.members[doc.article_id] = why
    centroid = rec.centroid
    if isinstance(centroid, PackedCentroid):  # a late article joins an archived story
        rec.centroid = centroid = centroid.unpacked()
    for t, w in vec.items():
        centroid[t] = centroid.get(t, 0.0) + w
    if len(centroid) > settings.centroid_terms:
        kept = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[: settings.centroid_terms]
        rec.centroid = centroid = dict(kept)
    rec.norm = sum(w * w for w in centroid.values()) ** 0.5
    rec.numeric = any(map(is_number, centroid))
    rec.entities.update(set(doc.entity_ids))
    if doc.source:
        rec.sources[doc.source] += 1
    if when is not None:
        rec.first_seen = when if rec.first_seen is None else min(rec.first_seen, when)
        rec.last_seen = when if rec.last_seen is None else max(rec.last_seen, when)
    state.article_story[doc.article_id] = rec.story_id
    state.index_story(rec, story_keys(rec, settings.index_terms))
    state.activate(rec)


def assign_story(doc: StoryDoc, state: StoryState, settings: StorySettings = StorySettings()) -> Assignment:
    """Assign one article (in arrival order) to an active story or a new one; updates ``state`` in place."""
    known = state.article_story.get(doc.article_id)
    if known is not None:
        return _replay(doc.article_id, state.stories[known])
    when = to_epoch_days(doc.published)
    if when is not None:
        state.watermark = when if state.watermark is None else max(state.watermark, when)
        state.expire(state.watermark - settings.window_days)
    probe = _probe(doc, settings)
    vec, ents = probe.vec, probe.ents
    if _few_words(doc.body, settings.min_text_words) and _few_words(doc.title, settings.min_text_words):
        return _open(doc, when, vec, None, ents, state, settings)  # a cartoon, a photo caption: no evidence
    best: tuple[float, str, tuple[str, ...]] | None = None
    # An article older than the active window (archives arrive out of order) looks among all stories;
    # the time-gap check below still keeps it to stories of its own days.
    late = when is not None and state.watermark is not None and when < state.watermark - settings.window_days
    pool = state.archive if late else state.active
    for sid, _, _ in _shortlist(pool, _query_keys(vec, ents, settings), settings.max_candidates):
        rec = state.stories[sid]
        gap = _gap_days(when, rec)
        if gap > settings.window_days:
            continue
        raw, shared_ents = _score(probe, rec, settings)
        score = raw * _decay(gap, settings)
        if best is None or score > best[0] or (score == best[0] and sid < best[1]):
            best = (score, sid, shared_ents)
    if best is not None and best[0] >= settings.threshold:
        rec = state.stories[best[1]]
        why = {
            "similarity": round(best[0], 6),
            "shared_entities": list(best[2]),
            "shared_terms": shared_terms(vec, rec.centroid, 10),
            "chapter_of": None,
        }
        _join(rec, doc, when, vec, state, settings, why)
        state.seq += 1
        return _replay(doc.article_id, rec)
    return _open(doc, when, vec, _find_chapter(probe, state, settings), ents, state, settings)


def _few_words(text: str, n: int) -> bool:
    """True when ``text`` has fewer than ``n`` words (stops reading at the ``n``-th: bodies run to thousands)."""
    return sum(1 for _ in islice(iter_word_matches(text), n)) < n


def _open(
    doc: StoryDoc, when: float | None, vec: Vector, chapter: str | None, ents: frozenset[str],
    state: StoryState, settings: StorySettings,
) -> Assignment:
    """Open a new story with this article, linked to ``chapter`` (an older or newer story of the same topic)."""
    rec = StoryRecord(story_id="S" + doc.article_id, title=doc.title.strip(), first_seen=when, last_seen=when)
    shared: tuple[list[str], list[str]] = ([], [])
    if chapter is not None:
        older = state.stories[chapter]
        if when is not None and older.first_seen is not None and older.first_seen > when:
            # the match is a later chapter of this (older) article's story: link it back to us
            rec.chapters.append(chapter)
            if older.chapter_of is None:
                older.chapter_of = rec.story_id
            chapter = None
        else:
            older.chapters.append(rec.story_id)
            rec.chapter_of = chapter
        shared = (sorted(e for e in ents if e in older.entities), shared_terms(vec, older.centroid, 10))
    state.stories[rec.story_id] = rec
    why = {"similarity": 1.0, "shared_entities": shared[0], "shared_terms": shared[1], "chapter_of": chapter}
    _join(rec, doc, when, vec, state, settings, why)
    state.seq += 1
    return _replay(doc.article_id, rec)


def _replay(article_id: str, rec: StoryRecord) -> Assignment:
    """Rebuild the ``Assignment`` of an article from what its story recorded."""
    why = rec.members[article_id]
    return Assignment(
        story_id=rec.story_id,
        is_new=rec.story_id == "S" + article_id,
        similarity=float(why["similarity"]),
        shared_entities=tuple(why["shared_entities"]),
        shared_terms=tuple(why["shared_terms"]),
        chapter_of=why["chapter_of"],
    )


def cluster_documents(
    docs: Iterable[StoryDoc], settings: StorySettings = StorySettings(), state: StoryState | None = None
) -> list[Assignment]:
    """Assign every document in the given (arrival) order; pass ``state`` to continue or inspect it."""
    st = state if state is not None else StoryState()
    return [assign_story(doc, st, settings) for doc in docs]


def load_state(rows: Iterable[dict[str, Any]], settings: StorySettings = StorySettings()) -> StoryState:
    """Rebuild a ``StoryState`` from ``StoryState.to_rows()`` output for these settings."""
    return StoryState.from_rows(rows, settings)


def describe_story(state: StoryState, story_id: str, top_k: int = 10) -> dict[str, Any]:
    """Return a story's display summary: title, first/last seen, articles in time order with why each joined."""
    rec = state.story(story_id)
    return {
        "story_id": rec.story_id,
        "title": rec.title,
        "first_seen": from_epoch_days(rec.first_seen),
        "last_seen": from_epoch_days(rec.last_seen),
        "articles": [{"article_id": a, **rec.members[a]} for a in rec.article_ids()],
        "top_entities": rec.top_entities(top_k),
        "top_terms": top_terms(rec.centroid, top_k),
        "sources": sorted(rec.sources.items(), key=lambda kv: (-kv[1], kv[0])),
        "earlier_chapter": rec.chapter_of,
        "later_chapters": list(rec.chapters),
        "version": STORIES_VERSION,
    }
