"""Draw the candidate queue for the seventh temporal-expression dev gold (``evals/gold/times_dev7.jsonl``, issue #17).

The recipe of ``scripts/sample_times_dev3.py`` unchanged (filters, round-robin deal over outlets, every article of
any other ``evals/gold/*.jsonl`` file and its wire copies dropped), with its own seed over a SaudiNewsNet day no
temporal dev set had used, ``2015-08-07`` (``quotes_dev5.jsonl``, ``search_judgments2.jsonl``, ``dedup_pairs3.jsonl``
and ``stories.jsonl`` hold some of its articles, excluded) (ids ``snn-2015-08-07-<outlet>-<index in the day's zip>``),
and ANT. Only ``times_dev7.jsonl`` itself (and ``quotes_dev7.jsonl``, drawn at the same time) is skipped among the gold
files (``scripts/gold_order.py``). Drawn after
``times-rules.v5`` was frozen and while v6 was written on the earlier sets.
The held-out days 2015-07-21..2015-08-03 are never read.

    python scripts/sample_times_dev7.py --out /tmp/times_dev7_queue.jsonl --n 96
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_order import written_from  # noqa: E402
from sample_times_dev import queue_cli  # noqa: E402
from sample_times_dev3 import queue  # noqa: E402

SNN_DAY = "2015-08-07"
SEED = 71
#: Gold files skipped: this set and the gold written after it (every set written before it is excluded from the draw).
SKIPPED = written_from("times_dev7.jsonl")  # this set and the gold written after it


def main() -> None:
    """Write the queue (``--out``, ``--n``)."""
    queue_cli(lambda n: queue(n, SNN_DAY, SEED, SKIPPED), __doc__, "/tmp/times_dev7_queue.jsonl")


if __name__ == "__main__":
    main()
