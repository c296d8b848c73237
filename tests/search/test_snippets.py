"""Snippets: the one-scan finder of matched words agrees with checking every word."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.retrieval.snippets import _hits, _matches, make_snippet
from marsad.text.normalize import normalize_word
from marsad.text.searchterms import base_form, stem_form
from marsad.text.tokenize import iter_word_matches

#: Letters with every fold match.v1 makes (hamza seats, alef maksura, teh marbuta, keheh, digits), harakat,
#: tatweel, a presentation form, Latin in both cases and separators.
ALPHABET = ("\u0627\u0623\u0625\u0622\u0628\u062a\u0629\u0647\u064a\u0649\u0626\u0648\u0624\u0644\u0645\u0646\u0643\u06a9"
            "\u0633\u0631\u0639\u064b\u064e\u0650\u0651\u0652\u0640\u0663\u06f5\ufefb" + "aBcD" + "  .\u060c\n")


def _reference(text: str, marks: set[str], prefixes: set[str]) -> list[int]:
    """Every word checked one by one."""
    spans = [m.span() for m in iter_word_matches(text)]
    return [i for i, (a, b) in enumerate(spans) if _matches(text[a:b], marks, prefixes)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=200), st.data())
def test_snippets_one_scan_finds_the_same_words(text: str, data) -> None:
    words = [m.group() for m in iter_word_matches(text)]
    picked = data.draw(st.lists(st.sampled_from(words), max_size=3)) if words else []
    marks = {f(normalize_word(w)) for w in picked for f in (lambda x: x, base_form, stem_form)}
    prefixes = {normalize_word(w)[:2] for w in data.draw(st.lists(st.sampled_from(words), max_size=1))} if words else set()
    spans = [m.span() for m in iter_word_matches(text)]
    assert _hits(text, spans, marks, prefixes) == _reference(text, marks, prefixes)


def test_snippets_mark_a_word_as_written() -> None:
    body = "\u0642\u0627\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 \u0623\u0645\u0633"  # قال الرئيس أمس
    snippet, matches = make_snippet(body, {"\u0631\u064a\u064a\u0633"}, set())  # رييس (hamza seat folded)
    assert [snippet[a:b] for a, b in matches] == ["\u0627\u0644\u0631\u0626\u064a\u0633"]
