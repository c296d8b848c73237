"""Draw the articles for the eighth quote and time dev gold (``quotes_dev8.jsonl``, ``times_dev8.jsonl``, issue #17).

One table instead of one script per set (the samplers of sets 2-7 keep their own files, each reproducing its set):
each row names the gold file, the recipe it reuses, its SaudiNewsNet day and its seed.

* ``quotes_dev8``: the rules of ``scripts/sample_quote_dev3.py`` (bodies of 400-2500 characters with at least two
  reporting cues, every article of the gold files written before it and their wire copies dropped, each outlet's
  articles shuffled with the seed and dealt round-robin over outlets) over SaudiNewsNet ``2015-08-09`` (the day of
  ``quotes_dev4.jsonl``, whose articles are excluded) and ANT v2.1 multi-source.
* ``times_dev8``: the recipe of ``scripts/sample_times_dev3.py`` over ``2015-08-06``, the one SaudiNewsNet day of
  the allowed range (2015-08-04..08-11; there is no 08-05 file) that no time set had used, and ANT.

Both were drawn at one time (one batch of ``scripts/gold_order.py``), after ``quotes-rules.v6`` and ``times-rules.v6``
were frozen and while v7 rules were written on the earlier sets. The held-out days 2015-07-21..2015-08-03 are never
read.

    python scripts/sample_dev8.py quotes_dev8 --n 150 --out /tmp/quotes_dev8_queue.jsonl
    python scripts/sample_dev8.py times_dev8 --n 96 --out /tmp/times_dev8_queue.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sample_quote_dev2 as qd2  # noqa: E402
from gold_order import written_from  # noqa: E402
from sample_quote_dev3 import pool_for  # noqa: E402
from sample_times_dev import queue_cli  # noqa: E402
from sample_times_dev3 import queue  # noqa: E402

#: gold set -> (recipe, SaudiNewsNet day, seed).
SETS: dict[str, tuple[str, str, int]] = {
    "quotes_dev8": ("quotes", "2015-08-09", 83),
    "times_dev8": ("times", "2015-08-06", 81),
}


def main(argv: list[str] | None = None) -> int:
    """Draw the queue of the set named first on the command line; the rest are the recipe's own options."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in SETS:
        print(f"usage: sample_dev8.py {{{','.join(SETS)}}} [--n N] [--out FILE]", file=sys.stderr)
        return 2
    name, rest = args[0], args[1:]
    recipe, day, seed = SETS[name]
    skipped = written_from(f"{name}.jsonl")  # this set's batch and the gold written after it
    if recipe == "quotes":
        return qd2.main(rest, lambda: pool_for(day, tuple(sorted(skipped))), seed, __doc__)
    sys.argv = [sys.argv[0], *rest]
    queue_cli(lambda n: queue(n, day, seed, skipped), __doc__, f"/tmp/{name}_queue.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
