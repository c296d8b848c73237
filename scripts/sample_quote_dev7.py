"""Draw the articles for the seventh quote-attribution dev gold (``evals/gold/quotes_dev7.jsonl``, issue #17).

The rules of ``scripts/sample_quote_dev3.py`` unchanged (``sample_quote_dev2.pool``: bodies of 400-2500 characters
with at least two reporting cues, every article of any ``evals/gold/*.jsonl`` file and its wire copies dropped,
each outlet's articles shuffled with the seed and dealt round-robin over outlets), with its own seed and a
SaudiNewsNet day no quote dev set had used, ``2015-08-11`` (a day of ``stories.jsonl``, ``times_dev4.jsonl`` and
``dedup_pairs2.jsonl``, whose articles are excluded), and ANT v2.1 multi-source. Only ``quotes_dev7.jsonl`` itself (and
``times_dev7.jsonl``, drawn at the same time) is skipped among the gold files (``scripts/gold_order.py``). Drawn after ``quotes-rules.v5`` was frozen, while rules
for a v6 were tried on the earlier sets (none kept).
The held-out days 2015-07-21..2015-08-03 are never read.

    python scripts/sample_quote_dev7.py --n 150 --out /tmp/quotes_dev7_queue.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sample_quote_dev2 as qd2  # noqa: E402
from gold_order import written_from  # noqa: E402
from sample_quote_dev3 import pool_for  # noqa: E402

SNN_DAY = "2015-08-11"
SEED = 73
SKIP = tuple(sorted(written_from("quotes_dev7.jsonl")))  # this set and the gold written after it


def main(argv: list[str] | None = None) -> int:
    """Write the first ``--n`` articles of the dealt order (this set's day and seed) as JSON lines."""
    return qd2.main(argv, lambda: pool_for(SNN_DAY, SKIP), SEED, __doc__)


if __name__ == "__main__":
    sys.exit(main())
