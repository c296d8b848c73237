"""Neural Arabic NER (BiLSTM-CRF, ``ner-lstm.v1``) decoded in NumPy: word features, batched BiLSTM, Viterbi.

Inputs of a token: a frozen fastText vector (int8, looked up with clitic stripping) through a trained projection, a
char-CNN over the word, embeddings of its shape, of how its vector was found and of its Brown-cluster prefixes (all
per word: their LSTM input projections are computed once per distinct word and cached), plus the gazetteer marks
of its sentence. All sentences of a call run through the LSTM together (sorted by length, shorter ones drop out);
a linear-chain CRF layer decodes. ``scripts/train_ner_nn.py`` trains the model with torch and writes the ``.npz``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from marsad.analysis.entities.ner.crf import CrfWeights
from marsad.analysis.entities.ner.features import FeatureExtractor, shape
from marsad.analysis.entities.ner.resources import data_path
from marsad.analysis.entities.ner.rowcache import RowCache
from marsad.analysis.entities.ner.scoring import LABELS, TYPES
from marsad.analysis.entities.ner.tagger import default_extractor
from marsad.errors import ConfigError

#: Version of the neural model; persisted with every mention it produces.
MODEL_VERSION = "ner-lstm.v1"
MODEL_FILE = f"{MODEL_VERSION}.npz"
#: Characters of a word seen by the char-CNN: longer words keep their first and last ``MAX_CHARS // 2``
#: (Arabic names are 2-12 letters; 20 covers 99.9% of ANERcorp tokens).
MAX_CHARS = 20
#: Char ids 0 (padding) and 1 (unknown character).
CHAR_PAD, CHAR_UNK = 0, 1
#: How a word's vector was found: exact form, after w/f, after b/l/k (or ll -> al), after al-, or not at all.
KIND_EXACT, KIND_CONJ, KIND_PREP, KIND_ARTICLE, KIND_OOV = range(5)
#: Shape classes of ``features.shape`` (digit, latin, arabic, punctuation, mixed).
SHAPES = ("D", "L", "A", "P", "M")
#: Gazetteer marks (``FeatureExtractor.gazetteer_marks``) fed as a multi-hot vector, one slot per type and part.
GAZ_MARKS = tuple(f"g={t}:{p}" for t in TYPES for p in "BIU")
_GAZ_INDEX = {m: i for i, m in enumerate(GAZ_MARKS)}

# fastText lookup normalisation (../shared/data/ant-fasttext-sg100/README.txt): NFKC; drop invisible controls,
# diacritics and tatweel; fold alef variants, Persian yeh and keheh; KEEP alef maqsura and teh marbuta; lower-case.
_FT_DROP = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]"
)
_FT_FOLD = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                          "\u06cc": "\u064a", "\u06a9": "\u0643"})  # fmt: skip
_CONJ, _PREP, _AL, _LL = "\u0648\u0641", "\u0628\u0644\u0643", "\u0627\u0644", "\u0644\u0644"


def ft_normalize(token: str) -> str:
    """Return a token normalised as the fastText/Brown vocabularies were (alef maqsura, teh marbuta kept)."""
    return _FT_DROP.sub("", unicodedata.normalize("NFKC", token)).translate(_FT_FOLD).lower()


def lookup_forms(word: str) -> list[tuple[str, int]]:
    """Return the forms of a normalised word to look up, in order, with the kind of each (exact first)."""
    forms = [(word, KIND_EXACT)]
    cur = word
    if len(cur) > 3 and cur[0] in _CONJ:
        cur = cur[1:]
        forms.append((cur, KIND_CONJ))
    if len(cur) > 3 and cur.startswith(_LL):
        forms.append((_AL + cur[2:], KIND_PREP))  # li + al- is written ll-
    if len(cur) > 3 and cur[0] in _PREP:
        cur = cur[1:]
        forms.append((cur, KIND_PREP))
    if len(cur) > 4 and cur.startswith(_AL):
        forms.append((cur[2:], KIND_ARTICLE))
    return forms


def char_window(word: str) -> str:
    """Return the characters of a word the char-CNN sees (first and last ``MAX_CHARS // 2`` of long words)."""
    half = MAX_CHARS // 2
    return word if len(word) <= MAX_CHARS else word[:half] + word[-half:]


@dataclass(frozen=True, slots=True)
class WordCode:
    """Integer inputs of one word: vector row (``n_words`` = none), trained-word id (0 = none), kind, shape, chars."""

    row: int
    wid: int
    kind: int
    shape: int
    chars: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class WordEncoder:
    """Maps tokens to ``WordCode``s: vector vocabulary (row per word), trained words and character table."""

    index: dict[str, int]
    trained: dict[str, int]
    chars: dict[str, int]

    @classmethod
    def build(cls, words: Iterable[str], trained: Iterable[str], chars: Iterable[str]) -> WordEncoder:
        """Index the vector vocabulary (row order), trained words and characters (ids from 2: 0 pads, 1 unknown)."""
        return cls(
            {w: i for i, w in enumerate(words)},
            {w: i + 1 for i, w in enumerate(trained)},
            {c: i + 2 for i, c in enumerate(chars)},
        )

    def encode(self, token: str) -> WordCode:
        """Return the integer inputs of one token."""
        word = ft_normalize(token) or token
        row, kind = len(self.index), KIND_OOV
        for form, k in lookup_forms(word):
            hit = self.index.get(form)
            if hit is not None:
                row, kind = hit, k
                break
        get = self.chars.get
        chars = tuple(get(c, CHAR_UNK) for c in char_window(word))
        return WordCode(row, self.trained.get(word, 0), kind, SHAPES.index(shape(word)), chars)


def gazetteer_matrix(extractor: FeatureExtractor, tokens: list[str]) -> np.ndarray:
    """Return the (tokens x ``len(GAZ_MARKS)``) multi-hot gazetteer marks of one sentence."""
    out = np.zeros((len(tokens), len(GAZ_MARKS)), dtype=np.float32)
    marks = extractor.gazetteer_marks([extractor.word(t) for t in tokens])
    for i, mk in enumerate(marks):
        for m in mk:
            j = _GAZ_INDEX.get(m)
            if j is not None:
                out[i, j] = 1.0
    return out


def gazetteer_slots(extractor: FeatureExtractor, sents: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Return the (token, mark) positions of the ones in the batch's stacked ``gazetteer_matrix`` rows."""
    pairs: dict[tuple[int, int], None] = {}  # ordered and without repeats: a mark found twice is still one
    start = 0
    for s in sents:
        for i, mk in enumerate(extractor.gazetteer_marks([extractor.word(t) for t in s])):
            for m in mk:
                j = _GAZ_INDEX.get(m)
                if j is not None:
                    pairs[(start + i, j)] = None
        start += len(s)
    got = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
    return got[:, 0], got[:, 1]


@dataclass(frozen=True, slots=True)
class NeuralSettings:
    """Runtime settings of the neural tagger."""

    cache_size: int = 10_000  # distinct words whose LSTM input rows are kept (8 x hidden float32 each, ~3 KB)

    def __post_init__(self) -> None:
        """Reject a cache that could not hold a word."""
        if self.cache_size < 1:
            raise ConfigError(f"NeuralSettings.cache_size={self.cache_size}: use a positive size such as 50000")


def _sigmoid_(x: np.ndarray) -> None:
    """Replace an array's values by their logistic function, in place: 1 / (1 + exp(-x))."""
    np.negative(x, out=x)
    np.exp(x, out=x)
    x += 1.0
    np.reciprocal(x, out=x)


class NeuralTagger:
    """A BiLSTM-CRF NER tagger over NumPy arrays; ``tag_sentences`` returns ANERcorp IOB2 labels."""

    def __init__(
        self,
        arrays: dict[str, np.ndarray],
        extractor: FeatureExtractor,
        settings: NeuralSettings | None = None,
        version: str = MODEL_VERSION,
        model_path: Path | None = None,
    ) -> None:
        """Set up the tagger from the model's arrays (as written by ``scripts/train_ner_nn.py``)."""
        meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
        words = bytes(arrays["words"]).decode("utf-8").split("\n") if arrays["words"].size else []
        trained = bytes(arrays["trained"]).decode("utf-8").split("\n") if arrays["trained"].size else []
        self.encoder = WordEncoder.build(words, trained, meta["chars"])
        self.extractor, self.version, self.meta, self.model_path = extractor, version, meta, model_path
        self.settings = settings or NeuralSettings()
        skip = ("meta", "words", "trained", "ft")
        f32 = {k: np.asarray(v, dtype=np.float32) for k, v in arrays.items() if k not in skip}
        self.hidden = h = f32["w_hh"].shape[-1]
        # vectors: int8 codes times a per-dimension scale; the last row (no vector) is zero
        self._ft = np.vstack([arrays["ft"].astype(np.float32) * f32["ft_scale"], np.zeros((1, arrays["ft"].shape[1]))])
        self._ft = self._ft.astype(np.float32)
        self._brown = np.vstack([arrays["brown"], np.zeros((1, arrays["brown"].shape[1]), dtype=arrays["brown"].dtype)])
        self._w = f32
        # the cell-input gate g uses tanh(x) = 2 sigmoid(2x) - 1: doubling its weights lets one sigmoid serve all gates
        gate = np.ones(4 * h, dtype=np.float32)
        gate[2 * h : 3 * h] = 2.0
        w_ih = f32["w_ih"] * gate[None, :, None]  # (2 directions, 4h, inputs)
        self._w_word = np.concatenate([w_ih[0, :, : -len(GAZ_MARKS)], w_ih[1, :, : -len(GAZ_MARKS)]]).T.copy()
        self._w_gaz = np.concatenate([w_ih[0, :, -len(GAZ_MARKS) :], w_ih[1, :, -len(GAZ_MARKS) :]]).T.copy()
        self._b = np.concatenate([f32["b"][0] * gate, f32["b"][1] * gate])
        self._w_hh = np.ascontiguousarray((f32["w_hh"] * gate[None, :, None]).transpose(0, 2, 1))  # (2, h, 4h)
        k = f32["conv_w"].shape[2]
        self._conv = f32["conv_w"].transpose(2, 1, 0).reshape(k * f32["conv_w"].shape[1], -1).copy()
        self._out = [f32["out_w"][:, :h].T.copy(), f32["out_w"][:, h:].T.copy()]
        self._crf = CrfWeights(LABELS, {}, np.zeros((1, len(LABELS))), f32["trans"].astype(np.float64))
        self._rows = RowCache((8 * h,), np.float32, self.settings.cache_size)

    @classmethod
    def from_file(cls, path: Path, extractor: FeatureExtractor, settings: NeuralSettings | None = None) -> NeuralTagger:
        """Load a tagger from an ``.npz`` model file."""
        if not Path(path).exists():
            raise ConfigError(f"neural NER model {path} is missing: run `make train-ner`")
        with np.load(path) as data:
            return cls({k: data[k] for k in data.files}, extractor, settings, model_path=Path(path))

    @property
    def labels(self) -> tuple[str, ...]:
        """Return the label of each score column (``scoring.LABELS`` order)."""
        return self._crf.labels

    @property
    def transitions(self) -> np.ndarray:
        """Return the (from x to) label transition scores of the CRF output layer."""
        return self._crf.trans

    def clear_caches(self) -> None:
        """Forget the per-word caches (LSTM input rows and word features), e.g. to time cold tagging."""
        self._rows.clear()
        self.extractor.clear_cache()

    def _word_inputs(self, codes: list[WordCode]) -> np.ndarray:
        """Return the (words x 8 hidden) LSTM input pre-activations (both directions) of new words."""
        w = self._w
        rows = np.fromiter((c.row for c in codes), dtype=np.int64, count=len(codes))
        wids = np.fromiter((c.wid for c in codes), dtype=np.int64, count=len(codes))
        kinds = np.fromiter((c.kind for c in codes), dtype=np.int64, count=len(codes))
        shapes = np.fromiter((c.shape for c in codes), dtype=np.int64, count=len(codes))
        width = max(len(c.chars) for c in codes)
        ids = np.zeros((len(codes), width + 2), dtype=np.int64)  # one padding column each side (conv width 3)
        for i, c in enumerate(codes):
            ids[i, 1 : 1 + len(c.chars)] = c.chars
        emb = w["char_emb"][ids]  # (words, width + 2, char dims)
        win = np.concatenate([emb[:, j : j + width] for j in range(3)], axis=2)
        conv = win @ self._conv + w["conv_b"]
        conv[ids[:, 1:-1] == CHAR_PAD] = -np.inf
        parts = [
            self._ft[rows] @ w["proj_w"].T + w["proj_b"],
            conv.max(axis=1),
            w["shape_emb"][shapes],
            w["kind_emb"][kinds],
            w["word_emb"][wids],
        ]
        brown = self._brown[rows]
        parts += [w[f"brown_emb{j}"][brown[:, j]] for j in range(brown.shape[1])]
        return np.concatenate(parts, axis=1) @ self._w_word + self._b

    def _inputs(self, sents: list[list[str]]) -> np.ndarray:
        """Return the (tokens x 8 hidden) LSTM input pre-activations of all tokens of a batch, flattened."""
        encode = self.encoder.encode
        x = self._rows.rows([t for s in sents for t in s], lambda new: self._word_inputs([encode(t) for t in new]))
        at, slot = gazetteer_slots(self.extractor, sents)
        np.add.at(x, at, self._w_gaz[slot])  # the few marked tokens only (as multi-hot marks @ their weights)
        return x

    def _run_lstm(self, xin: np.ndarray, lens_sorted: np.ndarray) -> np.ndarray:
        """Return the (steps x 2 x batch x hidden) outputs of both LSTM directions over step-major inputs.

        Sentences are sorted longest first, so the active ones are a prefix that only shrinks; a sentence's state
        at step t is its output at step t - 1. Every operation writes into preallocated buffers (no temporaries).
        """
        h, (steps, _, batch, _) = self.hidden, xin.shape
        outs = np.zeros((steps, 2, batch, h), dtype=np.float32)
        cell = np.zeros((2, batch, h), dtype=np.float32)
        gates_buf = np.empty((2, batch, 4 * h), dtype=np.float32)
        tmp_buf = np.empty((2, batch, h), dtype=np.float32)
        active = batch
        for t in range(steps):
            while lens_sorted[active - 1] <= t:
                active -= 1
            gates, tmp, c = gates_buf[:, :active], tmp_buf[:, :active], cell[:, :active]
            if t:
                np.matmul(outs[t - 1, :, :active], self._w_hh, out=gates)
                gates += xin[t, :, :active]
            else:
                gates[...] = xin[t, :, :active]
            _sigmoid_(gates)
            g = gates[..., 2 * h : 3 * h]
            g *= 2.0
            g -= 1.0  # tanh of the cell input, from the sigmoid of twice its pre-activation
            np.multiply(gates[..., :h], g, out=tmp)
            c *= gates[..., h : 2 * h]
            c += tmp
            np.tanh(c, out=tmp)
            np.multiply(gates[..., 3 * h :], tmp, out=outs[t, :, :active])
        return outs

    def emissions(self, sents: list[list[str]]) -> list[np.ndarray]:
        """Return the (tokens x labels) CRF state scores of each sentence of a batch (longest first inside)."""
        h = self.hidden
        lens = np.array([len(s) for s in sents], dtype=np.int64)
        order = np.argsort(-lens, kind="stable")
        lens_sorted = lens[order]
        x = self._inputs([sents[b] for b in order.tolist()])  # flat tokens, sentences longest first
        first = np.concatenate([[0], np.cumsum(lens_sorted)[:-1]])
        steps, batch = int(lens_sorted[0]), len(sents)
        # inputs laid out step by step: direction 0 reads token t at step t, direction 1 reads token len-1-t
        rows, cols = np.nonzero(np.arange(steps)[None, :] < lens_sorted[:, None])
        back = lens_sorted[rows] - 1 - cols
        xin = np.zeros((steps, 2, batch, 4 * h), dtype=np.float32)
        xin[cols, 0, rows] = x[first[rows] + cols, : 4 * h]
        xin[back, 1, rows] = x[first[rows] + cols, 4 * h :]
        outs = self._run_lstm(xin, lens_sorted)
        # (rows, cols) run sentence by sentence, token by token: exactly the flat token order of ``x``
        emit = outs[cols, 0, rows] @ self._out[0] + outs[back, 1, rows] @ self._out[1] + self._w["out_b"]
        emit = emit.astype(np.float64)
        emit[first[lens_sorted > 0]] += self._w["start"]
        emit[(first + lens_sorted - 1)[lens_sorted > 0]] += self._w["end"]
        emits: list[np.ndarray] = [emit[:0]] * len(sents)
        for row, b in enumerate(order.tolist()):
            emits[b] = emit[first[row] : first[row] + lens_sorted[row]]
        return emits

    def tag_sentences(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """Tag sentences together (one padded BiLSTM pass and one batched Viterbi); empty ones give []."""
        sents = [list(s) for s in sentences]
        if not any(sents):
            return [[] for _ in sents]
        return self._crf.decode_batch(self.emissions(sents))

    def tag(self, tokens: list[str]) -> list[str]:
        """Return one IOB2 label (B-PERS, I-LOC, ..., O) per token of one sentence."""
        return self.tag_sentences([tokens])[0]


@cache
def load_neural_tagger() -> NeuralTagger:
    """Return the shipped neural tagger (loaded once per process)."""
    return NeuralTagger.from_file(data_path(MODEL_FILE), default_extractor())


__all__ = ["MODEL_VERSION", "NeuralSettings", "NeuralTagger", "WordEncoder", "ft_normalize", "load_neural_tagger"]
