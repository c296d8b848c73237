"""Settings of the near-duplicate index: MinHash/LSH layout, anchors, and the thresholds that confirm a copy."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.errors import ConfigError


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
    # One shingle in anchor_mod is an anchor: a copy sharing 10 shingles with its original misses every anchor
    # with probability 0.75**10 = 6% (bench: recall against brute force over every pair of 10k articles).
    anchor_mod: int = 4
    # Anchor buckets this full are stock phrases ("according to the Saudi Press Agency"), not followed.
    anchor_cap: int = 200
    # An anchor-only candidate is read only when it shares this share of the smaller anchor sample (an estimate of
    # 5-shingle containment; copies at the 3-shingle threshold share 0.2 and up, so half that allows for sampling).
    anchor_share: float = 0.1
    # Containment of the shorter article's 3-shingles that makes a copy; chosen on the tuning half (even pairs)
    # of evals/gold/dedup_pairs.jsonl (2015-08-04; 0.36 and 0.38 tie there), reported on the odd half.
    containment: float = 0.37
    containment_shingle: int = 3
    # Fewest shared 3-shingles for a containment match: two stock sentences in short briefs are not a copy.
    min_shared: int = 8
    # A containment match (Jaccard below ``threshold``) needs publication dates at most this many days apart:
    # outlets reprint wire copy within a day or two (print papers the next morning), while templated notices
    # (executions, "the sixth relief plane", market closes) recur across days with the same frame. Set from the
    # story gold's cross-story "copies" (2015-08-06..11: 26 of 34 were 2+ days apart); None = no window.
    window_days: float | None = 2.0

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
        if not 0.0 < self.containment <= 1.0:
            raise ConfigError(f"DedupSettings.containment={self.containment!r}: use a number in (0, 1], e.g. 0.37")
        if self.anchor_mod < 1 or self.anchor_cap < 2:
            raise ConfigError(
                f"DedupSettings(anchor_mod={self.anchor_mod!r}, anchor_cap={self.anchor_cap!r}): use anchor_mod >= 1 "
                "(1 = every shingle) and anchor_cap >= 2, e.g. 4 and 200"
            )
        if not 0.0 <= self.anchor_share <= 1.0:
            raise ConfigError(f"DedupSettings.anchor_share={self.anchor_share!r}: use a share in [0, 1], e.g. 0.1")
        if self.window_days is not None and not self.window_days > 0:
            raise ConfigError(
                f"DedupSettings.window_days={self.window_days!r}: use a number of days > 0 (e.g. 2) or None for no window"
            )
        if self.containment_shingle < 1 or self.min_shared < 1:
            raise ConfigError(
                f"DedupSettings(containment_shingle={self.containment_shingle!r}, min_shared={self.min_shared!r}): "
                "use whole numbers >= 1, e.g. 3 and 8"
            )

    @property
    def rows(self) -> int:
        """Signature values per LSH band."""
        return self.num_perm // self.bands

    @property
    def version(self) -> str:
        """The version string stored with every signature, e.g. ``minhash-128-word5-anchor4-c3.v2``."""
        return (f"minhash-{self.num_perm}-word{self.shingle_size}-anchor{self.anchor_mod}"
                f"-c{self.containment_shingle}.v2")


__all__ = ["DedupSettings"]
