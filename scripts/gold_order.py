"""The order in which the blind dev gold files were written, so that adding gold never changes an earlier draw.

Each dev sampler drops every article of the gold files that existed when its set was drawn, and skips its own file
and every file written after it (``written_from``). Files in one batch were drawn at the same time and skip each
other. The files written before ``times_dev2.jsonl`` (``quotes.jsonl``, ``times_dev.jsonl``, ``dedup_pairs.jsonl``,
...) are excluded by every sampler from ``times_dev2`` on; ``sample_times_dev.py`` and ``sample_quote_dev.py`` keep
their own lists.
"""

from __future__ import annotations

#: Batches of gold files in the order they were written (a batch was drawn at one time).
ORDER: tuple[tuple[str, ...], ...] = (
    ("times_dev2.jsonl",),
    ("quotes_dev2.jsonl", "times_dev3.jsonl"),
    ("quotes_dev3.jsonl",),
    ("times_dev4.jsonl",),
    ("quotes_dev4.jsonl",),
    ("quotes_dev5.jsonl", "times_dev5.jsonl"),
    ("titles_dev.jsonl",),
    ("dedup_pairs3.jsonl",),
    ("quotes_dev6.jsonl",),
    ("times_dev6.jsonl",),
    ("times_dev7.jsonl", "quotes_dev7.jsonl"),
    ("titles_dev2.jsonl",),
    ("quotes_dev8.jsonl", "times_dev8.jsonl"),
    ("quotes_dev9.jsonl", "times_dev9.jsonl"),
)


def written_from(name: str) -> frozenset[str]:
    """The gold files a sampler of ``name`` skips: ``name``'s batch and every batch written after it."""
    for k, batch in enumerate(ORDER):
        if name in batch:
            return frozenset(f for later in ORDER[k:] for f in later)
    raise KeyError(f"{name} is not in scripts/gold_order.ORDER: add it there (its batch, in writing order)")
