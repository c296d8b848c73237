"""Confirming a near-duplicate candidate: resemblance, containment, and which part of the copy matched.

Two measures over word shingles of the ``match.v1`` text decide whether a candidate is a copy:

* resemblance: the exact Jaccard of the two sets of word-5-shingles (whole-article reprints);
* containment: the share of the *shorter* article's word-3-shingles found in the other. An outlet's edited copy of
  agency text (a new opening paragraph, a trimmed ending, a new headline, words changed) keeps most of its
  3-shingles while the 5-shingle Jaccard falls to 0.1-0.4; a story told in the outlet's own words shares few.

The ``Match`` also says where the shared text lies in the copy (``part``), so a reader sees why it was marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: Least share of the numbers of the article with fewer numbers that the other must also carry. Daily templates
#: (market closes, execution notices, "the sixth relief plane") share their frame and change their figures; edited
#: copies keep them. Set from the cross-story "copies" of the story gold (2015-08-06..11: 14 of 48 at 0.0, same-story
#: copies 0.25 and up); on the 2015-08-04 pairs the labelled copies score 0.38 and up.
MIN_NUMBER_AGREEMENT = 0.3
#: Fewest numbers in both articles for the agreement to be checked.
MIN_NUMBERS = 2
#: Share of the copy's own 3-shingles found in the original at or above which the copy is the "whole" text.
WHOLE_SHARE = 0.8
#: Percentile of matched shingle positions taken as the span's edges (robust to stray shared phrases).
SPAN_PERCENTILE = 5
#: A matched span starting within (ending after) this share of the copy's words starts (ends) at its edge.
EDGE = 0.15


@dataclass(frozen=True, slots=True)
class Match:
    """How a copy matches its original: measures, and where the shared text lies in the copy.

    ``containment`` is over the shorter article; ``shared`` is the share of the copy's own 3-shingles found in the
    original; ``words`` is the copy's matched span ``(first word, end word, number of words)``; ``part`` is
    ``whole``, ``opening`` (the copy's opening matched, its ending is its own), ``ending`` (the copy added an
    opening), ``middle`` or ``throughout`` (matches spread over an edited text).
    """

    jaccard: float
    containment: float
    shared: float
    n_shared: int
    part: str
    words: tuple[int, int, int]
    numbers: float | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form stored with a duplicate and shown in ``marsad story --json``."""
        return {"jaccard": self.jaccard, "containment": self.containment, "shared": self.shared,
                "part": self.part, "words": list(self.words), "numbers": self.numbers}

    @property
    def figures_agree(self) -> bool:
        """Whether the two texts carry the same figures (or too few to tell): a template with new figures is not."""
        return self.numbers is None or self.numbers >= MIN_NUMBER_AGREEMENT


def positional_shingles(word_hashes: np.ndarray, k: int, mult: np.uint64) -> np.ndarray:
    """Return the hash of the ``k``-word shingle starting at each word (one shingle when shorter than ``k``)."""
    n = len(word_hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    k = min(k, n)
    out = word_hashes[: n - k + 1].copy()
    for j in range(1, k):
        out = out * mult + word_hashes[j : n - k + 1 + j]
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Return the exact Jaccard similarity of two sorted unique hash arrays (0 when either is empty)."""
    if not len(a) or not len(b):
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True, slots=True)
class Profile:
    """The shingles of one text that ``compare`` needs, built once per text (``profile``)."""

    n_words: int
    s5: np.ndarray  # sorted unique 5-shingle hashes (also what MinHash signs)
    s3_pos: np.ndarray  # 3-shingle hash at each word position
    s3: np.ndarray  # sorted unique 3-shingle hashes
    numbers: np.ndarray  # sorted unique hashes of the words holding a digit


def profile(word_hashes: np.ndarray, k5: int, k3: int, mult: np.uint64) -> Profile:
    """Return the shingle profile of a text's word hashes (number words have the low hash bit set)."""
    s3_pos = positional_shingles(word_hashes, k3, mult)
    one = np.uint64(1)
    return Profile(
        len(word_hashes),
        np.unique(positional_shingles(word_hashes, k5, mult)),
        s3_pos,
        np.unique(s3_pos),
        np.unique(word_hashes[(word_hashes & one) == one]),
    )


def compare(copy: Profile, original: Profile, k3: int) -> Match:
    """Compare two profiles: 5-shingle Jaccard, 3-shingle containment, figures and the copy's matched span."""
    if not len(copy.s3) or not len(original.s3):
        return Match(0.0, 0.0, 0.0, 0, "none", (0, 0, copy.n_words))
    n_shared = int(np.intersect1d(copy.s3, original.s3, assume_unique=True).size)
    span = matched_span(np.flatnonzero(np.isin(copy.s3_pos, original.s3)), copy.n_words, k3)
    shared = n_shared / len(copy.s3)
    return Match(
        round(jaccard(copy.s5, original.s5), 6),
        round(n_shared / min(len(copy.s3), len(original.s3)), 6),
        round(shared, 6),
        n_shared,
        part_of(span, shared),
        span,
        number_agreement(copy.numbers, original.numbers),
    )


def number_agreement(a: np.ndarray, b: np.ndarray) -> float | None:
    """Share of the numbers (sorted unique hashes) of the text with fewer found in the other; None when too few."""
    if len(a) > len(b):
        a, b = b, a
    if len(a) < MIN_NUMBERS:
        return None
    return round(np.intersect1d(a, b, assume_unique=True).size / len(a), 6)


def matched_span(hit: np.ndarray, n: int, k: int) -> tuple[int, int, int]:
    """Return ``(start, end, n)``: the copy's words between the 5th and 95th percentile of its matched shingles.

    Percentiles, not the extremes, so a stray stock phrase in an outlet's own paragraph does not stretch the span.
    """
    if not len(hit):
        return (0, 0, n)
    lo, hi = np.percentile(hit, [SPAN_PERCENTILE, 100 - SPAN_PERCENTILE], method="nearest")
    return (int(lo), min(n, int(hi) + k), n)


def part_of(span: tuple[int, int, int], shared: float) -> str:
    """Name where the matched span ``(start, end, n)`` lies in the copy, given the copy's shared share."""
    start, end, n = span
    if n == 0 or end <= start:
        return "none"
    if shared >= WHOLE_SHARE:
        return "whole"
    at_start, at_end = start <= EDGE * n, end >= (1.0 - EDGE) * n
    if at_start and at_end:
        return "throughout"
    if at_start:
        return "opening"
    return "ending" if at_end else "middle"
