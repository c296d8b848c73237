"""Draw the articles for the second office-title gold (``evals/gold/titles_dev2.jsonl``, issue #17).

``titles_dev.jsonl`` took 2015-08-06 in file order, so two outlets only. This set deals a SaudiNewsNet day no title
gold had used, ``2015-08-09``, over its outlets: articles of 300-3000 characters that hold an office word (a plain
list, not Marsad's office rules: خادم الحرمين، ولي العهد، ولي ولي العهد، وزير، أمير منطقة، الرئيس، رئيس الوزراء،
الأمين العام، الملك، السفير، المتحدث، محافظ), shuffled per outlet with the seed and dealt round-robin, five rounds.
The annotators label every bare office title in them (``evals/gold/README.md``). The held-out days 2015-07-21..08-03
are never read.

    python scripts/sample_titles_dev2.py > /tmp/titles_dev2_queue.jsonl
"""

from __future__ import annotations

import json
import random
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT.parent / "shared" / "data" / "saudinewsnet" / "dataset"
DAY = "2015-08-09"
SEED = 83
ROUNDS = 5
OFFICE_WORDS = ("خادم الحرمين", "ولي العهد", "وزير", "أمير منطقة", "الرئيس", "رئيس الوزراء", "الأمين العام", "الملك",
                "السفير", "المتحدث", "محافظ")


def main() -> int:
    """Print the dealt articles as JSON lines (day, index, source, url, title, content)."""
    path = DATASET / f"{DAY}.zip"
    if not path.is_file():
        print(f"missing {path}: keep ../shared/data beside the checkout", file=sys.stderr)
        return 1
    with zipfile.ZipFile(path) as z:
        rows = json.loads(z.read(z.namelist()[0]))
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        body = r.get("content") or ""
        if 300 <= len(body) <= 3000 and any(w in body for w in OFFICE_WORDS):
            by_outlet[r["source"]].append(i)
    rng = random.Random(SEED)
    for ids in by_outlet.values():
        rng.shuffle(ids)
    for k in range(ROUNDS):
        for outlet in sorted(by_outlet):
            if k < len(by_outlet[outlet]):
                i = by_outlet[outlet][k]
                r = rows[i]
                print(json.dumps({"day": DAY, "index": i, "source": r["source"], "url": r["url"],
                                  "title": r.get("title") or "", "content": r.get("content") or ""}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
