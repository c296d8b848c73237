"""TF-IDF term vectors over ``match.v1``-normalized, light-stemmed Arabic words, with a fixed shipped IDF table.

A fixed IDF table (built once by ``scripts/build_idf.py`` from SaudiNewsNet, see ``data/README.txt``) makes
every score independent of the order articles arrive in: the same two texts always get the same similarity,
which is what lets story clustering give identical results in one run or in daily batches.

Vectors are plain ``dict[str, float]`` (stem -> weight), L2-normalized, so the cosine of two vectors is their
dot product and always lies in [0, 1] (weights are non-negative).
"""

from __future__ import annotations

import gzip
import math
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from marsad.errors import ConfigError
from marsad.text.caches import WORD_CACHE_SIZE
from marsad.text.normalize import (
    fold_presentation_forms,
    normalize,
    normalize_word,
    strip_controls,
    strip_harakat,
    strip_tatweel,
)
from marsad.text.stem import light_stem
from marsad.text.stopwords import stopwords_for
from marsad.text.tokenize import words

#: Version of the term-vector recipe (tokens, stemmer, weighting, IDF table); stored with anything built on it.
VECTORS_VERSION = "tfidf-light10-tanween-idf.saudinewsnet.v2"
#: The shipped IDF table (gzip TSV: stem, document frequency), built by scripts/build_idf.py.
IDF_TABLE = "idf.saudinewsnet.v1.tsv.gz"
#: Shortest stem kept as a term (one-letter stems are clitic debris).
MIN_TERM_LEN = 2
#: One-letter proclitics light10 leaves on: BEH, LAM, KAF, FEH.
_PROCLITICS = "\u0628\u0644\u0643\u0641"  # ARABIC LETTER BEH, LAM, KAF, FEH
_WAW = "\u0648"  # ARABIC LETTER WAW (conjunction)
_ALEF = "\u0627"  # ARABIC LETTER ALEF (written indefinite accusative ending, e.g. MASJIDAN, TAFJIRAN)
_YEH_HAMZA_END = "\u064a\u0621"  # ARABIC LETTER YEH + ARABIC LETTER HAMZA (e.g. the emergency-forces spelling)
#: A proclitic is only dropped from words this long (so the rest keeps 4+ letters).
MIN_CONFLATE_LEN = 5
#: The rest must be this many times more frequent than the whole (guards names like FAYSAL; judged on the
#: evals/gold/stories.jsonl dev set).
CONFLATE_RATIO = 2.0

#: Integer ranges read as years (Hijri, Gregorian) and so not as event-distinguishing numbers.
YEAR_RANGES = ((1380, 1500), (1900, 2100))

Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class VectorSettings:
    """How an article becomes a TF-IDF vector."""

    # Title words count this many times as body words: titles name the event (tuned 2-4 on the
    # evals/gold/stories.jsonl dev set: 3 best).
    title_weight: float = 3.0
    # Keep only this many highest-weighted terms per article (bounds memory and time; on the
    # evals/gold/stories.jsonl dev set 100 scores as well as 200, 50 loses 0.03 B-cubed F1).
    max_terms: int = 100
    # Body characters that count fully (the lead names the event); later body words count ``tail_weight``.
    # Tuned on evals/gold/stories.jsonl (B-cubed F1 0.89 at 300/0.5 vs 0.86 for the whole body at weight 1).
    lead_chars: int = 300
    tail_weight: float = 0.5

    def __post_init__(self) -> None:
        """Reject weights and sizes that cannot work."""
        if not self.title_weight >= 0:
            raise ConfigError(f"VectorSettings.title_weight={self.title_weight!r}: use a number >= 0, e.g. 2.0")
        if self.lead_chars < 0:
            raise ConfigError(f"VectorSettings.lead_chars={self.lead_chars!r}: use 0 (whole body) or e.g. 1200")
        if not 0.0 <= self.tail_weight <= 1.0:
            raise ConfigError(f"VectorSettings.tail_weight={self.tail_weight!r}: use a number in [0, 1], e.g. 0.5")
        if self.max_terms < 1:
            raise ConfigError(f"VectorSettings.max_terms={self.max_terms!r}: use an integer >= 1, e.g. 200")


