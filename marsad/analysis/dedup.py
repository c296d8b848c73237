"""Near-duplicate detection: MinHash + LSH banding over word shingles, confirmed by exact Jaccard.

Wire copy (e.g. Saudi Press Agency text) is reprinted by several outlets with small edits. Each new article is
shingled (``shingle_size`` consecutive ``match.v1`` words), MinHashed, and looked up in LSH band buckets; every
candidate is confirmed by the exact Jaccard of the two shingle sets, and the article is recorded as a copy of
the earliest confirmed match. Articles joined this way form a group that knows its earliest article and source.

Hashing is deterministic across processes and machines (never Python's salted ``hash()``):

* word hash: 64 bits = ``crc32(word) | crc32(word, WORD_SEED2) << 32`` (UTF-8 bytes);
* shingle hash: polynomial ``sum(h[i + j] * SHINGLE_MULT ** (k - 1 - j)) mod 2**64`` over the ``k`` word hashes;
* MinHash: ``num_perm`` multiply-shift hashes ``((a * x + b) mod 2**64) >> 32`` with odd ``a``; ``a`` and
  ``b`` drawn from ``numpy.random.Generator(PCG64(seed))``. The signature is ``num_perm`` uint32 minima;
  band ``i`` is ``signature[i * rows:(i + 1) * rows]`` and its bucket key is ``bytes([i]) + band.tobytes()``.

The version string (e.g. ``minhash-128-word5.v1``) names this layout; an index built with another is refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from marsad.errors import ConfigError
from marsad.text.tokenize import words

#: Second CRC seed giving the high 32 bits of a word hash (the 32-bit golden-ratio constant).
WORD_SEED2 = 0x9E3779B9
#: Odd 64-bit multiplier combining word hashes into a shingle hash (splitmix64's first constant).
SHINGLE_MULT = np.uint64(0xBF58476D1CE4E5B9)
_BAND_PREFIX = tuple(bytes([i]) for i in range(256))  # bucket key prefix of band i
_LATEST = "\uffff"  # (a noncharacter) sorts after every ISO date: unknown publication dates count as latest


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """MinHash/LSH parameters and the Jaccard threshold that makes two articles duplicates."""

    num_perm: int = 128
    # 32 bands x 4 rows: candidate probability 0.87 at J=0.5, 0.99 at J=0.6 (S-curve 1-(1-J^4)^32);
    # chosen so recall at the threshold is at least datasketch's optimised (b, r) for t=0.5 (bench_stories).
    bands: int = 32
    shingle_size: int = 5
    # Exact word-5-shingle Jaccard above which two articles are copies; reprinted SPA copy in SaudiNewsNet
    # scores 0.55-1.0 and same-event rewrites below 0.3 (inspected on 2015-08-06..11, evals/stories.py).
    threshold: float = 0.5
    seed: int = 1
    keep_shingles: bool = True

    def __post_init__(self) -> None:
        """Reject settings that cannot build a valid index."""
        if self.num_perm < 8 or self.num_perm > 1024:
            raise ConfigError(f"DedupSettings.num_perm={self.num_perm!r}: use an integer in 8..1024, e.g. 128")
        if self.bands < 1 or self.bands > 255 or self.num_perm % self.bands:
            raise ConfigError(
                f"DedupSettings.bands={self.bands!r}: use a divisor of num_perm={self.num_perm} below 256, e.g. 32"
            )
        if self.shingle_size < 1:
            raise ConfigError(f"DedupSettings.shingle_size={self.shingle_size!r}: use an integer >= 1, e.g. 5")
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError(f"DedupSettings.threshold={self.threshold!r}: use a number in (0, 1], e.g. 0.5")

    @property
    def rows(self) -> int:
        """Signature values per LSH band."""
        return self.num_perm // self.bands

    @property
    def version(self) -> str:
        """The version string stored with every signature, e.g. ``minhash-128-word5.v1``."""
        return f"minhash-{self.num_perm}-word{self.shingle_size}.v1"


@dataclass(frozen=True, slots=True)
class Duplicate:
    """This article copies ``duplicate_of`` (exact shingle Jaccard ``similarity``); its group began at ``first_source``.

    ``first_article`` is the earliest-published article of the group (its source is ``first_source``).
    """

    article_id: str
    duplicate_of: str
    similarity: float
    first_source: str | None
    first_article: str = ""


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


@dataclass
class MemoryDedupStorage:
    """The default in-memory ``DedupStorage`` (plain dicts)."""

    _records: dict[str, DedupRecord] = field(default_factory=dict)
    _buckets: dict[bytes, list[str]] = field(default_factory=dict)
    _groups: dict[str, str] = field(default_factory=dict)

    def get(self, article_id: str) -> DedupRecord | None:
        """Return the record of ``article_id`` or None."""
        return self._records.get(article_id)

    def put(self, record: DedupRecord) -> None:
        """Store (or replace) a record."""
        self._records[record.article_id] = record

    def bucket(self, key: bytes) -> list[str]:
        """Return the article ids in one LSH bucket (empty when none)."""
        return self._buckets.get(key, [])

    def add_to_bucket(self, key: bytes, article_id: str) -> None:
        """Append an article id to an LSH bucket."""
        self._buckets.setdefault(key, []).append(article_id)

    def group_first(self, group: str) -> str | None:
        """Return the earliest article of a duplicate group."""
        return self._groups.get(group)

    def set_group_first(self, group: str, article_id: str) -> None:
        """Record the earliest article of a duplicate group."""
        self._groups[group] = article_id

    def records(self) -> Iterator[DedupRecord]:
        """Yield every record in insertion order."""
        return iter(list(self._records.values()))

    def __len__(self) -> int:
        """Number of indexed articles."""
        return len(self._records)


@lru_cache(maxsize=1 << 20)
def word_hash(word: str) -> int:
    """Return the deterministic 64-bit hash of one word (two CRC32s)."""
    data = word.encode("utf-8")
    return zlib.crc32(data) | (zlib.crc32(data, WORD_SEED2) << 32)


def shingle_hashes(text_norm: str, k: int = 5) -> np.ndarray:
    """Return the sorted unique uint64 hashes of the ``k``-word shingles of a normalized text."""
    toks = words(text_norm)
    if not toks:
        return np.empty(0, dtype=np.uint64)
    h = np.fromiter(map(word_hash, toks), dtype=np.uint64, count=len(toks))
    if len(h) <= k:
        k = len(h)
    out = h[: len(h) - k + 1].copy()
    for j in range(1, k):
        out = out * SHINGLE_MULT + h[j : len(h) - k + 1 + j]
    return np.unique(out)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Return the exact Jaccard similarity of two sorted unique hash arrays (0 when both are empty)."""
    if not len(a) or not len(b):
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (len(a) + len(b) - inter)


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Return the MinHash estimate of Jaccard: the share of equal signature positions."""
    if sig_a.shape != sig_b.shape:
        raise ValueError(f"signatures differ in length ({sig_a.size} vs {sig_b.size}): use one DedupSettings")
    return float(np.count_nonzero(sig_a == sig_b)) / sig_a.size


class MinHasher:
    """Computes MinHash signatures for one ``DedupSettings``."""

    def __init__(self, settings: DedupSettings) -> None:
        """Draw the ``num_perm`` multiply-shift hash functions from ``settings.seed``."""
        rng = np.random.Generator(np.random.PCG64(settings.seed))
        self.settings = settings
        self._a = (rng.integers(0, 2**63, settings.num_perm, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
        self._b = rng.integers(0, 2**63, settings.num_perm, dtype=np.uint64)

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """Return the uint32 MinHash signature of a shingle-hash array (all 0xFFFFFFFF when empty)."""
        if not len(hashes):
            return np.full(self.settings.num_perm, 0xFFFFFFFF, dtype=np.uint32)
        mixed = (self._a[:, None] * hashes[None, :] + self._b[:, None]) >> np.uint64(32)
        return mixed.min(axis=1).astype(np.uint32)

    def band_keys(self, signature: np.ndarray) -> list[bytes]:
        """Return the LSH bucket key of each band of ``signature``."""
        raw = signature.astype("<u4", copy=False).tobytes()
        width = 4 * self.settings.rows
        return [_BAND_PREFIX[i] + raw[i * width : (i + 1) * width] for i in range(self.settings.bands)]


def _order_key(record: DedupRecord) -> tuple[str, int]:
    """Sort key putting the earliest-published (then earliest-added) article first."""
    return (record.published or _LATEST, record.seq)


class DedupIndex:
    """An incremental near-duplicate index; state lives in an injectable ``DedupStorage``."""

    def __init__(
        self,
        settings: DedupSettings = DedupSettings(),
        storage: DedupStorage | None = None,
        fetch_text: Callable[[str], str] | None = None,
    ) -> None:
        """Create an index; ``fetch_text(article_id) -> text_norm`` is needed when shingles are not kept."""
        if not settings.keep_shingles and fetch_text is None:
            raise ConfigError("DedupSettings.keep_shingles=False needs fetch_text=callable(article_id) -> text_norm")
        self.settings = settings
        self.storage: DedupStorage = storage if storage is not None else MemoryDedupStorage()
        self.fetch_text = fetch_text
        self.hasher = MinHasher(settings)
        self._seq = max((r.seq + 1 for r in self.storage.records()), default=0)

    def _shingles_of(self, record: DedupRecord) -> np.ndarray:
        """Return the shingle hashes of a stored article (kept, or recomputed from ``fetch_text``)."""
        if record.shingles is not None:
            return record.shingles
        assert self.fetch_text is not None
        return shingle_hashes(self.fetch_text(record.article_id), self.settings.shingle_size)

    def candidates(self, signature: np.ndarray) -> list[str]:
        """Return the ids sharing at least one LSH bucket with ``signature`` (first-seen order)."""
        seen: dict[str, None] = {}
        for key in self.hasher.band_keys(signature):
            for other in self.storage.bucket(key):
                seen.setdefault(other, None)
        return list(seen)

    def check_and_add(
        self, article_id: str, text_norm: str, source: str | None = None, published: str | None = None
    ) -> Duplicate | None:
        """Index one article and return what it copies (the earliest confirmed match), or None."""
        known = self.storage.get(article_id)
        if known is not None:
            return self._duplicate_of_record(known)
        hashes = shingle_hashes(text_norm, self.settings.shingle_size)
        sig = self.hasher.signature(hashes)
        record = DedupRecord(
            article_id, source, published, self._seq, sig, hashes if self.settings.keep_shingles else None, article_id
        )
        self._seq += 1
        matches: list[tuple[DedupRecord, float]] = []
        if len(hashes):
            for other_id in self.candidates(sig):
                other = self.storage.get(other_id)
                if other is None:
                    continue
                sim = jaccard(hashes, self._shingles_of(other))
                if sim >= self.settings.threshold:
                    matches.append((other, sim))
        if matches:
            first, sim = min(matches, key=lambda m: _order_key(m[0]))
            record.duplicate_of, record.similarity, record.group = first.article_id, round(sim, 6), first.group
            head = self.storage.get(self.storage.group_first(first.group) or first.group) or first
            if _order_key(record) < _order_key(head):
                self.storage.set_group_first(record.group, article_id)
        else:
            self.storage.set_group_first(article_id, article_id)
        self.storage.put(record)
        if len(hashes):
            for key in self.hasher.band_keys(sig):
                self.storage.add_to_bucket(key, article_id)
        return self._duplicate_of_record(record)

    def _duplicate_of_record(self, record: DedupRecord) -> Duplicate | None:
        """Build the ``Duplicate`` answer for a stored record (None when it copies nothing)."""
        if record.duplicate_of is None:
            return None
        first_id = self.storage.group_first(record.group) or record.group
        first = self.storage.get(first_id)
        return Duplicate(
            record.article_id, record.duplicate_of, record.similarity, first.source if first else None, first_id
        )

    def group_of(self, article_id: str) -> tuple[str, str | None] | None:
        """Return (earliest article id, its source) of the group of ``article_id``, or None if unknown."""
        record = self.storage.get(article_id)
        if record is None:
            return None
        first_id = self.storage.group_first(record.group) or record.group
        first = self.storage.get(first_id)
        return first_id, first.source if first else None

    def groups(self) -> dict[str, list[str]]:
        """Return every group of two or more articles: earliest article id -> members in insertion order."""
        members: dict[str, list[str]] = {}
        for record in self.storage.records():
            members.setdefault(record.group, []).append(record.article_id)
        out = {}
        for group, ids in members.items():
            if len(ids) > 1:
                out[self.storage.group_first(group) or group] = ids
        return out

    def to_rows(self) -> Iterator[dict[str, Any]]:
        """Yield one JSON/SQL-friendly row per article (signature and shingles as little-endian bytes)."""
        for r in self.storage.records():
            yield self._row(r)

    def rows_for(self, article_id: str) -> list[dict[str, Any]]:
        """The rows to (re)persist after ``check_and_add(article_id)``: its own and its group head's."""
        record = self.storage.get(article_id)
        if record is None:
            return []
        out = [self._row(record)]
        head = self.storage.get(record.group)
        if head is not None and head.article_id != article_id:
            out.append(self._row(head))
        return out

    def _row(self, r: DedupRecord) -> dict[str, Any]:
        """One record as a row (see ``to_rows``)."""
        return {
            "article_id": r.article_id,
            "source": r.source,
            "published": r.published,
            "seq": r.seq,
            "group": r.group,
            "group_first": self.storage.group_first(r.group) if r.group == r.article_id else None,
            "duplicate_of": r.duplicate_of,
            "similarity": r.similarity,
            "signature": r.signature.astype("<u4").tobytes(),
            "shingles": None if r.shingles is None else r.shingles.astype("<u8").tobytes(),
            "version": self.settings.version,
        }

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[dict[str, Any]],
        settings: DedupSettings = DedupSettings(),
        storage: DedupStorage | None = None,
        fetch_text: Callable[[str], str] | None = None,
    ) -> DedupIndex:
        """Rebuild an index (records, buckets, group heads) from ``to_rows`` output."""
        index = cls(settings, storage, fetch_text)
        for row in sorted(rows, key=lambda r: r["seq"]):
            if row.get("version") != settings.version:
                raise ConfigError(
                    f"dedup row {row.get('article_id')!r} has version {row.get('version')!r}, settings give "
                    f"{settings.version!r}: rebuild the index or use matching DedupSettings"
                )
            sig = np.frombuffer(row["signature"], dtype="<u4").astype(np.uint32)
            sh = None if row.get("shingles") is None else np.frombuffer(row["shingles"], dtype="<u8").astype(np.uint64)
            rec = DedupRecord(
                row["article_id"], row["source"], row["published"], row["seq"], sig, sh, row["group"],
                row["duplicate_of"], row["similarity"],
            )
            index.storage.put(rec)
            if row.get("group_first"):
                index.storage.set_group_first(rec.group, row["group_first"])
            if not bool(np.all(sig == 0xFFFFFFFF)):
                for key in index.hasher.band_keys(sig):
                    index.storage.add_to_bucket(key, rec.article_id)
            index._seq = max(index._seq, rec.seq + 1)
        return index
