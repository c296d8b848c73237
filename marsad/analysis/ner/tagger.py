"""The shipped CRF tagger (python-crfsuite): load, tag token lists with ANERcorp IOB2 labels, train."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from marsad.analysis.ner.features import FEATURES_VERSION, FeatureExtractor, FeatureSettings
from marsad.analysis.ner.resources import data_path, load_clusters, load_gazetteer
from marsad.errors import ConfigError

#: Version of the shipped model; persisted with every mention it produces.
MODEL_VERSION = "ner-crf.v1"
MODEL_FILE = f"{MODEL_VERSION}.crfsuite"
#: CRF regularization tuned on the ANERcorp dev split (last 10% of the CAMeL train file), see scripts/train_ner.py.
DEFAULT_C1 = 0.05
DEFAULT_C2 = 0.01
#: L-BFGS iterations: dev F1 is flat after ~150 on ANERcorp; more only costs training time.
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
    """A CRF NER tagger over a feature extractor; ``tag`` returns ANERcorp IOB2 labels."""

    def __init__(self, model_path: Path, extractor: FeatureExtractor, version: str = MODEL_VERSION) -> None:
        """Open the crfsuite model at ``model_path``."""
        if not Path(model_path).exists():
            raise ConfigError(f"NER model {model_path} is missing: run `.venv/bin/python scripts/train_ner.py`")
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(model_path))
        self.extractor = extractor
        self.version = version
        self.model_path = Path(model_path)

    def tag(self, tokens: list[str]) -> list[str]:
        """Return one IOB2 label (B-PERS, I-LOC, ..., O) per token of one sentence."""
        if not tokens:
            return []
        return self._crf.tag(self.extractor.sentence(tokens))

    def tag_sentences(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """Tag several sentences."""
        return [self.tag(s) for s in sentences]


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
