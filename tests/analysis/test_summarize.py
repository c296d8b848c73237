"""Tests of marsad.analysis.summaries.summarize: length, order, redundancy, settings, seeds, robustness."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.summaries.summarize import (
    SummarySettings,
    is_furniture,
    select_sentences,
    summarize_article,
    summarize_story,
    summarize_story_sources,
)
from marsad.analysis.summaries.terms import BackgroundIdf, content_terms, load_background_idf, split_sentences
from marsad.errors import ConfigError

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
# Key words of the running example, as they appear in the seeds.
PUTIN = "\u0628\u0648\u062a\u064a\u0646"  # Putin
KIM = "\u0643\u064a\u0645"  # Kim
NORTH_KOREA = "\u0643\u0648\u0631\u064a\u0627 \u0627\u0644\u0634\u0645\u0627\u0644\u064a\u0629"  # North Korea
VLADIVOSTOK = "\u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643"  # Vladivostok
SUMMIT = "\u0642\u0645\u0629"  # summit
RELATED_ARTICLES = "\u0645\u0642\u0627\u0644\u0627\u062a \u0630\u0627\u062a \u0635\u0644\u0629"  # page furniture
#: Alphabet of the random texts: alef, beh, teh, kaf, yeh, meem, space, full stop, ARABIC COMMA,
#: ARABIC QUESTION MARK, newline, a digit, a Latin letter, FATHA.
FUZZ_ALPHABET = list("\u0627\u0628\u062a\u0643\u064a\u0645 .\u060c\u061f\n5a\u064e")
# Sentences built from these words: "the president met the minister in the capital" etc.
W = [
    "\u0627\u0644\u0631\u0626\u064a\u0633",  # the president
    "\u0627\u0644\u0648\u0632\u064a\u0631",  # the minister
    "\u0627\u0644\u0639\u0627\u0635\u0645\u0629",  # the capital
    "\u0627\u0644\u0627\u062a\u0641\u0627\u0642",  # the agreement
    "\u0627\u0644\u0646\u0641\u0637",  # the oil
    "\u0627\u0644\u0633\u0644\u0627\u0645",  # the peace
    "\u0627\u0644\u062d\u0643\u0648\u0645\u0629",  # the government
    "\u0627\u0644\u0628\u0631\u0644\u0645\u0627\u0646",  # the parliament
    "\u0627\u0644\u0627\u0646\u062a\u062e\u0627\u0628\u0627\u062a",  # the elections
    "\u0627\u0644\u0627\u0642\u062a\u0635\u0627\u062f",  # the economy
]


def _seed(name: str) -> tuple[str, str]:
    """Return (title, body) of a seed article: the first line is the title."""
    title, _, body = (SEEDS / name).read_text(encoding="utf-8").partition("\n")
    return title.strip(), body


def _body(n: int) -> str:
    """Return an article of ``n`` distinct six-word sentences (rotations of ``W``)."""
    return " ".join(" ".join(W[(i + k) % len(W)] for k in range(6)) + "." for i in range(n))


SEED_2019 = "000_fc13acc477961b1c.txt"
SEED_2018 = "003_9e8d747f78e969ee.txt"


@pytest.mark.parametrize(
    ("kwargs", "n_sentences", "expected"),
    [
        pytest.param({"sentences": 3}, 10, 3, id="three-sentences"),
        pytest.param({"sentences": 50}, 4, 4, id="more-than-available"),
        pytest.param({"ratio": 0.3}, 10, 3, id="ratio-30pc"),
        pytest.param({"ratio": 0.01}, 10, 1, id="tiny-ratio-at-least-one"),
        pytest.param({"ratio": 1.0}, 6, 6, id="ratio-all"),
    ],
)
def test_summarize_length_honoured(kwargs: dict, n_sentences: int, expected: int) -> None:
    """The summary has the requested number of sentences (clamped to the input)."""
    out = summarize_article("", _body(n_sentences), SummarySettings(near_duplicate=1.0, mmr_lambda=1.0, **kwargs))
    assert len(out) == expected


def test_summarize_order_preserved_and_verbatim() -> None:
    """Summary sentences are verbatim body sentences, in their original order."""
    title, body = _seed(SEED_2019)
    out = summarize_article(title, body, SummarySettings(sentences=5))
    positions = [body.index(s) for s in out]
    assert positions == sorted(positions)
    assert len(out) == 5


def test_summarize_no_near_duplicates() -> None:
    """A sentence repeated (with different spelling and harakat) is picked once."""
    # "The Russian president Vladimir Putin stressed that the meeting will serve bilateral relations."
    a = (
        "\u0623\u0643\u062f \u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a "
        "\u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 " + PUTIN + " \u0623\u0646 "
        "\u0627\u0644\u0644\u0642\u0627\u0621 \u0633\u064a\u062e\u062f\u0645 "
        "\u0627\u0644\u0639\u0644\u0627\u0642\u0627\u062a \u0627\u0644\u062b\u0646\u0627\u0626\u064a\u0629."
    )
    variant = a.replace("\u0623", "\u0627").replace("\u0629", "\u0647").replace(PUTIN, PUTIN + "\u064f")
    body = " ".join([a, variant, _body(4)])
    out = summarize_article("", body, SummarySettings(sentences=3))
    assert not (a in out and variant in out)
    assert len(set(out)) == len(out)


@pytest.mark.parametrize(
    ("seed", "must_mention"),
    [
        pytest.param(SEED_2019, (PUTIN, KIM), id="summit-2019-putin-kim"),
        pytest.param(SEED_2018, (SUMMIT,), id="summit-2018-anticipation"),
    ],
)
def test_summarize_seeds_sensible(seed: str, must_mention: tuple[str, ...]) -> None:
    """Seed summaries mention the protagonists and skip bylines, datelines and page furniture."""
    title, body = _seed(seed)
    out = summarize_article(title, body, SummarySettings(sentences=3))
    joined = " ".join(out)
    assert len(out) == 3
    for word in must_mention:
        assert word in joined
    for sent in out:
        assert sum(1 for w in sent.split() if not w.strip("\u060c:.").isdigit()) >= 5
    assert RELATED_ARTICLES not in joined


def test_summarize_seed_lead_kept() -> None:
    """The 2019 report's lead sentence (Kim meets Putin in Vladivostok) is in its 2-sentence summary."""
    title, body = _seed(SEED_2019)
    out = summarize_article(title, body, SummarySettings(sentences=2))
    assert any(VLADIVOSTOK in s and PUTIN in s for s in out)


