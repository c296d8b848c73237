"""Tokenization: Arabic punctuation, quote marks and sentence offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.tokenize import sentences, shingles, tokens, words


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("\u0642\u0627\u0644\u060c \u062b\u0645", ["\u0642\u0627\u0644", "\u060c", "\u062b\u0645"], id="arabic-comma"),
        pytest.param("\u0647\u0644 \u062a\u0646\u062c\u062d\u061f", ["\u0647\u0644", "\u062a\u0646\u062c\u062d", "\u061f"], id="arabic-question"),
        pytest.param("\u00ab\u0633\u0628\u0642\u00bb", ["\u00ab", "\u0633\u0628\u0642", "\u00bb"], id="guillemets"),
        pytest.param("\u201c\u0646\u0639\u0645\u201d", ["\u201c", "\u0646\u0639\u0645", "\u201d"], id="curly-quotes"),
        pytest.param("\u0639\u0627\u0645 2017\u061b", ["\u0639\u0627\u0645", "2017", "\u061b"], id="digits-semicolon"),
        pytest.param("3.5 \u0645\u0644\u064a\u0627\u0631", ["3.5", "\u0645\u0644\u064a\u0627\u0631"], id="decimal"),
    ],
)
def test_tokenize_splits_arabic_punctuation(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokens(text)] == expected


def test_tokenize_sentences_split_on_arabic_marks() -> None:
    text = "\u0647\u0644 \u062a\u0646\u062c\u062d\u061f \u0646\u0639\u0645. \u0642\u0627\u0644: \u201c\u0633\u0639\u064a\u062f.\u201d \u062b\u0645\n\u0633\u0637\u0631"
    got = [s.text for s in sentences(text)]
    assert got == ["\u0647\u0644 \u062a\u0646\u062c\u062d\u061f", "\u0646\u0639\u0645.", "\u0642\u0627\u0644: \u201c\u0633\u0639\u064a\u062f.\u201d", "\u062b\u0645", "\u0633\u0637\u0631"]


@given(st.text(max_size=300))
def test_tokenize_offsets_slice_the_source(text: str) -> None:
    for t in tokens(text):
        assert text[t.start:t.end] == t.text
    for s in sentences(text):
        assert text[s.start:s.end] == s.text


def test_tokenize_shingles_of_short_text_is_the_text() -> None:
    assert shingles(words("\u0628\u0648\u062a\u064a\u0646 \u0648\u0643\u064a\u0645"), 5) == {"\u0628\u0648\u062a\u064a\u0646 \u0648\u0643\u064a\u0645"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # WAW AIN DAMMA MEEM ALEF NOON: "and Oman" with a damma inside is one word, not "wa-ain" + "man"
        pytest.param("\u0648\u0639\u064f\u0645\u0627\u0646", ["\u0648\u0639\u064f\u0645\u0627\u0646"], id="damma-inside"),
        # HAH SEEN NOON FATHATAN ALEF: "hasanan" (okay), not the name "Hasan" + "a"
        pytest.param("\u062d\u0633\u0646\u064b\u0627", ["\u062d\u0633\u0646\u064b\u0627"], id="tanwin-before-alef"),
        # BEH YEH SHADDA FATHA NOON TEH: shadda and fatha stacked
        pytest.param("\u0628\u064a\u0651\u064e\u0646\u062a", ["\u0628\u064a\u0651\u064e\u0646\u062a"], id="shadda-fatha"),
        # DAL WAW LAM ALEF REH ALEF FATHATAN: a final tanwin stays on its word
        pytest.param("\u062f\u0648\u0644\u0627\u0631\u0627\u064b \u0642\u0637", ["\u062f\u0648\u0644\u0627\u0631\u0627\u064b", "\u0642\u0637"],
                     id="final-tanwin"),
        pytest.param("\u064e \u0642\u0627\u0644", ["\u0642\u0627\u0644"], id="stray-mark-is-no-word"),
    ],
)
def test_tokenize_words_keep_their_harakat(text: str, expected: list[str]) -> None:
    """Harakat, tanwin and shadda are part of the word they sit on (they are not \\w characters to ``re``)."""
    assert words(text) == expected
