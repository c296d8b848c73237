"""The shipped two-pass CRF tagger (python-crfsuite models, NumPy decoding): load, tag with ANERcorp IOB2 labels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from marsad.analysis.entities.ner.consistency import ConsistencySettings, consistency_features
from marsad.analysis.entities.ner.context import ContextScorer
from marsad.analysis.entities.ner.crf import CrfWeights
from marsad.analysis.entities.ner.features import (
    FEATURES_VERSION,
    WINDOW,
    WINDOW_PREFIX,
    FeatureExtractor,
    FeatureSettings,
    WordFeatures,
)
from marsad.analysis.entities.ner.resources import data_path, load_clusters, load_gazetteer
from marsad.analysis.entities.ner.rowcache import RowCache
from marsad.errors import ConfigError

#: Version of the shipped model; persisted with every mention it produces.
MODEL_VERSION = "ner-crf.v2"
#: Second-pass (document-consistency) model, and the first-pass model it stacks on.
MODEL_FILE = f"{MODEL_VERSION}.crfsuite"
FIRST_PASS_FILE = f"{MODEL_VERSION}.pass1.crfsuite"
#: CRF regularization tuned on the ANERcorp dev split (last 10% of the CAMeL train file): of c1/c2 = 0.05/0.01,
#: 0.2/0.01, 0/0.1 and 0.1/0.05, 0.05/0.01 gave the best dev macro-F1 (68.7 vs 68.0, 66.6, see the report).
DEFAULT_C1 = 0.05
DEFAULT_C2 = 0.01
#: L-BFGS iterations: 350 gave the same dev macro-F1 as 200 (68.5 vs 68.7); more only costs training time.
DEFAULT_MAX_ITERATIONS = 200


@dataclass(frozen=True, slots=True)
class TrainSettings:
    """Hyper-parameters of CRF training (L-BFGS with elastic-net regularization)."""

    c1: float = DEFAULT_C1
    c2: float = DEFAULT_C2
    max_iterations: int = DEFAULT_MAX_ITERATIONS
    min_freq: int = 1  # features seen fewer times are dropped

    def __post_init__(self) -> None:
        """Reject negative regularization and non-positive iteration counts."""
        if self.c1 < 0 or self.c2 < 0:
            raise ConfigError(f"TrainSettings c1={self.c1}, c2={self.c2}: use non-negative values such as 0.05, 0.01")
        if self.max_iterations < 1:
            raise ConfigError(f"TrainSettings.max_iterations={self.max_iterations}: use a positive count, e.g. 200")
        if self.min_freq < 1:
            raise ConfigError(f"TrainSettings.min_freq={self.min_freq}: use 1 (keep all) or more")


class Tagger:
    """A CRF NER tagger over a feature extractor; ``tag`` returns ANERcorp IOB2 labels.

    With a ``second_path`` model it decodes twice: the second pass adds document-consistency features (the first
    pass's labels of the same word in neighbouring sentences of the batch), so batch an article's sentences.
    Decoding runs in NumPy (``CrfWeights``): each distinct word's own and window scores (both passes) are
    computed once, for all new words of a batch in one lookup pass, and cached; a token's state score is then its
    row plus its neighbours' offset rows plus its sentence-context features. crfsuite files are only read at load.
    """

    def __init__(
        self,
        model_path: Path,
        extractor: FeatureExtractor,
        version: str = MODEL_VERSION,
        cache_size: int = 25_000,  # words whose score rows are kept (see FeatureSettings.cache_size)
        second_path: Path | None = None,
        consistency: ConsistencySettings | None = None,
    ) -> None:
        """Load the weights of the crfsuite model(s): first pass at ``model_path``, optional second pass."""
        for path in (model_path, second_path):
            if path is not None and not Path(path).exists():
                raise ConfigError(f"NER model {path} is missing: run `make train-ner`")
        if cache_size < 1:
            raise ConfigError(f"Tagger cache_size={cache_size}: use a positive size such as 200000")
        self.weights = CrfWeights.from_crfsuite(Path(model_path))
        self.second = CrfWeights.from_crfsuite(Path(second_path)) if second_path is not None else None
        self.extractor = extractor
        self.version = version
        self.model_path = Path(second_path if second_path is not None else model_path)
        self.consistency = consistency or ConsistencySettings()
        self._joint = CrfWeights.joint(self.weights, self.second) if self.second is not None else self.weights
        self._vecs = RowCache((1 + len(WINDOW), len(self._joint.labels)), np.float64, cache_size)
        self._window_index = {off: self._joint.prefixed_index(WINDOW_PREFIX[off]) for off in WINDOW}
        self._context = ContextScorer(self._joint)

    def clear_caches(self) -> None:
        """Forget the per-word caches (word features and their scores), e.g. to time cold tagging."""
        self._vecs.clear()
        self.extractor.clear_cache()

    def _word_vectors(self, toks: list[tuple[str, WordFeatures]]) -> np.ndarray:
        """Return the cached (tokens x 5 x labels) scores of tokens, both passes side by side: own, -2, -1, +1, +2.

        Words not cached yet are scored together in one lookup pass and one ``reduceat``.
        """
        feats = dict(toks)
        return self._vecs.rows([t for t, _ in toks], lambda new: self._score_words([feats[t] for t in new]))

    def _score_words(self, feats: list[WordFeatures]) -> np.ndarray:
        """Return the (words x 5 x labels) own and window scores of words (one lookup pass per offset)."""
        joint = self._joint
        parts = [joint.attr_emissions(wf.local for wf in feats)]
        for off in WINDOW:
            parts.append(joint.attr_emissions((wf.unprefixed(off) for wf in feats), self._window_index[off]))
        return np.stack(parts, axis=1)

    def _emissions(self, batch: _Batch) -> np.ndarray:
        """Return the (tokens x labels) state scores of a batch's tokens, both passes' labels side by side."""
        joint = self._joint
        toks = [(t, wf) for s, f in zip(batch.sents, batch.feats, strict=True) for t, wf in zip(s, f, strict=True)]
        if not toks:
            return np.zeros((0, len(joint.labels)))
        vecs = self._word_vectors(toks)
        emit = self._context.emissions(self.extractor, batch.feats)
        emit += vecs[:, 0]
        pos, lens = batch.positions()
        src = np.arange(len(toks))
        for k, off in enumerate(WINDOW, start=1):
            ok = (pos + off >= 0) & (pos + off < lens)
            emit[ok] += vecs[src[ok] + off, k]
        return emit

    def tag(self, tokens: list[str]) -> list[str]:
        """Return one IOB2 label (B-PERS, I-LOC, ..., O) per token of one sentence (no document context)."""
        return self.tag_sentences([tokens])[0]

    def _first_pass(self, sents: list[list[str]]) -> tuple[_Batch, np.ndarray, list[list[str]]]:
        """Return the features of a batch of sentences, their joint state scores and their first-pass labels."""
        batch, emit = self._scores(sents)
        first = self.weights.decode_batch(batch.split(emit[:, : len(self.weights.labels)]))
        return batch, emit, first

    def _scores(self, sents: list[list[str]]) -> tuple[_Batch, np.ndarray]:
        """Return the features of a batch of sentences and their joint (both passes') state scores."""
        feats = [[self.extractor.word(t) for t in s] for s in sents]
        batch = _Batch(sents, feats)
        return batch, self._emissions(batch)

    @property
    def final(self) -> CrfWeights:
        """Return the weights of the pass whose labels ``tag_sentences`` returns (the second, when there is one)."""
        return self.second if self.second is not None else self.weights

    def tag_sentences(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """Tag consecutive sentences at once (batched decoding; the batch is the second pass's document)."""
        return self.final.decode_batch(self.emissions(sentences))

    def emissions(self, sentences: Iterable[list[str]]) -> list[np.ndarray]:
        """Return the final pass's (tokens x labels) state scores of each sentence, columns in ``final.labels`` order."""
        sents = list(sentences)
        if not sents:
            return []
        n_first = len(self.weights.labels)
        if self.second is None:
            batch, emit = self._scores(sents)
            return batch.split(emit[:, :n_first])
        batch, emit, first = self._first_pass(sents)
        cons = consistency_features(batch.feats, first, self.consistency)
        second = emit[:, n_first:]
        if len(second):
            second = second + self._joint.attr_emissions(x for sent in cons for x in sent)[:, n_first:]
        return batch.split(second)

    def attributes(self, sentences: list[list[str]]) -> list[list[list[str]]]:
        """Return the final model's attribute strings of every token of a batch (as crfsuite would see them)."""
        base = [self.extractor.sentence(s) for s in sentences]
        if self.second is None:
            return base
        batch, _, first = self._first_pass(sentences)
        cons = consistency_features(batch.feats, first, self.consistency)
        return [[r + x for r, x in zip(b, c, strict=True)] for b, c in zip(base, cons, strict=True)]


@dataclass(frozen=True, slots=True)
class _Batch:
    """Sentences being tagged together, with their word features."""

    sents: list[list[str]]
    feats: list[list[WordFeatures]]

    def split(self, emit: np.ndarray) -> list[np.ndarray]:
        """Split flattened per-token scores back into one array per sentence."""
        return np.split(emit, np.cumsum([len(s) for s in self.sents])[:-1])

    def positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Return each token's position in its sentence and its sentence's length (flattened over the batch)."""
        pos = [i for s in self.sents for i in range(len(s))]
        lens = [len(s) for s in self.sents for _ in s]
        return np.array(pos, dtype=np.int64), np.array(lens, dtype=np.int64)


def default_extractor(settings: FeatureSettings | None = None) -> FeatureExtractor:
    """Return a feature extractor over the shipped clusters and gazetteer."""
    return FeatureExtractor(load_clusters(), load_gazetteer(), settings or FeatureSettings())


@cache
def load_crf_tagger() -> Tagger:
    """Return the shipped two-pass CRF alone (loaded once per process; ``ner.load_tagger`` adds the BiLSTM)."""
    return Tagger(data_path(FIRST_PASS_FILE), default_extractor(), second_path=data_path(MODEL_FILE))


__all__ = ["FEATURES_VERSION", "MODEL_VERSION", "Tagger", "TrainSettings", "default_extractor", "load_crf_tagger"]
