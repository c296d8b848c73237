"""Training of the shipped two-pass CRF: first pass, jackknifed first-pass labels, document-consistency second pass.

The second pass must learn from first-pass labels as noisy as those it will see on new text, so the training
sentences are cut into ``folds`` contiguous parts and each part is labelled by a first pass trained on the others
(stacking, Krishnan & Manning 2006); the shipped first pass is then trained on everything.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from marsad.analysis.entities.ner.consistency import ConsistencySettings, consistency_features
from marsad.analysis.entities.ner.features import FeatureExtractor
from marsad.analysis.entities.ner.tagger import Tagger, TrainSettings
from marsad.errors import ConfigError

#: Jackknife folds for the first-pass labels the second pass learns from (2 halves the extra training cost of
#: the usual 5-10 folds; first-pass dev F1 on half the data is only ~3 points lower).
DEFAULT_FOLDS = 2
#: Sentences tagged together when producing jackknifed labels (as ``tag_conll`` batches a CoNLL file).
LABEL_BATCH = 256

Pairs = list[tuple[list[str], list[str]]]


@dataclass(frozen=True, slots=True)
class StackSettings:
    """Settings of two-pass training: CRF settings of each pass, folds, consistency window."""

    first: TrainSettings = TrainSettings()
    second: TrainSettings = TrainSettings()
    folds: int = DEFAULT_FOLDS
    consistency: ConsistencySettings = ConsistencySettings()

    def __post_init__(self) -> None:
        """Reject fewer than two folds."""
        if self.folds < 2:
            raise ConfigError(f"StackSettings.folds={self.folds}: use 2 or more (2 is the default)")


def train_crf(rows: list[list[list[str]]], tags: list[list[str]], model_path: Path, settings: TrainSettings) -> None:
    """Train one crfsuite CRF (L-BFGS, elastic net) on attribute rows and write it to ``model_path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for r, t in zip(rows, tags, strict=True):
        trainer.append(r, t)
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


def train(pairs: Pairs, model_path: Path, extractor: FeatureExtractor, settings: TrainSettings | None = None) -> Tagger:
    """Train a single-pass CRF on (tokens, tags) sentences, write it to ``model_path`` and return its tagger."""
    rows = [extractor.sentence(toks) for toks, _ in pairs]
    train_crf(rows, [t for _, t in pairs], model_path, settings or TrainSettings())
    return Tagger(model_path, extractor)


def tag_batched(tagger: Tagger, sents: list[list[str]]) -> list[list[str]]:
    """Tag consecutive sentences in batches of ``LABEL_BATCH`` (the document context of the second pass)."""
    out: list[list[str]] = []
    for i in range(0, len(sents), LABEL_BATCH):
        out += tagger.tag_sentences(sents[i : i + LABEL_BATCH])
    return out


def train_stacked(
    pairs: Pairs,
    first_path: Path,
    second_path: Path,
    extractor: FeatureExtractor,
    settings: StackSettings | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> Tagger:
    """Train both passes on consecutive (tokens, tags) sentences; write both models and return the tagger."""
    settings = settings or StackSettings()
    sents = [toks for toks, _ in pairs]
    tags = [t for _, t in pairs]
    base = [extractor.sentence(s) for s in sents]
    bounds = [round(len(pairs) * k / settings.folds) for k in range(settings.folds + 1)]
    jack: list[list[str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(settings.folds):
            lo, hi = bounds[k], bounds[k + 1]
            model = Path(tmp) / f"fold{k}.crfsuite"
            train_crf(base[:lo] + base[hi:], tags[:lo] + tags[hi:], model, settings.first)
            jack += tag_batched(Tagger(model, extractor), sents[lo:hi])
            log(f"fold {k + 1}/{settings.folds} labelled")
    train_crf(base, tags, first_path, settings.first)
    log("first pass trained")
    rows: list[list[list[str]]] = []
    for i in range(0, len(sents), LABEL_BATCH):
        feats = [[extractor.word(t) for t in s] for s in sents[i : i + LABEL_BATCH]]
        cons = consistency_features(feats, jack[i : i + LABEL_BATCH], settings.consistency)
        chunk = base[i : i + LABEL_BATCH]
        rows += [[r + x for r, x in zip(b, c, strict=True)] for b, c in zip(chunk, cons, strict=True)]
    train_crf(rows, tags, second_path, settings.second)
    log("second pass trained")
    return Tagger(first_path, extractor, second_path=second_path, consistency=settings.consistency)
