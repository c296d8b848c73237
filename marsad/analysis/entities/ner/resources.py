"""Shipped read-only NER resources: word clusters, gazetteer, clitic splitting; loaded lazily and cached.

Files live in ``marsad/analysis/entities/ner/data/`` (see its ``README.txt`` for sources and licences) and are built by
``scripts/build_ner_resources.py``. Every entry is ``match.v1``-normalized when built and normalized again on load.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from marsad.errors import ConfigError
from marsad.text.normalize import normalize_word

#: Version strings of the shipped resources (bumped when a build changes their content).
CLUSTERS_VERSION = "ner-clusters.v1"
GAZETTEER_VERSION = "ner-gazetteer.v1"
CLUSTERS_FILE = "clusters.v1.tsv.gz"
GAZETTEER_FILE = "gazetteer.v1.tsv.gz"
ORGS_FILE = "organizations.v1.txt"

WAW = "\u0648"  # ARABIC LETTER WAW (conjunction "and")
FEH = "\u0641"  # ARABIC LETTER FEH (conjunction "so")
BEH = "\u0628"  # ARABIC LETTER BEH (preposition "in/with")
LAM = "\u0644"  # ARABIC LETTER LAM (preposition "to/for")
KAF = "\u0643"  # ARABIC LETTER KAF (preposition "like")
ALEF = "\u0627"  # ARABIC LETTER ALEF
AL = ALEF + LAM  # the definite article al-
CONJUNCTIONS = (WAW, FEH)
PREPOSITIONS = (BEH, LAM, KAF)
#: Shortest remainder left after stripping a clitic (two letters: shorter words are not names).
MIN_REST = 2


def data_path(name: str) -> Path:
    """Return the path of a shipped data file of the NER package."""
    return Path(str(resources.files("marsad.analysis.entities.ner") / "data" / name))


def _data_lines(name: str) -> list[str]:
    """Read a shipped UTF-8 (optionally gzipped) data file, without ``#`` comments and blank lines."""
    path = data_path(name)
    if not path.exists():
        raise ConfigError(f"NER data file {path} is missing: run `.venv/bin/python scripts/train_ner.py`")
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True, slots=True)
class WordClusters:
    """Distributional classes of normalized words: ``ids[word]`` = cluster ids (coarse..fine); ``rank`` by frequency."""

    ids: dict[str, tuple[str, ...]]
    rank: dict[str, int]
    version: str = CLUSTERS_VERSION

    def rank_of(self, word: str) -> int:
        """Return the frequency rank of a normalized word (0 = most frequent; ``len(rank)`` when unseen)."""
        return self.rank.get(word, len(self.rank))


@cache
def load_clusters(name: str = CLUSTERS_FILE) -> WordClusters:
    """Load the shipped word clusters (``word<TAB>id1<TAB>id2...`` lines in frequency order)."""
    ids: dict[str, tuple[str, ...]] = {}
    rank: dict[str, int] = {}
    for line in _data_lines(name):
        word, *cols = line.split("\t")
        word = normalize_word(word)
        if word and word not in ids:
            ids[word] = tuple(cols)
            rank[word] = len(rank)
    return WordClusters(ids, rank)


@cache
def load_gazetteer(name: str = GAZETTEER_FILE, orgs: str = ORGS_FILE) -> dict[str, frozenset[str]]:
    """Load the shipped gazetteer (built lists plus the hand-written ORG list): normalized phrase -> types."""
    rows = [line.split("\t", 1) for line in _data_lines(name)]
    rows += [["ORG", line] for line in _data_lines(orgs)]
    table: dict[str, set[str]] = {}
    for etype, phrase in rows:
        key = " ".join(normalize_word(w) for w in phrase.split())
        if key:
            table.setdefault(key, set()).add(etype)
    return {k: frozenset(v) for k, v in table.items()}


