"""CRF features for Arabic NER: normalized form, clitics, affixes, shape, word clusters, gazetteer, +-2 window.

Word-local features are computed once per distinct token and kept in a bounded per-extractor cache; window
features reuse the neighbours' precomputed, position-prefixed lists, so a sentence costs list concatenation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from marsad.analysis.ner.resources import AL, CONJUNCTIONS, PREPOSITIONS, WordClusters, guided_split
from marsad.errors import ConfigError
from marsad.text.normalize import normalize_word
from marsad.text.stem import light_stem

FEATURES_VERSION = "ner-features.v1"
#: Longest gazetteer phrase matched, in words (GeoNames names rarely exceed four words).
MAX_PHRASE = 4
_BOS = "-1:BOS"
_EOS = "+1:EOS"
#: Neighbour offsets whose word features a token sees (the +-2 window).
WINDOW = (-2, -1, 1, 2)


@dataclass(frozen=True, slots=True)
class FeatureSettings:
    """Settings of the feature extractor."""

    cache_size: int = 200_000  # distinct tokens kept; a news day has ~100k distinct words
    affix_max: int = 4  # longest prefix/suffix feature (1..4 chars is the usual range for Arabic)

    def __post_init__(self) -> None:
        """Reject sizes that would disable or break the extractor."""
        if self.cache_size < 1:
            raise ConfigError(f"FeatureSettings.cache_size={self.cache_size}: use a positive size such as 200000")
        if not 1 <= self.affix_max <= 6:
            raise ConfigError(f"FeatureSettings.affix_max={self.affix_max}: use 1..6 (4 is the default)")


@dataclass(frozen=True, slots=True)
class WordFeatures:
    """Precomputed features of one token: its own, and the lists it contributes to neighbours at -2..+2."""

    norm: str
    rest: str
    local: tuple[str, ...]
    at: dict[int, tuple[str, ...]]
    gaz_keys: tuple[str, ...]  # forms of this word to try as the first word of a gazetteer phrase
    cls: str  # mid-level cluster id of the word (or of its clitic-free rest), for cluster bigrams


def shape(word: str) -> str:
    """Return a coarse shape class: digit, latin, arabic, punctuation or mixed."""
    if word.isdigit():
        return "D"
    if word.isascii():
        return "L" if word.isalpha() else ("P" if not any(c.isalnum() for c in word) else "M")
    if word.isalpha():
        return "A"
    return "P" if not any(c.isalnum() for c in word) else "M"


def _rank_bucket(rank: int, size: int) -> str:
    """Return a log2 frequency bucket of a vocabulary rank ("unk" for unseen words)."""
    return "unk" if rank >= size else str(int(math.log2(rank + 1)))


@dataclass(slots=True)
class FeatureExtractor:
    """Turns token sequences into CRF feature lists (state lives here: the resources and a per-instance cache)."""

    clusters: WordClusters
    gazetteer: dict[str, frozenset[str]]
    settings: FeatureSettings = field(default_factory=FeatureSettings)
    _cache: dict[str, WordFeatures] = field(default_factory=dict, init=False, repr=False)
    _gaz_first: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        """Index the gazetteer by first word (value: the longest phrase length starting with it)."""
        for phrase in self.gazetteer:
            first, n = phrase.split(" ", 1)[0], phrase.count(" ") + 1
            self._gaz_first[first] = max(n, self._gaz_first.get(first, 0))

    def word(self, token: str) -> WordFeatures:
        """Return the (cached) features of one token."""
        wf = self._cache.get(token)
        if wf is None:
            if len(self._cache) >= self.settings.cache_size:
                self._cache.clear()
            wf = self._cache[token] = self._compute(token)
        return wf

    def _cluster_feats(self, tag: str, word: str) -> list[str]:
        """Return the cluster-id features of ``word`` under feature prefix ``tag``."""
        ids = self.clusters.ids.get(word)
        if ids is None:
            return [tag + "=none"]
        return [f"{tag}{i}={c}" for i, c in enumerate(ids)]

    def _compute(self, token: str) -> WordFeatures:
        """Compute the features of one token."""
        n = normalize_word(token) or token
        pre, rest = guided_split(n, self.clusters)
        shp = shape(n)
        clus = self._cluster_feats("c", n)
        rclus = self._cluster_feats("rc", rest) if rest != n else ["rc=same"]
        local = ["b", "w=" + n, "r=" + rest, "pf=" + pre, "ls=" + light_stem(n), "sh=" + shp]
        local.append("len=" + str(min(len(n), 10)))
        local.append("fq=" + _rank_bucket(self.clusters.rank_of(n), len(self.clusters.rank)))
        local.append("rfq=" + _rank_bucket(self.clusters.rank_of(rest), len(self.clusters.rank)))
        for k in range(1, self.settings.affix_max + 1):
            if len(n) > k:
                local.append(f"p{k}=" + n[:k])
                local.append(f"s{k}=" + n[-k:])
        if rest != n:
            local += [f"rp{k}=" + rest[:k] for k in range(1, 4) if len(rest) > k]
        local.extend(clus)
        local.extend(rclus)
        near = ["w=" + n, "r=" + rest, "pf=" + pre, "sh=" + shp, "s2=" + n[-2:], *clus[1:], *rclus[1:2]]
        far = ["w=" + n, "r=" + rest, *clus[1:2]]
        at = {
            -1: tuple("-1:" + f for f in near),
            1: tuple("+1:" + f for f in near),
            -2: tuple("-2:" + f for f in far),
            2: tuple("+2:" + f for f in far),
        }
        keys = {n, rest, AL + rest}
        if len(n) > 3 and n[0] in CONJUNCTIONS + PREPOSITIONS:
            keys.add(n[1:])
            if len(n) > 4 and n[1] in PREPOSITIONS:
                keys.add(n[2:])
        gaz_keys = tuple(k for k in keys if k in self._gaz_first)
        ids = self.clusters.ids.get(n) or self.clusters.ids.get(rest)
        return WordFeatures(n, rest, tuple(local), at, gaz_keys, ids[1] if ids else "none")

    def gazetteer_marks(self, feats: list[WordFeatures]) -> list[list[str]]:
        """Return per-token gazetteer features ``g=TYPE:B|I|U`` from the longest phrase match at each start."""
        marks: list[list[str]] = [[] for _ in feats]
        n = len(feats)
        for i, wf in enumerate(feats):
            for key in wf.gaz_keys:
                longest = min(self._gaz_first[key], n - i)
                for length in range(longest, 0, -1):
                    phrase = key if length == 1 else key + " " + " ".join(f.norm for f in feats[i + 1 : i + length])
                    types = self.gazetteer.get(phrase)
                    if types is None:
                        continue
                    for t in types:
                        if length == 1:
                            marks[i].append(f"g={t}:U")
                        else:
                            marks[i].append(f"g={t}:B")
                            for j in range(i + 1, i + length):
                                marks[j].append(f"g={t}:I")
                    break
        return marks

    def context(self, feats: list[WordFeatures], marks: list[list[str]], i: int) -> list[str]:
        """Return the sentence-dependent features of token ``i``: boundaries, word bigrams, gazetteer marks."""
        n = len(feats)
        wf = feats[i]
        prev, nxt = (feats[i - 1] if i > 0 else None), (feats[i + 1] if i + 1 < n else None)
        row = [
            "bw=" + (prev.norm if prev else "BOS") + "|" + wf.norm,
            "fw=" + wf.norm + "|" + (nxt.norm if nxt else "EOS"),
            "br=" + (prev.rest if prev else "BOS") + "|" + wf.rest,
            "bc=" + (prev.cls if prev else "BOS") + "|" + wf.cls,
            "fc=" + wf.cls + "|" + (nxt.cls if nxt else "EOS"),
        ]
        if prev is None:
            row.append(_BOS)
        if nxt is None:
            row.append(_EOS)
        row += marks[i]
        if prev is not None:
            row += ["-1:" + m for m in marks[i - 1]]
        if nxt is not None:
            row += ["+1:" + m for m in marks[i + 1]]
        return row

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """Return the CRF feature list of every token of one sentence."""
        feats = [self.word(t) for t in tokens]
        marks = self.gazetteer_marks(feats)
        n = len(feats)
        out: list[list[str]] = []
        for i, wf in enumerate(feats):
            row = list(wf.local)
            for off in WINDOW:
                if 0 <= i + off < n:
                    row += feats[i + off].at[off]
            row += self.context(feats, marks, i)
            out.append(row)
        return out
