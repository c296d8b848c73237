"""Draw the candidate queue for the third temporal-expression dev gold (``evals/gold/times_dev3.jsonl``, issue #17).

Same filters, interleaving and exclusions as ``scripts/sample_times_dev2.py`` (300-2000-character bodies with
>= ``MIN_TEMPORAL`` temporal-word hits; shuffled per outlet and dealt round-robin over outlets; an article already
in *any* ``evals/gold/*.jsonl`` file is dropped by URL, by body (equal or contained), by reference and, after the
deal, as a wire copy of a gold body), with its own seed and a fresh SaudiNewsNet day:

* SaudiNewsNet ``2015-08-08.zip`` (``published`` = the ``date_extracted`` day; ids
  ``snn-2015-08-08-<outlet>-<index in the day's zip>``). The 2015-08-04 pool of the first two dev sets is nearly
  used up; 2015-08-08 is a day of ``times.jsonl`` / ``stories.jsonl``, whose articles the exclusions drop. The
  held-out days 2015-07-21..2015-08-03 are never read.
* ANT v2.1 multi-source and ANT v1.1 JawharaFM, as before (``sample_times_dev.ant_articles``).

References are read for any SaudiNewsNet day (``<day>#N`` / ``<day>/N`` of dedup, search, stories and summaries
gold, and the ``snn-<day>-<outlet>-<N>`` ids of ``times_dev*.jsonl``, whose N is the zip index; the ids of
``times.jsonl`` carry a per-set counter instead and are matched by URL and body only). ``times_dev3.jsonl`` itself and
the gold written after it (``quotes_dev2.jsonl``, ``quotes_dev3.jsonl``) are skipped so that the draw does not change once the set is written. The annotator labelled the queue in order, none
skipped, until the set held >= 60 articles and >= 250 expressions.

    python scripts/sample_times_dev3.py --out /tmp/times_dev3_queue.jsonl --n 96
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_order import written_from  # noqa: E402
from sample_times_dev import (  # noqa: E402
    DATA, HELD_OUT, MAX_LEN, MIN_LEN, MIN_TEMPORAL, ROOT, ant_articles, temporal_hits,
)
from sample_times_dev import queue_cli  # noqa: E402
from sample_times_dev2 import deal  # noqa: E402

SNN_DAY = "2015-08-08"
SEED = 37
#: Gold files skipped: this set, and those written after it was drawn (so the draw never changes).
SKIPPED = written_from("times_dev3.jsonl")
_REF = re.compile(r"^(20\d\d-\d\d-\d\d)[#/](\d+)$")
_TIMES_ID = re.compile(r"^snn-(20\d\d-\d\d-\d\d)-[a-z0-9]+-(\d+)$")


def snn_articles(day: str = SNN_DAY) -> list[dict]:
    """SaudiNewsNet articles of ``day`` (never a held-out day), ids ``snn-<day>-<outlet>-<index>``."""
    assert not (HELD_OUT[0] <= day <= HELD_OUT[1]), "held-out day"
    with zipfile.ZipFile(DATA / "saudinewsnet" / "dataset" / f"{day}.zip") as zf:
        rows = json.loads(zf.read(zf.namelist()[0]))
    return [{"id": f"snn-{day}-{a['source']}-{i}", "ref": f"snn-{day}-{i}", "source": a["source"], "url": a["url"],
             "published": a["date_extracted"][:10], "title": a["title"], "body": a["content"]}
            for i, a in enumerate(rows)]


def _walk(obj, urls: set[str], bodies: set[str], refs: set[str]) -> None:
    """Collect URLs, long bodies and article references anywhere in a gold row."""
    if isinstance(obj, dict):
        items = list(obj.items())
    elif isinstance(obj, list):
        items = [(None, v) for v in obj]
    else:
        return
    for key, val in items:
        if not isinstance(val, str):
            _walk(val, urls, bodies, refs)
        elif key == "url":
            urls.add(val.strip())
        elif key in ("body", "text", "content") and len(val.strip()) >= 200:
            bodies.add(val.strip())
        elif m := _REF.match(val.strip()):
            refs.add(f"snn-{m.group(1)}-{m.group(2)}")
        elif val.startswith("ant-"):
            refs.add(val.strip())


def gold_used(skipped: frozenset[str] = SKIPPED) -> tuple[set[str], set[str], set[str]]:
    """URLs, bodies and article references found in every gold JSONL file except those ``skipped``."""
    urls: set[str] = set()
    bodies: set[str] = set()
    refs: set[str] = set()
    for path in sorted((ROOT / "evals" / "gold").glob("*.jsonl")):
        if path.name in skipped:
            continue
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            _walk(row, urls, bodies, refs)
            rid = row.get("id")
            if isinstance(rid, str) and path.name.startswith("times_dev") and (m := _TIMES_ID.match(rid)):
                refs.add(f"snn-{m.group(1)}-{m.group(2)}")
    return urls, bodies, refs


def queue(n: int, day: str = SNN_DAY, seed: int = SEED, skipped: frozenset[str] = SKIPPED) -> list[dict]:
    """The first ``n`` candidates of ``day`` and ANT, interleaved over outlets, gold articles and copies dropped."""
    urls, bodies, refs = gold_used(skipped)
    long_bodies = list(bodies)
    seen: set[str] = set()
    by_outlet: dict[str, list[dict]] = {}
    for art in snn_articles(day) + ant_articles():
        body = art["body"]
        if not MIN_LEN <= len(body) <= MAX_LEN or art["url"].strip() in urls:
            continue
        if art["id"] in refs or art.pop("ref", None) in refs:
            continue
        key_body, key_title = body.strip(), art["title"].strip()
        if key_body in seen or (key_title and key_title in seen) or temporal_hits(body) < MIN_TEMPORAL:
            continue
        if any(b in key_body or key_body in b for b in long_bodies):
            continue
        seen.add(key_body)
        if key_title:
            seen.add(key_title)
        by_outlet.setdefault(art["source"], []).append(art)
    return deal(by_outlet, seed, n, bodies)


def main() -> None:
    """Write the queue (``--out``, ``--n``)."""
    queue_cli(queue, __doc__, "/tmp/times_dev3_queue.jsonl")


if __name__ == "__main__":
    main()
