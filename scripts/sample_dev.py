"""Draw the articles of a blind dev gold set from sets 4 on (``quotes_devN.jsonl``, ``times_devN.jsonl``, issue #17).

One table instead of one script per set: each row names the gold file, the recipe it reuses, its SaudiNewsNet day and
its seed, and says when the set was drawn. Every set skips its own batch and the gold written after it
(``scripts/gold_order.py``), so adding gold never changes an earlier draw; every set reproduces its labelled ids.

* ``quotes`` - the rules of ``scripts/sample_quote_dev3.py``: bodies of 400-2500 characters with at least two reporting
  cues, every earlier gold article and its wire copies dropped, each outlet's articles shuffled with the seed and
  dealt round-robin over outlets; the day's SaudiNewsNet articles and ANT v2.1 multi-source.
* ``times`` - the recipe of ``scripts/sample_times_dev3.py``: 300-2000-character bodies with temporal words, the same
  exclusions and deal; the day's SaudiNewsNet articles and ANT.

The held-out days 2015-07-21..2015-08-03 are never read (there is no 2015-08-05 file).

    python scripts/sample_dev.py quotes_dev8 --n 150 --out /tmp/quotes_dev8_queue.jsonl
    python scripts/sample_dev.py times_dev8 --n 96 --out /tmp/times_dev8_queue.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sample_quote_dev2 as qd2  # noqa: E402
from gold_order import written_from  # noqa: E402
from sample_quote_dev3 import pool_for  # noqa: E402
from sample_times_dev import DATA, queue_cli  # noqa: E402
from sample_times_dev3 import queue  # noqa: E402


class DevSet(NamedTuple):
    """How one dev set was drawn."""

    recipe: str  # "quotes" or "times"
    day: str  # the SaudiNewsNet day
    seed: int
    when: str  # the rules frozen or being written when it was drawn


SETS: dict[str, DevSet] = {
    "quotes_dev4": DevSet("quotes", "2015-08-09", 43, "while quotes-rules.v4 was written on the first three"),
    "quotes_dev5": DevSet("quotes", "2015-08-07", 53, "after v4 was frozen (with times_dev5)"),
    "quotes_dev6": DevSet("quotes", "2015-08-06", 61, "after v4 was frozen, while v5 was written"),
    "quotes_dev7": DevSet("quotes", "2015-08-11", 73, "after v5 was frozen (with times_dev7)"),
    "quotes_dev8": DevSet("quotes", "2015-08-09", 83, "after v6 was frozen, while v7 was written (with times_dev8)"),
    "quotes_dev9": DevSet("quotes", "2015-08-10", 97, "after v7 was frozen, to score it on 300+ quotes no rule saw"),
    "times_dev4": DevSet("times", "2015-08-11", 41, "while times-rules.v4 was written on the first three"),
    "times_dev5": DevSet("times", "2015-08-10", 47, "after v4 was frozen (with quotes_dev5)"),
    "times_dev6": DevSet("times", "2015-08-09", 59, "after v4 was frozen, while v5 was written"),
    "times_dev7": DevSet("times", "2015-08-07", 71, "after v5 was frozen, while v6 was written (with quotes_dev7)"),
    "times_dev8": DevSet("times", "2015-08-06", 81, "after v6 was frozen, while v7 was written (with quotes_dev8)"),
    "times_dev9": DevSet("times", "2015-08-08", 89, "after v7 was frozen, while v8 was written (with quotes_dev9)"),
}


def main(argv: list[str] | None = None) -> int:
    """Draw the queue of the set named first on the command line; the rest are the recipe's own options."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in SETS:
        print(f"usage: sample_dev.py SET [--n N] [--out FILE]; SET is one of {', '.join(SETS)}", file=sys.stderr)
        return 2
    name, rest = args[0], args[1:]
    row = SETS[name]
    snn = DATA / "saudinewsnet" / "dataset" / f"{row.day}.zip"
    if not snn.exists() or not (DATA / "ant-news").is_dir():
        print(f"sample_dev.py: {snn} or {DATA / 'ant-news'} is missing; this script reads ../shared/data beside the "
              "checkout (SaudiNewsNet and ANT), see ../shared/README.md", file=sys.stderr)
        return 2
    skipped = written_from(f"{name}.jsonl")  # this set's batch and the gold written after it
    if row.recipe == "quotes":
        return qd2.main(rest, lambda: pool_for(row.day, tuple(sorted(skipped))), row.seed, __doc__)
    queue_cli(lambda n: queue(n, row.day, row.seed, skipped), __doc__, f"/tmp/{name}_queue.jsonl", argv=rest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
