"""The package-wide table of Arabic function words (``data/stopwords.tsv``), each with the uses it serves.

One table serves story term vectors (``stories``), summary scoring (``summaries``) and search's name finder
(``names``: a query word that is never an entity name by itself); a word lists the uses it belongs to, so each
consumer keeps exactly the list its persisted results were computed with.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

#: The uses a stop word may serve (second column of the table).
USES = frozenset({"stories", "summaries", "names"})


@cache
def stopword_rows() -> tuple[tuple[str, frozenset[str]], ...]:
    """Return ``(word as written, uses)`` rows of ``marsad/text/data/stopwords.tsv`` (comments skipped)."""
    text = resources.files("marsad.text").joinpath("data", "stopwords.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            word, uses = line.split("\t")
            rows.append((word.strip(), frozenset(uses.strip().split(","))))
    return tuple(rows)


def stopwords_for(use: str) -> tuple[str, ...]:
    """Return the words (as written, not normalized) that serve ``use`` (``stories``, ``summaries`` or ``names``)."""
    if use not in USES:
        raise ValueError(f"stop-word use {use!r}: use one of {sorted(USES)}")
    return tuple(word for word, uses in stopword_rows() if use in uses)
