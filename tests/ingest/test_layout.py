"""Plain-text layout: headline or not, hard-wrapped or not."""

from __future__ import annotations

import pytest

from marsad.config import IngestSettings
from marsad.ingest.extract import extract
from marsad.ingest.layout import ends_sentence, is_hard_wrapped, unwrap
from marsad.model import RawDocument

S = "\u0627\u0644\u0646\u0627\u064a \u0622\u0644\u0629 \u0646\u0641\u062e\u064a\u0629 \u0645\u0648\u0633\u064a\u0642\u064a\u0629"  # "the nay is a wind instrument"
WRAPPED = "\r\n".join([f"{S} {S} {S}", f"{S} {S}.", f"{S} {S} {S}", f"{S}.", f"{S} {S} {S}", f"{S} {S}."])
HEADED = f"\u0639\u0646\u0648\u0627\u0646 \u0627\u0644\u062e\u0628\u0631\n\n{S} {S}.\n\n{S}."


def _extract(text: str):
    """Extract a plain-text document with default settings."""
    return extract(RawDocument(external_id="x", origin="x.txt", text=text), IngestSettings())


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        pytest.param(WRAPPED, True, id="wrapped-at-fixed-width"),
        pytest.param(HEADED, False, id="headline-and-paragraphs"),
        pytest.param(f"{S}.\n{S}.\n{S}.\n{S}.", False, id="one-sentence-per-line"),
    ],
)
def test_layout_detects_hard_wrapping(text: str, wrapped: bool) -> None:
    """A text whose lines run into each other mid-sentence is hard-wrapped; paragraphs per line are not."""
    assert is_hard_wrapped(text) is wrapped


def test_layout_unwrap_joins_lines_inside_sentences() -> None:
    """Lines are joined until one ends a sentence."""
    assert unwrap(["a b", "c.", "d", "e."]) == ["a b c.", "d e."]
    assert unwrap(["names:", "1. a", "2. b", "- c"]) == ["names:", "1. a", "2. b", "- c"]  # list items stay


def test_layout_wrapped_text_keeps_its_first_line_in_the_body() -> None:
    """A wrapped text's first line is the start of a sentence, not a headline: the body holds all the text."""
    a = _extract(WRAPPED)
    assert " ".join(a.body.split()) == " ".join(WRAPPED.split())
    assert "\n" in a.body and a.body.count("\n") == 2  # three sentences-ending lines, joined back
    assert a.title.startswith(S)


def test_layout_headline_then_blank_line_is_the_title() -> None:
    """The seed layout (headline, blank line, paragraphs) is unchanged."""
    a = _extract(HEADED)
    assert a.title == "\u0639\u0646\u0648\u0627\u0646 \u0627\u0644\u062e\u0628\u0631" and a.body.startswith(S)


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        pytest.param(f"{S}.", True, id="full-stop"),
        pytest.param(f"{S} \u061f", False, id="question-mark-headline"),
        pytest.param(f"{S} ..", False, id="double-dot-headline"),
        pytest.param(S, False, id="bare-headline"),
    ],
)
def test_layout_a_line_ending_with_a_full_stop_is_a_sentence(line: str, ends: bool) -> None:
    """Headlines end bare or with ? / !; a full stop ends a sentence."""
    assert ends_sentence(line) is ends
