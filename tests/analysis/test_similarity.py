"""Tests for marsad.analysis.stories.similarity and the TF-IDF vectors under it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.stories.similarity import (
    PROTOCOL_WEIGHT,
    SIMILARITY_SETTINGS,
    pair_vector,
    protocol_terms,
    score_pairs,
    similarity,
)
from marsad.analysis.stories.vectors import (
    VectorSettings,
    article_vector,
    cosine,
    is_number,
    load_idf,
    load_stopwords,
    salient_numbers,
    terms,
)
from marsad.errors import ConfigError

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def _seed(name: str) -> tuple[str, str]:
    """Return (title, body) of a seed article."""
    title, body = (SEEDS / name).read_text(encoding="utf-8").split("\n", 1)
    return title, body


S2019 = _seed("000_fc13acc477961b1c.txt")
S2018 = _seed("003_9e8d747f78e969ee.txt")
# ARABIC: "the Saudi stock market rose 21 points" / "the green team won the league"
STOCKS = (
    "\u0627\u0644\u0623\u0633\u0647\u0645 \u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629",
    "\u0627\u0631\u062a\u0641\u0639 \u0645\u0624\u0634\u0631 "
    "\u0627\u0644\u0623\u0633\u0647\u0645 21 \u0646\u0642\u0637\u0629",
)
FOOTBALL = ("\u0627\u0644\u0641\u0631\u064a\u0642 \u0627\u0644\u0623\u062e\u0636\u0631",
            "\u0641\u0627\u0632 \u0627\u0644\u0641\u0631\u064a\u0642 \u0628\u0627\u0644\u062f\u0648\u0631\u064a")


@pytest.mark.parametrize(
    "a, b, low, high",
    [
        pytest.param(S2019, S2019, 0.999, 1.0, id="same-article"),
        pytest.param(S2019, S2018, 0.3, 0.8, id="putin-kim-2019-vs-2018"),
        pytest.param(S2019, STOCKS, 0.0, 0.05, id="summit-vs-stocks"),
        pytest.param(STOCKS, FOOTBALL, 0.0, 0.05, id="stocks-vs-football"),
    ],
)
def test_similarity_orders_related_and_unrelated_articles(a: tuple, b: tuple, low: float, high: float) -> None:
    """Same text scores 1, the two summit articles in between, unrelated articles near 0."""
    assert low <= similarity(a[0], a[1], b[0], b[1]) <= high


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", id="kim-jong-un-hamza"),
        pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0627\u0648\u0646", id="kim-jong-un-bare-alef"),
        pytest.param(
            "\u0643\u0650\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u064f\u0648\u0646", id="kim-jong-un-harakat"
        ),
    ],
)
def test_similarity_normalized_spelling_variants_are_identical(variant: str) -> None:
    """Hamza, bare alef and harakat spellings give the same terms."""
    assert terms(variant) == terms("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0627\u0648\u0646")


def test_similarity_proclitic_is_conflated() -> None:
    """BI-ASIR (with the preposition) and ASIR are one term."""
    assert terms("\u0628\u0639\u0633\u064a\u0631") == terms("\u0639\u0633\u064a\u0631")  # ARABIC b-asir, asir


def test_similarity_shipped_data_loads() -> None:
    """The IDF table and stopword list ship with the package and are normalized."""
    table = load_idf()
    assert table.n_docs == 31030 and len(table.df) > 10000
    assert "\u0641\u064a" in load_stopwords()  # ARABIC "fi" (in)


_TEXT = st.text(alphabet="\u0627\u0628\u062a\u0633\u0645\u0644\u0643\u064a\u0648 .,", max_size=80)


@settings(max_examples=60, deadline=None)
@given(_TEXT, _TEXT, _TEXT, _TEXT)
def test_similarity_bounded_and_symmetric(at: str, ab: str, bt: str, bb: str) -> None:
    """Similarity lies in [0, 1] and does not depend on argument order."""
    s = similarity(at, ab, bt, bb)
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(similarity(bt, bb, at, ab), abs=1e-12)


def test_similarity_score_pairs_reads_and_writes_jsonl() -> None:
    """Each input line gives one {"id", "score"} line, in order; blank lines are skipped."""
    lines = [
        json.dumps(
            {"id": "p1", "a": {"title": S2019[0], "text": S2019[1]}, "b": {"title": S2018[0], "text": S2018[1]}}
        ),
        "",
        json.dumps({"id": 7, "a": {"title": STOCKS[0], "text": STOCKS[1]}, "b": {"title": "", "text": FOOTBALL[1]}}),
    ]
    out = [json.loads(line) for line in score_pairs(lines)]
    assert [o["id"] for o in out] == ["p1", 7]
    assert 0.3 < out[0]["score"] < 0.8 and out[1]["score"] < 0.05


@pytest.mark.parametrize(
    "line, message",
    [
        pytest.param("{not json", "line 2: not valid JSON", id="bad-json"),
        pytest.param(json.dumps({"a": {}, "b": {}}), "line 2: expected an object", id="missing-id"),
        pytest.param(json.dumps({"id": 1, "a": "x", "b": {"text": "y"}}), "line 2: 'a' must be", id="side-not-object"),
        pytest.param(json.dumps({"id": 1, "a": {"text": "x"}, "b": {}}), "line 2: 'b' has neither", id="empty-side"),
    ],
)
def test_similarity_score_pairs_bad_line_names_line_number(line: str, message: str) -> None:
    """A bad line raises ValueError naming its 1-based line number."""
    good = json.dumps({"id": 0, "a": {"text": "x"}, "b": {"text": "y"}})
    with pytest.raises(ValueError, match=message):
        list(score_pairs([good, line]))


def test_similarity_vector_settings_reject_bad_values() -> None:
    """Bad vector settings raise ConfigError naming the setting."""
    with pytest.raises(ConfigError, match="tail_weight"):
        VectorSettings(tail_weight=2.0)


@pytest.mark.parametrize(
    "indefinite, definite",
    [
        pytest.param("\u0645\u0633\u062c\u062f\u0627\u064b", "\u0627\u0644\u0645\u0633\u062c\u062f", id="masjidan-al-masjid"),
        pytest.param("\u062a\u0641\u062c\u064a\u0631\u0627\u064b", "\u0627\u0644\u062a\u0641\u062c\u064a\u0631",
                     id="tafjiran-al-tafjir"),
    ],
)
def test_similarity_indefinite_accusative_alef_is_conflated(indefinite: str, definite: str) -> None:
    """A noun with the written -an ending (ALEF) gets the same term as its definite form."""
    assert terms(indefinite) == terms(definite)


def test_similarity_salient_numbers_drop_years() -> None:
    """Counts and decimals are salient numbers; Gregorian and Hijri years are not."""
    # ARABIC: "year 2015 and 1436 H: 15 killed and 1.5 injured"
    text = ("\u0639\u0627\u0645 2015 \u06481436 \u0647\u0640 \u0642\u062a\u0644 15 "
            "\u0648\u0623\u0635\u064a\u0628 1.5")
    assert salient_numbers(text) == {"15", "1.5"}


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="0123456789 .,\u0627\u0644\u0645\u0633\u062c\u062f", max_size=40))
def test_similarity_salient_numbers_are_number_terms(text: str) -> None:
    """Salient numbers are always number terms of the same text."""
    nums = salient_numbers(text)
    assert nums <= set(terms(text)) and all(is_number(n) for n in nums)


def test_similarity_number_with_glued_proclitic_is_the_number() -> None:
    """BI-136 (ARABIC BEH + TATWEEL + 136, "by 136 points") is the term 136, so numbers match across outlets."""
    assert terms("\u0628\u0640136") == terms("136") == ["136"]


@pytest.mark.parametrize(
    "spelling_a, spelling_b",
    [
        pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646",
                     "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646", id="kim-jong-un-ghain-vs-jeem"),
        pytest.param("\u062a\u0631\u0627\u0645\u0628", "\u062a\u0631\u0645\u0628", id="trump-with-and-without-alef"),
        pytest.param("\u0623\u0631\u062f\u0648\u063a\u0627\u0646", "\u0625\u0631\u062f\u0648\u062c\u0627\u0646",
                     id="erdogan-ghain-vs-jeem"),
    ],
)
def test_similarity_two_spellings_of_one_name_count_as_shared(spelling_a: str, spelling_b: str) -> None:
    """Transliteration variants of a name fold to one name key, so the pair score treats them as one shared term."""
    assert pair_vector(spelling_a, "").keys() == pair_vector(spelling_b, "").keys()
    assert similarity(spelling_a, "", spelling_b, "") > 0.999
    # the story vectors (not name-keyed) see different terms
    assert cosine(article_vector(spelling_a, ""), article_vector(spelling_b, "")) < 0.6


# ARABIC: two court stories that share only the royal protocol formula ("the Custodian of the Two Holy Mosques
# King Salman bin Abdulaziz Al Saud"): receiving Japan's ambassador / condoling Brazil's president on floods.
_FORMULA = ("\u062e\u0627\u062f\u0645 \u0627\u0644\u062d\u0631\u0645\u064a\u0646 "
            "\u0627\u0644\u0634\u0631\u064a\u0641\u064a\u0646 \u0627\u0644\u0645\u0644\u0643 "
            "\u0633\u0644\u0645\u0627\u0646 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632 "
            "\u0622\u0644 \u0633\u0639\u0648\u062f")
COURT_JAPAN = (
    "\u062e\u0627\u062f\u0645 \u0627\u0644\u062d\u0631\u0645\u064a\u0646 \u064a\u0633\u062a\u0642\u0628\u0644 "
    "\u0633\u0641\u064a\u0631 \u0627\u0644\u064a\u0627\u0628\u0627\u0646",
    f"\u0627\u0633\u062a\u0642\u0628\u0644 {_FORMULA} "
    "\u0633\u0641\u064a\u0631 \u0627\u0644\u064a\u0627\u0628\u0627\u0646 "
    "\u0641\u064a \u0642\u0635\u0631 \u0627\u0644\u064a\u0645\u0627\u0645\u0629 "
    "\u0628\u0627\u0644\u0631\u064a\u0627\u0636.",
)
COURT_BRAZIL = (
    "\u062e\u0627\u062f\u0645 \u0627\u0644\u062d\u0631\u0645\u064a\u0646 \u064a\u0639\u0632\u064a "
    "\u0631\u0626\u064a\u0633 \u0627\u0644\u0628\u0631\u0627\u0632\u064a\u0644",
    f"\u0628\u0639\u062b {_FORMULA} \u0628\u0631\u0642\u064a\u0629 \u0639\u0632\u0627\u0621 "
    "\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0628\u0631\u0627\u0632\u064a\u0644 \u0641\u064a "
    "\u0636\u062d\u0627\u064a\u0627 \u0627\u0644\u0641\u064a\u0636\u0627\u0646\u0627\u062a.",
)
# ARABIC: the Japan audience again, told another way ("King Salman meets the Japanese ambassador in Riyadh")
COURT_JAPAN_RETOLD = (
    "\u0627\u0644\u0645\u0644\u0643 \u0633\u0644\u0645\u0627\u0646 \u064a\u0644\u062a\u0642\u064a "
    "\u0627\u0644\u0633\u0641\u064a\u0631 \u0627\u0644\u064a\u0627\u0628\u0627\u0646\u064a",
    "\u0627\u0644\u062a\u0642\u0649 \u0627\u0644\u0645\u0644\u0643 \u0633\u0644\u0645\u0627\u0646 "
    "\u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632 \u0641\u064a "
    "\u0627\u0644\u0631\u064a\u0627\u0636 \u0627\u0644\u0633\u0641\u064a\u0631 "
    "\u0627\u0644\u064a\u0627\u0628\u0627\u0646\u064a \u0641\u064a \u0642\u0635\u0631 "
    "\u0627\u0644\u064a\u0645\u0627\u0645\u0629.",
)


@pytest.mark.parametrize(
    "word",
    [
        pytest.param("\u0633\u0645\u0648", id="sumuw-highness"),
        pytest.param("\u0627\u0644\u0623\u0645\u064a\u0631", id="al-amir-prince"),
        pytest.param("\u062e\u0627\u062f\u0645", id="khadim-custodian"),
        pytest.param("\u0628\u0646", id="bin-son-of"),
        pytest.param("\u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632", id="abdulaziz"),
    ],
)
def test_similarity_protocol_words_are_protocol_terms(word: str) -> None:
    """Titles, honorifics, name particles and the royal house's names are damped protocol terms."""
    assert set(terms(word)) <= protocol_terms() and terms(word)
    assert 0.0 < PROTOCOL_WEIGHT < 1.0


