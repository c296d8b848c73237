"""Linear-chain CRF inference in NumPy over the weights of a crfsuite model (same argmax as crfsuite's Viterbi).

Every feature of a token is an attribute string; its score for each label is a row of ``weights``. Scores of a
token are the sum of the rows of its attributes; the best label path maximizes state plus transition scores.
Attribute rows are scored once per distinct word (the tagger caches the score rows), and ``attr_emissions``
looks up a whole batch of attribute lists in one C-level pass; crfsuite would rebuild every string per token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

import numpy as np
import pycrfsuite

#: Stand-in attribute list of a token without attributes (no model has this name: it scores 0).
_NO_ATTRS = ("\x00",)


@dataclass(frozen=True, slots=True)
class CrfWeights:
    """Label names, attribute -> row index, state weights (attributes x labels) and transitions (from x to)."""

    labels: tuple[str, ...]
    index: dict[str, int]
    state: np.ndarray
    trans: np.ndarray

    @classmethod
    def from_crfsuite(cls, model_path: Path) -> CrfWeights:
        """Read the weights of a crfsuite model file."""
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        info = tagger.info()
        labels = tuple(sorted(tagger.labels()))
        lab = {name: i for i, name in enumerate(labels)}
        index: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for (attr, label), weight in info.state_features.items():
            rows.append(index.setdefault(attr, len(index)))
            cols.append(lab[label])
            vals.append(weight)
        state = np.zeros((len(index) + 1, len(labels)), dtype=np.float64)  # last row: unknown attributes
        np.add.at(state, (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)), vals)
        trans = np.zeros((len(labels), len(labels)), dtype=np.float64)
        for (src, dst), weight in info.transitions.items():
            trans[lab[src], lab[dst]] = weight
        tagger.close()
        return cls(labels, index, state, trans)

    @classmethod
    def joint(cls, first: CrfWeights, second: CrfWeights) -> CrfWeights:
        """Return one table scoring both models at once: columns are ``first``'s labels, then ``second``'s.

        Attributes are looked up once for both passes; the transitions are unused (decode with each model's own).
        """
        index = dict(first.index)
        for attr in second.index:
            index.setdefault(attr, len(index))
        n1, n2 = len(first.labels), len(second.labels)
        state = np.zeros((len(index) + 1, n1 + n2), dtype=np.float64)
        state[: len(first.index), :n1] = first.state[:-1]
        rows = np.array([index[a] for a in second.index], dtype=np.int64)
        state[rows, n1:] = second.state[: len(second.index)]
        return cls(first.labels + second.labels, index, state, np.zeros((n1 + n2, n1 + n2)))

    def ids(self, attrs: tuple[str, ...] | list[str]) -> list[int]:
        """Return the row ids of the known attributes among ``attrs``."""
        get = self.index.get
        return [i for i in map(get, attrs) if i is not None]

    def prefixed_index(self, prefix: str) -> dict[str, int]:
        """Return the row ids of the attributes starting with ``prefix``, keyed by the rest of their name."""
        cut = len(prefix)
        return {a[cut:]: i for a, i in self.index.items() if a.startswith(prefix)}

    def attr_emissions(self, token_attrs: Iterable[Iterable[str]], index: dict[str, int] | None = None) -> np.ndarray:
        """Return the (tokens x labels) state scores of tokens given as attribute strings (unknown ones score 0).

        One dictionary pass and one ``reduceat`` for the whole list: unknown attributes map to the zero row.
        ``index`` replaces the attribute index (e.g. a ``prefixed_index``, to skip building prefixed names).
        """
        get = (self.index if index is None else index).get
        rows = [r if r else _NO_ATTRS for r in token_attrs]
        if not rows:
            return np.zeros((0, self.state.shape[1]))
        starts = np.zeros(len(rows), dtype=np.int64)
        np.cumsum(np.fromiter(map(len, rows[:-1]), dtype=np.int64, count=len(rows) - 1), out=starts[1:])
        flat = np.fromiter(map(get, chain.from_iterable(rows), repeat(len(self.index))), dtype=np.int64)
        return np.add.reduceat(self.state[flat], starts, axis=0)

    def emissions(self, token_ids: list[list[int]]) -> np.ndarray:
        """Return the (tokens x labels) state scores of tokens given as lists of attribute row ids."""
        flat: list[int] = []
        starts: list[int] = []
        pad = len(self.index)  # the zero row: keeps every segment non-empty for reduceat
        for ids in token_ids:
            starts.append(len(flat))
            flat.extend(ids)
            flat.append(pad)
        return np.add.reduceat(self.state[flat], starts, axis=0)

    def decode_batch(self, emits: list[np.ndarray]) -> list[list[str]]:
        """Return the best label sequence of each sentence from its (tokens x labels) state scores.

        All sentences are decoded position by position at once (longest first, shorter ones drop out).
        """
        out: list[list[str]] = [[] for _ in emits]
        order = sorted((b for b, e in enumerate(emits) if len(e)), key=lambda b: -len(emits[b]))
        if not order:
            return out
        n_lab = len(self.labels)
        lengths = [len(emits[b]) for b in order]
        emit = np.zeros((len(order), lengths[0], n_lab))
        for row, b in enumerate(order):
            emit[row, : lengths[row]] = emits[b]
        back = np.zeros((lengths[0], len(order), n_lab), dtype=np.int64)
        score = emit[:, 0].copy()
        active = len(order)
        for i in range(1, lengths[0]):
            while lengths[active - 1] <= i:
                active -= 1
            cand = score[:active, :, None] + self.trans
            back[i, :active] = cand.argmax(axis=1)
            score[:active] = cand.max(axis=1) + emit[:active, i]
        labels = self.labels
        last = score.argmax(axis=1).tolist()
        for row, (b, n) in enumerate(zip(order, lengths, strict=True)):
            steps = back[1:n, row].tolist()
            path = [last[row]]
            for i in range(n - 2, -1, -1):
                path.append(steps[i][path[-1]])
            out[b] = [labels[j] for j in reversed(path)]
        return out
