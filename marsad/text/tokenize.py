"""Word and sentence tokenization that knows Arabic punctuation and quote marks, with character offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from marsad.text.sentences import Sentence, split_sentences

__all__ = ["TOKENS_VERSION", "Sentence", "Token", "sentences", "shingles", "tokens", "word_spans", "words"]

#: Version of the word rules, stamped on every analysis (the stages read words through them). v2: a word keeps the
#: Arabic marks inside and after it (v1 split "حسنًا" into "حسن" + "ا" and "وعُمان" into "وع" + "مان").
TOKENS_VERSION = "words.v2"


#: Arabic combining marks a word may carry: Quranic signs (U+0610-U+061A), harakat, tanwin, shadda, sukun and the
#: rest of U+064B-U+065F, the superscript alef (U+0670) and the small high signs (U+06D6-U+06ED but the two that are
#: not marks). They are not ``\w`` characters to ``re`` (category Mn), so without them "حسنًا" split into two words.
ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_LETTERS = rf"[^\W_]+(?:[{ARABIC_MARKS}]+[^\W_]*)*"  # letters and digits, with marks after any of them
#: A word: a run of letters, marks and digits (Arabic or Latin) starting with a letter or digit, allowing inner
#: dots/commas in numbers ("3.5", "1,200") and inner apostrophes/hyphens in Latin words.
_WORD_RE = re.compile(rf"\d+(?:[.,\u066b\u066c]\d+)*|{_LETTERS}(?:['\u2019-]{_LETTERS})*", re.UNICODE)
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
