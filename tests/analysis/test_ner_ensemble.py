"""Tests of the shipped NER ensemble: settings, label order, and that it reduces to each model at the extremes."""

from __future__ import annotations

import pytest

from marsad.analysis.entities.ner import load_tagger
from marsad.analysis.entities.ner.ensemble import EnsembleSettings, EnsembleTagger
from marsad.analysis.entities.ner.scoring import LABELS
from marsad.errors import ConfigError

SENTENCES = [
    "\u0642\u0627\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a \u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646 \u0641\u064a \u0645\u0648\u0633\u0643\u0648 .".split(),
    "\u0648\u0635\u0644 \u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646 \u0625\u0644\u0649 \u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643 .".split(),
    [],
]


@pytest.fixture(scope="module")
def shipped():
    """The shipped ensemble tagger."""
    return load_tagger()


@pytest.mark.parametrize("weight", [-1.0, float("inf"), float("nan")], ids=["negative", "infinite", "nan"])
def test_ensemble_settings_reject_bad_weight(weight):
    """A weight that is negative or not finite is refused with a fix-it message."""
    with pytest.raises(ConfigError, match="neural_weight"):
        EnsembleSettings(neural_weight=weight)


def test_ensemble_weight_zero_is_the_crf(shipped):
    """With the BiLSTM weighted 0 the ensemble labels exactly as its CRF alone."""
    crf_only = EnsembleTagger(shipped.crf, shipped.neural, EnsembleSettings(neural_weight=0.0, propagate=None, knowledge=None))
    assert crf_only.tag_sentences(SENTENCES) == shipped.crf.tag_sentences(SENTENCES)


def test_ensemble_large_weight_is_the_bilstm(shipped):
    """With the BiLSTM weighted very high the ensemble labels as the BiLSTM-CRF alone."""
    neural_only = EnsembleTagger(shipped.crf, shipped.neural, EnsembleSettings(neural_weight=1e6, propagate=None, knowledge=None))
    assert neural_only.tag_sentences(SENTENCES) == shipped.neural.tag_sentences(SENTENCES)


def test_ensemble_emissions_follow_label_order(shipped):
    """Scores come one row per token and one column per ANERcorp label, in ``LABELS`` order."""
    emits = shipped.emissions(SENTENCES)
    assert [e.shape for e in emits] == [(len(s), len(LABELS)) for s in SENTENCES]
    assert shipped.tag_sentences(SENTENCES)[2] == []


def test_ensemble_finds_the_running_example(shipped):
    """Putin is a person and Moscow a place in a plain news sentence."""
    tags = shipped.tag(SENTENCES[0])
    assert tags[3:5] == ["B-PERS", "I-PERS"] and tags[6] == "B-LOC"


def test_ensemble_propagates_the_decoded_labels(shipped):
    """The shipped tagger's labels are its decoded labels, corrected by knowledge, with the batch's names propagated."""
    from marsad.analysis.entities.ner.knowledge import apply_knowledge
    from marsad.analysis.entities.ner.propagate import propagate_labels

    plain = EnsembleTagger(shipped.crf, shipped.neural, EnsembleSettings(propagate=None, knowledge=None))
    decoded = plain.tag_sentences(SENTENCES)
    norms = [[shipped.extractor.word(t).norm for t in s] for s in SENTENCES]
    assert shipped.tag_sentences(SENTENCES) == propagate_labels(norms, apply_knowledge(norms, decoded))
