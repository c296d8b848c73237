"""Tests of the NER tagging fast paths: context scores by word pairs and the per-word row cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from marsad.analysis.entities.ner import load_crf_tagger
from marsad.analysis.entities.ner.context import ContextScorer, pair_index
from marsad.analysis.entities.ner.crf import CrfWeights
from marsad.analysis.entities.ner.resources import data_path
from marsad.analysis.entities.ner.rowcache import RowCache
from marsad.analysis.entities.ner.tagger import FIRST_PASS_FILE, Tagger
from marsad.errors import ConfigError

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
PUTIN = "\u0628\u0648\u062a\u064a\u0646"  # Putin
PYONGYANG = ["\u0628\u064a\u0648\u0646\u063a", "\u064a\u0627\u0646\u063a"]  # Pyong Yang (GHAIN spelling)
LEBANON = "\u0644\u0628\u0646\u0627\u0646"  # Lebanon
IN = "\u0641\u064a"  # "in"


def _seed_sentences() -> list[list[str]]:
    """Return the first lines of a seed article as whitespace-token sentences."""
    text = (SEEDS / "000_fc13acc477961b1c.txt").read_text(encoding="utf-8")
    return [s.split() for s in text.splitlines() if s.strip()][:8]


@pytest.mark.parametrize(
    "sents",
    [
        pytest.param(_seed_sentences(), id="seed-article"),
        pytest.param([[PUTIN]], id="one-token-sentence"),
        pytest.param([[IN, *PYONGYANG, IN, LEBANON], [LEBANON]], id="gazetteer-marks-and-neighbours"),
        pytest.param([["a|b", "|", PUTIN, "x|"], [], ["||"]], id="bars-inside-tokens-and-empty-sentence"),
    ],
)
def test_ner_context_scores_equal_attribute_strings(sents):
    """Scoring context features by word pairs equals scoring the strings ``FeatureExtractor.contexts`` builds."""
    crf = load_crf_tagger()
    feats = [[crf.extractor.word(t) for t in s] for s in sents]
    strings = [c for f in feats for c in crf.extractor.contexts(f)]
    expected = crf._joint.attr_emissions(strings) if strings else np.zeros((0, len(crf._joint.labels)))
    got = ContextScorer(crf._joint).emissions(crf.extractor, feats)
    assert got.shape == expected.shape
    assert np.allclose(got, expected, rtol=0, atol=1e-9)


def test_ner_pair_index_keys_every_split():
    """A pair name with two bars is found from either split, as the string path would build it from either."""
    weights = CrfWeights(("O",), {"bw=a|b|c": 0, "fw=a|b": 1}, np.zeros((3, 1)), np.zeros((1, 1)))
    assert pair_index(weights, "bw=") == {("a", "b|c"): 0, ("a|b", "c"): 0}
    assert pair_index(weights, "fw=") == {("a", "b"): 1}


def test_ner_crf_tiny_cache_gives_same_scores():
    """A CRF whose word cache is smaller than a batch's vocabulary scores exactly as the default one."""
    shipped = load_crf_tagger()
    tiny = Tagger(data_path(FIRST_PASS_FILE), shipped.extractor, cache_size=3)
    sents = _seed_sentences()
    default = Tagger(data_path(FIRST_PASS_FILE), shipped.extractor)
    for batch in (sents[:2], sents, sents[3:]):
        assert all(np.array_equal(a, b) for a, b in zip(tiny.emissions(batch), default.emissions(batch), strict=True))


def test_ner_rowcache_computes_each_new_word_once():
    """Rows come back in token order; a word is computed only the first time it is seen."""
    seen: list[list[str]] = []

    def compute(words: list[str]) -> np.ndarray:
        seen.append(words)
        return np.array([[len(w), ord(w[0])] for w in words], dtype=np.float32)

    cache = RowCache((2,), np.float32, capacity=10)
    got = cache.rows(["ab", "c", "ab"], compute)
    assert got.tolist() == [[2, 97], [1, 99], [2, 97]]
    assert cache.rows(["c", "def"], compute).tolist() == [[1, 99], [3, 100]]
    assert seen == [["ab", "c"], ["def"]] and len(cache) == 3


def test_ner_rowcache_overflow_keeps_the_batch():
    """A batch that would overflow the cache empties it first and still returns every row of the batch."""
    cache = RowCache((1,), np.int64, capacity=3)

    def compute(words: list[str]) -> np.ndarray:
        return np.array([[len(w)] for w in words])

    cache.rows(["a", "bb"], compute)
    assert cache.rows(["bb", "ccc", "dddd"], compute).ravel().tolist() == [2, 3, 4]
    assert len(cache) == 3
    assert cache.rows(list("xyzw"), compute).ravel().tolist() == [1, 1, 1, 1]  # more words than the capacity


def test_ner_rowcache_rejects_bad_settings_and_rows():
    """A cache that can hold no word, and rows of the wrong shape, are refused with the fix in the message."""
    with pytest.raises(ConfigError, match="positive"):
        RowCache((2,), np.float32, capacity=0)
    cache = RowCache((2,), np.float32, capacity=4)
    with pytest.raises(ValueError, match="shape"):
        cache.rows(["a"], lambda words: np.zeros((len(words), 3)))


def test_ner_gazetteer_slots_are_the_ones_of_the_matrix():
    """The BiLSTM's sparse gazetteer marks are exactly the ones of the stacked multi-hot matrix it was trained on."""
    from marsad.analysis.entities.ner.neural import gazetteer_matrix, gazetteer_slots

    extractor = load_crf_tagger().extractor
    sents = [[IN, *PYONGYANG, IN, LEBANON], [], [LEBANON], _seed_sentences()[0]]
    dense = np.concatenate([gazetteer_matrix(extractor, s) for s in sents])
    at, slot = gazetteer_slots(extractor, sents)
    assert len(at) and sorted(zip(at.tolist(), slot.tolist(), strict=True)) == sorted(zip(*np.nonzero(dense)))