def test_summarize_story_orders_by_article_then_position() -> None:
    """A story summary takes sentences from both seeds, earlier article first, capped per article."""
    older, newer = _seed(SEED_2018), _seed(SEED_2019)
    picked = select_sentences([older, newer], SummarySettings(sentences=4, per_article_cap=2))
    keys = [(p.article, p.position) for p in picked]
    assert keys == sorted(keys)
    assert {p.article for p in picked} == {0, 1}
    assert max(sum(1 for p in picked if p.article == a) for a in (0, 1)) <= 2
    texts = summarize_story([older, newer], SummarySettings(sentences=4, per_article_cap=2))
    assert texts == [p.sentence.text for p in picked]


def test_summarize_story_drops_cross_article_duplicates() -> None:
    """The same sentence carried by two outlets appears once in the story summary."""
    body = _body(6)
    out = summarize_story([("", body), ("", body)], SummarySettings(sentences=4))
    assert len(out) == len(set(out))


def test_summarize_empty_inputs() -> None:
    """Blank input gives an empty summary; a body without words falls back to the title, then to itself."""
    assert summarize_article("", "", SummarySettings(sentences=3)) == []
    assert summarize_article("x", " .. \u061f ", SummarySettings(ratio=0.5)) == ["x"]
    assert summarize_article("", " .. \u061f ", SummarySettings(ratio=0.5)) == [".. \u061f"]
    assert summarize_story([], SummarySettings(sentences=2)) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({}, "exactly one", id="neither-length"),
        pytest.param({"sentences": 3, "ratio": 0.2}, "exactly one", id="both-lengths"),
        pytest.param({"sentences": 0}, "sentences=0", id="zero-sentences"),
        pytest.param({"sentences": True}, "sentences=True", id="bool-sentences"),
        pytest.param({"ratio": 1.5}, "ratio=1.5", id="ratio-above-one"),
        pytest.param({"ratio": 0.0}, "ratio=0.0", id="ratio-zero"),
        pytest.param({"sentences": 2, "mmr_lambda": 1.2}, "mmr_lambda", id="lambda-out-of-range"),
        pytest.param({"sentences": 2, "near_duplicate": 0.0}, "near_duplicate", id="near-dup-zero"),
        pytest.param({"sentences": 2, "min_words": 0}, "min_words", id="min-words-zero"),
        pytest.param({"sentences": 2, "per_article_cap": 0}, "per_article_cap", id="cap-zero"),
        pytest.param({"sentences": 2, "title_weight": -1.0}, "title_weight", id="negative-weight"),
    ],
)
def test_summarize_settings_rejected(kwargs: dict, message: str) -> None:
    """Bad settings raise ConfigError naming the value."""
    with pytest.raises(ConfigError, match=message):
        SummarySettings(**kwargs)


