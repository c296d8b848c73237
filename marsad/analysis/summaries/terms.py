"""Sentence units, content terms and TF-IDF vectors for the extractive summarizer.

Sentences come from the package's one splitter, :func:`marsad.text.sentences.split_sentences` (it also cuts
where a full stop is glued to the next word, common in EASC and web copy); a summary joins a sentence ending in the
Arabic semicolon to the next one of its paragraph (Saudi copy uses it between clauses: a summary sentence ending
"... \u0623\u0646 \u0632\u064a\u0627\u0631\u0629 \u0627\u0644\u0623\u0645\u064a\u0631\u061b" says nothing). Terms are ``match.v1``-normalized
words minus a stop-word list, light-stemmed. Document frequencies are counted on the fly from the input, optionally on top of a background table.
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from marsad.errors import ConfigError
from marsad.text.normalize import normalize_word
from marsad.text.stem import light_stem
from marsad.text.stopwords import stopwords_for
from marsad.text.sentences import Sentence
from marsad.text.sentences import split_sentences as split_text

#: ARABIC SEMICOLON: a clause joiner in Saudi news copy, not the end of a summary sentence.
ARABIC_SEMICOLON = "\u061b"
from marsad.text.tokenize import words

__all__ = ["BackgroundIdf", "Sentence", "content_terms", "cosine", "idf_table", "split_sentences", "stopwords", "tfidf"]

Vector = dict[str, float]


def split_sentences(text: str) -> list[Sentence]:
    """Return the summary units of ``text``: the splitter's sentences, one ending in "\u061b" joined to the next one
    of its paragraph (every unit is still a span of ``text``)."""
    out: list[Sentence] = []
    for sent in split_text(text):
        if out and out[-1].text.endswith(ARABIC_SEMICOLON) and "\n" not in text[out[-1].end : sent.start]:
            start = out[-1].start
            out[-1] = Sentence(text[start : sent.end], start, sent.end)
        else:
            out.append(sent)
    return out


@cache
def stopwords() -> frozenset[str]:
    """Return the stop words of summary scoring (``marsad.text.stopwords``, use ``summaries``), normalized."""
    return frozenset(normalize_word(w) for w in stopwords_for("summaries"))


def content_terms(text: str) -> list[str]:
    """Return the light-stemmed content words of ``text`` (stop words, digits and 1-letter words dropped)."""
    stops = stopwords()
    out: list[str] = []
    for word in words(text):
        norm = normalize_word(word)
        if len(norm) < 2 or norm in stops or norm.isdigit():
            continue
        out.append(light_stem(norm))
    return out


@dataclass(frozen=True)
class BackgroundIdf:
    """Document frequencies of light stems over a background corpus (e.g. ``idf.saudinewsnet.v1``)."""

    n_docs: int
    df: Mapping[str, int] = field(default_factory=dict)
    version: str = "idf.custom"

    def __post_init__(self) -> None:
        """Reject an empty corpus size."""
        if self.n_docs < 1:
            raise ConfigError(f"BackgroundIdf.n_docs={self.n_docs}: pass the number of background documents (>= 1)")

    @classmethod
    def from_word_counts(cls, n_docs: int, df_by_word: Iterable[tuple[str, int]], version: str) -> BackgroundIdf:
        """Build a table from (word, df) pairs: words are normalized and light-stemmed, a stem keeps its max df."""
        df: dict[str, int] = {}
        for word, count in df_by_word:
            norm = normalize_word(word)
            if norm:
                stem = light_stem(norm)
                df[stem] = max(df.get(stem, 0), int(count))
        return cls(n_docs, df, version)


def load_background_idf(path: str | Path, version: str | None = None) -> BackgroundIdf:
    """Read a ``word<TAB>df`` table (``.tsv`` or ``.tsv.gz``) whose ``#docs<TAB>N`` line gives the corpus size."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    n_docs = 0
    pairs: list[tuple[str, int]] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "#docs" and len(parts) == 2:
                n_docs = int(parts[1])
            elif len(parts) >= 2 and not parts[0].startswith("#") and parts[1].isdigit():
                pairs.append((parts[0], int(parts[1])))
    if n_docs < 1:
        raise ConfigError(f"{path}: no '#docs<TAB>N' line giving the corpus size; add one")
    return BackgroundIdf.from_word_counts(n_docs, pairs, version or path.name.split(".tsv")[0])


def idf_table(
    units: list[list[str]], docs: list[set[str]], background: BackgroundIdf | None
) -> dict[str, float]:
    """Return smoothed IDF per term: over sentence ``units`` alone, or over ``docs`` plus the ``background``."""
    if background is None:
        df = Counter(t for terms in units for t in set(terms))
        n = len(units)
    else:
        df = Counter(t for terms in docs for t in terms)
        for term in df:
            df[term] += background.df.get(term, 0)
        n = len(docs) + background.n_docs
    return {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}


def tfidf(terms: Iterable[str], idf: Mapping[str, float]) -> Vector:
    """Return the L2-normalized ``(1 + log tf) * idf`` vector of ``terms`` (empty when there are none)."""
    counts = Counter(terms)
    vec = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {t: w / norm for t, w in vec.items()} if norm > 0 else {}


def cosine(a: Vector, b: Vector) -> float:
    """Return the dot product of two L2-normalized sparse vectors (their cosine)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
