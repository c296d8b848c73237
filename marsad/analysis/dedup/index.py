"""Near-duplicate detection: MinHash LSH and shingle anchors find candidates; resemblance or containment confirms.

Wire copy (e.g. Saudi Press Agency text) is reprinted by several outlets, often edited: a new headline, an added
opening paragraph, a trimmed ending, a few words changed. Each new article is shingled (``shingle_size``
consecutive ``match.v1`` words) and looked up two ways: MinHash LSH band buckets (whole reprints, high Jaccard) and
anchor buckets, the shingles whose hash falls in a fixed 1-in-``anchor_mod`` sample (a copy contained in a longer
article, or containing a shorter one, shares anchors even when the Jaccard is low). Every candidate is confirmed by
exact measures (:mod:`marsad.analysis.dedup.match`): 5-shingle Jaccard >= ``threshold``, or containment of the
shorter article's 3-shingles >= ``containment`` with at least ``min_shared`` of them. The article is recorded as a
copy of the earliest confirmed match published before it, with the ``Match`` that explains it. Articles joined this
way form a group that knows its earliest article and source. Copies may arrive out of order (a day's file sorted by
outlet, an archive ingested after the live feed): an article published before the copies it matches is their
original, not a copy, and those copies are re-pointed to it (``DedupResult.updated`` lists every earlier-indexed copy
whose original or group head changed, so a store can rewrite their rows).

Hashing is deterministic across processes and machines (never Python's salted ``hash()``):

* word hash: 64 bits = ``crc32(word) | crc32(word, WORD_SEED2) << 32`` (UTF-8 bytes), its low bit set to 1 for a
  word holding a digit and 0 otherwise (so the numbers of a text can be told from its word hashes);
* shingle hash: polynomial ``sum(h[i + j] * SHINGLE_MULT ** (k - 1 - j)) mod 2**64`` over the ``k`` word hashes;
* MinHash: ``num_perm`` multiply-shift hashes ``((a * x + b) mod 2**64) >> 32`` with odd ``a``; ``a`` and
  ``b`` drawn from ``numpy.random.Generator(PCG64(seed))``. The signature is ``num_perm`` uint32 minima;
  band ``i`` is ``signature[i * rows:(i + 1) * rows]`` and its bucket key is ``bytes([i]) + band.tobytes()``;
* anchors: the unique shingle hashes ``h`` with ``(h >> 40) % anchor_mod == 0``; bucket key ``b"A" + h`` (8 bytes,
  little-endian). An anchor bucket holding ``anchor_cap`` articles or more is a stock phrase and is not followed.

The version string (e.g. ``minhash-128-word5-anchor4-c3.v2``) names this layout; rows of another version are
rebuilt from their text when the index is loaded.
"""

from __future__ import annotations

import json
import zlib
from datetime import datetime, timezone
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from marsad.analysis.dedup.match import Match, Profile, compare, jaccard, positional_shingles, profile
from marsad.analysis.dedup.settings import DedupSettings
from marsad.analysis.dedup.storage import DedupRecord, DedupStorage, MemoryDedupStorage
from marsad.errors import ConfigError
from marsad.text.caches import WORD_CACHE_SIZE
from marsad.text.tokenize import words

__all__ = [
    "DedupIndex", "DedupRecord", "DedupResult", "DedupSettings", "DedupStorage", "Duplicate", "Match",
    "MemoryDedupStorage", "jaccard", "shingle_hashes", "word_hashes",
]

#: Second CRC seed giving the high 32 bits of a word hash (the 32-bit golden-ratio constant).
WORD_SEED2 = 0x9E3779B9
#: Odd 64-bit multiplier combining word hashes into a shingle hash (splitmix64's first constant).
SHINGLE_MULT = np.uint64(0xBF58476D1CE4E5B9)
_BAND_PREFIX = tuple(bytes([i]) for i in range(256))  # bucket key prefix of band i
#: ``candidate_hits`` value of a candidate found by LSH banding (not counted by anchors).
LSH_HIT = -1
_LATEST = "\uffff"  # (a noncharacter) sorts after every ISO date: unknown publication dates count as latest


