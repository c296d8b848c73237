"""The one sentence splitter: where Arabic and Latin news text ends a sentence, and where it does not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.summaries.summarize import SummarySettings, summarize_article
from marsad.text.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("\u0642\u0627\u0644 \u0646\u0648\u062d.\u0648\u0623\u0636\u0627\u0641 \u0630\u0644\u0643.",
                     ["\u0642\u0627\u0644 \u0646\u0648\u062d.", "\u0648\u0623\u0636\u0627\u0641 \u0630\u0644\u0643."],
                     id="glued-full-stop"),
        pytest.param("\u0628\u0644\u063a 3.5 \u0641\u064a \u0627\u0644\u0645\u0626\u0629. \u062b\u0645",
                     ["\u0628\u0644\u063a 3.5 \u0641\u064a \u0627\u0644\u0645\u0626\u0629.", "\u062b\u0645"],
                     id="decimal-number"),
        pytest.param("\u0632\u0648\u0631\u0648\u0627 www.spa.gov.sa \u0627\u0644\u0622\u0646. \u062b\u0645",
                     ["\u0632\u0648\u0631\u0648\u0627 www.spa.gov.sa \u0627\u0644\u0622\u0646.", "\u062b\u0645"],
                     id="url"),
        pytest.param("\u0627\u0644\u062a\u0642\u0649 \u062f. \u0645\u062d\u0645\u062f \u0628\u0647\u0645. \u062b\u0645",
                     ["\u0627\u0644\u062a\u0642\u0649 \u062f. \u0645\u062d\u0645\u062f \u0628\u0647\u0645.", "\u062b\u0645"],
                     id="arabic-one-letter-abbreviation"),
        pytest.param("\u0627\u0644\u0631\u062c\u0644 \u0627\u0644\u0645\u062a\u064a\u0642\u0651\u0638. \u062a\u062c\u062f\u0631",
                     ["\u0627\u0644\u0631\u062c\u0644 \u0627\u0644\u0645\u062a\u064a\u0642\u0651\u0638.", "\u062a\u062c\u062f\u0631"],
                     id="shadda-before-full-stop-is-no-abbreviation"),
        pytest.param("\u0642\u0627\u0644 \u062f\u064f. \u0645\u062d\u0645\u062f \u0630\u0644\u0643",
                     ["\u0642\u0627\u0644 \u062f\u064f. \u0645\u062d\u0645\u062f \u0630\u0644\u0643"],
                     id="one-letter-abbreviation-with-a-haraka"),
        pytest.param("Dr. Smith met U.S. officials. Then left", ["Dr. Smith met U.S. officials.", "Then left"],
                     id="latin-abbreviations"),
        pytest.param("1. \u0627\u0644\u0623\u0648\u0644\n2. \u0627\u0644\u062b\u0627\u0646\u064a",
                     ["1. \u0627\u0644\u0623\u0648\u0644", "2. \u0627\u0644\u062b\u0627\u0646\u064a"], id="numbered-list"),
        pytest.param("\u0647\u0644 \u0647\u0630\u0627\u061f\u0646\u0639\u0645! \u0637\u064a\u0628\u061b \u062b\u0645",
                     ["\u0647\u0644 \u0647\u0630\u0627\u061f", "\u0646\u0639\u0645!", "\u0637\u064a\u0628\u061b", "\u062b\u0645"],
                     id="question-exclamation-semicolon"),
        pytest.param("\u0642\u0627\u0644: \u00ab\u0627\u0646\u062a\u0647\u0649.\u00bb \u062b\u0645",
                     ["\u0642\u0627\u0644: \u00ab\u0627\u0646\u062a\u0647\u0649.\u00bb", "\u062b\u0645"],
                     id="closing-quote-stays"),
        pytest.param("\u2022 \u0623\u0648\u0644\u0627 \u2022 \u062b\u0627\u0646\u064a\u0627",
                     ["\u2022 \u0623\u0648\u0644\u0627", "\u2022 \u062b\u0627\u0646\u064a\u0627"], id="bullets"),
        pytest.param("\u0639\u0627\u062f\u2026 \u062b\u0645", ["\u0639\u0627\u062f\u2026", "\u062b\u0645"], id="ellipsis"),
    ],
)
def test_sentences_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    """Each example splits exactly where a reader ends a sentence."""
    assert [s.text for s in split_sentences(text)] == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_sentences_are_spans_of_the_input(text: str) -> None:
    """Every sentence is the slice of the input its offsets name, in order, without overlap."""
    end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text and s.start >= end
        end = s.end


_ARABIC = st.text(alphabet=st.sampled_from(list("\u0627\u0628\u062a\u0645\u0646\u0648\u064a .\u061f!\n\u060c3\u00ab\u00bb")))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(min_size=1), _ARABIC.filter(str.strip)))
def test_summarize_never_empty_for_non_empty_text(text: str) -> None:
    """Any text with a non-space character gets a summary, and each summary sentence is a span of the input."""
    summary = summarize_article("", text, SummarySettings(ratio=0.4))
    if text.strip():
        assert summary
    for sentence in summary:
        assert sentence in text
