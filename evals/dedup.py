"""Near-duplicate marking on hand-labelled article pairs from a day no rule or threshold was fitted to before.

Gold: ``evals/gold/dedup_pairs.jsonl``, 170 pairs of SaudiNewsNet articles from 2015-08-04 labelled by reading
(``dup`` / ``same_story`` / ``unrelated``; see ``evals/gold/README.md``); the texts are read from
``../shared/data/saudinewsnet`` by reference. The whole day (1,345 articles) goes through one ``DedupIndex`` in
corpus order, as ``marsad ingest`` would see it (normalized title and body), and a pair is marked when both
articles end in one duplicate group or the index links them directly (one is a candidate of the other and
``DedupIndex.confirm`` accepts it: a copy that matches two earlier groups points at the earliest one only). Precision, recall and F1 are over the labelled pairs (positive: ``dup``).

The containment threshold was chosen on the tuning half (even pair numbers); ``*_check`` metrics are the odd half,
which no threshold saw. ``jaccard_only`` rows are the same index with containment off (the ``v1`` behaviour).

``*_pairs2`` metrics: a second held-out set, ``evals/gold/dedup_pairs2.jsonl`` (156 pairs from 2015-08-09, -10 and
-11, labelled blind to the system), scored exactly like ``*_all`` (default settings) with one index per day.
``*_pairs3`` metrics: a third, ``evals/gold/dedup_pairs3.jsonl`` (156 pairs from 2015-08-06, -07 and -08), labelled
blind by two annotators; ``dedup_human_*_pairs3`` scores the second annotator's labels against the first's (the
agreement a rule can be expected to reach), ``_0808`` on the day where the two were surely independent.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path

from marsad.analysis.dedup.index import DedupIndex, DedupSettings
from marsad.errors import MarsadError
from marsad.text.normalize import normalize

GOLD = Path(__file__).parent / "gold" / "dedup_pairs.jsonl"
GOLD2 = Path(__file__).parent / "gold" / "dedup_pairs2.jsonl"
GOLD3 = Path(__file__).parent / "gold" / "dedup_pairs3.jsonl"
DATASET = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "saudinewsnet" / "dataset"


def load_gold(path: Path = GOLD) -> list[dict]:
    """Return the labelled pairs, or raise naming the missing file."""
    if not path.is_file():
        raise MarsadError(f"{path} not found: restore evals/gold/{path.name} from the repository")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@cache
def load_day(day: str) -> tuple[dict, ...]:
    """Return the articles of one SaudiNewsNet day, or raise naming the missing folder."""
    path = DATASET / f"{day}.zip"
    if not path.is_file():
        raise MarsadError(f"{path} not found: this evaluation needs ../shared/data/saudinewsnet beside the checkout")
    with zipfile.ZipFile(path) as z:
        return tuple(json.loads(z.read(f"{day}.json")))


def day_texts(day: str) -> list[str]:
    """The day's articles as ``marsad ingest`` hashes them: normalized title and body, in corpus order."""
    return [f"{normalize(r.get('title') or '')}\n{normalize(r.get('content') or '')}" for r in load_day(day)]


def index_day(day: str, settings: DedupSettings, texts: list[str] | None = None) -> DedupIndex:
    """Run a whole day through one index in corpus order (keys ``DAY#INDEX``); ``texts`` from ``day_texts``."""
    index = DedupIndex(settings)
    for i, (row, text) in enumerate(zip(load_day(day), texts or day_texts(day))):
        index.check_and_add(f"{day}#{i}", text, row.get("source"), row.get("date_extracted"))
    return index


def linked(index: DedupIndex, a: str, b: str) -> bool:
    """Whether the index puts ``a`` and ``b`` in one group or would confirm them as copies of each other."""
    group_a, group_b = index.group_of(a), index.group_of(b)
    if group_a is not None and group_a == group_b:
        return True
    first, later = sorted((index.storage.get(a), index.storage.get(b)), key=lambda r: r.seq)
    hits = index.candidate_hits(later.signature, later.anchors).get(first.article_id)
    if hits is None or not index.worth_confirming(later, first, hits):
        return False
    return index.confirm(index.profile_of(later), first, later.published) is not None


def pair_scores(pairs: list[dict], settings: DedupSettings) -> dict[str, float]:
    """Return precision / recall / F1 of same-group marking over labelled pairs."""
    indexes = {day: index_day(day, settings) for day in sorted({p["a"].split("#")[0] for p in pairs})}
    return prf([(linked(indexes[p["a"].split("#")[0]], p["a"], p["b"]), p["label"] == "dup") for p in pairs])


def order_scores(index: DedupIndex) -> dict[str, float]:
    """How the copies of a day indexed in corpus order (sorted by outlet, not by time) point: the share of copies
    whose ``duplicate_of`` was published no later than they were, and the share of groups whose earliest article is
    no copy itself (issue #13: ``duplicate_of`` and ``first_source`` point at the earliest copy). Both should be 1."""
    records = {r.article_id: r for r in index.storage.records()}
    copies = [r for r in records.values() if r.duplicate_of]
    earlier = sum(1 for r in copies if (records[r.duplicate_of].published or "") <= (r.published or ""))
    groups = index.groups()
    first = [min(ids, key=lambda i: records[i].published or "") for ids in groups.values()]
    clean = sum(1 for i in first if not records[i].duplicate_of)
    return {"copies_point_earlier": earlier / len(copies) if copies else 1.0,
            "groups_earliest_unmarked": clean / len(groups) if groups else 1.0}


def prf(decisions: list[tuple[bool, bool]]) -> dict[str, float]:
    """Precision / recall / F1 of (marked, gold) pair decisions (positive: a copy)."""
    tp = sum(m and g for m, g in decisions)
    fp = sum(m and not g for m, g in decisions)
    fn = sum(g and not m for m, g in decisions)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def run() -> dict[str, float]:
    """Pair P / R / F1 on the check half, the tuning half and all, containment on and off; then the second set."""
    gold = load_gold()
    parts = {
        "check": [p for p in gold if int(p["pair"][-3:]) % 2 == 1],
        "tune": [p for p in gold if int(p["pair"][-3:]) % 2 == 0],
        "all": gold,
    }
    out: dict[str, float] = {}
    jaccard_only = replace(DedupSettings(), min_shared=10**9)
    for name, settings in (("dedup", DedupSettings()), ("dedup_jaccard_only", jaccard_only)):
        for part, pairs in parts.items():
            for metric, value in pair_scores(pairs, settings).items():
                out[f"{name}_{metric}_{part}"] = round(value, 4)
    for metric, value in pair_scores(load_gold(GOLD2), DedupSettings()).items():
        out[f"dedup_{metric}_pairs2"] = round(value, 4)
    third = load_gold(GOLD3)
    for metric, value in pair_scores(third, DedupSettings()).items():
        out[f"dedup_{metric}_pairs3"] = round(value, 4)
    order = [order_scores(index_day(day, DedupSettings())) for day in ("2015-08-06", "2015-08-07", "2015-08-08")]
    for metric in order[0]:
        out[f"dedup_{metric}"] = round(min(o[metric] for o in order), 4)  # the worst of the three days
    for suffix, pairs in (("pairs3", third), ("pairs3_0808", [p for p in third if p["a"].startswith("2015-08-08")])):
        human = prf([(p["label_second"] == "dup", p["label"] == "dup") for p in pairs])
        out[f"dedup_human_f1_{suffix}"] = round(human["f1"], 4)
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<36} {value:.4f}")
