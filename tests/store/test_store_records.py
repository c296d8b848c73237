"""Store contract, record by record: every record type round-trips with Arabic text on every backend; re-ingest
is idempotent; a failure mid-article leaves nothing of it; pages are stable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.config import Settings
from marsad.model import Mention, Quote, TimeExpr
from marsad.pipeline import ingest
from tests.store.conftest import make_article

KIM = "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646"  # Kim Jong Un
PUTIN = "\u0628\u0648\u062a\u064a\u0646"  # Putin
BODY = f"\u0642\u0627\u0644 {PUTIN} \u0625\u0646 {KIM} \u0648\u0635\u0644 \u0627\u0644\u064a\u0648\u0645."  # Putin said Kim arrived today.
SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def _stored(store, aid: str = "a1", **kwargs) -> str:
    """Insert one article in a transaction and return its id."""
    with store.transaction():
        store.insert_article(aid, make_article(**kwargs))
    return aid


def test_store_analysis_round_trips_mentions_quotes_and_times(store) -> None:
    """Mentions, quotes and times come back with their Arabic text, offsets, ids and flags."""
    aid = _stored(store, body=BODY)
    mentions = [Mention(PUTIN, "body", 4, 9, "PER", "PER:1", PUTIN), Mention(KIM, "body", 13, 25, "PER", "PER:2", KIM)]
    quotes = [Quote(PUTIN, "PER:1", "\u0642\u0627\u0644", KIM, "body", 13, 40, False)]
    times = [TimeExpr("\u0627\u0644\u064a\u0648\u0645", "body", 31, 37, "2019-04-25", "gregorian")]
    with store.transaction():
        store.save_analysis(aid, mentions, quotes, times, {"ner": "ner-ens.v2"})
    got = store.analysis(aid)
    assert [(m["text"], m["entity_id"], m["start"]) for m in got["entities"]] == [(PUTIN, "PER:1", 4), (KIM, "PER:2", 13)]
    assert [(q["speaker"], q["text"], q["direct"]) for q in got["quotes"]] == [(PUTIN, KIM, False)]
    assert [(t["text"], t["value"], t["calendar"]) for t in got["times"]] == [("\u0627\u0644\u064a\u0648\u0645", "2019-04-25", "gregorian")]


def test_store_entities_round_trip_with_variants(store) -> None:
    """Registry rows come back whole: canonical, variants with counts, extra data."""
    row = {"entity_id": "PER:2", "type": "PER", "canonical": KIM, "english": "Kim Jong Un", "iso": None,
           "geonames_id": None, "mentions": 3, "variants": {KIM: 2, "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646": 1},
           "gaz_id": "kim", "roles": [], "version": "resolve.v3"}
    with store.transaction():
        store.save_entities([row])
    assert store.entity_rows() == [row]
    assert store.entities_by_id(["PER:2", "nope"]) == {"PER:2": {"id": "PER:2", "type": "PER", "canonical": KIM}}
    assert store.entities_matching(["\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646"]) == ["PER:2"]


def test_store_entities_keep_their_dated_offices(store) -> None:
    """An entity's office table (issue #17: office -> [count, first day, last day]) comes back as saved."""
    row = {"entity_id": "PER:3", "type": "PER", "canonical": PUTIN, "english": None, "iso": None,
           "geonames_id": None, "mentions": 4, "variants": {PUTIN: 4}, "gaz_id": None, "roles": {},
           "version": "resolve.v3", "offices": {"\u0627\u0644\u0631\u064a\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a": [3, "2019-04-20", "2019-04-25"]}}
    with store.transaction():
        store.save_entities([row])
    assert store.entity_rows() == [row]


def test_store_duplicates_and_dedup_rows_round_trip(store) -> None:
    """A copy's record, its match explanation and the index rows come back as saved."""
    _stored(store, "a1", url="u1")
    _stored(store, "a2", url="u2", source="okaz")
    match = {"jaccard": 0.4, "containment": 0.9, "shared": 0.9, "part": "ending", "words": [40, 300, 300], "numbers": None}
    row = {"article_id": "a2", "source": "okaz", "published": "2019-04-25", "seq": 1, "group": "a1", "group_first": None,
           "duplicate_of": "a1", "similarity": 0.9, "signature": b"\x01\x02\x03\x04", "shingles": None,
           "anchors": b"\x00" * 8, "match": json.dumps(match), "version": "v"}
    with store.transaction():
        store.save_dedup_rows([row])
        store.save_duplicate("a2", "a1", 0.9, "s", "v", match)
    assert list(store.dedup_rows()) == [row]
    assert store.duplicates_of_articles(["a2"]) == [
        {"article_id": "a2", "duplicate_of": "a1", "similarity": 0.9, "first_source": "s", "match": match}]


