"""Draw the articles for the third quote-attribution dev gold (``evals/gold/quotes_dev3.jsonl``, issue #17).

Exactly the rules of ``scripts/sample_quote_dev2.py`` (whose ``pool`` it reuses, with the pool rules, ids and deal
of ``scripts/sample_quote_dev.py``: bodies of 400-2500 characters with at least two reporting cues from the broad
``CUES`` list, each outlet's articles shuffled with the seed and dealt round-robin over outlets), with its own seed
and a fresh SaudiNewsNet day:

* SaudiNewsNet ``2015-08-10.zip`` (the held-out days 2015-07-21..2015-08-03 are never read) and ANT v2.1
  multi-source (BBC, CNN, alarabia, france24, skynews).
* Excluded, as in ``sample_quote_dev2.py``: every article already in any ``evals/gold/*.jsonl`` file read when the
  script runs, this set's own ``quotes_dev3.jsonl`` only skipped (so the draw does not change while it is written),
  matched by URL, by body (equal or contained), by ANT id, by ``DAY#N`` / ``DAY/N`` reference (2015-08-10 is a day
  of ``stories.jsonl``, ``dedup_pairs2.jsonl`` and ``story_summaries.jsonl``, whose references are resolved to the
  article's URL and body) and as a wire copy (>= 50 % of the shorter text's word-5-shingles shared with a gold body).

Output: JSON lines {id, source, url, published, title, body} in labelling order, ids ``snn-``/``ant-`` + sha1(url)
[:12]. The annotator labelled the queue in order, none skipped, blind to the system, until the set held >= 60
articles and >= 250 quotes: ranks 0-59 (60 articles, 256 quotes). The deal runs over 17 outlets (the day's 12,
sabq with a single eligible article, and ANT's 5).

    python scripts/sample_quote_dev3.py --n 150 --out /tmp/qd3/queue.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_order import written_from  # noqa: E402
import sample_quote_dev2 as qd2  # noqa: E402

SNN_DAY = "2015-08-10"
SEED = 41
#: This set's file, and the gold written after it (so the draw never changes).
SKIP = tuple(sorted(written_from("quotes_dev3.jsonl")))


def pool_for(day: str, skip: tuple[str, ...]) -> list[dict]:
    """``sample_quote_dev2.pool`` over SaudiNewsNet ``day``, skipping the gold files named in ``skip``."""
    qd2.SNN_DAY, qd2.SKIP = day, skip  # the two module settings that pool() and gold_used() read
    return qd2.pool()


def pool() -> list[dict]:
    """The pool of this set: its day, skipping only this set's own file among the gold files."""
    return pool_for(SNN_DAY, SKIP)


def main(argv: list[str] | None = None) -> int:
    """Write the first ``--n`` articles of the dealt order as JSON lines."""
    return qd2.main(argv, pool, SEED, __doc__)


if __name__ == "__main__":
    sys.exit(main())
