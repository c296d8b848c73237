"""Tests of the neural NER tagger (``ner-lstm.v1``, NumPy BiLSTM-CRF): labels, spans, batching, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.analysis.entities.ner.neural import (
    KIND_CONJ,
    KIND_EXACT,
    KIND_OOV,
    NeuralSettings,
    NeuralTagger,
    ft_normalize,
    load_neural_tagger,
    lookup_forms,
)
from marsad.analysis.entities.ner.scoring import LABELS, spans
from marsad.analysis.entities.ner.tagger import default_extractor
from marsad.errors import ConfigError

# "The Russian president Vladimir Putin said in Moscow"
PUTIN_SENT = [
    "\u0642\u0627\u0644",
    "\u0627\u0644\u0631\u0626\u064a\u0633",
    "\u0627\u0644\u0631\u0648\u0633\u064a",
    "\u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631",
    "\u0628\u0648\u062a\u064a\u0646",
    "\u0641\u064a",
    "\u0645\u0648\u0633\u0643\u0648",
]
# "The United Nations announced today in New York"
UN_SENT = [
    "\u0623\u0639\u0644\u0646\u062a",
    "\u0627\u0644\u0623\u0645\u0645",
    "\u0627\u0644\u0645\u062a\u062d\u062f\u0629",
    "\u0627\u0644\u064a\u0648\u0645",
    "\u0641\u064a",
    "\u0646\u064a\u0648\u064a\u0648\u0631\u0643",
]
# "Egypt and Saudi Arabia signed an agreement in Cairo"
EGYPT_SENT = [
    "\u0648\u0642\u0639\u062a",
    "\u0645\u0635\u0631",
    "\u0648\u0627\u0644\u0633\u0639\u0648\u062f\u064a\u0629",
    "\u0627\u062a\u0641\u0627\u0642\u0627",
    "\u0641\u064a",
    "\u0627\u0644\u0642\u0627\u0647\u0631\u0629",
]


@pytest.fixture(scope="module")
def tagger() -> NeuralTagger:
    """The shipped neural tagger."""
    return load_neural_tagger()


def test_neural_finds_person_and_place(tagger: NeuralTagger) -> None:
    """Putin is a person and Moscow a place in a plain news sentence."""
    labels = tagger.tag(PUTIN_SENT)
    found = set(spans(labels))
    assert (3, 5, "PERS") in found, labels
    assert (6, 7, "LOC") in found, labels


def test_neural_labels_and_lengths(tagger: NeuralTagger) -> None:
    """There is one ANERcorp IOB2 label per token."""
    sents = [PUTIN_SENT, UN_SENT, EGYPT_SENT, ["\u0641\u064a"], ["2019", "!", "abc"]]
    out = tagger.tag_sentences(sents)
    assert [len(o) for o in out] == [len(s) for s in sents]
    assert {lab for o in out for lab in o} <= set(LABELS)
    assert (5, 6, "LOC") in set(spans(out[1]))


def test_neural_batch_equals_one_by_one(tagger: NeuralTagger) -> None:
    """A batch of sentences is labelled as each sentence alone (padding changes nothing)."""
    sents = [PUTIN_SENT, UN_SENT, EGYPT_SENT, PUTIN_SENT[:3], ["\u0645\u0648\u0633\u0643\u0648"]]
    assert tagger.tag_sentences(sents) == [tagger.tag(s) for s in sents]


def test_neural_cold_equals_warm(tagger: NeuralTagger) -> None:
    """Emptying the per-word caches does not change the labels."""
    warm = tagger.tag_sentences([PUTIN_SENT, EGYPT_SENT])
    tagger.clear_caches()
    assert tagger.tag_sentences([PUTIN_SENT, EGYPT_SENT]) == warm


def test_neural_empty_inputs(tagger: NeuralTagger) -> None:
    """No sentences, or empty ones, give empty label lists."""
    assert tagger.tag_sentences([]) == []
    assert tagger.tag([]) == []
    assert tagger.tag_sentences([[], PUTIN_SENT, []]) == [[], tagger.tag(PUTIN_SENT), []]


def test_neural_tiny_cache_gives_same_labels(tagger: NeuralTagger) -> None:
    """A cache smaller than the batch's vocabulary still gives the same labels."""
    small = NeuralTagger.from_file(tagger.model_path, default_extractor(), NeuralSettings(cache_size=3))
    sents = [PUTIN_SENT, UN_SENT, EGYPT_SENT]
    assert small.tag_sentences(sents) == tagger.tag_sentences(sents)
    assert small.tag_sentences(sents[:1]) == tagger.tag_sentences(sents[:1])


def test_neural_lookup_normalisation() -> None:
    """Tokens are normalized and clitic-stripped as the vectors' vocabulary was."""
    assert ft_normalize("\u0623\u062d\u0645\u064e\u062f") == "\u0627\u062d\u0645\u062f"  # hamza folded, fatha dropped
    assert ft_normalize("\u0639\u0644\u0649") == "\u0639\u0644\u0649"  # alef maqsura kept
    forms = lookup_forms("\u0648\u0627\u0644\u0642\u0627\u0647\u0631\u0629")  # "and Cairo"
    assert forms[0][1] == KIND_EXACT and forms[1] == ("\u0627\u0644\u0642\u0627\u0647\u0631\u0629", KIND_CONJ)
    assert tagger_code_kind("\u0642\u0642\u0642\u0642\u0642\u0642\u0642") == KIND_OOV


def tagger_code_kind(token: str) -> int:
    """Return the lookup kind the shipped model's encoder gives a token."""
    return load_neural_tagger().encoder.encode(token).kind


def test_neural_missing_model_and_bad_settings(tmp_path: Path) -> None:
    """A missing model file or a bad cache size raises ConfigError with the fix."""
    with pytest.raises(ConfigError, match="make train-ner"):
        NeuralTagger.from_file(tmp_path / "none.npz", default_extractor())
    with pytest.raises(ConfigError, match="cache_size"):
        NeuralSettings(cache_size=0)
