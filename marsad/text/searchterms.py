"""The terms Marsad indexes and queries for Arabic full-text search (``search-terms.v1``).

Each word of the ``match.v1`` text is indexed in three forms, each in its own column so phrases keep their
positions:

* the word itself (letters folded, diacritics and tatweel gone: the normalized form);
* its *base*: the definite article and the clitics before it stripped ("wal-", "bil-", "lil-", "al-"), so a
  name is found with or without them and without being stemmed (light stemming turns
  \u0628\u0648\u062a\u064a\u0646 "Putin" into \u0628\u0648\u062a); one-letter clitics on a bare word ("and-Putin")
  are reached from the query side (``clitic_forms``);
* its light *stem* (``marsad.text.stem``), so ordinary words are found in every common inflection.

A query word is matched on stems, or on bases when it is a name (the search module decides); a quoted phrase on
bases. Changing any rule here changes the index: bump ``SEARCH_TERMS_VERSION`` and run ``marsad reindex``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.text.caches import WORD_CACHE_SIZE
from marsad.text.stem import light_stem
from marsad.text.tokenize import words

SEARCH_TERMS_VERSION = "search-terms.v1"
#: The index columns, title before body (the title is boosted when ranking).
COLUMNS = ("title", "body", "title_bases", "body_bases", "title_stems", "body_stems")
#: Article proclitics (normalized) before the word: optional wa-/fa-, optional bi-/ka-/li-, then al-; or lil-.
_ARTICLE_RE = re.compile("^[\u0648\u0641]?(?:[\u0628\u0643\u0644]?\u0627\u0644|\u0644\u0644)")
#: One-letter proclitic runs a query word may carry in the text: and-, so-, with-, for-, like-, and-with-, ...
CLITIC_PREFIXES = ("", "\u0648", "\u0641", "\u0628", "\u0644", "\u0643", "\u0648\u0628", "\u0648\u0644",
                   "\u0648\u0643", "\u0641\u0628", "\u0641\u0644")
#: Fewest letters a base keeps (the article is not stripped from a word this short).
MIN_BASE = 2


@lru_cache(maxsize=WORD_CACHE_SIZE)
def base_form(word: str) -> str:
    """Return a normalized word without a definite article and the clitics before it (wal-, bil-, lil-, al-...).

    One-letter clitics without an article are kept (they cannot be told from a root letter: \u0628\u0648\u062a\u064a\u0646,
    \u0644\u064a\u0628\u064a\u0627); a query reaches them through :func:`clitic_forms`.
    """
    m = _ARTICLE_RE.match(word)
    if m and len(word) - m.end() >= MIN_BASE:
        return word[m.end():]
    return word


def clitic_forms(base: str) -> tuple[str, ...]:
    """Return the forms a base may take in the text: itself and with each one-letter proclitic run."""
    return tuple(p + base for p in CLITIC_PREFIXES)


def stem_form(word: str) -> str:
    """Return the light stem of a normalized word (every common inflection of an ordinary word shares it)."""
    return light_stem(word)


def search_columns(title_norm: str, body_norm: str) -> dict[str, str]:
    """Return the six index columns of an article from its normalized title and body (space-joined terms)."""
    out: dict[str, str] = {}
    for field, text in (("title", title_norm), ("body", body_norm)):
        toks = words(text)
        vocab = set(toks)  # each distinct word is folded once (a text repeats most of its words)
        bases = {t: base_form(t) for t in vocab}
        stems = {t: light_stem(t) for t in vocab}
        out[field] = " ".join(toks)
        out[f"{field}_bases"] = " ".join(map(bases.__getitem__, toks))
        out[f"{field}_stems"] = " ".join(map(stems.__getitem__, toks))
    return {c: out[c] for c in COLUMNS}
