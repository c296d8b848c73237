"""The search query language: words (all required), ``"exact phrase"``, ``OR``, ``-exclude``, ``prefix*``.

``parse_query`` turns a user's query into clauses; anything else is literal text (punctuation splits words as in
the index). An empty query, one with nothing but exclusions, or one over ``MAX_QUERY_CHARS`` is refused with a
``QueryError`` that says what to type instead; unbalanced quotes close at the end of the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.errors import QueryError
from marsad.text.normalize import normalize_word
from marsad.text.tokenize import words

#: Longest query accepted (characters); longer input is refused with a message, never sent to the index.
MAX_QUERY_CHARS = 1000
#: Most terms in one query (each becomes a handful of index look-ups).
MAX_TERMS = 32
_PIECE_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True, slots=True)
class Term:
    """One query item: normalized words (several for a phrase), whether it is a prefix, excluded or a phrase."""

    words: tuple[str, ...]
    phrase: bool = False
    prefix: bool = False
    exclude: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: groups that must all match, each a set of alternatives (``OR``); exclusions apart."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def positive_terms(self) -> list[Term]:
        """Every term that adds to a match (all groups flattened)."""
        return [t for g in self.groups for t in g]


def parse_query(text: str) -> Query:
    """Parse a user's query; raise ``QueryError`` naming the fix when it cannot be searched."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long: shorten it to at most {MAX_QUERY_CHARS}")
    items: list[Term | str] = []
    for m in _PIECE_RE.finditer(text):
        if m.group(2) is not None:
            toks = tuple(normalize_word(w) for w in words(m.group(2)))
            if toks:
                items.append(Term(toks, phrase=len(toks) > 1, exclude=bool(m.group(1))))
            continue
        piece = m.group(3)
        if piece == "OR":
            items.append("OR")
            continue
        exclude = piece.startswith("-") and len(piece) > 1
        body = piece[1:] if exclude else piece
        prefix = body.endswith("*")
        toks = [normalize_word(w) for w in words(body)]
        for i, tok in enumerate(toks):
            items.append(Term((tok,), prefix=prefix and i == len(toks) - 1, exclude=exclude))
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for item in items:
        if item == "OR":
            join_next = bool(groups)
            continue
        assert isinstance(item, Term)
        if item.exclude:
            excluded.append(item)
        elif join_next and groups:
            groups[-1].append(item)
        else:
            groups.append([item])
        join_next = False
    if not groups:
        raise QueryError(
            "the query has no word to look for" + (" (only exclusions)" if excluded else "")
            + ': type at least one word, e.g. marsad search "\u0628\u0648\u062a\u064a\u0646" --db news.db'
        )
    if sum(len(g) for g in groups) + len(excluded) > MAX_TERMS:
        raise QueryError(f"the query has more than {MAX_TERMS} terms: keep the words that matter most")
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))
