"""Document-level consistency features for the second CRF pass (two-stage stacking, Krishnan & Manning 2006).

The first-pass tagger labels a batch of neighbouring sentences (an article, or a run of CoNLL sentences); each
token of the second pass then sees its own first-pass label, its neighbours' labels, and which IOB2 labels the
first pass gave to the same clitic-free word elsewhere within ``window`` sentences (begin and inside are told
apart: that helps boundaries too). A name tagged B-PERS three times in an article is then easier to recover
where the first pass missed it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from marsad.analysis.entities.ner.features import WordFeatures
from marsad.analysis.entities.ner.scoring import LABELS
from marsad.errors import ConfigError

#: v1 counted entity types; v2 counts IOB2 labels (dev macro-F1 69.6 -> 70.6).
CONSISTENCY_VERSION = "ner-consistency.v2"
#: Sentences on each side whose first-pass labels a token sees. ANERcorp articles run ~15 sentences; 10 each
#: side gave the best ANERcorp dev macro-F1 of 5/10/20 (see marsad/analysis/entities/ner/data/README.txt).
DEFAULT_WINDOW = 10
#: Words shorter than this (after clitic stripping) are function words: no document feature.
MIN_KEY = 2


@dataclass(frozen=True, slots=True)
class ConsistencySettings:
    """Settings of the document-consistency features."""

    window: int = DEFAULT_WINDOW

    def __post_init__(self) -> None:
        """Reject a negative window."""
        if self.window < 0:
            raise ConfigError(f"ConsistencySettings.window={self.window}: use 0 (sentence only) or more, e.g. 10")


def _key(wf: WordFeatures) -> str:
    """Return the document key of a word: its clitic- and article-free form (or '' for no feature)."""
    rest = wf.rest
    return rest if len(rest) >= MIN_KEY and rest.isalpha() else ""


def consistency_features(
    batch: list[list[WordFeatures]], tags: list[list[str]], settings: ConsistencySettings | None = None
) -> list[list[list[str]]]:
    """Return per-token second-pass features of a batch of consecutive sentences and their first-pass tags."""
    window = (settings or ConsistencySettings()).window
    keys = [[_key(wf) for wf in sent] for sent in batch]
    per_sent: list[Counter[tuple[str, str]]] = []
    for sk, st in zip(keys, tags, strict=True):
        per_sent.append(Counter((k, t) for k, t in zip(sk, st, strict=True) if k))
    per_key = [Counter(k for k in sk if k) for sk in keys]
    # running sums of the (key, label) and key counts over the sliding window of sentences
    total: Counter[tuple[str, str]] = Counter()
    key_total: Counter[str] = Counter()
    for c, kc in zip(per_sent[: window + 1], per_key, strict=False):
        total.update(c)
        key_total.update(kc)
    seen = key_total.get
    out: list[list[list[str]]] = []
    for i, (sk, st) in enumerate(zip(keys, tags, strict=True)):
        if i - window - 1 >= 0:
            total.subtract(per_sent[i - window - 1])
            key_total.subtract(per_key[i - window - 1])
        if i + window < len(per_sent) and i > 0:
            total.update(per_sent[i + window])
            key_total.update(per_key[i + window])
        prevs, nexts = ["BOS", *st][: len(st)], [*st[1:], "EOS"][: len(st)]
        rows: list[list[str]] = []
        for k, t, p, q in zip(sk, st, prevs, nexts, strict=True):
            row = ["s1=" + t, "s1p=" + p + "|" + t, "s1n=" + t + "|" + q]
            if k:
                row += _doc_feats(total, k, t) if seen(k, 0) > 1 else _NONE  # alone in the window: no counts
            rows.append(row)
        out.append(rows)
    return out


#: First-pass labels counted per word, entity labels first ("O" last).
_LABELS = (*LABELS[1:], "O")
_LABEL_POS = {t: k for k, t in enumerate(_LABELS)}
_DOC_FEATS = tuple("d:" + t for t in _LABELS[:-1])
_NONE = ("d=none",)


def _doc_feats(total: Counter[tuple[str, str]], key: str, own: str) -> list[str]:
    """Return the labels of the other occurrences of ``key`` in the window (own occurrence excluded)."""
    get = total.get  # dict.get skips Counter.__missing__ (a Python call per absent label)
    counts = [get((key, t), 0) for t in _LABELS]
    counts[_LABEL_POS[own]] -= 1
    if not any(counts):
        return ["d=none"]
    feats = [_DOC_FEATS[k] for k in range(len(_LABELS) - 1) if counts[k]]
    best = _LABELS[counts.index(max(counts))]  # the first label with the highest count
    feats.append("dm=" + best)
    feats.append("dm=" + best + "|" + own)
    if len(feats) > 2 and counts[-1]:
        feats.append("dmix")
    return feats
