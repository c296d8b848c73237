"""ROUGE-1/2/L F-scores over Arabic tokens (Lin 2004), with multi-reference averaging.

``rouge-score``'s default tokenizer deletes non-Latin characters, so this module tokenizes itself: text is
folded with :func:`marsad.text.normalize.normalize` (``match.v1``: hamza/alef, ya, ta marbuta, harakat,
digits) and split into words with :func:`marsad.text.tokenize.words`; punctuation is dropped and no stemming
is applied. ROUGE-L is the plain (not summary-level) LCS over the whole token sequences, like ``rougeL`` of
``rouge-score``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.text.normalize import normalize
from marsad.text.tokenize import words

#: Version of the scorer, kept next to every persisted ROUGE number.
ROUGE_VERSION = "rouge-ar.v1"


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one candidate against one reference."""

    precision: float
    recall: float
    f: float


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    """Return the ROUGE tokens of ``text`` as a tuple (cached: references are scored many times)."""
    return tuple(words(normalize(text)))


def rouge_tokens(text: str) -> list[str]:
    """Return the ROUGE tokens of ``text``: ``match.v1``-normalized words, punctuation dropped."""
    return list(_tokens(text))


def _score(overlap: int, n_candidate: int, n_reference: int) -> Score:
    """Build a :class:`Score` from an overlap count and the two totals (0 when either side is empty)."""
    if overlap == 0 or n_candidate == 0 or n_reference == 0:
        return Score(0.0, 0.0, 0.0)
    p = overlap / n_candidate
    r = overlap / n_reference
    return Score(p, r, 2 * p * r / (p + r))


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Return the multiset of ``n``-grams of ``tokens``."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> Score:
    """Return ROUGE-N of token lists: clipped n-gram overlap over candidate (P) and reference (R) counts."""
    if n < 1:
        raise ValueError(f"ROUGE-N needs n >= 1, got {n}: use 1 or 2")
    c, r = ngrams(candidate, n), ngrams(reference, n)
    overlap = sum((c & r).values())
    return _score(overlap, sum(c.values()), sum(r.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Return the length of the longest common subsequence (bit-parallel, Allison & Dix 1986 / Hyyro 2004)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, tok in enumerate(a):
        masks[tok] = masks.get(tok, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for tok in b:
        u = v & masks.get(tok, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> Score:
    """Return ROUGE-L of token lists: LCS over candidate (P) and reference (R) lengths."""
    return _score(lcs_length(candidate, reference), len(candidate), len(reference))


def rouge(candidate: str, reference: str) -> dict[str, Score]:
    """Return ``rouge1``, ``rouge2`` and ``rougeL`` scores of one candidate text against one reference text."""
    c, r = rouge_tokens(candidate), rouge_tokens(reference)
    return {"rouge1": rouge_n(c, r, 1), "rouge2": rouge_n(c, r, 2), "rougeL": rouge_l(c, r)}


def rouge_multi(candidate: str, references: Sequence[str]) -> dict[str, float]:
    """Return F-scores against several references: ``<name>_f`` the average (EASC convention), ``<name>_f_max``."""
    if not references:
        raise ValueError("rouge_multi needs at least one reference summary: pass a non-empty list")
    per_ref = [rouge(candidate, ref) for ref in references]
    out: dict[str, float] = {}
    for name in ("rouge1", "rouge2", "rougeL"):
        fs = [s[name].f for s in per_ref]
        out[f"{name}_f"] = sum(fs) / len(fs)
        out[f"{name}_f_max"] = max(fs)
    return out