@dataclass(frozen=True, slots=True)
class IdfTable:
    """Document frequencies of stems over a reference corpus, and the IDF derived from them."""

    n_docs: int
    df: Mapping[str, int]
    version: str

    def idf(self, term: str) -> float:
        """Return the smoothed IDF of ``term`` (unseen terms count as seen once)."""
        return math.log((self.n_docs + 1) / (self.df.get(term, 1) + 1)) + 1.0


def _data_text(name: str) -> bytes:
    """Return the bytes of a data file shipped in ``marsad/analysis/data``."""
    return resources.files("marsad.analysis").joinpath("data", name).read_bytes()


@cache
def load_stopwords() -> frozenset[str]:
    """Return the stop words of story vectors (``marsad.text.stopwords``, use ``stories``), ``match.v1``-normalized."""
    return frozenset(normalize_word(word) for word in stopwords_for("stories"))


@cache
def load_idf() -> IdfTable:
    """Return the shipped IDF table (read once; header line ``# n_docs=N version=V``)."""
    text = gzip.decompress(_data_text(IDF_TABLE)).decode("utf-8")
    n_docs, version, df = 0, IDF_TABLE, {}
    for line in text.splitlines():
        if line.startswith("#"):
            for part in line[1:].split():
                key, _, value = part.partition("=")
                if key == "n_docs":
                    n_docs = int(value)
                elif key == "version":
                    version = value
            continue
        stem, _, count = line.partition("\t")
        if stem:
            df[stem] = int(count)
    if n_docs <= 0:
        raise ValueError(f"{IDF_TABLE}: header '# n_docs=N' missing; rebuild it with scripts/build_idf.py")
    return IdfTable(n_docs=n_docs, df=df, version=version)


def _strip_marks(text: str) -> str:
    """Apply the deleting ``match.v1`` rules (presentation forms, controls, harakat, tatweel) to ``text``."""
    return strip_tatweel(strip_harakat(strip_controls(fold_presentation_forms(text))))


def norm_words(text: str) -> list[str]:
    """Return the ``match.v1``-normalized words of raw ``text``, as ``words(normalize(text))`` but faster.

    The deleting rules run on the whole text (they change word boundaries); the one-to-one letter folds run
    per distinct word through the cached ``normalize_word`` (about 10x faster than folding whole texts).
    """
    return [normalize_word(w) for w in words(_strip_marks(text))]


def _light(word: str) -> str | None:
    """Return the light stem of a normalized word, or None for stopwords and debris."""
    stop = load_stopwords()
    if word in stop:
        return None
    stem = light_stem(word)
    if len(stem) < MIN_TERM_LEN or stem in stop:
        return None
    return stem


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _raw_stem(raw_word: str) -> str | None:
    """Return the light stem of one raw word (no proclitic conflation); what the IDF table counts."""
    return _light(normalize(raw_word).strip())


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _term(raw_word: str) -> str | None:
    """Return the term of one raw word: its light stem, conflated over a one-letter proclitic (cached).

    light10 strips no bare ``b-``/``l-``/``k-``/``f-`` proclitic (to spare words such as FAYSAL), so
    BI-ASIR and ASIR would be two terms. The proclitic is dropped when the rest is a word at least
    ``CONFLATE_RATIO`` times more frequent in the IDF table; a trailing HAMZA after YEH is dropped too.
    """
    word = normalize(raw_word).strip()
    if word.endswith(_YEH_HAMZA_END):
        word = word[:-1]
    bare = word.lstrip(_WAW + _PROCLITICS)
    if bare != word and len(word) - len(bare) <= 2 and is_number(bare) and len(bare) >= MIN_TERM_LEN:
        return bare  # a number with a proclitic glued on (BI-21, "by 21 points") is the number
    stem = _light(word)
    if stem is None:
        return None
    df = load_idf().df
    rest = word[2:] if word.startswith(_WAW) and len(word) > 2 and word[1] in _PROCLITICS else word
    if rest[:1] in _PROCLITICS and len(rest) >= MIN_CONFLATE_LEN:
        other = _light(rest[1:])
        if other is not None and df.get(other, 0) >= CONFLATE_RATIO * max(1, df.get(stem, 0)):
            stem = other
    if len(stem) >= MIN_CONFLATE_LEN - 1 and stem.endswith(_ALEF):
        # indefinite accusative (-an written as a final ALEF) left on by light10: MASJIDAN -> MASJID
        other = stem[:-1]
        if other not in load_stopwords() and df.get(other, 0) >= CONFLATE_RATIO * max(1, df.get(stem, 0)):
            stem = other
    return sys.intern(stem)  # one string per term, shared by every story centroid that holds it


