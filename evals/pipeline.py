"""End to end through the product: the story gold articles ingested by ``marsad.pipeline.ingest`` (NER, entity
resolution, quotes, times, near-duplicates and stories, all as ``marsad ingest`` runs them) into a fresh store,
in publication order, then the stored stories scored with B-cubed against the gold labels.

This checks that the wiring (state loading, entity ids passed to clustering, persistence) keeps the quality that
``evals/stories.py`` measures on the clustering function alone.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from evals.bcubed import bcubed
from evals.stories import load_gold
from marsad.config import Settings
from marsad.pipeline import ingest
from marsad.store import open_store


def run() -> dict[str, float]:
    """Ingest the gold articles as one JSON Lines file and score the stories the store ends up with."""
    rows = load_gold()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gold.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for r in rows:
                rec = {"id": r["id"], "source": r["source"], "url": r["url"], "date_extracted": r["published"],
                       "title": r["title"], "content": r["body"]}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        store = open_store(":memory:")
        report = ingest([str(path)], store, Settings())
        pred = store.article_story_ids()
        store.close()
    gold = {r["id"]: r["story"] for r in rows if r["id"] in pred}
    p, rcl, f1 = bcubed(gold, {k: pred[k] for k in gold})
    return {"pipeline_stored_share": report.stored / len(rows), "pipeline_story_bcubed_precision": p,
            "pipeline_story_bcubed_recall": rcl, "pipeline_story_bcubed_f1": f1}


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
