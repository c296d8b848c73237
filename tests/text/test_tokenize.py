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
