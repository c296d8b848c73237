"""One field of an article read once: display text, its ``align.v1`` fold, sentences and tokens.

Like spaCy's ``Doc``: the analysis stages (NER, quotes, times) take the same ``Doc`` and read the layers they
need; each layer is computed on first use and then shared, so the text is folded once and split into sentences
by one splitter (:mod:`marsad.text.sentences`) once, whichever stages run. Offsets index ``text``.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property

from marsad.text.normalize import align
from marsad.text.sentences import Sentence, split_sentences
from marsad.text.tokenize import Token, tokens

FIELDS = ("title", "body")


class Doc:
    """The display text of one field (``title`` or ``body``) with lazily built, shared layers."""

    def __init__(self, text: str, field: str = "body") -> None:
        """Wrap ``text``; nothing is computed until a layer is read."""
        self.text = text
        self.field = field

    def __repr__(self) -> str:
        """Show the field and the start of the text."""
        return f"Doc({self.field}, {self.text[:30]!r})"

    @cached_property
    def folded(self) -> str:
        """The ``align.v1`` fold of the text: same length and offsets, letters folded for matching."""
        return align(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The sentences of the text (offsets into it)."""
        return split_sentences(self.text)

    @cached_property
    def sentence_tokens(self) -> list[list[Token]]:
        """The tokens of each sentence, with offsets into that sentence's own text."""
        return [tokens(s.text) for s in self.sentences]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        """The start offset of each sentence (sorted), for bisecting."""
        return [s.start for s in self.sentences]

    def sentences_within(self, start: int, end: int) -> list[Sentence]:
        """The sentences lying inside ``text[start:end]`` (a paragraph: sentences never cross a line break)."""
        first = bisect_left(self._sentence_starts, start)
        out = []
        for s in self.sentences[first:]:
            if s.start >= end:
                break
            if s.end <= end:
                out.append(s)
        return out


def as_doc(text: str | Doc, field: str) -> Doc:
    """Return ``text`` as a ``Doc`` of ``field`` (a ``Doc`` passes through unchanged)."""
    return text if isinstance(text, Doc) else Doc(text, field)
