"""CRF features for Arabic NER: normalized form, clitics, affixes, shape, word clusters, gazetteer, +-2 window.

Word-local features are computed once per distinct token and kept in a bounded per-extractor cache. The features
a word gives its neighbours are kept unprefixed (``near``/``far``): the tagger looks them up in per-offset indexes
of the model, so no ``-1:...`` name is built at tagging time (``WordFeatures.window`` builds them for training).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.analysis.entities.ner.resources import AL, CONJUNCTIONS, PREPOSITIONS, WordClusters, guided_split
from marsad.errors import ConfigError
from marsad.text.normalize import normalize_word
from marsad.text.stem import light_stem

FEATURES_VERSION = "ner-features.v1"
#: Sentences whose gazetteer marks are remembered (a batch is an article: ~20-60 sentences; 1024 is ample).
MARKS_CACHE = 1024
#: Longest gazetteer phrase matched, in words (GeoNames names rarely exceed four words).
MAX_PHRASE = 4
#: Context features of a sentence's first and last token (no word before / after it).
BOS_FEATURE = "-1:BOS"
EOS_FEATURE = "+1:EOS"
#: Neighbour offsets whose word features a token sees (the +-2 window).
WINDOW = (-2, -1, 1, 2)
#: Attribute-name prefix of a neighbour's features, per offset.
WINDOW_PREFIX = {-2: "-2:", -1: "-1:", 1: "+1:", 2: "+2:"}


@dataclass(frozen=True, slots=True)
class FeatureSettings:
    """Settings of the feature extractor."""

    # distinct tokens kept (their features are ~1 kB each); the 50k commonest words of a news stream carry nearly
    # all of its tokens. 200k made the all-stages ingest of 31k articles peak at 2.2 GB (issue #18: < 1 GB).
    cache_size: int = 25_000
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
    near: tuple[str, ...]  # unprefixed features seen by the neighbours at -1 and +1
    far: tuple[str, ...]  # unprefixed features seen by the neighbours at -2 and +2
    gaz_keys: tuple[str, ...]  # forms of this word to try as the first word of a gazetteer phrase
    cls: str  # mid-level cluster id of the word (or of its clitic-free rest), for cluster bigrams

    def unprefixed(self, off: int) -> tuple[str, ...]:
        """Return the features this word gives its neighbour at ``off``, without the position prefix."""
        return self.near if off in (-1, 1) else self.far

    def window(self, off: int) -> tuple[str, ...]:
        """Return the position-prefixed features this word gives its neighbour at ``off`` (-2, -1, +1 or +2)."""
        prefix = WINDOW_PREFIX[off]
        return tuple(prefix + f for f in self.unprefixed(off))


#: Prebuilt feature names: word length (capped at 10) and prefix/suffix tags by affix length.
_LEN_FEATS = tuple(f"len={k}" for k in range(11))
_AFFIX_TAGS = tuple((f"p{k}=", f"s{k}=") for k in range(7))


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
    return "unk" if rank >= size else str((rank + 1).bit_length() - 1)  # == int(log2(rank + 1)), exactly


@dataclass(slots=True)
class FeatureExtractor:
    """Turns token sequences into CRF feature lists (state lives here: the resources and a per-instance cache)."""

    clusters: WordClusters
    gazetteer: dict[str, frozenset[str]]
    settings: FeatureSettings = field(default_factory=FeatureSettings)
    _cache: dict[str, WordFeatures] = field(default_factory=dict, init=False, repr=False)
    _gaz_first: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _clus_feats: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, init=False, repr=False)
    _marks: dict[tuple[str, ...], list[list[str]]] = field(default_factory=dict, init=False, repr=False)

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

    def clear_cache(self) -> None:
        """Forget the cached per-word features and sentence gazetteer marks."""
        self._cache.clear()
        self._marks.clear()

    def _cluster_feats(self, tag: str, word: str) -> tuple[str, ...]:
        """Return the cluster-id features of ``word`` under feature prefix ``tag`` (strings shared per cluster)."""
        ids = self.clusters.ids.get(word)
        if ids is None:
            return (tag + "=none",)
        key = (tag, "\t".join(ids))
        got = self._clus_feats.get(key)
        if got is None:
            got = self._clus_feats[key] = tuple(f"{tag}{i}={c}" for i, c in enumerate(ids))
        return got

    def _compute(self, token: str) -> WordFeatures:
        """Compute the features of one token."""
        n = normalize_word(token) or token
        pre, rest = guided_split(n, self.clusters)
        shp = shape(n)
        clus = self._cluster_feats("c", n)
        rclus = self._cluster_feats("rc", rest) if rest != n else ("rc=same",)
        rank, size = self.clusters.rank, len(self.clusters.rank)
        w, r = "w=" + n, "r=" + rest
        ls = light_stem(n)
        local = ["b", w, r, "pf=" + pre, "ls=" + ls, "sh=" + shp, _LEN_FEATS[min(len(n), 10)]]
        local.append("fq=" + _rank_bucket(rank.get(n, size), size))
        local.append("rfq=" + _rank_bucket(rank.get(rest, size), size))
        for k in range(1, min(self.settings.affix_max, len(n) - 1) + 1):
            local.append(_AFFIX_TAGS[k][0] + n[:k])
            local.append(_AFFIX_TAGS[k][1] + n[-k:])
        if rest != n:
            local += [f"rp{k}=" + rest[:k] for k in range(1, 4) if len(rest) > k]
        local.extend(clus)
        local.extend(rclus)
        near = (w, r, "pf=" + pre, "sh=" + shp, "s2=" + n[-2:], *clus[1:], *rclus[1:2])
        far = (w, r, *clus[1:2])
        keys = {n, rest, AL + rest}
        if len(n) > 3 and n[0] in CONJUNCTIONS + PREPOSITIONS:
            keys.add(n[1:])
            if len(n) > 4 and n[1] in PREPOSITIONS:
                keys.add(n[2:])
        gaz_keys = tuple(k for k in keys if k in self._gaz_first)
        ids = self.clusters.ids.get(n) or self.clusters.ids.get(rest)
        return WordFeatures(n, rest, tuple(local), near, far, gaz_keys, ids[1] if ids else "none")

    def gazetteer_marks(self, feats: list[WordFeatures]) -> list[list[str]]:
        """Return per-token gazetteer features ``g=TYPE:B|I|U`` (remembered for the sentences of the last batch).

        Both models of the ensemble ask for the marks of the same sentences, one after the other.
        """
        key = tuple(f.norm for f in feats)
        got = self._marks.get(key)
        if got is None:
            if len(self._marks) >= MARKS_CACHE:
                self._marks.clear()
            got = self._marks[key] = self._match_gazetteer(feats)
        return got

    def _match_gazetteer(self, feats: list[WordFeatures]) -> list[list[str]]:
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

    def contexts(self, feats: list[WordFeatures]) -> list[list[str]]:
        """Return the sentence-dependent features of every token: boundaries, word bigrams, gazetteer marks."""
        if not feats:
            return []
        marks = self.gazetteer_marks(feats)
        norms, rests, clss = [f.norm for f in feats], [f.rest for f in feats], [f.cls for f in feats]
        before = [["-1:" + m for m in mk] for mk in marks]  # what each token's marks look like to its successor
        after = [["+1:" + m for m in mk] for mk in marks]
        last = len(feats) - 1
        rows: list[list[str]] = []
        columns = zip(  # each token with its neighbours' forms ("BOS"/"EOS" beyond the edges)
            norms, ["BOS", *norms[:-1]], [*norms[1:], "EOS"], rests, ["BOS", *rests[:-1]],
            clss, ["BOS", *clss[:-1]], [*clss[1:], "EOS"], marks,
            strict=True,
        )  # fmt: skip
        for i, (w, pw, nw, r, pr, c, pc, nc, mk) in enumerate(columns):
            row = ["bw=" + pw + "|" + w, "fw=" + w + "|" + nw, "br=" + pr + "|" + r, "bc=" + pc + "|" + c]
            row.append("fc=" + c + "|" + nc)
            if i == 0:
                row.append(BOS_FEATURE)
            if i == last:
                row.append(EOS_FEATURE)
            row += mk
            if i > 0:
                row += before[i - 1]
            if i < last:
                row += after[i + 1]
            rows.append(row)
        return rows

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """Return the CRF feature list of every token of one sentence."""
        feats = [self.word(t) for t in tokens]
        n = len(feats)
        out: list[list[str]] = []
        for i, (wf, ctx) in enumerate(zip(feats, self.contexts(feats), strict=True)):
            row = list(wf.local)
            for off in WINDOW:
                if 0 <= i + off < n:
                    row += feats[i + off].window(off)
            row += ctx
            out.append(row)
        return out
