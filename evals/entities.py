"""Entity-name linking on gold spelling-variant groups: pairwise precision, recall and F1 of the merge rule.

Every pair of gold names of one type is judged by the rule the registry links with (``name_similarity`` at
or above ``LINK_THRESHOLD``, the transliteration key included) and compared with the gold groups of
``evals/gold/entity_groups.tsv``. The gazetteer is not used, so the score measures the string rule alone.

End to end (``entity_e2e_*``): the real pipeline (extraction, NER, span repair, resolution with one registry)
runs over ``data/sample`` and the seed articles; every mention whose whole text is a gold surface of
``evals/gold/entity_mentions.tsv`` is paired with every other one, and a pair is right when "same entity id"
agrees with "same gold group" (pairwise precision/recall over same-id links). Mentions NER misses do not count.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

from marsad.analysis.entities.namekey import name_similarity
from marsad.analysis.entities.registry import LINK_THRESHOLD
from marsad.errors import MarsadError

GOLD = Path(__file__).parent / "gold" / "entity_groups.tsv"
#: Groups written after the thresholds were tuned on ``GOLD``: a check of how the rule generalizes.
CHECK = Path(__file__).parent / "gold" / "entity_groups_check.tsv"
E2E_GOLD = Path(__file__).parent / "gold" / "entity_mentions.tsv"
ROOT = Path(__file__).resolve().parents[1]
#: The corpus of the end-to-end check: the demo sample and the seed articles (both committed in the repo).
E2E_PATHS = (ROOT / "data" / "sample", ROOT / "tests" / "data" / "seeds")
SEED_STEMS = ("000_fc13acc477961b1c", "003_9e8d747f78e969ee")


def load_gold(path: Path = GOLD) -> list[tuple[str, str, str]]:
    """Return (group, type, name) rows of a gold groups file, or raise naming the missing file."""
    if not path.is_file():
        raise MarsadError(f"{path} not found: restore evals/gold/{path.name} from the repository")
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


def _prf(true_links: int, predicted: int, gold_links: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 from link counts."""
    precision = true_links / predicted if predicted else 1.0
    recall = true_links / gold_links if gold_links else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_e2e_gold(path: Path = E2E_GOLD) -> dict[tuple[str, str], str]:
    """Return {(scope, normalized surface): group} of the end-to-end gold file, or raise naming it."""
    from marsad.text.normalize import normalize

    if not path.is_file():
        raise MarsadError(f"{path} not found: restore evals/gold/entity_mentions.tsv from the repository")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("group\t"):
            continue
        group, scope, surface = line.split("\t")
        out[(scope, normalize(surface))] = group
    return out


def e2e_mentions() -> list[tuple[str, str, str, str]]:
    """Run the pipeline over the e2e corpus; return (article, surface, gold group, entity id) of gold mentions."""
    from marsad.config import Settings
    from marsad.pipeline import analyze
    from marsad.text.normalize import normalize

    missing = [str(p) for p in E2E_PATHS if not p.exists()]
    if missing:
        raise MarsadError(f"{', '.join(missing)} not found: the e2e entity eval needs the repository's sample data")
    gold = load_e2e_gold()
    out = []
    for article in analyze([str(p) for p in E2E_PATHS], Settings()):
        if not isinstance(article, dict):
            continue
        key = article["url"] or article["id"]
        scopes = ("*", "seeds") if any(stem in str(key) for stem in SEED_STEMS) else ("*",)
        for e in article["entities"]:
            norm = normalize(e["text"])
            group = next((gold[(s, norm)] for s in scopes if (s, norm) in gold), None)
            if group is not None:
                out.append((str(key), e["text"], group, e["entity_id"]))
    return out


def e2e_errors(found: list[tuple[str, str, str, str]]) -> tuple[Counter, Counter, int, int, int]:
    """Return (false-merge surface pairs, missed surface pairs, true links, predicted links, gold links)."""
    false_merges: Counter = Counter()
    missed: Counter = Counter()
    true_links = predicted = gold_links = 0
    for (_, sa, ga, ia), (_, sb, gb, ib) in combinations(found, 2):
        same, linked = ga == gb, ia == ib
        gold_links += same
        predicted += linked
        true_links += same and linked
        if linked and not same:
            false_merges[(sa, sb)] += 1
        elif same and not linked:
            missed[(sa, sb)] += 1
    return false_merges, missed, true_links, predicted, gold_links


def run() -> dict[str, float]:
    """Return pairwise entity_link_* on the gold name groups and entity_e2e_* on the pipeline's output."""
    false_merges, missed, true_links, gold_links = pair_errors(load_gold())
    precision, recall, f1 = _prf(true_links, true_links + len(false_merges), gold_links)
    check_merges, _, check_true, check_gold = pair_errors(load_gold(CHECK))
    check_p, check_r, check_f1 = _prf(check_true, check_true + len(check_merges), check_gold)
    _, _, e2e_true, e2e_predicted, e2e_gold = e2e_errors(e2e_mentions())
    e2e_p, e2e_r, e2e_f1 = _prf(e2e_true, e2e_predicted, e2e_gold)
    return {
        "entity_link_precision": precision,
        "entity_link_recall": recall,
        "entity_link_f1": f1,
        "entity_link_precision_check": check_p,
        "entity_link_recall_check": check_r,
        "entity_link_f1_check": check_f1,
        "entity_e2e_precision": e2e_p,
        "entity_e2e_recall": e2e_r,
        "entity_e2e_f1": e2e_f1,
    }


if __name__ == "__main__":
    rows = load_gold()
    fm, ms, _, _ = pair_errors(rows)
    print("false merges:", fm)
    print("missed:", ms)
    fm, ms, _, _ = pair_errors(load_gold(CHECK))
    print("check set false merges:", fm)
    print("check set missed:", ms)
    efm, ems, *_ = e2e_errors(e2e_mentions())
    print("e2e false merges:", efm.most_common(15))
    print("e2e missed:", ems.most_common(15))
    print(run())
