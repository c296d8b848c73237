"""Packed near-duplicate buckets: the same members, in the same order, as a dict of lists would hold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.dedup import buckets as packed
from marsad.analysis.dedup.buckets import PackedBuckets, digest
from marsad.analysis.dedup.storage import MemoryDedupStorage

KEYS = st.binary(min_size=1, max_size=17)


@settings(max_examples=80, deadline=None)
@given(adds=st.lists(st.tuples(st.sampled_from([b"A1", b"A2", b"\x00band", b"\x01band"]) | KEYS,
                               st.integers(0, 10_000)), max_size=300),
       merge_every=st.integers(1, 64))
def test_dedup_buckets_match_a_dict_of_lists(adds: list[tuple[bytes, int]], merge_every: int) -> None:
    """Whatever the merge points, every key returns its numbers in filing order, and unknown keys nothing."""
    reference: dict[bytes, list[int]] = {}
    original = packed.MERGE_EVERY
    packed.MERGE_EVERY = merge_every
    try:
        store = PackedBuckets()
        for i, (key, num) in enumerate(adds):
            store.add(key, num)
            reference.setdefault(key, []).append(num)
            if i % 7 == 0:  # read between merges too
                assert store.get(key) == reference[key]
    finally:
        packed.MERGE_EVERY = original
    for key, nums in reference.items():
        assert store.get(key) == nums
    assert store.get(b"never filed") == []
    assert len(store) == len(adds)


def test_dedup_bucket_digest_is_stable() -> None:
    """Digests do not depend on the process (no salted ``hash()``): a pinned value."""
    assert digest(b"A\x00\x01") == 3495705978888536680
    assert digest(b"x") == 5717441744405258058


def test_dedup_memory_storage_returns_article_ids() -> None:
    """The default storage maps the packed numbers back to the article ids, first filed first."""
    storage = MemoryDedupStorage()
    for article in ("a1", "a2", "a3"):
        storage.add_to_bucket(b"\x00k", article)
    storage.add_to_bucket(b"\x01k", "a2")
    assert storage.bucket(b"\x00k") == ["a1", "a2", "a3"]
    assert storage.bucket(b"\x01k") == ["a2"]
    assert storage.bucket(b"\x02k") == []
