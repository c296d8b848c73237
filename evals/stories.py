"""Evaluate story clustering and near-duplicate detection on the story gold set (``evals/gold/stories.jsonl``).

Stories: ``cluster_documents`` runs over the gold articles in publication order (no entities: the gold has none)
and its stories are scored against the gold labels with item-averaged B-cubed (``evals/bcubed.py``).

Overfitting check: the gold stories are split by the MD5 of their label into a tuning half (even) and a check
half (odd); settings are tuned on the tuning half only, and ``run`` reports F1 on each half (each clustered on
its own) next to the full set.

Dev set: ``evals/gold/stories_dev.jsonl`` labels 474 articles of one SaudiNewsNet day no story rule was fitted to
(2015-08-04; how it was built: ``evals/gold/stories.md``). It is clustered exactly like the main set (publication
order, no entities) and reported as ``stories_dev_bcubed_precision`` / ``_recall`` / ``_f1``; never tune on it.

Duplicates: every article goes through a ``DedupIndex`` in the same order.
``dedup_pair_precision`` is the share of reported (article, copied article) pairs that the gold files under one
story (an independent label: copies of one wire text are one event); ``dedup_pair_recall`` is the share of all
article pairs whose exact word-shingle Jaccard reaches the threshold (brute force over every pair) that the index
put in one duplicate group — i.e. how much the LSH banding misses. The story label is a proxy: since containment
matches (issue #13) a wire item contained in another outlet's roundup, or a same-day notice on the same template,
counts against precision here although it is a copy of the same text; ``evals/dedup.py`` measures against real
copy labels. ``dedup_pair_precision_jaccard_only`` keeps the resemblance-only rule (containment off) guarded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from evals.bcubed import bcubed
from marsad.analysis.dedup.index import DedupIndex, DedupSettings, jaccard, shingle_hashes
from marsad.analysis.stories.stories import StoryDoc, StorySettings, cluster_documents
from marsad.errors import MarsadError
from marsad.text.normalize import normalize

GOLD = Path(__file__).parent / "gold" / "stories.jsonl"
GOLD_DEV = Path(__file__).parent / "gold" / "stories_dev.jsonl"


def load_gold(path: Path = GOLD) -> list[dict]:
    """Return the gold articles sorted by publication time, or raise naming the missing file."""
    if not path.is_file():
        raise MarsadError(f"{path} not found: restore evals/gold/{path.name} from the repository")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for i, row in enumerate(rows, 1):
        missing = {"id", "published", "title", "body", "story"} - row.keys()
        if missing:
            raise MarsadError(
                f"{path}:{i}: missing keys {sorted(missing)}; each line needs id/published/title/body/story"
            )
    return sorted(rows, key=lambda r: (r["published"], r["id"]))


def _parse_time(value: str | None) -> datetime | None:
    """Parse a gold ``published`` value (ISO 8601 or 'YYYY-MM-DD hh:mm:ss'), None when absent."""
    return datetime.fromisoformat(value) if value else None


def story_scores(rows: Sequence[dict], settings: StorySettings = StorySettings()) -> dict[str, float]:
    """Return B-cubed precision/recall/F1 of ``cluster_documents`` on gold rows (in the given order)."""
    docs = [
        StoryDoc(r["id"], _parse_time(r["published"]), r["title"] or "", r["body"] or "",
                 tuple(r.get("entity_ids", ())), r.get("source"))
        for r in rows
    ]
    assignments = cluster_documents(docs, settings)
    gold = {r["id"]: r["story"] for r in rows}
    pred = {d.article_id: a.story_id for d, a in zip(docs, assignments)}
    p, r, f = bcubed(gold, pred)
    return {"story_bcubed_precision": p, "story_bcubed_recall": r, "story_bcubed_f1": f}


def split_halves(rows: Sequence[dict]) -> tuple[list[dict], list[dict]]:
    """Return (tuning half, check half) of gold rows: whole stories, by the parity of the label's MD5."""
    halves: tuple[list[dict], list[dict]] = ([], [])
    for r in rows:
        halves[int(hashlib.md5(r["story"].encode("utf-8")).hexdigest(), 16) % 2].append(r)
    return halves


def dedup_scores(rows: Sequence[dict], settings: DedupSettings = DedupSettings()) -> dict[str, float]:
    """Return pair precision (same gold story) and recall (vs brute-force exact Jaccard) of ``DedupIndex``."""
    index = DedupIndex(settings)
    norms = {r["id"]: normalize((r["title"] or "") + "\n" + (r["body"] or "")) for r in rows}
    for r in rows:
        index.check_and_add(r["id"], norms[r["id"]], r.get("source"), r["published"])
    reported = [(r.article_id, r.duplicate_of) for r in index.storage.records() if r.duplicate_of]
    story = {r["id"]: r["story"] for r in rows}
    precision = sum(story[a] == story[b] for a, b in reported) / len(reported) if reported else 1.0
    hashes = {i: shingle_hashes(t, settings.shingle_size) for i, t in norms.items()}
    truth = [(a, b) for a, b in combinations(sorted(hashes), 2) if jaccard(hashes[a], hashes[b]) >= settings.threshold]
    group = {aid: first for first, members in index.groups().items() for aid in members}
    found = sum(1 for a, b in truth if a in group and group.get(a) == group.get(b))
    recall = found / len(truth) if truth else 1.0
    return {"dedup_pair_precision": precision, "dedup_pair_recall": recall}


def run() -> dict[str, float]:
    """Run both evaluations on the committed gold set, then story clustering on the dev set."""
    rows = load_gold()
    scores = story_scores(rows)
    for name, half in zip(("tune", "check"), split_halves(rows)):
        scores[f"story_bcubed_f1_{name}_half"] = story_scores(half)["story_bcubed_f1"]
    scores.update(dedup_scores(rows))
    jaccard_only = dedup_scores(rows, replace(DedupSettings(), min_shared=10**9))
    scores["dedup_pair_precision_jaccard_only"] = jaccard_only["dedup_pair_precision"]
    dev = story_scores(load_gold(GOLD_DEV))
    scores.update({f"stories_dev_{key.removeprefix('story_')}": value for key, value in dev.items()})
    return scores


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
