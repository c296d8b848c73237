"""A light Arabic stemmer over ``match.v1``-normalized words: strips clitics and common affixes.

Light stemming (prefix/suffix stripping with a minimum stem length, after Larkey et al. 2007, "light10") is
what Arabic retrieval uses when no morphological analyser is at hand; it joins inflections such as
\u0627\u0644\u062d\u0643\u0648\u0645\u0647 / \u0644\u0644\u062d\u0643\u0648\u0645\u0647 / \u062d\u0643\u0648\u0645\u0627\u062a.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.text.caches import WORD_CACHE_SIZE

# Prefixes of light10 (Larkey, Ballesteros & Connell 2007), normalized, longest first:
# wal, bal, kal, fal, lil, al, w.
_PREFIXES = (
    "\u0648\u0627\u0644",  # wal
    "\u0628\u0627\u0644",  # bal
    "\u0643\u0627\u0644",  # kal
    "\u0641\u0627\u0644",  # fal
    "\u0644\u0644",  # ll
    "\u0627\u0644",  # al
)
_WAW = "\u0648"
# Suffixes of light10, normalized (teh marbuta already folded to heh): ha, an, at, wn, yn, yh, h, y.
_SUFFIXES = (
    "\u0647\u0627",  # ha
    "\u0627\u0646",  # an
    "\u0627\u062a",  # at
    "\u0648\u0646",  # wn
    "\u064a\u0646",  # yn
    "\u064a\u0647",  # yh
    "\u0647",  # h (also folded teh marbuta)
    "\u064a",  # y
)
#: Shortest stem left after stripping (light10 keeps at least 2 letters; 3 avoids over-stemming names).
MIN_STEM = 3


@lru_cache(maxsize=WORD_CACHE_SIZE)
def light_stem(word: str) -> str:
    """Return the light stem of a ``match.v1``-normalized word (prefixes, then suffixes)."""
    w = word
    if len(w) > MIN_STEM + 1 and w.startswith(_WAW):
        w = w[1:]
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= MIN_STEM - 1:
            w = w[len(p) :]
            break
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= MIN_STEM:
            w = w[: -len(s)]
            # one more pass for stacked suffixes (e.g. -at + -ha is rare; -yn after -h is not a thing)
    return w
