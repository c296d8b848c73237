"""Word and sentence tokenization that knows Arabic punctuation and quote marks, with character offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

from marsad.text import chars as C

_QUOTES = "".join(sorted(C.QUOTE_MARKS))

#: A word: a run of letters, marks and digits (Arabic or Latin), allowing inner dots/commas in numbers
#: ("3.5", "1,200") and inner apostrophes/hyphens in Latin words.
_WORD_RE = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*|[^\W_]+(?:['\u2019-][^\W_]+)*", re.UNICODE)
#: A token: a word, or any single non-space symbol (punctuation, quote mark).
_TOKEN_RE = re.compile(_WORD_RE.pattern + r"|[^\s]", re.UNICODE)

#: Sentence ends: . ! ? and ARABIC QUESTION MARK (U+061F), ARABIC FULL STOP (U+06D4), ellipsis (U+2026),
#: optionally followed by closing quotes/brackets; or a newline.
_SENT_END_RE = re.compile(
    r"(?:[.!?\u061f\u06d4\u2026]+[" + re.escape(_QUOTES) + r")\]]*)(?=\s|$)|\n+", re.UNICODE
)


class Token(NamedTuple):
    """One token with its character offsets in the source text (a tuple: cheap to make by the million)."""

    text: str
    start: int
    end: int


class Sentence(NamedTuple):
    """One sentence with its character offsets in the source text."""

    text: str
    start: int
    end: int


def words(text: str) -> list[str]:
    """Return the words of ``text`` (no punctuation)."""
    return _WORD_RE.findall(text)


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
    """Split ``text`` into sentences at . ! ? \u061f \u06d4 and newlines; offsets point into ``text``."""
    out: list[Sentence] = []
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end() if m.group()[0] != "\n" else m.start()
        _append_sentence(text, pos, end, out)
        pos = m.end()
    _append_sentence(text, pos, len(text), out)
    return out


def _append_sentence(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Append the stripped span ``text[start:end]`` to ``out`` when it holds a word."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and _WORD_RE.search(text, start, end):
        out.append(Sentence(text[start:end], start, end))


def shingles(tokens_: list[str], k: int) -> set[str]:
    """Return the set of ``k``-word shingles of ``tokens_`` (the whole list when shorter than ``k``)."""
    if len(tokens_) < k:
        return {" ".join(tokens_)} if tokens_ else set()
    return {" ".join(tokens_[i : i + k]) for i in range(len(tokens_) - k + 1)}
