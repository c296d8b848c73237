"""Draw the articles for the second quote-attribution dev gold (``evals/gold/quotes_dev2.jsonl``, issue #17).

Same pool rules, ids and order as ``scripts/sample_quote_dev.py`` (bodies of 400-2500 characters with at least two
reporting cues from its broad ``CUES`` list; each outlet's articles shuffled with the seed, then dealt round-robin
over outlets, outlet order reshuffled every round), with its own seed and a fresh SaudiNewsNet day:

* SaudiNewsNet ``2015-08-08.zip`` (the 2015-08-04 pool is used up by the first dev sets; the held-out days
  2015-07-21..2015-08-03 are never read) and ANT v2.1 multi-source (BBC, CNN, alarabia, france24, skynews).
* Excluded: every article already in *any* ``evals/gold/*.jsonl`` file, read when the script runs (this set's own
  ``quotes_dev2.jsonl`` and ``times_dev3.jsonl``, written at the same time by another annotator, are skipped so
  that the draw does not change while they are written), matched by URL, by body (equal, or one contained in the
  other), by ANT id (``ant-<DOCNO>`` or ``ant-<sha1(url)>``), by reference (``<day>#N`` / ``<day>/N`` zip indices of
  the dedup, search and story files; referenced SaudiNewsNet articles are read from their day's zip, never a
  held-out day, so that their URLs and bodies count too; ``times*.jsonl`` ids need no lookup, those rows carry URL
  and body), and as a wire copy: at least ``COPY_CONTAINMENT`` (0.5) of the word-5-shingles of the shorter of the
  candidate and a gold body are shared.

Output: JSON lines {id, source, url, published, title, body} in labelling order, ids ``snn-``/``ant-`` + the first
12 hex digits of sha1(url) as in ``quotes_dev.jsonl``. The annotator labelled the queue in order, none skipped,
blind to the system, until the set held >= 60 articles and >= 250 quotes: ranks 0-64 (65 articles, 253 quotes).
The deal runs over 15 outlets (the day's 10, with 25-85 eligible articles each after the exclusions, and ANT's 5).

    python scripts/sample_quote_dev2.py --n 150 --out /tmp/qd2/queue.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_quote_dev import ANT_META, DATA, ROOT, _id, ant_articles, deal, eligible  # noqa: E402
from gold_order import written_from  # noqa: E402
from sample_times_dev import HELD_OUT  # noqa: E402
from sample_times_dev2 import COPY_CONTAINMENT, _shingles  # noqa: E402

SNN_DAY = "2015-08-08"
SEED = 29
#: This set's file, and the gold written with or after it (so the draw never changes).
SKIP = tuple(sorted(written_from("quotes_dev2.jsonl")))
_REF = re.compile(r"^(20\d\d-\d\d-\d\d)[#/](\d+)$")  # 2015-08-04#12 (dedup, search), 2015-08-04/12 (stories)


def snn_day(day: str) -> list[dict]:
    """SaudiNewsNet articles of ``day`` (never a held-out day) as gold records, in zip order."""
    assert not HELD_OUT[0] <= day <= HELD_OUT[1], "held-out day"
    with zipfile.ZipFile(DATA / "saudinewsnet" / "dataset" / f"{day}.zip") as zf:
        rows = json.loads(zf.read(zf.namelist()[0]))
    return [{"id": _id("snn", a["url"]), "source": a["source"], "url": a["url"], "published": a["date_extracted"][:10],
             "title": a["title"], "body": a["content"]} for a in rows]


def gold_used() -> tuple[set[str], set[str], set[str]]:
    """URLs, bodies (200+ characters) and ids of the articles in the gold files; references resolved to their text."""
    urls, bodies, ids, refs = set(), set(), set(), set()

    def walk(obj, key=None):
        if isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, k)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, key)
        elif isinstance(obj, str):
            val = obj.strip()
            if key == "url":
                urls.add(val)
            elif key in ("body", "text", "content") and len(val) >= 200:
                bodies.add(val)
            elif val.startswith("ant-"):
                ids.add(val)
            elif m := _REF.match(val):
                refs.add((m.group(1), int(m.group(2))))

    for path in sorted((ROOT / "evals" / "gold").glob("*.jsonl")):
        if path.name not in SKIP:
            for line in path.read_text("utf-8").splitlines():
                if line.strip():
                    walk(json.loads(line))
    for day in sorted({d for d, _ in refs}):
        rows = snn_day(day)
        for d, i in refs:
            if d == day and i < len(rows):
                urls.add(rows[i]["url"])
                if len(rows[i]["body"].strip()) >= 200:
                    bodies.add(rows[i]["body"].strip())
    return urls, bodies, ids


def pool() -> list[dict]:
    """Eligible articles (``sample_quote_dev.eligible``) that are not gold articles or wire copies of one."""
    urls, bodies, ids = gold_used()
    with gzip.open(ANT_META, "rt", encoding="utf-8") as fh:
        docno = {row.split("\t")[5]: "ant-" + row.split("\t")[1] for row in fh.read().splitlines()[1:] if row}
    gold = sorted(bodies)
    index: dict[str, list[int]] = defaultdict(list)
    sizes = []
    for n, body in enumerate(gold):
        sh = _shingles(body)
        sizes.append(len(sh))
        for s in sh:
            index[s].append(n)
    out = []
    for art in eligible(snn_day(SNN_DAY) + ant_articles(), urls):
        body = art["body"].strip()
        if art["id"] in ids or docno.get(art["url"]) in ids or body in bodies:
            continue
        sh = _shingles(body)
        shared = Counter(n for s in sh for n in index.get(s, ()))  # a contained body shares shingles too
        if any(gold[n] in body or body in gold[n] for n in shared):
            continue
        if any(k / max(1, min(len(sh), sizes[n])) >= COPY_CONTAINMENT for n, k in shared.items()):
            continue
        out.append(art)
    return out


def main(argv: list[str] | None = None, pool_fn=None, seed: int = SEED, doc: str | None = __doc__) -> int:  # noqa: ANN001
    """Write the first ``--n`` articles of the dealt order as JSON lines (``pool_fn``: another set's pool)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--seed", type=int, default=seed)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    arts = (pool_fn or pool)()
    order = deal(arts, args.seed)[: args.n]
    args.out.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in order), "utf-8")
    counts = Counter(a["source"] for a in arts)
    print(f"eligible {len(arts)}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
