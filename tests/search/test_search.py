"""Arabic full-text search: every spelling and inflection, the query language, filters, copies, snippets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.config import Settings
from marsad.errors import ConfigError, QueryError
from marsad.pipeline import ingest
from marsad.retrieval import SearchOptions, reindex, search
from marsad.store import open_store

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
WIRE = ("\u0648\u0635\u0644\u062a \u0627\u0644\u064a\u0648\u0645 \u0627\u0644\u0637\u0627\u0626\u0631\u0629 "
        "\u0627\u0644\u0625\u063a\u0627\u062b\u064a\u0629 \u0627\u0644\u062e\u0627\u0645\u0633\u0629 \u0625\u0644\u0649 "
        "\u0645\u0637\u0627\u0631 \u0639\u062f\u0646 \u0645\u062d\u0645\u0644\u0629 \u0628\u0627\u0644\u0623\u062f\u0648\u064a\u0629 "
        "\u0648\u0627\u0644\u0645\u0648\u0627\u062f \u0627\u0644\u063a\u0630\u0627\u0626\u064a\u0629 \u0644\u0644\u0634\u0639\u0628 "
        "\u0627\u0644\u064a\u0645\u0646\u064a \u0641\u064a \u0625\u0637\u0627\u0631 \u062c\u0647\u0648\u062f "
        "\u0627\u0644\u0625\u063a\u0627\u062b\u0629. ") * 3  # the fifth relief plane arrived in Aden (wire copy)
RECORDS = [
    {"id": "wire", "source": "spa", "url": "http://spa/1", "date": "2015-08-06",
     "title": "\u0648\u0635\u0648\u0644 \u0627\u0644\u0637\u0627\u0626\u0631\u0629 \u0627\u0644\u0625\u063a\u0627\u062b\u064a\u0629", "content": WIRE},
    {"id": "copy", "source": "okaz", "url": "http://okaz/1", "date": "2015-08-06",
     "title": "\u0637\u0627\u0626\u0631\u0629 \u0625\u063a\u0627\u062b\u0629 \u0641\u064a \u0639\u062f\u0646", "content": WIRE},
    {"id": "meetings", "source": "alriyadh", "url": "http://alriyadh/2", "date": "2015-08-09",
     "title": "\u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639\u0627\u062a \u0627\u0644\u0648\u0632\u0627\u0631\u064a\u0629 \u0641\u064a \u0627\u0644\u0631\u064a\u0627\u0636",
     "content": "\u0639\u0642\u062f\u062a \u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639\u0627\u062a \u0627\u0644\u0648\u0632\u0627\u0631\u064a\u0629 "
                "\u0648\u0627\u0644\u0644\u0642\u0627\u0621\u0627\u062a \u0628\u0627\u0644\u0631\u064a\u0627\u0636 \u0623\u0645\u0633 "
                "\u0628\u062d\u0636\u0648\u0631 \u0627\u0644\u0648\u0632\u0631\u0627\u0621 \u0648\u0627\u0644\u0645\u0633\u0624\u0648\u0644\u064a\u0646."},
    {"id": "bhutan", "source": "alriyadh", "url": "http://alriyadh/3", "date": "2015-08-10",
     "title": "\u0632\u064a\u0627\u0631\u0629 \u0625\u0644\u0649 \u0628\u0648\u062a\u0627\u0646",
     "content": "\u0648\u0635\u0644 \u0627\u0644\u0648\u0641\u062f \u0625\u0644\u0649 \u0645\u0645\u0644\u0643\u0629 "
                "\u0628\u0648\u062a\u0627\u0646 \u0641\u064a \u062c\u0628\u0627\u0644 \u0627\u0644\u0647\u064a\u0645\u0627\u0644\u0627\u064a\u0627."},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The two seed articles and four crafted ones, ingested with every stage on."""
    tmp = tmp_path_factory.mktemp("search")
    (tmp / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), "utf-8")
    s = open_store(tmp / "search.db")
    ingest([str(SEEDS), str(tmp / "news.jsonl")], s, Settings())
    yield s
    s.close()


