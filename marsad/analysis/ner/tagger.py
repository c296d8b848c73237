"""The shipped CRF tagger (python-crfsuite): load, tag token lists with ANERcorp IOB2 labels, train."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from marsad.analysis.ner.consistency import ConsistencySettings, consistency_features
from marsad.analysis.ner.crf import CrfWeights
from marsad.analysis.ner.features import (
    FEATURES_VERSION,
    WINDOW,
    FeatureExtractor,
    FeatureSettings,
    WordFeatures,
)
from marsad.analysis.ner.resources import data_path, load_clusters, load_gazetteer
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


_WordIds = tuple[list[int], dict[int, list[int]]]


class Tagger:
    """A CRF NER tagger over a feature extractor; ``tag`` returns ANERcorp IOB2 labels.

    With a ``second_path`` model it decodes twice: the second pass adds document-consistency features (the first
    pass's labels of the same word in neighbouring sentences of the batch), so batch an article's sentences.
    Decoding runs in NumPy (``CrfWeights``) with attribute ids cached per distinct word; the crfsuite files are
    only read at load time.
    """

    def __init__(
        self,
        model_path: Path,
        extractor: FeatureExtractor,
        version: str = MODEL_VERSION,
        cache_size: int = 200_000,
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
        self._cache_size = cache_size
        self._ids: list[dict[str, _WordIds]] = [{}, {}]

    def _word_ids(self, model: int, token: str, wf: WordFeatures) -> _WordIds:
        """Return the cached attribute ids (of one pass's model) of a token's features and window contributions."""
        cache = self._ids[model]
        got = cache.get(token)
        if got is None:
            if len(cache) >= self._cache_size:
                cache.clear()
            ids = self._model(model).ids
            got = cache[token] = (ids(wf.local), {off: ids(f) for off, f in wf.at.items()})
        return got

    def _model(self, model: int) -> CrfWeights:
        """Return the weights of pass ``model`` (0 = first, 1 = second)."""
        return self.weights if model == 0 or self.second is None else self.second

    def _rows(self, model: int, tokens: list[str], feats: list[WordFeatures], ctx: list[list[str]]) -> list[list[int]]:
        """Return the attribute ids of every token of one sentence under one pass's model."""
        cached = [self._word_ids(model, t, wf) for t, wf in zip(tokens, feats, strict=True)]
        n = len(tokens)
        ids = self._model(model).ids
        rows: list[list[int]] = []
        for i, (local, _) in enumerate(cached):
            row = list(local)
            for off in WINDOW:
                if 0 <= i + off < n:
                    row += cached[i + off][1][off]
            row += ids(ctx[i])
            rows.append(row)
        return rows

    def _contexts(self, feats: list[WordFeatures]) -> list[list[str]]:
        """Return the sentence-dependent features of every token (boundaries, bigrams, gazetteer marks)."""
        ex = self.extractor
        marks = ex.gazetteer_marks(feats)
        return [ex.context(feats, marks, i) for i in range(len(feats))]

    def tag(self, tokens: list[str]) -> list[str]:
        """Return one IOB2 label (B-PERS, I-LOC, ..., O) per token of one sentence (no document context)."""
        return self.tag_sentences([tokens])[0]

    def _first_pass(
        self, sents: list[list[str]]
    ) -> tuple[list[list[WordFeatures]], list[list[list[str]]], list[list[str]]]:
        """Return the word features, contexts and first-pass labels of a batch of sentences."""
        feats = [[self.extractor.word(t) for t in s] for s in sents]
        ctxs = [self._contexts(f) for f in feats]
        rows = [self._rows(0, s, f, c) if s else [] for s, f, c in zip(sents, feats, ctxs, strict=True)]
        return feats, ctxs, self.weights.viterbi_batch(rows)

    def tag_sentences(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """Tag consecutive sentences at once (batched decoding; the batch is the second pass's document)."""
        sents = list(sentences)
        feats, ctxs, first = self._first_pass(sents)
        if self.second is None:
            return first
        cons = consistency_features(feats, first, self.consistency)
        ids = self.second.ids
        rows = []
        for s, f, c, extra in zip(sents, feats, ctxs, cons, strict=True):
            rows.append([r + ids(x) for r, x in zip(self._rows(1, s, f, c), extra, strict=True)] if s else [])
        return self.second.viterbi_batch(rows)

    def attributes(self, sentences: list[list[str]]) -> list[list[list[str]]]:
        """Return the final model's attribute strings of every token of a batch (as crfsuite would see them)."""
        base = [self.extractor.sentence(s) for s in sentences]
        if self.second is None:
            return base
        feats, _, first = self._first_pass(sentences)
        cons = consistency_features(feats, first, self.consistency)
        return [[r + x for r, x in zip(b, c, strict=True)] for b, c in zip(base, cons, strict=True)]


def default_extractor(settings: FeatureSettings | None = None) -> FeatureExtractor:
    """Return a feature extractor over the shipped clusters and gazetteer."""
    return FeatureExtractor(load_clusters(), load_gazetteer(), settings or FeatureSettings())


@cache
def load_tagger() -> Tagger:
    """Return the shipped two-pass tagger (loaded once per process)."""
    return Tagger(data_path(FIRST_PASS_FILE), default_extractor(), second_path=data_path(MODEL_FILE))


__all__ = ["FEATURES_VERSION", "MODEL_VERSION", "Tagger", "TrainSettings", "default_extractor", "load_tagger"]
