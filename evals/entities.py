"""Entity-name linking on gold spelling-variant groups: pairwise precision, recall and F1 of the merge rule.

Every pair of gold names of one type is judged by the rule the registry links with (``name_similarity`` at
or above ``LINK_THRESHOLD``, the transliteration key included) and compared with the gold groups of
``evals/gold/entity_groups.tsv``. The gazetteer is not used, so the score measures the string rule alone.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from marsad.analysis.namekey import name_similarity
from marsad.analysis.registry import LINK_THRESHOLD
from marsad.errors import MarsadError

GOLD = Path(__file__).parent / "gold" / "entity_groups.tsv"


def load_gold(path: Path = GOLD) -> list[tuple[str, str, str]]:
    """Return (group, type, name) rows of the gold file, or raise naming the missing file."""
    if not path.is_file():
        raise MarsadError(f"{path} not found: restore evals/gold/entity_groups.tsv from the repository")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("group\t"):
            continue
        group, type_, name = line.split("\t")
        rows.append((group, type_, name))
    return rows


def pair_errors(rows: list[tuple[str, str, str]], threshold: float = LINK_THRESHOLD) -> tuple[list, list, int, int]:
    """Return (false merges, missed links, true links, gold links) over all same-type pairs."""
    false_merges, missed = [], []
    true_links = gold_links = 0
    for (ga, ta, na), (gb, tb, nb) in combinations(rows, 2):
        if ta != tb:
            continue
        same = ga == gb
        linked = name_similarity(na, nb) >= threshold
        gold_links += same
        true_links += same and linked
        if linked and not same:
            false_merges.append((na, nb))
        if same and not linked:
            missed.append((na, nb))
    return false_merges, missed, true_links, gold_links


def run() -> dict[str, float]:
    """Return pairwise entity_link_precision, entity_link_recall and entity_link_f1 on the gold groups."""
    false_merges, missed, true_links, gold_links = pair_errors(load_gold())
    predicted = true_links + len(false_merges)
    precision = true_links / predicted if predicted else 1.0
    recall = true_links / gold_links if gold_links else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"entity_link_precision": precision, "entity_link_recall": recall, "entity_link_f1": f1}


if __name__ == "__main__":
    rows = load_gold()
    fm, ms, _, _ = pair_errors(rows)
    print("false merges:", fm)
    print("missed:", ms)
    print(run())
