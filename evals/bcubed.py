"""Item-averaged B-cubed precision, recall and F1 for comparing clusterings (Amigo et al. 2009)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from marsad.errors import MarsadError


def _check_items(gold: Mapping[str, str], pred: Mapping[str, str]) -> None:
    """Raise MarsadError unless gold and pred label exactly the same items."""
    if set(gold) != set(pred):
        missing = sorted(set(gold) - set(pred))[:5]
        extra = sorted(set(pred) - set(gold))[:5]
        raise MarsadError(
            f"bcubed: gold and pred must label the same items; missing from pred {missing}, "
            f"not in gold {extra}; cluster exactly the gold item ids"
        )


def bcubed(gold: Mapping[str, str], pred: Mapping[str, str]) -> tuple[float, float, float]:
    """Return item-averaged B-cubed (precision, recall, F1) of pred clusters against gold classes."""
    _check_items(gold, pred)
    if not gold:
        return 1.0, 1.0, 1.0
    pair_counts = Counter((gold[item], pred[item]) for item in gold)
    gold_sizes = Counter(gold.values())
    pred_sizes = Counter(pred.values())
    precision = 0.0
    recall = 0.0
    for (gold_label, pred_label), shared in pair_counts.items():
        # each of the `shared` items sees `shared` correct neighbours (itself included)
        precision += shared * shared / pred_sizes[pred_label]
        recall += shared * shared / gold_sizes[gold_label]
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1