@pytest.mark.parametrize(
    "word",
    [
        pytest.param("\u0627\u0644\u064a\u0627\u0628\u0627\u0646", id="japan"),
        pytest.param("\u0641\u064a\u0636\u0627\u0646\u0627\u062a", id="floods"),
        pytest.param("\u0633\u0644\u0645\u0627\u0646", id="salman-a-name-not-protocol"),
    ],
)
def test_similarity_event_words_are_not_protocol_terms(word: str) -> None:
    """Words that name the event or its people keep their full weight."""
    assert not set(terms(word)) & protocol_terms()


def test_similarity_protocol_boilerplate_does_not_make_stories_similar() -> None:
    """Two court stories sharing only the protocol formula score well below two tellings of one audience."""
    unrelated = similarity(*COURT_JAPAN, *COURT_BRAZIL)
    same_event = similarity(*COURT_JAPAN, *COURT_JAPAN_RETOLD)
    assert unrelated < 0.25 < 0.5 < same_event
    # the story vectors' plain cosine ranks them much closer together
    story = VectorSettings()
    plain = cosine(article_vector(*COURT_JAPAN, story), article_vector(*COURT_BRAZIL, story))
    assert unrelated < plain


def test_similarity_title_counts_once() -> None:
    """The pair score counts title words once (story vectors count them three times), so a shared title alone
    weighs less than in story clustering."""
    assert SIMILARITY_SETTINGS.title_weight == 1.0 < VectorSettings().title_weight
    # same title "the Saudi shares", different bodies (stocks rose / the team won the league)
    once = similarity(STOCKS[0], STOCKS[1], STOCKS[0], FOOTBALL[1])
    thrice = similarity(STOCKS[0], STOCKS[1], STOCKS[0], FOOTBALL[1], VectorSettings())
    assert 0.0 < once < thrice < 1.0


@pytest.mark.parametrize("article", [pytest.param(S2019, id="summit-seed"), pytest.param(STOCKS, id="stocks")])
def test_similarity_pair_vector_is_unit_length(article: tuple[str, str]) -> None:
    """Pair vectors are L2-normalized, so the same article scores 1 with itself."""
    vec = pair_vector(*article)
    assert sum(w * w for w in vec.values()) == pytest.approx(1.0)
    assert similarity(*article, *article) == pytest.approx(1.0)
