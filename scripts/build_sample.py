"""Build the bundled demo corpus: ~300 SaudiNewsNet articles that form whole stories of the story dev set.

Reads ``evals/gold/stories.jsonl`` (ids are ``DATE/INDEX`` into that day's zip) and the original daily zips in
``../shared/data/saudinewsnet/dataset``; writes ``data/sample/saudinewsnet/sample.json`` in the corpus's own
format (a JSON array of {source, url, date_extracted, title, author, content}), so the demo ingests it as is.
"""

from __future__ import annotations

import json
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT.parent / "shared" / "data" / "saudinewsnet" / "dataset"
#: Articles in the demo: a few hundred, as the README promises; whole stories are kept together.
TARGET = 300


def main() -> int:
    """Select whole stories until TARGET articles and write them in SaudiNewsNet's format."""
    if not DATASET.is_dir():
        print(f"missing {DATASET}: this script needs the shared data folder beside the checkout", file=sys.stderr)
        return 1
    gold = [json.loads(x) for x in (ROOT / "evals/gold/stories.jsonl").read_text("utf-8").splitlines() if x]
    stories: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        stories[g["story"]].append(g)
    chosen: list[dict] = []
    for label in sorted(stories, key=lambda s: (-len(stories[s]), s)):
        if len(chosen) >= TARGET:
            break
        chosen.extend(stories[label])
    days: dict[str, list] = {}
    out = []
    for g in sorted(chosen, key=lambda g: (g["published"], g["id"])):
        day, index = g["id"].split("/")
        if day not in days:
            days[day] = json.loads(zipfile.ZipFile(DATASET / f"{day}.zip").read(f"{day}.json"))
        rec = days[day][int(index)]
        assert rec["url"] == g["url"], g["id"]
        out.append(rec)
    dest = ROOT / "data/sample/saudinewsnet/sample.json"
    dest.write_text(json.dumps(out, ensure_ascii=False, indent=0), "utf-8")
    print(f"wrote {len(out)} articles to {dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