def test_store_stories_and_state_round_trip(store) -> None:
    """A story's state row and display summary come back; state namespaces keep Arabic keys."""
    state = {"story_id": "Sa1", "first_seen_days": 1.0, "terms": {PUTIN: 1.5}, "title": KIM,
             "first_seen": "2019-04-25", "last_seen": "2019-04-26", "articles": ["a1", "a2"], "chapter_of": None,
             "members": {"a1": {"similarity": 1.0}, "a2": {"similarity": 0.6, "shared_terms": [PUTIN]}}}
    summary = {"sources": [["s", 2]], "top_entities": [["PER:2", 2]]}
    _stored(store, "a1", url="u1")
    _stored(store, "a2", url="u2")
    with store.transaction():
        store.save_story(state, summary)
        store.save_state("registry", {PUTIN: {"n": 1}})
    assert state in store.story_state_rows()
    got = store.get_story("Sa1")
    assert got is not None and (got["title"], got["size"], got["data"]) == (KIM, 2, summary)
    assert [(a["id"], a["why"]) for a in store.story_articles("Sa1")] == [
        ("a1", {"similarity": 1.0}), ("a2", {"similarity": 0.6, "shared_terms": [PUTIN]})]
    assert store.load_state("registry") == {PUTIN: {"n": 1}}


def test_store_ingest_is_idempotent_and_atomic_per_article(store, monkeypatch) -> None:
    """Re-ingesting stores nothing new; a failure while analysing an article leaves none of its rows."""
    first = ingest([str(SEEDS)], store, Settings())
    again = ingest([str(SEEDS)], store, Settings())
    assert (first.stored, again.stored, store.count_articles()) == (2, 0, 2)

    import marsad.pipeline as pipeline

    def boom(*args, **kwargs):
        """Fail after the article row is written, before its analysis is saved."""
        raise RuntimeError("analysis crashed")

    monkeypatch.setattr(pipeline, "_save_analysis", boom)
    extra = SEEDS.parent / "pages" / "summit-2019.html"
    with pytest.raises(RuntimeError):
        ingest([str(extra)], store, Settings())
    assert store.count_articles() == 2
    assert all(store.analysis(a["id"])["entities"] for a in store.list_articles())


def test_store_pages_are_stable_and_complete(store) -> None:
    """Paging with limit/offset visits every article once, in the same order each time."""
    for i in range(23):
        _stored(store, f"a{i:02d}", url=f"u{i}", title=f"{KIM} {i}")
    pages = [store.list_articles(limit=5, offset=k) for k in range(0, 25, 5)]
    ids = [a["id"] for page in pages for a in page]
    assert ids == [a["id"] for a in store.list_articles(limit=100)] and len(set(ids)) == 23
    assert [a["id"] for a in store.list_articles(limit=5, offset=5)] == ids[5:10]


_ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" .\u060c"),
                  min_size=1, max_size=40)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(canonical=_ARABIC, variants=st.dictionaries(_ARABIC, st.integers(1, 9), max_size=4), mentions=st.integers(0, 99))
def test_store_entity_rows_round_trip_any_arabic(store, canonical: str, variants: dict, mentions: int) -> None:
    """Any Arabic canonical name and variants round-trip through ``save_entities`` / ``entity_rows``."""
    row = {"entity_id": "PER:x", "type": "PER", "canonical": canonical, "english": None, "iso": None,
           "geonames_id": None, "mentions": mentions, "variants": variants, "gaz_id": None, "roles": None,
           "version": "resolve.v3"}
    with store.transaction():
        store.save_entities([row])
    assert [r for r in store.entity_rows() if r["entity_id"] == "PER:x"] == [row]


def test_store_listings_page_by_offset(store) -> None:
    """Entities, quotes and stories come in pages: consecutive pages are the full listing cut, on every backend."""
    ingest([str(SEEDS)], store, Settings())
    for listing in (lambda limit, offset: store.list_entities(None, limit, offset),
                    lambda limit, offset: store.list_quotes(None, limit, offset),
                    lambda limit, offset: store.list_stories(None, limit, 1, offset)):
        whole = listing(1000, 0)
        assert whole
        pages = [row for start in range(0, len(whole)) for row in listing(1, start)]
        assert pages == whole and listing(1, len(whole)) == []


def test_store_story_state_rows_come_meta_first_in_order(store, monkeypatch) -> None:
    """The clustering state comes back meta row first, then stories by first seen (unknown as 0) and id,
    the same across read chunks."""
    import marsad.store.sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "STATE_CHUNK", 2)
    rows = [{"story_id": sid, "first_seen_days": days, "title": sid, "first_seen": None, "last_seen": None,
             "articles": [], "chapter_of": None, "members": {}}
            for sid, days in [("S3", 5.0), ("S1", 2.0), ("S5", None), ("S2", 2.0), ("S4", 9.5)]]
    with store.transaction():
        for row in rows:
            store.save_story(row, {})
        store.save_state("stories", {"_meta": {"kind": "meta", "seq": 5}})
    got = list(store.story_state_rows())
    assert got[0] == {"kind": "meta", "seq": 5}
    assert [r["story_id"] for r in got[1:]] == ["S5", "S1", "S2", "S3", "S4"]
