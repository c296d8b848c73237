"""CoNLL corpora and entity-level scoring: IOB2 span decoding, exact span-and-type precision/recall/F1."""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.errors import ConfigError

#: ANERcorp entity types, in report order.
TYPES = ("PERS", "LOC", "ORG", "MISC")
#: The tag set of the shipped model (IOB2 over ANERcorp's types).
LABELS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in ("B", "I"))
#: AQMAR tags mapped to ANERcorp's (its MIS0-MIS3 subtypes are MISC; typos as in the release).
AQMAR_TYPES = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG", "MIS": "MISC"}

Sentence = list[tuple[str, str]]


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Decode IOB2 tags to (start, end, type) token spans; a stray I- opens a new span (conlleval style)."""
    out: list[tuple[int, int, str]] = []
    start, cur = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, etype = tag.partition("-")
        if cur and (prefix != "I" or etype != cur):
            out.append((start, i, cur))
            cur = ""
        if prefix == "B" or (prefix == "I" and etype != cur):
            start, cur = i, etype
    return out


def read_conll(lines: Iterable[str], tag_map: dict[str, str] | None = None) -> Iterator[Sentence]:
    """Yield sentences of (token, tag) pairs from ``token TAG`` lines (blank line = sentence end).

    With ``tag_map`` (e.g. ``AQMAR_TYPES``), types are mapped by their first three letters and malformed tags
    (AQMAR's ``OO``, ``B-MIS-1``, ``I--ORG``) are repaired; unknown types become ``O``.
    """
    sent: Sentence = []
    for line in lines:
        parts = line.split()
        if not parts:
            if sent:
                yield sent
            sent = []
            continue
        tag = parts[-1] if len(parts) > 1 else "O"
        if tag_map is not None:
            tag = _map_tag(tag, tag_map)
        sent.append((parts[0], tag))
    if sent:
        yield sent


def _map_tag(tag: str, tag_map: dict[str, str]) -> str:
    """Map one foreign IOB tag onto ANERcorp's labels."""
    prefix, _, etype = tag.partition("-")
    etype = tag_map.get(etype.strip("-")[:3])
    if prefix not in ("B", "I") or etype is None:
        return "O"
    return f"{prefix}-{etype}"


def read_conll_file(path: Path, tag_map: dict[str, str] | None = None) -> list[Sentence]:
    """Read a (possibly gzipped) CoNLL file into sentences."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return list(read_conll(fh, tag_map))


def split_dev(sentences: list[Sentence], dev_fraction: float = 0.1) -> tuple[list[Sentence], list[Sentence]]:
    """Split into (train, dev): dev is the last ``dev_fraction`` of the sentences (the issue's dev split)."""
    cut = len(sentences) - round(len(sentences) * dev_fraction)
    return sentences[:cut], sentences[cut:]


#: The tenth of the ANERcorp train file held out of the shipped models' training and of every choice made for them
#: (issue #17): fold 8 of ``split_fold``, the 399 sentences just before the dev split. ``evals/ner.py`` reports it.
HELDOUT_FOLD = 8


def split_heldout(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence], list[Sentence]]:
    """Split into (train, held out, dev): dev as ``split_dev``, held out = fold ``HELDOUT_FOLD`` of the whole file."""
    train, dev = split_dev(sentences)
    lo, hi = len(sentences) * HELDOUT_FOLD // 10, len(sentences) * (HELDOUT_FOLD + 1) // 10
    hi = min(hi, len(train))
    return train[:lo] + train[hi:], train[lo:hi], dev


def split_fold(sentences: list[Sentence], fold: int, folds: int = 10) -> tuple[list[Sentence], list[Sentence]]:
    """Split into (rest, held out): the ``fold``-th of ``folds`` consecutive slices is held out (the last is dev)."""
    if not 0 <= fold < folds:
        raise ConfigError(f"split_fold fold={fold}, folds={folds}: use a fold from 0 to {folds - 1}")
    lo, hi = len(sentences) * fold // folds, len(sentences) * (fold + 1) // folds
    return sentences[:lo] + sentences[hi:], sentences[lo:hi]


def entity_scores(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    """Return CoNLL entity-level F1 per type (``f1_PERS``...), ``macro_f1``, ``micro_f1``, ``micro_p``, ``micro_r``."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(spans(g)), set(spans(p))
        for s in gs & ps:
            tp[s[2]] += 1
        n_gold.update(s[2] for s in gs)
        n_pred.update(s[2] for s in ps)
    out: dict[str, float] = {}
    for t in TYPES:
        out[f"f1_{t}"] = _f1(tp[t], n_pred[t], n_gold[t])
    out["macro_f1"] = sum(out[f"f1_{t}"] for t in TYPES) / len(TYPES)
    all_tp, all_pred, all_gold = sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())
    out["micro_f1"] = _f1(all_tp, all_pred, all_gold)
    out["micro_p"] = all_tp / all_pred if all_pred else 0.0
    out["micro_r"] = all_tp / all_gold if all_gold else 0.0
    return out


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    """Return F1 from true positives and the predicted and gold counts (0 when undefined)."""
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
