"""What a near-duplicate index keeps per article, and where: the ``DedupStorage`` protocol and its in-memory default.

Inject another storage (a database, a key-value store) into ``DedupIndex`` to keep the index elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from marsad.analysis.dedup.buckets import PackedBuckets


@dataclass(slots=True)
class DedupRecord:
    """What the index keeps per article."""

    article_id: str
    source: str | None
    published: str | None
    seq: int
    signature: np.ndarray
    shingles: np.ndarray | None
    group: str
    duplicate_of: str | None = None
    similarity: float = 0.0
    anchors: np.ndarray | None = None
    words: np.ndarray | None = None
    match: dict[str, Any] | None = None


class DedupStorage(Protocol):
    """Where a ``DedupIndex`` keeps records, LSH buckets and group heads (inject a persistent one)."""

    def get(self, article_id: str) -> DedupRecord | None:
        """Return the record of ``article_id`` or None."""

    def put(self, record: DedupRecord) -> None:
        """Store (or replace) a record."""

    def bucket(self, key: bytes) -> list[str]:
        """Return the article ids in one LSH bucket (empty when none)."""

    def add_to_bucket(self, key: bytes, article_id: str) -> None:
        """Append an article id to an LSH bucket."""

    def group_first(self, group: str) -> str | None:
        """Return the earliest article of a duplicate group."""

    def set_group_first(self, group: str, article_id: str) -> None:
        """Record the earliest article of a duplicate group."""

    def records(self) -> Iterator[DedupRecord]:
        """Yield every record in insertion order."""

    def members(self, group: str) -> list[str]:
        """Return the ids of the records of a group (``record.group == group``), in insertion order."""


@dataclass
class MemoryDedupStorage:
    """The default in-memory ``DedupStorage``: records and group heads in dicts, buckets packed in arrays."""

    _records: dict[str, DedupRecord] = field(default_factory=dict)
    _buckets: PackedBuckets = field(default_factory=PackedBuckets)
    _groups: dict[str, str] = field(default_factory=dict)
    _ids: list[str] = field(default_factory=list)  # article number -> id (the buckets keep numbers)
    _numbers: dict[str, int] = field(default_factory=dict)
    _members: dict[str, list[str]] = field(default_factory=dict)  # group -> ids, for groups of two or more only

    def get(self, article_id: str) -> DedupRecord | None:
        """Return the record of ``article_id`` or None."""
        return self._records.get(article_id)

    def put(self, record: DedupRecord) -> None:
        """Store (or replace) a record."""
        if record.article_id not in self._records and record.group != record.article_id:
            self._members.setdefault(record.group, [record.group]).append(record.article_id)
        self._records[record.article_id] = record

    def bucket(self, key: bytes) -> list[str]:
        """Return the article ids in one LSH bucket (empty when none)."""
        return [self._ids[n] for n in self._buckets.get(key)]

    def add_to_bucket(self, key: bytes, article_id: str) -> None:
        """Append an article id to an LSH bucket."""
        number = self._numbers.get(article_id)
        if number is None:
            number = self._numbers[article_id] = len(self._ids)
            self._ids.append(article_id)
        self._buckets.add(key, number)

    def group_first(self, group: str) -> str | None:
        """Return the earliest article of a duplicate group."""
        return self._groups.get(group)

    def set_group_first(self, group: str, article_id: str) -> None:
        """Record the earliest article of a duplicate group."""
        self._groups[group] = article_id

    def records(self) -> Iterator[DedupRecord]:
        """Yield every record in insertion order."""
        return iter(list(self._records.values()))

    def members(self, group: str) -> list[str]:
        """Return the ids of the records of a group (``record.group == group``), in insertion order."""
        return list(self._members.get(group, [group] if group in self._records else []))

    def __len__(self) -> int:
        """Number of indexed articles."""
        return len(self._records)
