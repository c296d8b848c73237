"""Draw the articles for the sixth quote-attribution dev gold (``evals/gold/quotes_dev6.jsonl``, issue #17).

The rules of ``scripts/sample_quote_dev3.py`` unchanged (``sample_quote_dev2.pool``: bodies of 400-2500 characters
with at least two reporting cues, every article of any ``evals/gold/*.jsonl`` file and its wire copies dropped,
each outlet's articles shuffled with the seed and dealt round-robin over outlets), with its own seed and a
SaudiNewsNet day no quote dev set had used, ``2015-08-06`` (a day of ``stories.jsonl``, ``titles_dev.jsonl`` and of the
third near-duplicate pair set, whose articles are excluded), and ANT v2.1 multi-source. Only ``quotes_dev6.jsonl``
itself is skipped among the gold files. Drawn after ``quotes-rules.v4`` was frozen and while v5 was written on the
earlier sets.
The held-out days 2015-07-21..2015-08-03 are never read.

    python scripts/sample_quote_dev6.py --n 150 --out /tmp/quotes_dev6_queue.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sample_quote_dev2 as qd2  # noqa: E402
from gold_order import written_from  # noqa: E402
from sample_quote_dev3 import pool_for  # noqa: E402

SNN_DAY = "2015-08-06"
SEED = 61
SKIP = tuple(sorted(written_from("quotes_dev6.jsonl")))  # this set and the gold written after it


def main(argv: list[str] | None = None) -> int:
    """Write the first ``--n`` articles of the dealt order (this set's day and seed) as JSON lines."""
    return qd2.main(argv, lambda: pool_for(SNN_DAY, SKIP), SEED, __doc__)


if __name__ == "__main__":
    sys.exit(main())
