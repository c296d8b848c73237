"""The shipped NER tagger: the CRF and the BiLSTM-CRF as a product of experts, decoded by one Viterbi.

Each model gives every token a score per label (the CRF's sparse lexical features; the BiLSTM's output layer) and
every label pair a transition score. The CRF is the first pass of ``ner-crf.v2``: with the BiLSTM beside it, its
document-consistency second pass no longer helps (dev macro-F1 72.3 with it, 72.2 without) and costs a fifth of
the tagging time, so the ensemble leaves it out. The ensemble adds the two models' scores,
the neural ones times ``neural_weight``, and decodes the sum: a label path both models like wins. The two models
err differently (the CRF on unseen spellings, the BiLSTM on rare context patterns), so the sum beats either.
Then world knowledge corrects the decoded labels (``knowledge``: names after head words such as club, newspaper,
programme take the head's type; given names that are common words need context), and last every name found in
the batch is also tagged where it occurs untagged (``propagate``: one sense per discourse), so a batch should be
one article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from threadpoolctl import ThreadpoolController

from marsad.analysis.entities.ner.crf import CrfWeights
from marsad.analysis.entities.ner.features import FeatureExtractor
from marsad.analysis.entities.ner.knowledge import KnowledgeSettings, apply_knowledge
from marsad.analysis.entities.ner.neural import MODEL_FILE as NEURAL_FILE
from marsad.analysis.entities.ner.neural import NeuralTagger
from marsad.analysis.entities.ner.propagate import PropagateSettings, propagate_labels
from marsad.analysis.entities.ner.resources import data_path
from marsad.analysis.entities.ner.scoring import LABELS
from marsad.analysis.entities.ner.tagger import FIRST_PASS_FILE, MODEL_VERSION, Tagger, default_extractor
from marsad.errors import ConfigError

#: Version of the shipped tagger (first pass of CRF ``ner-crf.v2`` + BiLSTM-CRF ``ner-lstm.v1``, knowledge rules
#: ``ner-knowledge.v1``, names propagated within the batch); persisted with every mention. v1 had no propagation;
#: v2 had no knowledge rules.
ENSEMBLE_VERSION = "ner-ens.v3"
#: Weight of the BiLSTM's scores against the CRF's: a plain sum. Dev macro-F1 is flat around it (0.5: 71.3,
#: 1: 72.2, 1.5: 72.5, 2: 72.3, 3: 71.9); the tune slice is no fair judge (it picked the BiLSTM's epoch).
DEFAULT_NEURAL_WEIGHT = 1.0
#: Version of the CRF inside the ensemble: the first pass of ``ner-crf.v2``.
CRF_VERSION = f"{MODEL_VERSION}.pass1"
#: BLAS threads while tagging. Every product here is small (a few hundred rows by 8-64 columns): threads cost more
#: than they save. Measured on 400 SaudiNewsNet articles, all stages, 2 cores busy with other work: 27.1 articles/s
#: with one BLAS thread, 13.6 with OpenBLAS's default of one per core (issue #18).
BLAS_THREADS = 1


@dataclass(frozen=True, slots=True)
class EnsembleSettings:
    """How the two models' scores are combined, and how the names found are propagated."""

    neural_weight: float = DEFAULT_NEURAL_WEIGHT
    propagate: PropagateSettings | None = field(default_factory=PropagateSettings)  # None: decoded labels only
    knowledge: KnowledgeSettings | None = field(default_factory=KnowledgeSettings)  # None: no knowledge rules

    def __post_init__(self) -> None:
        """Reject a negative or non-finite weight."""
        if not 0.0 <= self.neural_weight < float("inf"):
            raise ConfigError(f"EnsembleSettings.neural_weight={self.neural_weight}: use a weight >= 0, e.g. 1.0")


class EnsembleTagger:
    """Tags with the sum of a CRF ``Tagger``'s and a ``NeuralTagger``'s scores; labels as ANERcorp IOB2."""

    def __init__(self, crf: Tagger, neural: NeuralTagger, settings: EnsembleSettings | None = None) -> None:
        """Combine two loaded taggers (they should share one feature extractor, so word features are computed once)."""
        self.crf, self.neural = crf, neural
        self.settings = settings or EnsembleSettings()
        self.version = ENSEMBLE_VERSION
        self.model_path = crf.model_path
        crf_labels = crf.final.labels
        if set(crf_labels) != set(LABELS) or tuple(neural.labels) != LABELS:
            raise ConfigError(f"NER ensemble: label sets differ ({crf_labels} vs {neural.labels}): run `make train-ner`")
        self._perm = np.array([crf_labels.index(lab) for lab in LABELS], dtype=np.int64)
        weight = self.settings.neural_weight
        trans = crf.final.trans[np.ix_(self._perm, self._perm)] + weight * neural.transitions
        self._decoder = CrfWeights(LABELS, {}, np.zeros((1, len(LABELS))), trans)
        self._blas = ThreadpoolController()  # finds the BLAS libraries once; ``limit`` then costs microseconds

    @property
    def extractor(self) -> FeatureExtractor:
        """Return the CRF's feature extractor (its word lexicon and gazetteer serve mention trimming)."""
        return self.crf.extractor

    def clear_caches(self) -> None:
        """Forget both models' per-word caches, e.g. to time cold tagging."""
        self.crf.clear_caches()
        self.neural.clear_caches()

    def emissions(self, sentences: Iterable[list[str]]) -> list[np.ndarray]:
        """Return the summed (tokens x labels) scores of each sentence, columns in ``scoring.LABELS`` order."""
        sents = [list(s) for s in sentences]
        if not any(sents):
            return [np.zeros((0, len(LABELS))) for _ in sents]
        weight = self.settings.neural_weight
        crf = self.crf.emissions(sents)
        neural = self.neural.emissions(sents)
        return [c[:, self._perm] + weight * n for c, n in zip(crf, neural, strict=True)]

    def tag_sentences(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """Tag sentences at once (one batched BiLSTM pass, one batched Viterbi), then propagate the names found.

        The batch is the document of the propagation: pass an article's sentences together.
        """
        sents = [list(s) for s in sentences]
        with self._blas.limit(limits=BLAS_THREADS, user_api="blas"):
            labels = self._decoder.decode_batch(self.emissions(sents))
        if self.settings.propagate is None and self.settings.knowledge is None:
            return labels
        word = self.extractor.word
        norms = [[word(t).norm for t in s] for s in sents]
        if self.settings.knowledge is not None:  # first, so that names it finds are propagated too
            labels = apply_knowledge(norms, labels, self.settings.knowledge)
        if self.settings.propagate is None:
            return labels
        return propagate_labels(norms, labels, self.settings.propagate)

    def tag(self, tokens: list[str]) -> list[str]:
        """Return one IOB2 label (B-PERS, I-LOC, ..., O) per token of one sentence."""
        return self.tag_sentences([tokens])[0]


@cache
def load_tagger() -> EnsembleTagger:
    """Return the shipped tagger: both models over one shared feature extractor (loaded once per process)."""
    extractor = default_extractor()
    crf = Tagger(data_path(FIRST_PASS_FILE), extractor, version=CRF_VERSION)
    return EnsembleTagger(crf, NeuralTagger.from_file(data_path(NEURAL_FILE), extractor))


__all__ = ["ENSEMBLE_VERSION", "EnsembleSettings", "EnsembleTagger", "load_tagger"]