def _ids(store, query: str, **options) -> list[str]:
    """External ids of the hits of ``query``, best first."""
    return [h["external_id"] for h in search(store, query, SearchOptions(**options))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", {"000_fc13acc477961b1c", "003_9e8d747f78e969ee"},
                     id="kim-jong-un-ghain-finds-every-spelling"),
        pytest.param("\u0643\u064a\u0645 \u064a\u0648\u0646\u062c \u0623\u0648\u0646", {"000_fc13acc477961b1c", "003_9e8d747f78e969ee"},
                     id="kim-yong-un-finds-every-spelling"),
        pytest.param("\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", {"000_fc13acc477961b1c", "003_9e8d747f78e969ee"},
                     id="pyongyang-jeem-spelling"),
        pytest.param("\u0627\u062c\u062a\u0645\u0627\u0639\u0627\u062a \u0627\u0644\u0648\u0632\u0627\u0631\u0629", {"meetings"},
                     id="plural-and-singular-inflections"),
        pytest.param("\u0627\u0644\u0631\u064a\u0627\u0636", {"meetings"}, id="clitic-bi-al-riyadh"),
        pytest.param("\u0645\u0633\u0624\u0648\u0644\u0648\u0646 \u0627\u0644\u0648\u0632\u0631\u0627\u0621", {"meetings"},
                     id="hamza-and-inflection"),
        pytest.param("\u0627\u0644\u0637\u0627\u0626\u0631\u0647 \u0627\u0644\u0627\u063a\u0627\u062b\u064a\u0647", {"wire"},
                     id="folded-spelling-and-copies-collapsed"),
    ],
)
def test_search_finds_every_spelling_and_inflection(store, query: str, expected: set[str]) -> None:
    """Each query finds exactly the articles a reader would expect (copies collapsed under the earliest)."""
    assert set(_ids(store, query)) == expected


def test_search_does_not_stem_names(store) -> None:
    """Putin is not Bhutan: a name is matched as a name, not by its light stem."""
    assert "bhutan" not in _ids(store, "\u0628\u0648\u062a\u064a\u0646")
    assert _ids(store, "\u0628\u0648\u062a\u0627\u0646") == ["bhutan"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param('"\u0645\u0637\u0627\u0631 \u0639\u062f\u0646"', {"wire"}, id="exact-phrase"),
        pytest.param('"\u0639\u062f\u0646 \u0645\u0637\u0627\u0631"', set(), id="phrase-order-matters"),
        pytest.param("\u0628\u0648\u062a\u0627\u0646 OR \u0639\u062f\u0646", {"wire", "bhutan"}, id="or"),
        pytest.param("\u0627\u0644\u0637\u0627\u0626\u0631\u0629 -\u0639\u062f\u0646", set(), id="exclude"),
        pytest.param("\u0627\u0644\u0627\u062c\u062a\u0645\u0627* \u0627\u0644\u0648\u0632\u0627\u0631\u064a\u0629", {"meetings"},
                     id="prefix"),
        pytest.param('"\u0645\u0637\u0627\u0631 \u0639\u062f\u0646', {"wire"}, id="unbalanced-quote-closes-at-end"),
        pytest.param("\u0639\u062f\u0646 (((", {"wire"}, id="stray-punctuation-is-text"),
    ],
)
def test_search_query_language(store, query: str, expected: set[str]) -> None:
    """Words, phrases, OR, exclusions and prefixes; other characters are literal text."""
    assert set(_ids(store, query)) == expected


def test_search_collapses_copies_under_the_earliest(store) -> None:
    """The wire copy and another outlet's reprint are one hit listing the copy."""
    (hit,) = search(store, "\u0639\u062f\u0646")
    assert hit["external_id"] == "wire" and [c["external_id"] for c in hit["copies"]] == ["copy"]


def test_search_snippet_is_original_text_with_match_offsets(store) -> None:
    """The snippet is a slice of the display body; each offset pair spans a matched word as written."""
    hit = search(store, "\u0627\u0644\u0631\u064a\u0627\u0636")[0]
    assert hit["snippet"] in RECORDS[2]["content"]
    marked = [hit["snippet"][a:b] for a, b in hit["snippet_matches"]]
    assert marked == ["\u0628\u0627\u0644\u0631\u064a\u0627\u0636"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        pytest.param({"source": "alriyadh"}, {"meetings", "bhutan"}, id="source"),
        pytest.param({"since": "2015-08-10", "until": "2015-12-31"}, {"bhutan"}, id="since"),
        pytest.param({"until": "2015-08-09"}, {"meetings"}, id="until-inclusive"),
    ],
)
def test_search_filters(store, options: dict, expected: set[str]) -> None:
    """Outlet and date filters narrow the hits."""
    assert set(_ids(store, "\u0628\u0648\u062a\u0627\u0646 OR \u0627\u0644\u0631\u064a\u0627\u0636", **options)) == expected


