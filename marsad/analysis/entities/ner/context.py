"""Sentence-context CRF scores looked up by word pairs, without building the attribute strings at tagging time.

``FeatureExtractor.contexts`` names a token's context features as strings (``bw=PREV|WORD``, ``fw=WORD|NEXT``, ...)
for training. Tagging needs only their score rows: ``ContextScorer`` indexes the model's pair attributes by
``(left, right)`` once at load, so each token costs five tuple lookups and the batch five array gathers. The scores
equal those of the strings (``tests/analysis/test_ner_fastpaths.py`` checks it; ``test_ner.py`` checks crfsuite).
"""

from __future__ import annotations

from itertools import chain, repeat

import numpy as np

from marsad.analysis.entities.ner.crf import CrfWeights
from marsad.analysis.entities.ner.features import BOS_FEATURE, EOS_FEATURE, FeatureExtractor, WordFeatures

#: Pair features of ``FeatureExtractor.contexts``: attribute prefix -> (field of the pair, offset of its left word).
#: ``bw``/``br``/``bc`` pair a token with the one before it, ``fw``/``fc`` with the one after it.
PAIR_FEATURES = {"bw=": ("norm", -1), "fw=": ("norm", 0), "br=": ("rest", -1), "bc=": ("cls", -1), "fc=": ("cls", 0)}
#: Stand-ins for the neighbour beyond a sentence edge, as ``FeatureExtractor.contexts`` writes them.
BEFORE_FIRST, AFTER_LAST = "BOS", "EOS"


def pair_index(weights: CrfWeights, prefix: str) -> dict[tuple[str, str], int]:
    """Return the rows of the attributes ``prefix + LEFT|RIGHT`` keyed by ``(LEFT, RIGHT)``.

    A name with several ``|`` is keyed at every split: the string path would build the same name from any of
    those pairs, so both paths score alike.
    """
    cut = len(prefix)
    out: dict[tuple[str, str], int] = {}
    for attr, row in weights.index.items():
        if not attr.startswith(prefix):
            continue
        body = attr[cut:]
        at = body.find("|")
        while at >= 0:
            out[(body[:at], body[at + 1 :])] = row
            at = body.find("|", at + 1)
    return out


class ContextScorer:
    """Scores the sentence-context features (word, stem and cluster bigrams, edges, gazetteer marks) of a batch."""

    def __init__(self, weights: CrfWeights) -> None:
        """Index the model's pair attributes once (a few hundred thousand tuples for the shipped model)."""
        self.weights = weights
        self._pairs = {prefix: pair_index(weights, prefix) for prefix in PAIR_FEATURES}
        self._zero = len(weights.index)  # the zero row of ``weights.state``
        self._edges = [weights.index.get(BOS_FEATURE, self._zero), weights.index.get(EOS_FEATURE, self._zero)]

    def emissions(self, extractor: FeatureExtractor, feats: list[list[WordFeatures]]) -> np.ndarray:
        """Return the (tokens x labels) context scores of a batch's tokens, flattened sentence by sentence."""
        state, zero = self.weights.state, self._zero
        n = sum(map(len, feats))
        emit = np.zeros((n, state.shape[1]))
        if not n:
            return emit
        for prefix, (field, left) in PAIR_FEATURES.items():
            keys = chain.from_iterable(_pairs([getattr(f, field) for f in sent], left) for sent in feats if sent)
            rows = np.fromiter(map(self._pairs[prefix].get, keys, repeat(zero)), dtype=np.int64, count=n)
            emit += state[rows]
        lens = np.array([len(s) for s in feats if s], dtype=np.int64)
        ends = np.cumsum(lens)
        emit[ends - lens] += state[self._edges[0]]
        emit[ends - 1] += state[self._edges[1]]
        self._add_marks(emit, extractor, feats)
        return emit

    def _add_marks(self, emit: np.ndarray, extractor: FeatureExtractor, feats: list[list[WordFeatures]]) -> None:
        """Add the gazetteer marks of each token, and of its neighbours (``-1:``/``+1:``), to ``emit`` in place."""
        get, at, rows = self.weights.index.get, [], []
        start = 0
        for sent in feats:
            for i, mk in enumerate(extractor.gazetteer_marks(sent) if sent else ()):
                for m in mk:
                    for pos, name in ((i, m), (i + 1, "-1:" + m), (i - 1, "+1:" + m)):
                        row = get(name)
                        if row is not None and 0 <= pos < len(sent):
                            at.append(start + pos)
                            rows.append(row)
            start += len(sent)
        if at:
            np.add.at(emit, np.array(at, dtype=np.int64), self.weights.state[np.array(rows, dtype=np.int64)])


def _pairs(values: list[str], left: int) -> zip:
    """Return each token's (left, right) pair: with the token before it (``left=-1``) or after it (``left=0``)."""
    if left < 0:
        return zip([BEFORE_FIRST, *values[:-1]], values, strict=True)
    return zip(values, [*values[1:], AFTER_LAST], strict=True)


__all__ = ["ContextScorer", "PAIR_FEATURES", "pair_index"]
