"""LSH and anchor buckets packed into NumPy arrays: about 12 bytes per (bucket, article) entry instead of ~200.

A 31k-article archive files ~3.2 M entries in ~2.7 M buckets, nine in ten holding one article; as a dict of byte
keys to lists of ids that took ~540 MB. Here a bucket key is kept as its 64-bit BLAKE2b digest, entries sit in two
arrays sorted by digest (article numbers beside them, insertion order kept within a bucket), and recent entries wait
in a small dict until ``MERGE_EVERY`` of them are merged in one linear pass. Two different keys share a digest
with probability about n^2 / 2^65 (2e-7 for 3 M keys); that would only add a candidate, which the index's exact
comparison then judges like any other.
"""

from __future__ import annotations

import hashlib

import numpy as np

#: Recent entries merged into the sorted arrays at once (a merge copies the arrays: ~40 MB at 3 M entries; at this
#: size a 31k-article load merges 49 times, ~20 ms each).
MERGE_EVERY = 65536


def digest(key: bytes) -> int:
    """Return the 64-bit BLAKE2b digest of a bucket key (stable across processes and machines)."""
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


class PackedBuckets:
    """Buckets of article numbers under byte keys, packed in sorted arrays (insertion order within a bucket)."""

    def __init__(self) -> None:
        """Start with no bucket."""
        self._keys = np.empty(0, dtype=np.uint64)
        self._nums = np.empty(0, dtype=np.int32)
        self._recent: dict[int, list[int]] = {}
        self._pending = 0

    def __len__(self) -> int:
        """Return the number of (bucket, article) entries."""
        return len(self._keys) + self._pending

    def get(self, key: bytes) -> list[int]:
        """Return the article numbers filed under ``key``, first filed first (empty when none)."""
        d = digest(key)
        probe = np.uint64(d)
        lo = int(np.searchsorted(self._keys, probe, side="left"))
        hi = int(np.searchsorted(self._keys, probe, side="right"))
        out = self._nums[lo:hi].tolist() if hi > lo else []
        recent = self._recent.get(d)
        return out + recent if recent else out

    def add(self, key: bytes, num: int) -> None:
        """File article number ``num`` under ``key`` (after those already there)."""
        self._recent.setdefault(digest(key), []).append(num)
        self._pending += 1
        if self._pending >= MERGE_EVERY:
            self.merge()

    def merge(self) -> None:
        """Move the recent entries into the sorted arrays, after the entries already there under the same key."""
        if not self._pending:
            return
        keys = np.fromiter((k for k, nums in self._recent.items() for _ in nums), dtype=np.uint64, count=self._pending)
        nums = np.fromiter((n for ns in self._recent.values() for n in ns), dtype=np.int32, count=self._pending)
        order = np.argsort(keys, kind="stable")
        keys, nums = keys[order], nums[order]
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._nums = np.insert(self._nums, at, nums)
        self._recent, self._pending = {}, 0
