"""Word and sentence tokenization that knows Arabic punctuation and quote marks, with character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from marsad.text.sentences import Sentence, split_sentences

__all__ = ["Sentence", "Token", "sentences", "shingles", "tokens", "word_spans", "words"]


#: A word: a run of letters, marks and digits (Arabic or Latin), allowing inner dots/commas in numbers
#: ("3.5", "1,200") and inner apostrophes/hyphens in Latin words.
_WORD_RE = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*|[^\W_]+(?:['\u2019-][^\W_]+)*", re.UNICODE)
#: A token: a word, or any single non-space symbol (punctuation, quote mark).
_TOKEN_RE = re.compile(_WORD_RE.pattern + r"|[^\s]", re.UNICODE)

class Token(NamedTuple):
    """One token with its character offsets in the source text (a tuple: cheap to make by the million)."""

    text: str
    start: int
    end: int


def words(text: str) -> list[str]:
    """Return the words of ``text`` (no punctuation)."""
    return _WORD_RE.findall(text)


def iter_word_matches(text: str, end: int | None = None) -> Iterator[re.Match[str]]:
    """Iterate over the words of ``text[:end]`` as regex matches (``group()``, ``start()``, ``end()``): no objects made."""
    return _WORD_RE.finditer(text, 0, len(text) if end is None else end)


def word_spans(text: str) -> list[Token]:
    """Return the words of ``text`` with offsets (no punctuation)."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Return words and punctuation marks (each its own token, e.g. the ARABIC COMMA) with offsets into ``text``.

    ``start``/``end`` limit the scan to ``text[start:end]`` without copying it; offsets stay those of ``text``.
    """
    found = _TOKEN_RE.finditer(text, start, len(text) if end is None else end)
    return [Token(m.group(), *m.span()) for m in found]


def sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets (:func:`marsad.text.sentences.split_sentences`)."""
    return split_sentences(text)


def shingles(tokens_: list[str], k: int) -> set[str]:
    """Return the set of ``k``-word shingles of ``tokens_`` (the whole list when shorter than ``k``)."""
    if len(tokens_) < k:
        return {" ".join(tokens_)} if tokens_ else set()
    return {" ".join(tokens_[i : i + k]) for i in range(len(tokens_) - k + 1)}
