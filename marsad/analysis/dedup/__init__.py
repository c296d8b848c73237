"""Near-duplicates: wire copy reprinted by several outlets, found incrementally and explained.

Provides the ``DedupIndex`` (``add`` one article: the earliest copy it repeats, and the earlier-indexed copies
re-pointed to it), its settings and the ``Match`` that explains a copy. Inside: ``index`` (hashing, MinHash LSH,
anchors, groups), ``settings`` (its parameters, checked), ``match`` (resemblance, containment, figures, which part
matched), ``storage`` (the injectable ``DedupStorage``).
Needs ``marsad.text`` (words of the ``match.v1`` text).
"""

from marsad.analysis.dedup.index import DedupIndex, DedupResult, DedupSettings, Duplicate, shingle_hashes, word_hashes
from marsad.analysis.dedup.match import Match
from marsad.analysis.dedup.storage import DedupRecord, DedupStorage, MemoryDedupStorage

__all__ = [
    "DedupIndex", "DedupRecord", "DedupResult", "DedupSettings", "DedupStorage", "Duplicate", "Match", "MemoryDedupStorage",
    "shingle_hashes", "word_hashes",
]
