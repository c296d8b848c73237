"""Tests for marsad.analysis.dedup.index: MinHash/LSH near-duplicates confirmed by exact Jaccard."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.dedup.index import (
    DedupIndex,
    DedupSettings,
    MinHasher,
    estimate_jaccard,
    jaccard,
    shingle_hashes,
    word_hash,
)
from marsad.errors import ConfigError
from marsad.text.normalize import normalize

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def _seed_body(name: str) -> str:
    """Return the normalized body (all but the title line) of a seed article."""
    return normalize((SEEDS / name).read_text(encoding="utf-8").split("\n", 1)[1])


WIRE = _seed_body("000_fc13acc477961b1c.txt")
OTHER = _seed_body("003_9e8d747f78e969ee.txt")


def _reprint(text: str, intro: str) -> str:
    """Return wire copy as an outlet reprints it: its own opening words, the last sentence cut."""
    return intro + " " + text[: int(len(text) * 0.93)]


def test_dedup_wire_copy_found_across_outlets_with_earliest_source_first() -> None:
    """Reprints point at the earliest copy, and the group's first source is the wire agency."""
    index = DedupIndex()
    assert index.check_and_add("was-1", WIRE, "was", "2019-04-25T08:00:00") is None
    dup = index.check_and_add("okaz-1", _reprint(WIRE, "jeddah okaz"), "okaz", "2019-04-25T10:00:00")
    assert dup is not None and dup.duplicate_of == "was-1" and dup.first_source == "was"
    assert 0.5 <= dup.similarity <= 1.0
    dup2 = index.check_and_add("riyadh-1", _reprint(WIRE, "riyadh"), "alriyadh", "2019-04-25T12:00:00")
    assert dup2 is not None and dup2.duplicate_of == "was-1" and dup2.first_article == "was-1"
    assert index.groups() == {"was-1": ["was-1", "okaz-1", "riyadh-1"]}


def test_dedup_late_arrival_published_earlier_becomes_group_first() -> None:
    """An article crawled late but published first is the original: no copy itself, its copies re-pointed to it."""
    index = DedupIndex()
    index.check_and_add("okaz-1", _reprint(WIRE, "okaz"), "okaz", "2019-04-25T10:00:00")
    got = index.add("was-1", WIRE, "was", "2019-04-25T08:00:00")
    assert got.duplicate is None and got.marked == 1
    (moved,) = got.updated
    assert (moved.article_id, moved.duplicate_of, moved.first_source, moved.first_article) == (
        "okaz-1", "was-1", "was", "was-1")
    assert moved.match is not None and moved.similarity >= 0.5
    assert index.group_of("okaz-1") == ("was-1", "was")
    assert index.storage.get("was-1").duplicate_of is None


def test_dedup_out_of_order_copies_all_point_at_the_earliest() -> None:
    """Copies stored in any order end up pointing at the earliest one, and every copy names the first source."""
    index = DedupIndex()
    index.check_and_add("c", _reprint(WIRE, "alriyadh"), "alriyadh", "2019-04-25T12:00:00")
    index.check_and_add("b", _reprint(WIRE, "okaz"), "okaz", "2019-04-25T10:00:00")
    assert index.storage.get("c").duplicate_of == "b"
    got = index.add("a", WIRE, "was", "2019-04-25T08:00:00")
    assert {(d.article_id, d.duplicate_of, d.first_source) for d in got.updated} == {
        ("b", "a", "was"), ("c", "a", "was")}
    assert got.marked == 1  # "b" was the group's original until "a" came
    assert index.check_and_add("d", _reprint(WIRE, "alyaum"), "alyaum", "2019-04-25T09:00:00").duplicate_of == "a"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(OTHER, id="same-topic-other-article"),
        pytest.param("", id="empty-text"),
        pytest.param("\u0642\u0645\u0629", id="one-word"),  # ARABIC "qimma" (summit)
    ],
)
def test_dedup_distinct_or_empty_text_is_not_a_duplicate(text: str) -> None:
    """Different articles on one topic, and texts too short to shingle, copy nothing."""
    index = DedupIndex()
    index.check_and_add("a", WIRE, "was", "2019-04-25")
    assert index.check_and_add("b", text, "okaz", "2019-04-26") is None


def test_dedup_readding_an_article_is_idempotent() -> None:
    """Adding the same id twice returns the first answer and does not grow the index."""
    index = DedupIndex()
    index.check_and_add("a", WIRE, "was", "2019-04-25")
    first = index.check_and_add("b", WIRE, "okaz", "2019-04-26")
    assert index.check_and_add("b", WIRE, "okaz", "2019-04-26") == first
    assert len(list(index.storage.records())) == 2


