"""Tests for marsad.analysis.stories.stories: incremental story clustering, stable ids, chapters."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from itertools import groupby
from pathlib import Path

import pytest

from marsad.analysis.stories.stories import (
    StoryDoc,
    StorySettings,
    StoryState,
    assign_story,
    cluster_documents,
    describe_story,
    load_state,
)
from marsad.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
GOLD = ROOT / "evals" / "gold" / "stories.jsonl"


def _seed(name: str, article_id: str, published: datetime, entities: tuple[str, ...] = ()) -> StoryDoc:
    """Return a seed article as a StoryDoc (first line is the title)."""
    title, body = (SEEDS / name).read_text(encoding="utf-8").split("\n", 1)
    return StoryDoc(article_id, published, title, body, entities, "seed")


SEED_2018 = ("003_9e8d747f78e969ee.txt", datetime(2018, 6, 1, 13, 10))
SEED_2019 = ("000_fc13acc477961b1c.txt", datetime(2019, 4, 25, 9, 0))


def _gold_docs(limit: int) -> list[StoryDoc]:
    """Return the first ``limit`` gold articles (publication order) as StoryDocs, or skip without the gold."""
    if not GOLD.is_file():
        pytest.skip("evals/gold/stories.jsonl not present")
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r["published"], r["id"]))
    step = max(1, len(rows) // limit)
    return [
        StoryDoc(r["id"], datetime.fromisoformat(r["published"]), r["title"], r["body"], (), r["source"])
        for r in rows[::step][:limit]
    ]


@pytest.mark.parametrize(
    "entities",
    [
        pytest.param(((), ()), id="text-only"),
        pytest.param((("PER:putin", "PER:kim-jong-un"), ("PER:putin", "PER:kim-jong-un", "LOC:vladivostok")),
                     id="with-resolved-entities"),
    ],
)
def test_stories_seed_articles_eleven_months_apart_are_linked_chapters(entities: tuple) -> None:
    """The 2019 summit report opens a new story that continues the 2018 story anticipating it."""
    docs = [
        _seed(SEED_2018[0], "s2018", SEED_2018[1], entities[0]),
        _seed(SEED_2019[0], "s2019", SEED_2019[1], entities[1]),
    ]
    state = StoryState()
    first, second = cluster_documents(docs, StorySettings(), state)
    assert first.is_new and first.story_id == "Ss2018"
    assert second.is_new and second.story_id == "Ss2019"
    assert second.chapter_of == "Ss2018"
    # ARABIC "kym", "bwt": the stems of Kim and Putin
    assert {"\u0643\u064a\u0645", "\u0628\u0648\u062a"} <= set(second.shared_terms)
    older = describe_story(state, "Ss2018")
    assert older["later_chapters"] == ["Ss2019"] and describe_story(state, "Ss2019")["earlier_chapter"] == "Ss2018"
    if entities[0]:
        assert set(second.shared_entities) == {"PER:putin", "PER:kim-jong-un"}


def test_stories_follow_up_joins_with_reasons_and_time_order() -> None:
    """A same-day follow-up joins the open story; members are in time order with why they joined."""
    title, body = (SEEDS / SEED_2019[0]).read_text(encoding="utf-8").split("\n", 1)
    later = StoryDoc("b", SEED_2019[1] + timedelta(hours=3), title, body[: len(body) // 2], (), "okaz")
    earlier = StoryDoc("a", SEED_2019[1], title, body, (), "was")
    state = StoryState()
    results = cluster_documents([later, earlier], StorySettings(), state)
    assert results[0].is_new and not results[1].is_new and results[1].story_id == "Sb"
    assert results[1].similarity >= StorySettings().threshold and results[1].shared_terms
    info = describe_story(state, "Sb")
    assert [a["article_id"] for a in info["articles"]] == ["a", "b"]  # publication order, not arrival
    assert info["first_seen"].startswith("2019-04-25T09:00") and dict(info["sources"]) == {"was": 1, "okaz": 1}


def test_stories_outside_window_do_not_join() -> None:
    """The same text a month later does not join the expired story (it may link as a chapter)."""
    title, body = (SEEDS / SEED_2019[0]).read_text(encoding="utf-8").split("\n", 1)
    docs = [StoryDoc("a", SEED_2019[1], title, body), StoryDoc("b", SEED_2019[1] + timedelta(days=30), title, body)]
    first, second = cluster_documents(docs)
    assert second.is_new and second.chapter_of == "Sa"


def test_stories_one_run_equals_daily_batches_with_persisted_state() -> None:
    """Clustering in one run or day by day (state saved to JSON and reloaded between days) gives equal ids."""
    docs = _gold_docs(150)
    one_run = [a.story_id for a in cluster_documents(docs)]
    batched: list[str] = []
    rows: list[dict] = []
    for _, day in groupby(docs, key=lambda d: d.published.date() if d.published else None):
        state = load_state(json.loads(json.dumps(rows)))
        batched += [assign_story(d, state).story_id for d in day]
        rows = list(state.to_rows())
    assert batched == one_run
    assert len(set(one_run)) < len(one_run)  # some stories have several articles


def test_stories_reassigning_an_article_replays_its_assignment() -> None:
    """Assigning a known article again changes nothing and returns the recorded answer."""
    doc = _seed(SEED_2019[0], "s2019", SEED_2019[1])
    state = StoryState()
    first = assign_story(doc, state)
    assert assign_story(doc, state) == first and len(state.stories) == 1


def test_stories_rows_of_another_version_are_refused() -> None:
    """State rows written by another clustering version cannot be loaded silently."""
    with pytest.raises(ConfigError, match="re-cluster"):
        load_state([{"kind": "meta", "watermark": None, "seq": 0, "version": "stories.v0"}])


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"threshold": 1.2}, id="threshold-above-one"),
        pytest.param({"window_days": 0}, id="zero-window"),
        pytest.param({"half_life_days": -1}, id="negative-half-life"),
        pytest.param({"grace_days": -0.5}, id="negative-grace"),
        pytest.param({"query_terms": 0}, id="no-query-terms"),
    ],
)
def test_stories_settings_reject_bad_values(kwargs: dict) -> None:
    """Bad settings raise ConfigError naming the setting."""
    with pytest.raises(ConfigError, match=next(iter(kwargs))):
        StorySettings(**kwargs)


def test_stories_article_without_date_or_text_gets_a_story() -> None:
    """Undated and empty articles still get a (new) story and do not break the state."""
    results = cluster_documents([StoryDoc("x", None, "", ""), StoryDoc("y", None, "", "")])
    assert [r.story_id for r in results] == ["Sx", "Sy"]


# ARABIC: "Saudi stocks record a rise of 21 points" / "... a fall of 136 points" (titles of two trading sessions)
_UP_21 = ("\u0627\u0644\u0623\u0633\u0647\u0645 \u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629 \u062a\u0633\u062c\u0644 "
          "\u0627\u0631\u062a\u0641\u0627\u0639\u0627\u064b \u0628\u064021 \u0646\u0642\u0637\u0629")
_DOWN_136 = ("\u0627\u0644\u0623\u0633\u0647\u0645 \u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629 \u062a\u0633\u062c\u0644 "
             "\u0627\u0646\u062e\u0641\u0627\u0636\u0627\u064b \u0628\u0640136 \u0646\u0642\u0637\u0629")
# ARABIC: "The Saudi stock market index closed today rising N points at level L, turnover 5 billion riyals"
_CLOSE = ("\u0623\u063a\u0644\u0642 \u0645\u0624\u0634\u0631 \u0633\u0648\u0642 \u0627\u0644\u0623\u0633\u0647\u0645 "
          "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629 \u0627\u0644\u064a\u0648\u0645 {move} {points} "
          "\u0646\u0642\u0637\u0629 \u0639\u0646\u062f \u0645\u0633\u062a\u0648\u0649 {level} \u0646\u0642\u0637\u0629 "
          "\u0628\u062a\u062f\u0627\u0648\u0644\u0627\u062a \u0628\u0644\u063a\u062a \u0642\u064a\u0645\u062a\u0647\u0627 5 "
          "\u0645\u0644\u064a\u0627\u0631\u0627\u062a \u0631\u064a\u0627\u0644")
_UP = "\u0645\u0631\u062a\u0641\u0639\u0627\u064b"  # ARABIC "rising"
# ARABIC: "The Saudi stock market index closed down 136 points at the end of the week's trading after banks fell"
_DOWN_BODY = ("\u0623\u063a\u0644\u0642 \u0645\u0624\u0634\u0631 \u0633\u0648\u0642 \u0627\u0644\u0623\u0633\u0647\u0645 "
              "\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629 \u0645\u0646\u062e\u0641\u0636\u0627\u064b 136 "
              "\u0646\u0642\u0637\u0629 \u0641\u064a \u062e\u062a\u0627\u0645 \u062a\u062f\u0627\u0648\u0644\u0627\u062a "
              "\u0627\u0644\u0623\u0633\u0628\u0648\u0639 \u0628\u0639\u062f \u062a\u0631\u0627\u062c\u0639 "
              "\u0623\u0633\u0647\u0645 \u0627\u0644\u0645\u0635\u0627\u0631\u0641")


def _session_reports() -> list[StoryDoc]:
    """Return two reports of one market session (+21) and, between them, one of the next session (-136)."""
    t0 = datetime(2015, 8, 6, 1, 0)
    up = _CLOSE.format(move=_UP, points=21, level=8790)
    return [StoryDoc("up-a", t0, _UP_21, up, (), "was"),
            StoryDoc("down", t0 + timedelta(hours=2), _DOWN_136, _DOWN_BODY, (), "okaz"),
            StoryDoc("up-b", t0 + timedelta(hours=3), _UP_21, up, (), "alriyadh")]


@pytest.mark.parametrize(
    "penalty, same",
    [
        pytest.param(StorySettings().number_penalty, False, id="numbers-tell-sessions-apart"),
        pytest.param(1.0, True, id="penalty-off-sessions-merge"),
    ],
)
def test_stories_daily_reports_with_other_numbers_are_other_stories(penalty: float, same: bool) -> None:
    """A market close with other points opens its own story; a report of the same session still joins."""
    up_a, down, up_b = cluster_documents(_session_reports(), StorySettings(number_penalty=penalty))
    assert (down.story_id == up_a.story_id) is same
    assert up_b.story_id == up_a.story_id


def test_stories_number_flag_survives_persistence() -> None:
    """The derived 'story has numbers' flag is rebuilt from saved rows, so reloaded states score the same."""
    state = StoryState()
    cluster_documents(_session_reports()[:1], StorySettings(), state)
    reloaded = load_state(json.loads(json.dumps(list(state.to_rows()))))
    assert reloaded.story("Sup-a").numeric and state.story("Sup-a").numeric
    down = assign_story(_session_reports()[1], reloaded)
    assert down.is_new


def test_stories_cartoons_of_two_outlets_stay_apart_but_a_headline_joins() -> None:
    """A one-word title over a caption is no evidence of one event; a full headline without a body still is."""
    state, when = StoryState(), datetime(2015, 8, 4, 9)
    cartoon = "\u0643\u0627\u0631\u064a\u0643\u0627\u062a\u064a\u0631"  # KAF ALEF REH YEH KAF ALEF TEH YEH REH: cartoon
    caption = "\u062e\u0627\u062f\u0645 \u0627\u0644\u062d\u0631\u0645\u064a\u0646"
    first = assign_story(StoryDoc("a", when, cartoon, caption, (), "alyaum"), state)
    second = assign_story(StoryDoc("b", when, cartoon, caption, (), "aleqtisadiya"), state)
    assert first.story_id != second.story_id and second.is_new and second.chapter_of is None
    title = "\u062f\u064a \u0645\u0627\u0631\u064a\u0627 \u064a\u0648\u0642\u0639 \u0644\u0628\u0627\u0631\u064a\u0633 \u0633\u0627\u0646 \u062c\u0631\u0645\u0627\u0646 \u0631\u0633\u0645\u064a\u0627"
    story = assign_story(StoryDoc("c", when, title, title + " " + title, (), "okaz"), state)
    headline = assign_story(StoryDoc("d", when, title, "", (), "sabq"), state)
    assert headline.story_id == story.story_id
