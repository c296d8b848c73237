"""The shipped CRF tagger (python-crfsuite): load, tag token lists with ANERcorp IOB2 labels, train."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

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
MODEL_VERSION = "ner-crf.v1"
MODEL_FILE = f"{MODEL_VERSION}.crfsuite"
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

    Decoding runs in NumPy (``CrfWeights``) with attribute ids cached per distinct word; the crfsuite file is
    only read at load time.
    """

    def __init__(
        self, model_path: Path, extractor: FeatureExtractor, version: str = MODEL_VERSION, cache_size: int = 200_000
    ) -> None:
        """Load the weights of the crfsuite model at ``model_path``."""
        if not Path(model_path).exists():
            raise ConfigError(f"NER model {model_path} is missing: run `.venv/bin/python scripts/train_ner.py`")
        if cache_size < 1:
            raise ConfigError(f"Tagger cache_size={cache_size}: use a positive size such as 200000")
        self.weights = CrfWeights.from_crfsuite(Path(model_path))
        self.extractor = extractor
        self.version = version
        self.model_path = Path(model_path)
        self._cache_size = cache_size
        self._ids: dict[str, tuple[list[int], dict[int, list[int]]]] = {}

    def _word_ids(self, token: str, wf: WordFeatures) -> tuple[list[int], dict[int, list[int]]]:
        """Return the cached attribute ids of a token's own features and of its window contributions."""
        got = self._ids.get(token)
        if got is None:
            if len(self._ids) >= self._cache_size:
                self._ids.clear()
            ids = self.weights.ids
            got = self._ids[token] = (ids(wf.local), {off: ids(f) for off, f in wf.at.items()})
        return got

    def _sentence_ids(self, tokens: list[str]) -> list[list[int]]:
        """Return the attribute ids of every token of one sentence."""
        ex = self.extractor
        feats = [ex.word(t) for t in tokens]
        marks = ex.gazetteer_marks(feats)
        cached = [self._word_ids(t, wf) for t, wf in zip(tokens, feats, strict=True)]
        n = len(tokens)
        ids = self.weights.ids
        rows: list[list[int]] = []
        for i, (local, _) in enumerate(cached):
            row = list(local)
            for off in WINDOW:
                if 0 <= i + off < n:
                    row += cached[i + off][1][off]
            row += ids(ex.context(feats, marks, i))
            rows.append(row)
        return rows

    def tag(self, tokens: list[str]) -> list[str]:
        """Return one IOB2 label (B-PERS, I-LOC, ..., O) per token of one sentence."""
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """Tag several sentences at once (batched decoding: faster than one ``tag`` call per sentence)."""
        return self.weights.viterbi_batch([self._sentence_ids(s) if s else [] for s in sentences])


def default_extractor(settings: FeatureSettings | None = None) -> FeatureExtractor:
    """Return a feature extractor over the shipped clusters and gazetteer."""
    return FeatureExtractor(load_clusters(), load_gazetteer(), settings or FeatureSettings())


@cache
def load_tagger() -> Tagger:
    """Return the shipped tagger (loaded once per process)."""
    return Tagger(data_path(MODEL_FILE), default_extractor())


def train(
    sentences: Iterable[tuple[list[str], list[str]]],
    model_path: Path,
    extractor: FeatureExtractor,
    settings: TrainSettings | None = None,
) -> Tagger:
    """Train a CRF on (tokens, tags) sentences, write it to ``model_path`` and return its tagger."""
    settings = settings or TrainSettings()
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sentences:
        trainer.append(extractor.sentence(toks), tags)
    trainer.set_params(
        {
            "c1": settings.c1,
            "c2": settings.c2,
            "max_iterations": settings.max_iterations,
            "feature.minfreq": settings.min_freq,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(model_path))
    return Tagger(model_path, extractor)


__all__ = ["FEATURES_VERSION", "MODEL_VERSION", "Tagger", "TrainSettings", "load_tagger", "train"]
