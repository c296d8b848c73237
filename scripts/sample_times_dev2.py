"""Draw the candidate queue for the second temporal-expression dev gold (``evals/gold/times_dev2.jsonl``, issue #17).

Same pool, filters and interleaving as ``scripts/sample_times_dev.py`` (SaudiNewsNet ``2015-08-04.zip`` and ANT
v2.1 / v1.1; 300-2000-character bodies with >= ``MIN_TEMPORAL`` temporal-word hits; shuffled per outlet and dealt
round-robin over outlets), with its own seed and a wider exclusion: an article is dropped when it is already in
*any* file of ``evals/gold/`` (read when the script runs; ``times_dev2.jsonl`` itself and the gold written after it
are skipped so that the draw does not change once the set is written), matched

* by URL (any ``url`` field, at any depth),
* by body (any ``body`` / ``text`` / ``content`` string of 200+ characters: equal after stripping, or contained in
  the candidate's body, which catches ANT lines whose headline was split off),
* by reference (``2015-08-04#N`` / ``2015-08-04/N`` indices into the SaudiNewsNet day, and ANT ids ``ant-DOCNO``),
* as a copy: after the round-robin deal, a candidate is dropped from the queue when at least ``COPY_CONTAINMENT`` of
  the word-5-shingles of the shorter of its body and a gold body are shared (a wire copy printed by another outlet,
  as in the ``dup`` label of ``dedup_pairs.jsonl``). This filter runs after the shuffle so that it removes queue
  entries without reordering the rest.

The held-out SaudiNewsNet days (2015-07-21..2015-08-03) are never read (``sample_times_dev.snn_articles`` reads
2015-08-04 only). Ids follow ``times_dev.jsonl``: ``snn-2015-08-04-<outlet>-<index in the day's zip>`` and
``ant-<DOCNO>``. The annotator labelled the queue in order, none skipped, until the set held >= 60 articles and
>= 250 expressions: ranks 0-60 (61 articles, 252 expressions). The SaudiNewsNet day is nearly used up by earlier
gold (no alwatan article is left, one sabq), so the queue is dealt over 15 outlets.

    python scripts/sample_times_dev2.py --out /tmp/times_dev2_queue.jsonl --n 96
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold_order import written_from  # noqa: E402
from sample_times_dev import (  # noqa: E402
    MAX_LEN, MIN_LEN, MIN_TEMPORAL, ROOT, SNN_DAY, ant_articles, queue_cli, snn_articles, temporal_hits,
)

SEED = 23
COPY_CONTAINMENT = 0.5
#: Gold files skipped: this set, and those written after it was drawn (so the draw never changes).
SKIPPED = written_from("times_dev2.jsonl")
_REF = re.compile(rf"^{SNN_DAY}[#/](\d+)$")


def _walk(obj, urls: set[str], bodies: set[str], refs: set[str]) -> None:
    if isinstance(obj, dict):
        for key, val in obj.items():
            if isinstance(val, str):
                if key == "url":
                    urls.add(val.strip())
                elif key in ("body", "text", "content") and len(val.strip()) >= 200:
                    bodies.add(val.strip())
                else:
                    _ref(val, refs)
            else:
                _walk(val, urls, bodies, refs)
    elif isinstance(obj, list):
        for val in obj:
            if isinstance(val, str):
                _ref(val, refs)
            else:
                _walk(val, urls, bodies, refs)


def _ref(val: str, refs: set[str]) -> None:
    m = _REF.match(val.strip())
    if m:
        refs.add(f"snn-{SNN_DAY}-{m.group(1)}")
    elif val.startswith("ant-"):
        refs.add(val.strip())


def gold_used() -> tuple[set[str], set[str], set[str]]:
    """URLs, bodies and article references found in every gold JSONL file except this set's own."""
    urls: set[str] = set()
    bodies: set[str] = set()
    refs: set[str] = set()
    for path in sorted((ROOT / "evals" / "gold").glob("*.jsonl")):
        if path.name in SKIPPED:
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                _walk(row, urls, bodies, refs)
                if isinstance(row.get("id"), str):
                    _ref(row["id"], refs)
    # times*.jsonl ids carry the outlet: snn-2015-08-04-<outlet>-<i>
    for ref in list(refs):
        m = re.fullmatch(rf"snn-{SNN_DAY}-[a-z0-9]+-(\d+)", ref)
        if m:
            refs.add(f"snn-{SNN_DAY}-{m.group(1)}")
    return urls, bodies, refs


def queue(n: int) -> list[dict]:
    """The first ``n`` candidates, interleaved over outlets."""
    urls, bodies, refs = gold_used()
    long_bodies = list(bodies)
    seen: set[str] = set()
    by_outlet: dict[str, list[dict]] = {}
    for art in snn_articles() + ant_articles():
        body = art["body"]
        if not MIN_LEN <= len(body) <= MAX_LEN or art["url"].strip() in urls or art["id"] in refs:
            continue
        key_body, key_title = body.strip(), art["title"].strip()
        if key_body in seen or (key_title and key_title in seen):
            continue
        if temporal_hits(body) < MIN_TEMPORAL:
            continue
        if key_body in bodies or any(b in key_body or key_body in b for b in long_bodies):
            continue
        seen.add(key_body)
        if key_title:
            seen.add(key_title)
        if art["id"].startswith("snn-"):
            art = {**art, "id": f"snn-{SNN_DAY}-{art['source']}-{art['id'].rsplit('-', 1)[1]}"}
        by_outlet.setdefault(art["source"], []).append(art)
    return deal(by_outlet, SEED, n, bodies)


def deal(by_outlet: dict[str, list[dict]], seed: int, n: int, gold_bodies: list[str]) -> list[dict]:
    """Shuffle each outlet's articles and the outlets (seeded), deal round-robin, drop wire copies of gold bodies."""
    rng = random.Random(seed)
    outlets = sorted(by_outlet)
    for name in outlets:
        rng.shuffle(by_outlet[name])
    rng.shuffle(outlets)
    gold_shingles = [_shingles(b) for b in gold_bodies]
    out: list[dict] = []
    depth = 0
    while len(out) < n and any(depth < len(by_outlet[o]) for o in outlets):
        for name in outlets:
            if depth < len(by_outlet[name]) and len(out) < n:
                art = by_outlet[name][depth]
                if not _is_copy(_shingles(art["body"]), gold_shingles):
                    out.append(art)
        depth += 1
    return out


def _shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text)
    return {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}


def _is_copy(sh: set[str], gold: list[set[str]]) -> bool:
    """True when the shorter text of ``sh`` and some gold body shares >= ``COPY_CONTAINMENT`` of its shingles."""
    return any(g and sh and len(sh & g) / min(len(sh), len(g)) >= COPY_CONTAINMENT for g in gold)


def main() -> None:
    """Write the queue (``--out``, ``--n``)."""
    queue_cli(queue, __doc__, "/tmp/times_dev2_queue.jsonl")


if __name__ == "__main__":
    main()