def stems(text: str) -> list[str]:
    """Return the light stems of ``text`` without proclitic conflation (used to build the IDF table)."""
    out: list[str] = []
    for word in words(_strip_marks(text)):
        stem = _raw_stem(word)
        if stem is not None:
            out.append(stem)
    return out


def terms(text: str) -> list[str]:
    """Return the content terms of ``text``: normalized words (numbers kept), stopwords dropped, stemmed."""
    out: list[str] = []
    for word in words(_strip_marks(text)):
        term = _term(word)
        if term is not None:
            out.append(term)
    return out


def is_number(term: str) -> bool:
    """Whether a term is a number (digits, possibly with separators), as ``terms`` keeps them."""
    return term[:1].isdigit() and term[-1:].isdigit()


def salient_numbers(text: str) -> frozenset[str]:
    """Return the number terms of ``text`` that can tell events apart: counts, points, amounts, not years.

    Gregorian (1900-2100) and Hijri (1380-1500) year-like integers are dropped: they date, not distinguish.
    """
    out = set()
    for term in terms(text):
        if is_number(term):
            if term.isdigit() and (YEAR_RANGES[0][0] <= int(term) <= YEAR_RANGES[0][1]
                                   or YEAR_RANGES[1][0] <= int(term) <= YEAR_RANGES[1][1]):
                continue
            out.add(term)
    return frozenset(out)


def weigh(counts: Mapping[str, float], idf: IdfTable | None = None, max_terms: int = 200) -> Vector:
    """Turn term counts into an L2-normalized sublinear TF-IDF vector of at most ``max_terms`` terms."""
    table = idf or load_idf()
    raw = {t: (1.0 + math.log(c)) * table.idf(t) for t, c in counts.items() if c > 0}
    if len(raw) > max_terms:
        # ties broken by term so the kept set never depends on dict order
        raw = dict(sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms])
    norm = math.sqrt(sum(w * w for w in raw.values()))
    if norm == 0.0:
        return {}
    return {t: w / norm for t, w in raw.items()}


def article_counts(title: str, body: str, settings: VectorSettings = VectorSettings()) -> Counter[str]:
    """Return the term counts of an article, title terms counted ``settings.title_weight`` times."""
    if settings.lead_chars and len(body) > settings.lead_chars:
        cut = body.rfind(" ", 0, settings.lead_chars)
        cut = cut if cut > 0 else settings.lead_chars
        counts: Counter[str] = Counter(terms(body[:cut]))
        if settings.tail_weight:
            for t in terms(body[cut:]):
                counts[t] += settings.tail_weight
    else:
        counts = Counter(terms(body))
    if settings.title_weight:
        for t in terms(title):
            counts[t] += settings.title_weight
    return counts


def article_vector(title: str, body: str, settings: VectorSettings = VectorSettings()) -> Vector:
    """Return the TF-IDF vector of an article (title and body)."""
    return weigh(article_counts(title, body, settings), max_terms=settings.max_terms)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the cosine of two L2-normalized non-negative vectors, clipped to [0, 1]."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    return min(1.0, max(0.0, dot))


def normalized(vec: Mapping[str, float]) -> Vector:
    """Return ``vec`` scaled to unit L2 norm (empty stays empty)."""
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {t: w / norm for t, w in vec.items()} if norm else {}


def top_terms(vec: Mapping[str, float], k: int) -> list[str]:
    """Return the ``k`` highest-weighted terms of ``vec`` (ties by term, so the order is deterministic)."""
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def shared_terms(a: Mapping[str, float], b: Mapping[str, float], k: int = 10) -> list[str]:
    """Return up to ``k`` terms both vectors contain, by their contribution to the cosine."""
    common = [(a[t] * b[t], t) for t in a.keys() & b.keys()]
    return [t for _, t in sorted(common, key=lambda x: (-x[0], x[1]))[:k]]


def iter_stems(texts: Iterable[str]) -> Iterable[list[str]]:
    """Yield ``stems(text)`` for each text (used by ``scripts/build_idf.py``)."""
    for text in texts:
        yield stems(text)