def test_summarize_split_sentences_glued_stop() -> None:
    """A full stop glued to the next Arabic word still ends a sentence; offsets stay valid."""
    text = W[0] + " " + W[1] + " ." + W[2] + " " + W[3] + ". 3.5 " + W[4]
    sents = split_sentences(text)
    assert [s.text for s in sents] == [W[0] + " " + W[1] + " .", W[2] + " " + W[3] + ".", "3.5 " + W[4]]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_summarize_semicolon_joins_clauses_of_one_paragraph() -> None:
    """A sentence ending in the Arabic semicolon is no summary unit alone: it joins the next one of its paragraph."""
    # "أكد السفير أن الزيارة مهمة؛ وأنها تعزز العلاقات." then a new paragraph "ثم غادر."
    first, second = "\u0623\u0643\u062f \u0627\u0644\u0633\u0641\u064a\u0631 \u0623\u0646 \u0627\u0644\u0632\u064a\u0627\u0631\u0629 \u0645\u0647\u0645\u0629\u061b", "\u0648\u0623\u0646\u0647\u0627 \u062a\u0639\u0632\u0632 \u0627\u0644\u0639\u0644\u0627\u0642\u0627\u062a."
    text = f"{first} {second}\n\u062b\u0645 \u063a\u0627\u062f\u0631\u061b\n\u0648\u0639\u0627\u062f."
    got = split_sentences(text)
    assert [s.text for s in got] == [f"{first} {second}", "\u062b\u0645 \u063a\u0627\u062f\u0631\u061b", "\u0648\u0639\u0627\u062f."]
    assert all(text[s.start : s.end] == s.text for s in got)


def test_summarize_keyword_list_is_never_picked() -> None:
    """An outlet's closing keyword list ("سمات" and tags, no punctuation) is no summary sentence, however many words."""
    # "أعادت أستراليا 600 شخص من طالبي اللجوء إلى البحر." then the tags
    body = ("\u0623\u0639\u0627\u062f\u062a \u0623\u0633\u062a\u0631\u0627\u0644\u064a\u0627 600 \u0634\u062e\u0635 \u0645\u0646 \u0637\u0627\u0644\u0628\u064a \u0627\u0644\u0644\u062c\u0648\u0621 \u0625\u0644\u0649 \u0627\u0644\u0628\u062d\u0631. "
            "\u0633\u0645\u0627\u062a \u0627\u0633\u062a\u0631\u0627\u0644\u064a\u0627 \u0637\u0627\u0644\u0628\u064a \u0627\u0644\u0644\u062c\u0648\u0621 \u0645\u0647\u0627\u062c\u0631\u064a\u0646 \u0644\u0627\u062c\u0626\u064a\u0646 \u0642\u0648\u0627\u0631\u0628")
    got = summarize_article("t", body, SummarySettings(sentences=2))
    assert len(got) == 1 and got[0].endswith("\u0627\u0644\u0628\u062d\u0631.")