def test_dedup_rows_round_trip_through_json_keeps_finding_copies() -> None:
    """An index saved with to_rows (bytes as hex in JSON) and reloaded keeps its buckets and groups."""
    index = DedupIndex()
    index.check_and_add("was-1", WIRE, "was", "2019-04-25T08:00:00")
    index.check_and_add("okaz-1", _reprint(WIRE, "okaz"), "okaz", "2019-04-25T10:00:00")
    blob = json.dumps([{k: v.hex() if isinstance(v, bytes) else v for k, v in r.items()} for r in index.to_rows()])
    rows = [
        {k: bytes.fromhex(v) if k in ("signature", "shingles", "anchors", "words") and v else v for k, v in r.items()}
        for r in json.loads(blob)
    ]
    again = DedupIndex.from_rows(rows)
    dup = again.check_and_add("riyadh-1", _reprint(WIRE, "riyadh"), "alriyadh", "2019-04-25T12:00:00")
    assert dup is not None and dup.duplicate_of == "was-1" and dup.first_source == "was"


def test_dedup_rows_of_another_version_are_refused() -> None:
    """Rows built with other MinHash settings cannot be loaded silently."""
    index = DedupIndex(DedupSettings(num_perm=64, bands=16))
    index.check_and_add("a", WIRE, "was", None)
    with pytest.raises(ConfigError, match="minhash-64-word5-anchor4-c3.v2"):
        DedupIndex.from_rows(index.to_rows(), DedupSettings())


def test_dedup_fetch_text_replaces_kept_shingles() -> None:
    """Without kept shingles, exact Jaccard is computed from texts fetched by id."""
    texts = {"a": WIRE}
    index = DedupIndex(DedupSettings(keep_shingles=False), fetch_text=texts.__getitem__)
    index.check_and_add("a", WIRE, "was", None)
    dup = index.check_and_add("b", _reprint(WIRE, "okaz"), "okaz", None)
    assert dup is not None and dup.duplicate_of == "a"


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"num_perm": 4}, id="too-few-permutations"),
        pytest.param({"bands": 30}, id="bands-not-dividing-num-perm"),
        pytest.param({"threshold": 0.0}, id="zero-threshold"),
        pytest.param({"threshold": 1.5}, id="threshold-above-one"),
        pytest.param({"shingle_size": 0}, id="zero-shingle-size"),
    ],
)
def test_dedup_settings_reject_bad_values(kwargs: dict) -> None:
    """Bad settings raise ConfigError naming the setting."""
    with pytest.raises(ConfigError, match=next(iter(kwargs))):
        DedupSettings(**kwargs)


def test_dedup_keep_shingles_off_needs_fetch_text() -> None:
    """An index that cannot confirm candidates is refused with the fix."""
    with pytest.raises(ConfigError, match="fetch_text"):
        DedupIndex(DedupSettings(keep_shingles=False))


def test_dedup_hash_layout_is_pinned() -> None:
    """Word hashes and signatures never change silently (they are persisted under the version string)."""
    assert DedupSettings().version == "minhash-128-word5-anchor4-c3.v2"
    assert word_hash("abc") == 0xB9EBE373352441C2
    sig = MinHasher(DedupSettings()).signature(shingle_hashes("a b c d e f g h", 5))
    assert sig[:4].tolist() == [705693636, 1231248126, 518025023, 1279149353]
    assert word_hash("2015") == 0x7309858FCFE3C937  # a number: low bit set


_WORDS = st.lists(st.sampled_from(["\u0642\u0645\u0629", "\u0628\u0648\u062a\u064a\u0646", "kim", "a", "b", "c"]),
                  max_size=40)  # ARABIC "qimma", "butin"


@settings(max_examples=60, deadline=None)
@given(_WORDS, _WORDS)
def test_dedup_jaccard_and_estimate_symmetric_and_bounded(a: list[str], b: list[str]) -> None:
    """Exact Jaccard and the MinHash estimate are symmetric and lie in [0, 1]."""
    hasher = MinHasher(DedupSettings())
    ha, hb = shingle_hashes(" ".join(a), 3), shingle_hashes(" ".join(b), 3)
    sa, sb = hasher.signature(ha), hasher.signature(hb)
    assert jaccard(ha, hb) == jaccard(hb, ha)
    assert 0.0 <= jaccard(ha, hb) <= 1.0
    assert estimate_jaccard(sa, sb) == estimate_jaccard(sb, sa)
    if a == b and a:
        assert estimate_jaccard(sa, sb) == 1.0


def test_dedup_estimate_tracks_exact_jaccard() -> None:
    """On a real reprint the MinHash estimate is within 0.15 of the exact Jaccard."""
    hasher = MinHasher(DedupSettings())
    ha, hb = shingle_hashes(WIRE), shingle_hashes(_reprint(WIRE, "okaz"))
    assert abs(estimate_jaccard(hasher.signature(ha), hasher.signature(hb)) - jaccard(ha, hb)) < 0.15
    assert bool(np.all(ha[1:] > ha[:-1]))  # sorted, unique
