"""A story centroid packed for the archive: the same terms and weights, read-only, in about a third of the memory.

A story leaves the active index a few days after its last article; from then on its centroid is only read (chapter
links, a late article's score). As a dict of up to 300 terms it costs ~16 KB (hash table plus a float object per
weight); 31k SaudiNewsNet articles make 17k stories. Packed, the terms sit in one sorted tuple (found by bisection),
the weights in a float array, and the insertion order in a small index array, so iteration, the JSON row and the
dict rebuilt for a late article are exactly as before.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping


class PackedCentroid(Mapping[str, float]):
    """A read-only term -> weight mapping: sorted terms, their weights, and the original order of the terms."""

    __slots__ = ("_terms", "_weights", "_order")

    def __init__(self, centroid: Mapping[str, float]) -> None:
        """Pack ``centroid``, keeping its iteration order."""
        items = sorted(enumerate(centroid.items()), key=lambda item: item[1][0])
        self._terms = tuple(term for _, (term, _) in items)
        self._weights = array("d", (weight for _, (_, weight) in items))
        positions = [0] * len(items)  # insertion position -> sorted position
        for sorted_at, (inserted_at, _) in enumerate(items):
            positions[inserted_at] = sorted_at
        self._order = array("I", positions)

    def __getitem__(self, term: str) -> float:
        """Return the weight of ``term`` (KeyError when absent)."""
        at = bisect_left(self._terms, term)
        if at < len(self._terms) and self._terms[at] == term:
            return self._weights[at]
        raise KeyError(term)

    def __contains__(self, term: object) -> bool:
        """Whether ``term`` has a weight."""
        if not isinstance(term, str):
            return False
        at = bisect_left(self._terms, term)
        return at < len(self._terms) and self._terms[at] == term

    def __iter__(self) -> Iterator[str]:
        """Yield the terms in the order the centroid had."""
        terms = self._terms
        return (terms[at] for at in self._order)

    def __len__(self) -> int:
        """Return the number of terms."""
        return len(self._terms)

    def unpacked(self) -> dict[str, float]:
        """Return the centroid as the dict it was packed from (same order, same weights)."""
        terms, weights = self._terms, self._weights
        return {terms[at]: weights[at] for at in self._order}

    def __reduce__(self) -> tuple:
        """Pickle as the dict it packs (the Dask batch ships story states between processes)."""
        return (PackedCentroid, (self.unpacked(),))