def test_summarize_background_idf(tmp_path: Path) -> None:
    """A background table loads (words stemmed, max df kept) and can be passed in."""
    path = tmp_path / "idf.test.v1.tsv"
    path.write_text(f"# test table\n#docs\t100\n{W[0]}\t90\n{W[1]}\t3\n", encoding="utf-8")
    table = load_background_idf(path)
    assert table.n_docs == 100 and table.version == "idf.test.v1"
    assert table.df[content_terms(W[0])[0]] == 90
    out = summarize_article("", _body(8), SummarySettings(sentences=2), background=table)
    assert len(out) == 2
    with pytest.raises(ConfigError, match="n_docs"):
        BackgroundIdf(0)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(FUZZ_ALPHABET), max_size=300),
    st.integers(min_value=1, max_value=6),
)
def test_summarize_never_crashes(text: str, n: int) -> None:
    """Arbitrary text gives at most ``n`` verbatim, distinct, ordered sentences."""
    picked = select_sentences([(text[:20], text)], SummarySettings(sentences=n))
    out = [p.sentence.text for p in picked]
    assert len(out) <= n
    assert len(set(out)) == len(out)
    assert all(text[p.sentence.start : p.sentence.end] == p.sentence.text for p in picked)
    assert [p.position for p in picked] == sorted(p.position for p in picked)


def test_summarize_story_counts_a_copied_sentence_once_with_all_its_carriers() -> None:
    """A wire sentence three outlets carry (one behind a byline) is picked once, credited to all three."""
    wire = ("\u0623\u0639\u0644\u0646\u062a \u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u0635\u062d\u0629 \u0627\u0641\u062a\u062a\u0627\u062d \u062b\u0644\u0627\u062b\u0629 \u0645\u0633\u062a\u0634\u0641\u064a\u0627\u062a "
            "\u062c\u062f\u064a\u062f\u0629 \u0641\u064a \u0627\u0644\u0645\u0646\u0637\u0642\u0629 \u0627\u0644\u0634\u0631\u0642\u064a\u0629 \u0628\u0637\u0627\u0642\u0629 \u0623\u0644\u0641 \u0633\u0631\u064a\u0631.")
    other = ("\u0648\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b \u0625\u0646 \u0627\u0644\u0645\u0634\u0631\u0648\u0639\u0627\u062a \u062a\u0623\u062a\u064a \u0636\u0645\u0646 \u062e\u0637\u0629 \u0644\u062a\u0648\u0633\u064a\u0639 "
             "\u0627\u0644\u062e\u062f\u0645\u0627\u062a \u0627\u0644\u0635\u062d\u064a\u0629 \u0641\u064a \u0627\u0644\u0645\u062d\u0627\u0641\u0638\u0627\u062a \u0627\u0644\u0628\u0639\u064a\u062f\u0629.")
    articles = [("t1", f"{wire} {other}"), ("t2", f"\u062d\u0627\u062a\u0645 \u0627\u0644\u0639\u0645\u064a\u0631\u064a- \u0633\u0628\u0642- \u0645\u0643\u0629: {wire}"), ("t3", wire)]
    picked = summarize_story_sources(articles, SummarySettings(sentences=3))
    texts = [t for t, _ in picked]
    assert texts.count(wire) == 1 and not any(t != wire and wire in t for t in texts)
    assert dict(picked)[wire] == (0, 1, 2)


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("\u0635\u062f\u0631 \u0639\u0646 \u0627\u0644\u062f\u064a\u0648\u0627\u0646 \u0627\u0644\u0645\u0644\u0643\u064a \u0623\u0645\u0633 \u0627\u0644\u0628\u064a\u0627\u0646 \u0627\u0644\u062a\u0627\u0644\u064a:", id="introduction-ending-in-colon"),
        pytest.param("\u0631\u0627\u0628\u0637 \u0627\u0644\u062e\u0628\u0631 \u0628\u0635\u062d\u064a\u0641\u0629 \u0627\u0644\u0648\u0626\u0627\u0645: http://example.com/a/1", id="link-line"),
        pytest.param("\u0639\u0645\u0627\u0646 26 \u0634\u0648\u0627\u0644 1436 \u0647\u0640 \u0627\u0644\u0645\u0648\u0627\u0641\u0642 11 \u0623\u063a\u0633\u0637\u0633 2015 \u0645 \u0648\u0627\u0633", id="dateline-of-numbers"),
    ],
)
def test_summarize_story_leaves_page_furniture_out(line: str) -> None:
    """Introductions ending in a colon, link lines and datelines are no story-summary sentences."""
    assert is_furniture(line)