def test_search_entity_and_story_filters(store) -> None:
    """Only articles mentioning the entity (any spelling), or of one story."""
    both = _ids(store, "\u0631\u0648\u0633\u064a\u0627", entity="\u0644\u0627\u0641\u0631\u0648\u0641")
    assert set(both) <= {"000_fc13acc477961b1c", "003_9e8d747f78e969ee"} and both
    story = search(store, "\u0639\u062f\u0646")[0]["story_id"]
    assert _ids(store, "\u0639\u062f\u0646 OR \u0628\u0648\u062a\u0627\u0646", story=story) == ["wire"]


def test_search_sorts_by_date_and_pages(store) -> None:
    """Newest first on request; pages do not overlap."""
    dates = [h["published_at"] for h in search(store, "\u0641\u064a", SearchOptions(sort="date"))]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True) and dates[: len(known)] == known  # undated last
    first, second = _ids(store, "\u0641\u064a", limit=2), _ids(store, "\u0641\u064a", limit=2, offset=2)
    assert not set(first) & set(second)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        pytest.param("", "no word", id="empty"),
        pytest.param("   ", "no word", id="blank"),
        pytest.param("OR", "no word", id="operator-alone"),
        pytest.param("-\u062a\u0631\u0627\u0645\u0628", "only exclusions", id="only-exclusions"),
        pytest.param("\u0643" * 10_000, "shorten", id="ten-kilobytes"),
    ],
)
def test_search_bad_queries_name_the_fix(store, query: str, message: str) -> None:
    """Queries that cannot run raise a ``QueryError`` that says what to type instead."""
    with pytest.raises(QueryError, match=message):
        search(store, query)


@pytest.mark.parametrize("options", [{"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"sort": "random"}])
def test_search_options_reject_bad_paging(options: dict) -> None:
    """Paging and order outside the served range are refused with the fix."""
    with pytest.raises(ConfigError):
        SearchOptions(**options)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_search_any_text_is_a_query_or_a_clear_error(store, text: str) -> None:
    """Any input runs or raises ``QueryError``: never an SQL error or a crash."""
    try:
        search(store, text)
    except QueryError:
        pass


def test_search_reindex_gives_the_same_hits(store) -> None:
    """Rebuilding the index from the stored text changes nothing."""
    before = _ids(store, "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646")
    assert reindex(store) == store.count_articles()
    assert _ids(store, "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646") == before


PARITY_QUERIES = [
    "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646", "\u0628\u0648\u062a\u064a\u0646",
    "\u0627\u062c\u062a\u0645\u0627\u0639\u0627\u062a", "\u0627\u0644\u0631\u064a\u0627\u0636",
    '"\u0645\u0637\u0627\u0631 \u0639\u062f\u0646"', "\u0628\u0648\u062a\u0627\u0646 OR \u0639\u062f\u0646",
    "\u0627\u0644\u0637\u0627\u0626\u0631\u0629 -\u0639\u062f\u0646", "\u0627\u0644\u0627\u062c\u062a\u0645\u0627*",
    "\u0644\u0627\u0641\u0631\u0648\u0641", "\u0634\u0628\u0647 \u0627\u0644\u062c\u0632\u064a\u0631\u0629",
]


def test_search_postgresql_gives_the_same_hits_as_sqlite(store, pg_database: str, tmp_path) -> None:
    """The same corpus ingested into PostgreSQL answers every query with the same articles (and copies)."""
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), "utf-8")
    pg = open_store(pg_database)
    try:
        ingest([str(SEEDS), str(tmp_path / "news.jsonl")], pg, Settings())
        for query in PARITY_QUERIES:
            lite = {(h["external_id"], tuple(c["external_id"] for c in h["copies"])) for h in search(store, query)}
            post = {(h["external_id"], tuple(c["external_id"] for c in h["copies"])) for h in search(pg, query)}
            assert post == lite, query
    finally:
        pg.close()


def test_search_postgresql_leaves_planner_settings_as_they_were(pg_database: str) -> None:
    """A search turns sequential scans and JIT off for its own statement only, also inside a caller's transaction."""
    pg = open_store(pg_database)
    try:
        with pg.transaction():
            before = [r[0] for r in pg.db.execute("SELECT setting FROM pg_settings WHERE name IN ('enable_seqscan', 'jit') ORDER BY name")]
            search(pg, "\u0628\u0648\u062a\u064a\u0646")
            after = [r[0] for r in pg.db.execute("SELECT setting FROM pg_settings WHERE name IN ('enable_seqscan', 'jit') ORDER BY name")]
        assert after == before == ["on", "on"]
    finally:
        pg.close()