@dataclass(frozen=True, slots=True)
class Duplicate:
    """This article copies ``duplicate_of``; its group began at ``first_source``.

    ``similarity`` is the stronger of the two measures (5-shingle Jaccard, 3-shingle containment); ``match``
    explains it. ``first_article`` is the earliest-published article of the group (its source is ``first_source``).
    """

    article_id: str
    duplicate_of: str
    similarity: float
    first_source: str | None
    first_article: str = ""
    match: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class DedupResult:
    """What indexing one article found: what it copies (or None), and the earlier-indexed copies it changed.

    ``updated`` holds the new ``Duplicate`` of every copy indexed before this article whose original is now this
    article (it was published earlier) or whose group's earliest article changed (``first_source``).
    """

    duplicate: Duplicate | None
    updated: tuple[Duplicate, ...] = ()
    marked: int = 0  # articles newly marked as copies: this one, and originals that turned out to be later copies


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_hash(word: str) -> int:
    """Return the deterministic 64-bit hash of one word (two CRC32s); the low bit is 1 exactly for numbers."""
    data = word.encode("utf-8")
    h = (zlib.crc32(data) | (zlib.crc32(data, WORD_SEED2) << 32)) & ~1
    return h | 1 if any(c.isdigit() for c in word) else h


def word_hashes(text_norm: str) -> np.ndarray:
    """Return the uint64 hash of every word of a normalized text, in order."""
    toks = words(text_norm)
    return np.fromiter(map(word_hash, toks), dtype=np.uint64, count=len(toks))


def shingle_hashes(text_norm: str, k: int = 5) -> np.ndarray:
    """Return the sorted unique uint64 hashes of the ``k``-word shingles of a normalized text."""
    return np.unique(positional_shingles(word_hashes(text_norm), k, SHINGLE_MULT))


