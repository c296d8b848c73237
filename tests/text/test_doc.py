"""The one document object: layers built once and shared, and the same answers as reading the text again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.quotes import extract_quotes
from marsad.analysis.times import extract_times
from marsad.text.doc import Doc, as_doc
from marsad.text.sentences import split_sentences

SEED = (Path(__file__).resolve().parent.parent / "data" / "seeds" / "000_fc13acc477961b1c.txt").read_text("utf-8")


def test_doc_layers_are_built_once_and_shared() -> None:
    """Reading a layer twice returns the same object: the text is folded and split once."""
    doc = Doc(SEED, "body")
    assert doc.folded is doc.folded and doc.sentences is doc.sentences
    assert len(doc.folded) == len(SEED)
    assert as_doc(doc, "body") is doc


def test_doc_stages_answer_the_same_from_a_doc_as_from_text() -> None:
    """Quotes and times read from a shared ``Doc`` equal those read from the plain text."""
    doc = Doc(SEED, "body")
    day = dt.date(2019, 4, 25)
    assert extract_quotes(doc, "body") == extract_quotes(SEED, "body")
    assert extract_times(doc, "body", day) == extract_times(SEED, "body", day)


_LINES = st.lists(st.text(alphabet=st.sampled_from(list("\u0627\u0628 .\u061f!3")), max_size=30), max_size=6)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_doc_sentences_within_a_paragraph_equal_splitting_the_paragraph(lines: list[str]) -> None:
    """A paragraph's sentences taken from the whole text equal those of the paragraph split alone."""
    text = "\n".join(lines)
    doc = Doc(text)
    pos = 0
    for line in lines:
        alone = [(s.text, s.start + pos, s.end + pos) for s in split_sentences(line)]
        assert [tuple(s) for s in doc.sentences_within(pos, pos + len(line))] == alone
        pos += len(line) + 1
