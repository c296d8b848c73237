"""Draw the articles for the fifth quote-attribution dev gold (``evals/gold/quotes_dev5.jsonl``, issue #17).

The rules of ``scripts/sample_quote_dev3.py`` unchanged (``sample_quote_dev2.pool``: bodies of 400-2500 characters
with at least two reporting cues, every article of any ``evals/gold/*.jsonl`` file and its wire copies dropped,
each outlet's articles shuffled with the seed and dealt round-robin over outlets), with its own seed and a
SaudiNewsNet day no quote dev set had used, ``2015-08-07`` (a day of ``stories.jsonl`` and of the search check set, whose
articles are excluded), and ANT v2.1 multi-source. Only ``quotes_dev5.jsonl`` itself (and ``times_dev5.jsonl``, drawn at the same time) is skipped among the gold files.
The held-out days 2015-07-21..2015-08-03 are never read.

    python scripts/sample_quote_dev5.py --n 150 --out /tmp/quotes_dev5_queue.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sample_quote_dev2 as qd2  # noqa: E402
from gold_order import written_from  # noqa: E402
from sample_quote_dev3 import pool_for  # noqa: E402

SNN_DAY = "2015-08-07"
SEED = 53
SKIP = tuple(sorted(written_from("quotes_dev5.jsonl")))  # this set and the gold written after it


def main(argv: list[str] | None = None) -> int:
    """Write the first ``--n`` articles of the dealt order (this set's day and seed) as JSON lines."""
    return qd2.main(argv, lambda: pool_for(SNN_DAY, SKIP), SEED, __doc__)


if __name__ == "__main__":
    sys.exit(main())