def split_clitics(word: str) -> tuple[str, str]:
    """Split a normalized word into (proclitics, rest): w/f, then b/l/k, then al- (``ll-`` is li + al-)."""
    pre, rest = "", word
    if len(rest) - 1 >= MIN_REST + 1 and rest[0] in CONJUNCTIONS:
        pre, rest = rest[0], rest[1:]
    if len(rest) - 1 >= MIN_REST + 1 and rest[0] in PREPOSITIONS:
        if rest[0] == LAM and rest[1] == LAM and len(rest) - 2 >= MIN_REST:
            return pre + LAM + LAM, rest[2:]  # ll- is li + al- with the alef dropped
        pre, rest = pre + rest[0], rest[1:]
    if rest.startswith(AL) and len(rest) - 2 >= MIN_REST:
        pre, rest = pre + AL, rest[2:]
    return pre, rest


def _detach(word: str, clusters: WordClusters) -> bool:
    """Whether the first letter of ``word`` is a proclitic: the remainder is the more frequent word.

    When neither form was seen, only WAW ("and", the commonest proclitic) is detached: unseen foreign names
    often begin with FEH/BEH/LAM/KAF (Vladivostok, Pyongyang) but rarely with WAW.
    """
    r_rest, r_word = clusters.rank_of(word[1:]), clusters.rank_of(word)
    if r_rest == r_word:  # both unseen
        return word[0] == WAW and len(word) > MIN_REST + 2
    return r_rest < r_word


def guided_split(word: str, clusters: WordClusters) -> tuple[str, str]:
    """Split a normalized word like ``split_clitics``, but strip w/f and b/l/k only when the lexicon agrees.

    A proclitic letter goes when the remainder is at least as frequent as the current form (unseen counts as
    least frequent), so Putin and Lebanon keep their first letter; al- (and ll-) is always split off.
    """
    pre, rest = "", word
    for letters in (CONJUNCTIONS, PREPOSITIONS):
        if len(rest) - 1 >= MIN_REST + 1 and rest[0] in letters:
            if rest[0] == LAM and rest[1] == LAM and len(rest) - 2 >= MIN_REST:
                return pre + LAM + LAM, rest[2:]  # ll- is li + al- with the alef dropped
            if _detach(rest, clusters):
                pre, rest = pre + rest[0], rest[1:]
    if rest.startswith(AL) and len(rest) - 2 >= MIN_REST:
        pre, rest = pre + AL, rest[2:]
    return pre, rest


def _known_name(form: str, next_word: str, gazetteer: dict[str, frozenset[str]]) -> bool:
    """Whether ``form`` is a gazetteer name alone, or with the next word (spaced or joined: Pyong Yang)."""
    if form in gazetteer:
        return True
    return bool(next_word) and (form + " " + next_word in gazetteer or form + next_word in gazetteer)


def _long_enough(rest: str) -> bool:
    """Whether a remainder is long enough to be a word of its own (three letters, not counting al-)."""
    core = rest[len(AL) :] if rest.startswith(AL) else rest
    return len(core) >= MIN_REST + 1


def proclitic_length(
    word: str,
    clusters: WordClusters,
    gazetteer: dict[str, frozenset[str]] | None = None,
    next_word: str = "",
) -> int:
    """Return how many leading letters of a word are a detachable proclitic (w/f then b/l/k), lexicon-guided.

    A letter is kept when the current form is a known name (gazetteer, alone or with ``next_word``: Faisal,
    Pyong Yang), stripped when the remainder is a known name (and-Pyongyang), otherwise stripped only when the
    remainder is a more frequent word; a remainder shorter than three letters (al- not counted) is never split.
    """
    norm = normalize_word(word)
    if len(norm) != len(word):  # harakat or other deletions: offsets would not map; keep the word whole
        return 0
    gaz = gazetteer or {}
    nxt = normalize_word(next_word) if next_word else ""
    cut = 0
    for letters in (CONJUNCTIONS, PREPOSITIONS):
        cur, rest = norm[cut:], norm[cut + 1 :]
        if not cur or cur[0] not in letters or not _long_enough(rest):
            continue
        if cur[0] == LAM and rest.startswith(LAM):  # ll = l + al: the article is part of the name's form
            break
        if _known_name(cur, nxt, gaz):
            break
        if _known_name(rest, nxt, gaz) or _detach(cur, clusters):
            cut += 1
    return cut