def anchors_of(shingles: np.ndarray, mod: int) -> np.ndarray:
    """Return the anchor sample of sorted unique shingle hashes: those with ``(h >> 40) % mod == 0``."""
    return shingles[(shingles >> np.uint64(40)) % np.uint64(mod) == 0]


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

    def profile_of(self, record: DedupRecord) -> Profile:
        """Return the shingle profile of a stored article (from kept word hashes, or its text via ``fetch_text``)."""
        words_h = record.words
        if words_h is None:
            assert self.fetch_text is not None
            words_h = word_hashes(self.fetch_text(record.article_id))
        return self._profile(words_h)

    def _profile(self, words_h: np.ndarray) -> Profile:
        """Return the shingle profile of word hashes under these settings."""
        s = self.settings
        return profile(words_h, s.shingle_size, s.containment_shingle, SHINGLE_MULT)

    def candidates(self, signature: np.ndarray, anchors: np.ndarray | None = None) -> list[str]:
        """Return the ids sharing an LSH bucket or an anchor with this article (first-seen order)."""
        return list(self.candidate_hits(signature, anchors))

    def candidate_hits(self, signature: np.ndarray, anchors: np.ndarray | None = None) -> dict[str, int]:
        """Return candidate id -> anchors shared with this article; LSH band candidates map to ``LSH_HIT`` (-1)."""
        hits: dict[str, int] = {}
        for key in self.hasher.band_keys(signature):
            for other in self.storage.bucket(key):
                hits[other] = LSH_HIT
        for key in self._anchor_keys(anchors):
            bucket = self.storage.bucket(key)
            if len(bucket) < self.settings.anchor_cap:
                for other in bucket:
                    if hits.get(other) != LSH_HIT:
                        hits[other] = hits.get(other, 0) + 1
        return hits

    def worth_confirming(self, record: DedupRecord, other: DedupRecord, hits: int) -> bool:
        """Whether a candidate may be a copy before reading it: an LSH candidate, or one published within the
        window that shares at least ``anchor_share`` of the smaller anchor sample (a cheap containment estimate)."""
        if hits == LSH_HIT:
            return True
        if not self._near_in_time(record.published, other.published):
            return False
        fewer = min(len(record.anchors) if record.anchors is not None else 0,
                    len(other.anchors) if other.anchors is not None else 0)
        return hits >= max(1.0, self.settings.anchor_share * fewer)

    @staticmethod
    def _anchor_keys(anchors: np.ndarray | None) -> list[bytes]:
        """Return the bucket key of each anchor hash."""
        if anchors is None or not len(anchors):
            return []
        raw = anchors.astype("<u8", copy=False).tobytes()
        return [b"A" + raw[i : i + 8] for i in range(0, len(raw), 8)]

    def confirm(self, copy: Profile, other: DedupRecord, published: str | None = None) -> Match | None:
        """Return the ``Match`` when ``other`` and the text profiled in ``copy`` are copies of one text, else None."""
        s = self.settings
        match = compare(copy, self.profile_of(other), s.containment_shingle)
        if not match.figures_agree:
            return None
        if match.jaccard >= s.threshold:
            return match
        if match.containment >= s.containment and match.n_shared >= s.min_shared and self._near_in_time(
            published, other.published
        ):
            return match
        return None

    def _near_in_time(self, a: str | None, b: str | None) -> bool:
        """Whether two publication dates are within ``window_days`` (unknown or unparsable dates are)."""
        if self.settings.window_days is None or not a or not b:
            return True
        try:
            gap = abs((_parse_time(a) - _parse_time(b)).total_seconds())
        except ValueError:
            return True
        return gap <= self.settings.window_days * 86400

    def check_and_add(
        self, article_id: str, text_norm: str, source: str | None = None, published: str | None = None
    ) -> Duplicate | None:
        """Index one article and return what it copies (the earliest confirmed match published before it), or None."""
        return self.add(article_id, text_norm, source, published).duplicate

    def add(
        self, article_id: str, text_norm: str, source: str | None = None, published: str | None = None
    ) -> DedupResult:
        """Index one article: what it copies, and the copies indexed before it whose original or group head changed."""
        known = self.storage.get(article_id)
        if known is not None:
            return DedupResult(self._duplicate_of_record(known))
        words_h = word_hashes(text_norm)
        copy = self._profile(words_h)
        record = self._new_record(article_id, words_h, copy.s5, source, published)
        matches: list[tuple[DedupRecord, Match]] = []
        if len(words_h):
            for other_id, hits in self.candidate_hits(record.signature, record.anchors).items():
                other = self.storage.get(other_id)
                if other is None or not self.worth_confirming(record, other, hits):
                    continue
                if (match := self.confirm(copy, other, published)) is not None:
                    matches.append((other, match))
        if not self.settings.keep_shingles:
            record.words = None
        changed: list[DedupRecord] = []
        marked = 0
        if matches:
            first, match = min(matches, key=lambda m: _order_key(m[0]))
            record.group = first.group
            if _order_key(first) < _order_key(record):
                record.duplicate_of = first.article_id
                record.similarity = max(match.jaccard, match.containment)
                record.match = match.to_json()
            changed, marked = self._repoint(record, copy, [m for m in matches if m[0].group == record.group])
            head = self.storage.get(self.storage.group_first(first.group) or first.group) or first
            if _order_key(record) < _order_key(head):
                self.storage.set_group_first(record.group, article_id)
                changed = [r for i in self.storage.members(record.group) if (r := self.storage.get(i)) is not None]
        else:
            self.storage.set_group_first(article_id, article_id)
        self.storage.put(record)
        self._add_to_buckets(record)
        updated = tuple(d for r in changed if r.article_id != article_id and (d := self._duplicate_of_record(r)))
        dup = self._duplicate_of_record(record)
        return DedupResult(dup, updated, marked + (dup is not None))

    def _repoint(
        self, record: DedupRecord, profile_: Profile, matches: list[tuple[DedupRecord, Match]]
    ) -> tuple[list[DedupRecord], int]:
        """Point the matched copies published after ``record`` at it when it is earlier than what they copy now.

        Returns the records changed and how many of them were no copy before (a group's original until now).
        """
        out, newly = [], 0
        for other, _ in matches:
            if not _order_key(record) < _order_key(other):
                continue
            now = self.storage.get(other.duplicate_of) if other.duplicate_of else None
            if other.duplicate_of is not None and (now is None or _order_key(now) < _order_key(record)):
                continue
            back = compare(self.profile_of(other), profile_, self.settings.containment_shingle)  # same measures
            newly += other.duplicate_of is None
            other.duplicate_of, other.match = record.article_id, back.to_json()
            other.similarity = max(back.jaccard, back.containment)
            self.storage.put(other)
            out.append(other)
        return out, newly

    def _new_record(
        self, article_id: str, words_h: np.ndarray, hashes: np.ndarray, source: str | None, published: str | None,
        seq: int | None = None,
    ) -> DedupRecord:
        """Build an article's record from its word and 5-shingle hashes; take the next sequence number if none."""
        if seq is None:
            seq, self._seq = self._seq, self._seq + 1
        keep = self.settings.keep_shingles
        return DedupRecord(
            article_id, source, published, seq, self.hasher.signature(hashes), hashes if keep else None, article_id,
            anchors=anchors_of(hashes, self.settings.anchor_mod), words=words_h,
        )

    def _add_to_buckets(self, record: DedupRecord) -> None:
        """File a record under its LSH band keys and its anchors (nothing for an empty text)."""
        if bool(np.all(record.signature == 0xFFFFFFFF)):
            return
        for key in self.hasher.band_keys(record.signature):
            self.storage.add_to_bucket(key, record.article_id)
        for key in self._anchor_keys(record.anchors):
            self.storage.add_to_bucket(key, record.article_id)

    def _duplicate_of_record(self, record: DedupRecord) -> Duplicate | None:
        """Build the ``Duplicate`` answer for a stored record (None when it copies nothing)."""
        if record.duplicate_of is None:
            return None
        first_id = self.storage.group_first(record.group) or record.group
        first = self.storage.get(first_id)
        return Duplicate(
            record.article_id, record.duplicate_of, record.similarity, first.source if first else None, first_id,
            record.match,
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
            "anchors": None if r.anchors is None else r.anchors.astype("<u8").tobytes(),
            "words": None if r.words is None else r.words.astype("<u8").tobytes(),
            "match": None if r.match is None else json.dumps(r.match, sort_keys=True),
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
        """Rebuild an index (records, buckets, group heads) from ``to_rows`` output.

        Rows of another version are rebuilt from their text (``fetch_text``), keeping what they copy; without
        ``fetch_text`` they are refused.
        """
        index = cls(settings, storage, fetch_text)
        for row in sorted(rows, key=lambda r: r["seq"]):
            if row.get("version") != settings.version:
                rec = index._rebuild(row)
            else:
                rec = DedupRecord(
                    row["article_id"], row["source"], row["published"], row["seq"], _u32(row["signature"]),
                    None if row.get("shingles") is None else _u64(row["shingles"]), row["group"],
                    row["duplicate_of"], row["similarity"], anchors=_u64(row.get("anchors") or b""),
                    match=json.loads(row["match"]) if row.get("match") else None,
                    words=_u64(row["words"]) if row.get("words") is not None else None,
                )
            index.storage.put(rec)
            if row.get("group_first"):
                index.storage.set_group_first(rec.group, row["group_first"])
            index._add_to_buckets(rec)
            index._seq = max(index._seq, rec.seq + 1)
        return index

    def _rebuild(self, row: dict[str, Any]) -> DedupRecord:
        """Rebuild a row of another layout version from its article's text, or refuse naming the fix."""
        if self.fetch_text is None:
            raise ConfigError(
                f"dedup row {row.get('article_id')!r} has version {row.get('version')!r}, settings give "
                f"{self.settings.version!r}: rebuild the index or pass fetch_text to rebuild it from the text"
            )
        words_h = word_hashes(self.fetch_text(row["article_id"]))
        hashes = np.unique(positional_shingles(words_h, self.settings.shingle_size, SHINGLE_MULT))
        record = self._new_record(row["article_id"], words_h, hashes, row["source"], row["published"], row["seq"])
        record.group = row["group"]
        record.duplicate_of, record.similarity = row["duplicate_of"], row["similarity"]
        if not self.settings.keep_shingles:
            record.words = None
        return record


def _parse_time(value: str) -> datetime:
    """Parse an ISO 8601 date or date-time (a space may separate them), as naive UTC."""
    parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed


def _u32(raw: bytes) -> np.ndarray:
    """Little-endian uint32 bytes as an array."""
    return np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def _u64(raw: bytes) -> np.ndarray:
    """Little-endian uint64 bytes as an array."""
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64)
