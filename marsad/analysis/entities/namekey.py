"""Transliteration-aware name keys and name similarity for Arabic spellings of (mostly foreign) names.

Arabic outlets spell one name many ways: \u0643\u064a\u0645 \u062c\u0648\u0646\u063a / \u0643\u064a\u0645 \u062c\u0648\u0646\u062c
(g written with ghain or jeem), \u0628\u064a\u0648\u0646\u063a \u064a\u0627\u0646\u063a /
\u0628\u064a\u0648\u0646\u063a\u064a\u0627\u0646\u063a (split or joined), \u0633\u064a\u0631\u062c\u0649 /
\u0633\u064a\u0631\u062c\u064a (alef maksura). ``name_key`` folds these to one string; ``name_similarity`` scores
two names token by token for the fuzzier cases (an added or dropped long vowel, a misread letter), with a guard:
two *different* known Arabic given names (\u0633\u0644\u0645\u0627\u0646 / \u0633\u0644\u064a\u0645\u0627\u0646) never
count as similar, however close their letters.

Steps of the key: ``match.v1`` normalization; leading titles and roles stripped (``data/gazetteer/titles.txt``,
with the definite adjectives that follow a title: "the Russian president"); clitics \u0648/\u0628/\u0644 + \u0627\u0644
stripped; g-letters (jeem, ghain, qaf, kaf, gaf) folded to ``g``; hamza dropped; then, on the name with its spaces
removed (so compounds join), the long vowels alef and waw dropped after the first letter, and yeh dropped where it
touches another long vowel (a glide in \u064a\u0648 / \u0627\u064a, not the consonant of \u0633\u0644\u064a\u0645\u0627\u0646).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance.Levenshtein import distance as _edit_distance

from marsad.text.normalize import normalize_word
from marsad.text.tokenize import words

#: Version of the key and similarity rules; stored with every entity id built from them.
NAMEKEY_VERSION = "namekey.v4"  # v4: joined compounds (abd-, abu-) with other names after the particle differ; v3: family names must match closely; a final alef makes another name

ALEF = "\u0627"  # ARABIC LETTER ALEF
WAW = "\u0648"  # ARABIC LETTER WAW
YEH = "\u064a"  # ARABIC LETTER YEH
HAMZA = "\u0621"  # ARABIC LETTER HAMZA
DEFINITE = "\u0627\u0644"  # ALEF LAM: the article al-
#: Proclitics written before al- or a name: WAW (and), BEH (with), LAM (to), FEH (so), KAF (like).
PROCLITICS = ("\u0648", "\u0628", "\u0644", "\u0641", "\u0643")
LAM_LAM = "\u0644\u0644"  # LAM LAM: li- + al- contracted
#: Letters that Arabic transliterations use for a hard g: JEEM, GHAIN, QAF, KAF, GAF (Persian), and the
#: Maghrebi QAF WITH THREE DOTS ABOVE (U+06A8).
G_LETTERS = frozenset({"\u062c", "\u063a", "\u0642", "\u0643", "\u06af", "\u06a8"})
G_SYMBOL = "g"
#: Letters folded to one base: PEH -> BEH, VEH -> FEH, TCHEH -> JEEM (then g), and TAH -> TEH (a foreign t
#: is written either way: \u0625\u0633\u0637\u0646\u0628\u0648\u0644 / \u0627\u0633\u062a\u0627\u0646\u0628\u0648\u0644).
FOREIGN_LETTERS = {"\u067e": "\u0628", "\u06a4": "\u0641", "\u0686": "\u062c", "\u0637": "\u062a"}
LONG_VOWELS = frozenset({ALEF, WAW, YEH})
#: Name particles joined to the next token so "\u0639\u0628\u062f \u0627\u0644\u0644\u0647" ==
#: "\u0639\u0628\u062f\u0627\u0644\u0644\u0647": ABD (servant of), ABU (father of).
JOINING_PARTICLES = frozenset({"\u0639\u0628\u062f", "\u0627\u0628\u0648"})
#: Patronymic particles, normalized to BIN: IBN, BIN (son of), BINT (daughter of) kept apart.
IBN = "\u0627\u0628\u0646"  # ALEF BEH NOON
BIN = "\u0628\u0646"  # BEH NOON
BINT = "\u0628\u0646\u062a"  # BEH NOON TEH
PATRONYMICS = frozenset({BIN, BINT})
#: A token whose similarity is below this makes two names different people, whatever the other tokens say
#: (tuned on evals/gold/entity_groups.tsv: separates \u0625\u064a\u0644 / \u0623\u0648\u0646 in Kim Jong Il / Un).
TOKEN_FLOOR = 0.6
#: Least similarity of the last tokens of two names of several words (the family name) for the names to be one:
#: John Kerry / John Kelly share the given name and differ in one consonant the key does not fold (0.75);
#: transliteration variants of a family name score 0.9 or more (set by hand, the gold groups all pass).
LAST_TOKEN_FLOOR = 0.85
#: Similarity given to two tokens whose vowel-free skeletons and last letters are equal (Vladimir with or
#: without yeh); the last letter keeps Niger / Nigeria apart (tuned on evals/gold/entity_groups.tsv).
SKELETON_MATCH = 0.9
#: Largest share of letters two names with equal keys may differ by before the key match is distrusted
#: (vowel dropping makes \u0646\u064a\u0648\u064a\u0648\u0631\u0643 (New York) and
#: \u0627\u0644\u0646\u0631\u0648\u064a\u062c (Norway) share a key; tuned on evals/gold/entity_groups.tsv).
KEY_MAX_DIFF = 0.34
#: The most a partial name scores (two names two or more tokens apart): half the share of the longer one's tokens
#: that the shorter one covers, so a partial name never links by similarity alone.
PARTIAL_NAME_CEILING = 0.5
#: Fewest tokens a name needs before a "bin X" lineage can extend it (\u0639\u0628\u062f\u0627\u0644\u0644\u0647
#: alone is thousands of people; \u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646 has 3; set by hand).
MIN_LINEAGE_PREFIX = 2
#: Shortest key a look-up may match with added or dropped vowels; shorter keys need equal folded letters
#: (three consonants left too many names alike in the gazetteer: George / Karaj; set by hand on the seeds).
MIN_FUZZY_KEY = 4
#: Shortest remainder left after stripping al- or a proclitic, so short names (\u0627\u0644\u0644\u0647) survive.
MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name split into its role (stripped titles), display tokens and normalized name tokens."""

    role: str
    display: str
    tokens: tuple[str, ...]


def _data_text(name: str) -> str:
    """Return the UTF-8 text of a shipped file under ``marsad/analysis/data/gazetteer`` (gunzipped if .gz)."""
    raw = resources.files("marsad.analysis").joinpath("data", "gazetteer", name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw.decode("utf-8")


def data_lines(name: str) -> list[str]:
    """Return the non-empty, non-comment lines of a shipped gazetteer data file."""
    lines = (line.strip().lstrip("\ufeff") for line in _data_text(name).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def titles() -> tuple[tuple[str, ...], ...]:
    """Return the shipped titles as normalized token tuples, longest first."""
    found = {tuple(normalize_word(w) for w in words(line)) for line in data_lines("titles.txt")}
    return tuple(sorted((t for t in found if t), key=lambda t: (-len(t), t)))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Return the normalized known Arabic-script given names (guard against merging two different names)."""
    return frozenset(normalize_word(line) for line in data_lines("given_names.txt.gz"))


def _strip_definite(token: str) -> str:
    """Remove a leading al- (and wal-/bal-/lil- forms) from a normalized token when enough remains."""
    for clitic in ("",) + PROCLITICS:
        prefix = clitic + DEFINITE
        if token.startswith(prefix) and len(token) - len(prefix) >= MIN_STEM:
            return token[len(prefix) :]
    if token.startswith(LAM_LAM) and len(token) - 2 >= MIN_STEM:
        return token[2:]
    return token


def strip_proclitic(token: str) -> str | None:
    """Return ``token`` without a one-letter proclitic (wa-, bi-, li-, fa-, ka-), or None when none can go."""
    if token[:1] in PROCLITICS and len(token) - 1 >= MIN_STEM:
        return token[1:]
    return None


def _strip_title(tokens: list[str]) -> tuple[list[str], int]:
    """Strip leading titles and the definite words that follow them; return the rest and how many went."""
    i = 0
    stripped = True
    by_first = _titles_by_first()
    while stripped and i < len(tokens) - 1:
        stripped = False
        first = _strip_proclitic_title(tokens[i : i + 1])[0]
        for title in by_first.get(first, ()):
            n = len(title)
            if n < len(tokens) - i + 1 and (first, *tokens[i + 1 : i + n]) == title:
                i += n
                stripped = True
                break
        if stripped:
            # definite words after a title qualify it: "the Russian", "foreign (ministry)", "the Kremlin"
            while i < len(tokens) - 1 and tokens[i].startswith(DEFINITE) and tokens[i] not in JOINING_PARTICLES:
                i += 1
    return tokens[i:], i


def title_words(tokens: list[str]) -> int:
    """How many leading normalized ``tokens`` are titles and the definite words qualifying them (0 when none)."""
    return _strip_title(tokens)[1]


@lru_cache(maxsize=1)
def _titles_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The titles grouped by their first token, longest first within a group (same order as ``titles()``)."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for title in titles():
        groups.setdefault(title[0], []).append(title)
    return {first: tuple(group) for first, group in groups.items()}


def _strip_proclitic_title(tokens: list[str]) -> list[str]:
    """Return ``tokens`` with a wa-/bi-/li- proclitic dropped from the first when it precedes al- (wal-rais)."""
    if tokens and tokens[0][:1] in PROCLITICS and tokens[0][1:].startswith(DEFINITE):
        return [tokens[0][1:]] + tokens[1:]
    return tokens


@lru_cache(maxsize=32768)
def split_name(name: str) -> NameParts:
    """Split ``name`` into role, display name (titles removed) and normalized, particle-joined name tokens."""
    raw = words(name)
    norm = [normalize_word(w) for w in raw]
    rest, n_title = _strip_title(norm)
    role = " ".join(raw[:n_title])
    display = " ".join(raw[n_title:])
    out: list[str] = []
    for tok in rest:
        if tok == IBN:
            tok = BIN
        if tok == DEFINITE:  # the family particle "aal" (ALEF WITH MADDA LAM) normalizes to al-; drop it
            continue
        if out and out[-1] in JOINING_PARTICLES:  # keep al-: "abd al-aziz" spells "abdulaziz"
            out[-1] = out[-1] + tok
        else:
            out.append(_strip_definite(tok))
    return NameParts(role=role, display=display, tokens=tuple(out))


@lru_cache(maxsize=65536)  # pure; called several times per token pair scored
def fold_letters(text: str) -> str:
    """Fold g-letters to ``g``, foreign letters to their base, and drop hamza (normalized input)."""
    out = []
    for ch in text:
        ch = FOREIGN_LETTERS.get(ch, ch)
        if ch in G_LETTERS:
            out.append(G_SYMBOL)
        elif ch != HAMZA:
            out.append(ch)
    return "".join(out)


def drop_vowels(text: str) -> str:
    """Drop alef and waw after the first letter, and yeh where it touches another long vowel."""
    out = [text[:1]]
    for i in range(1, len(text)):
        ch = text[i]
        if ch in (ALEF, WAW):
            continue
        if ch == YEH and (text[i - 1] in LONG_VOWELS or text[i + 1 : i + 2] in (ALEF, WAW)):
            continue
        out.append(ch)
    return "".join(out)


def skeleton(text: str) -> str:
    """Drop every long vowel after the first letter (the loosest form, used only to score similarity)."""
    return text[:1] + "".join(ch for ch in text[1:] if ch not in LONG_VOWELS)


@lru_cache(maxsize=32768)
def token_key(token: str) -> str:
    """Return the key of one normalized name token (folded letters, long vowels dropped)."""
    return drop_vowels(fold_letters(token))


@lru_cache(maxsize=32768)
def name_key(name: str) -> str:
    """Return the transliteration-aware key of ``name``: equal keys spell the same name."""
    tokens = split_name(name).tokens
    return drop_vowels(fold_letters("".join(tokens)))


def _close_spellings(a: str, b: str) -> bool:
    """True when the letter-folded spellings differ in at most ``KEY_MAX_DIFF`` of their letters."""
    fa, fb = fold_letters(a), fold_letters(b)
    return levenshtein(fa, fb) <= KEY_MAX_DIFF * max(len(fa), len(fb))


@lru_cache(maxsize=32768)  # pure; names recur across mentions and articles, so most calls are repeats
def _token_similarity(a: str, b: str, lexicon: frozenset[str]) -> float:
    """Score two normalized name tokens in [0, 1]; two different known given names score 0."""
    if a == b:
        return 1.0
    if a in lexicon and b in lexicon:
        return 0.0
    if compounds_differ(a, b):
        return 0.0
    if final_alef_differs(a, b):
        return 0.0
    ka, kb = token_key(a), token_key(b)
    if ka == kb:
        if _close_spellings(a, b):
            return 1.0
        ka, kb = fold_letters(a), fold_letters(b)  # equal keys, distant letters: score the letters
    elif suffix_differs(ka, kb):
        return 0.0
    score = 1.0 - levenshtein(ka, kb) / max(len(ka), len(kb))
    if skeleton(ka) == skeleton(kb) and a[-1] == b[-1]:
        score = max(score, SKELETON_MATCH)
    return score


def compounds_differ(a: str, b: str) -> bool:
    """True when two joined compound names share their particle but not the name after it: another given name.

    Abdullah / Abdulilah, Abdulmajid / Abdulmohsen (joined by ``split_name``): the key drops the long
    vowels that tell them apart, and the given-name list holds "abd" alone, so the letters after the particle decide.
    """
    for particle in JOINING_PARTICLES:
        n = len(particle)
        if a.startswith(particle) and b.startswith(particle) and min(len(a), len(b)) >= n + 2:
            return fold_letters(a[n:]) != fold_letters(b[n:])
    return False


def final_alef_differs(a: str, b: str) -> bool:
    """True when one token is the other plus a final alef (or alef hamza): another name, not another spelling.

    \u0627\u0644\u0633\u0648\u064a\u062f / \u0627\u0644\u0633\u0648\u064a\u062f\u0627\u0621 (Sweden / Sweida),
    \u0627\u0644\u0643\u0648\u064a\u062a / \u0643\u0648\u064a\u062a\u0627 (Kuwait / Quetta),
    \u0631\u0648\u0645\u0627 / \u0631\u0648\u0645 (Rome / the Byzantines): the key drops the alef, the name keeps it.
    """
    fa, fb = fold_letters(a), fold_letters(b)
    short, long_ = sorted((fa, fb), key=len)
    return len(short) >= MIN_STEM and long_ == short + ALEF


def suffix_differs(ka: str, kb: str) -> bool:
    """True when two different token keys share their stem but end in different letters (family names).

    \u0627\u0644\u0631\u0628\u064a\u0639\u0629 / \u0627\u0644\u0631\u0628\u064a\u0639\u0627\u0646
    (al-Rabiah / al-Rabiaan), \u0646\u064a\u062c\u0631 / \u0646\u064a\u062c\u064a\u0631\u064a\u0627
    (Niger / Nigeria): an added or changed last consonant makes another name, not another spelling.
    """
    if ka == kb or ka[-1:] == kb[-1:] or min(len(ka), len(kb)) < MIN_STEM:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return long_.startswith(short) or (len(ka) == len(kb) and ka[:-1] == kb[:-1])


def _aligned_similarity(ta: tuple[str, ...], tb: tuple[str, ...], lexicon: frozenset[str]) -> float:
    """Score two token sequences of equal length: the mean, or the worst token when it is below the floor."""
    scores = [_token_similarity(a, b, lexicon) for a, b in zip(ta, tb, strict=True)]
    worst = min(scores)
    if worst < TOKEN_FLOOR:
        return worst
    if len(scores) > 1 and scores[-1] < LAST_TOKEN_FLOOR:
        return scores[-1]  # the family name differs: another person with the same given name (Kerry / Kelly)
    return sum(scores) / len(scores)


def _joined_variants(tokens: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """Return ``tokens`` with each pair of neighbours joined once (a compound written split or joined).

    A pair is joined only when both halves leave a trace in the joined key: "\u064a\u0648" (Yo) would vanish
    into "\u0643\u064a\u0645\u064a\u0648" and make Kim Yo Jong a spelling of Kim Jong.
    """
    out = []
    for i in range(len(tokens) - 1):
        joined = tokens[i] + tokens[i + 1]
        if token_key(joined) not in (token_key(tokens[i]), token_key(tokens[i + 1])):
            out.append((i, tokens[:i] + (joined,) + tokens[i + 2 :]))
    return out


def _compound_similarity(short: tuple[str, ...], long_: tuple[str, ...], lexicon: frozenset[str]) -> float:
    """Score ``short`` against ``long_`` with one pair of ``long_`` joined; the joined token must match closely."""
    best = 0.0
    for i, joined in _joined_variants(long_):
        if _token_similarity(short[i], joined[i], lexicon) >= SKELETON_MATCH:
            best = max(best, _aligned_similarity(short, joined, lexicon))
    return best


@lru_cache(maxsize=32768)  # bounded: 262,144 pairs held ~100 MB on a 31k-article ingest
def token_similarity(ta: tuple[str, ...], tb: tuple[str, ...], lexicon: frozenset[str] | None = None) -> float:
    """Score two normalized name-token sequences in [0, 1], joining split compounds when counts differ by one."""
    if not ta or not tb:
        return 0.0
    lexicon = given_names() if lexicon is None else lexicon
    if len(ta) == len(tb):
        return _aligned_similarity(ta, tb, lexicon)
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(long_) - len(short) == 1:
        joined = _compound_similarity(short, long_, lexicon)
        if joined >= TOKEN_FLOOR:
            return joined
    # a partial name: the share of tokens of the longer name that the shorter one covers exactly
    return sum(1 for t in short if t in long_) / len(long_) * PARTIAL_NAME_CEILING


def can_reach(ta: tuple[str, ...], tb: tuple[str, ...], threshold: float) -> bool:
    """False when ``token_similarity(ta, tb)`` is certainly below ``threshold``, found by cheap tests only.

    Names two or more tokens apart score at most ``PARTIAL_NAME_CEILING`` (a partial name); names of one length
    (two tokens or more) whose last tokens score below ``LAST_TOKEN_FLOOR`` score below it too (one token pair
    instead of all of them). A threshold at or under those bounds makes every pair worth scoring.
    """
    if threshold > PARTIAL_NAME_CEILING and abs(len(ta) - len(tb)) >= 2:
        return False
    return not (threshold >= LAST_TOKEN_FLOOR and len(ta) == len(tb) > 1
                and _token_similarity(ta[-1], tb[-1], given_names()) < LAST_TOKEN_FLOOR)


def extends_lineage(ta: tuple[str, ...], tb: tuple[str, ...], threshold: float) -> bool:
    """True when one name is the other with a "bin X" lineage after it or before the family name (\u0639\u0628\u062f\u0627\u0644\u0644\u0647
    \u0627\u0644\u062b\u0627\u0646\u064a / ... \u0628\u0646 \u0627\u0644\u062d\u0633\u064a\u0646).

    The shorter name needs ``MIN_LINEAGE_PREFIX`` tokens (a lone given name is too common) and must match the
    longer one's start at ``threshold``; the token after it must be bin/bint.
    """
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    n = len(short)
    if n < MIN_LINEAGE_PREFIX:
        return False
    head, family = short[:-1], short[-1:]
    if len(long_) < n + 2:
        return False
    if long_[n] in PATRONYMICS and token_similarity(short, long_[:n]) >= threshold:
        return True
    # the lineage inside: \u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u0631\u0628\u064a\u0639\u0629 /
    # \u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632 \u0627\u0644\u0631\u0628\u064a\u0639\u0629
    return (
        long_[n - 1] in PATRONYMICS
        and long_[-2] not in PATRONYMICS  # a family name, not a grandfather (bin Nayef bin Salman)
        and family[0] not in PATRONYMICS
        and token_similarity(head, long_[: n - 1]) >= threshold
        and token_similarity(family, long_[-1:]) >= threshold
    )


def drops_middle_name(a: str, b: str, threshold: float) -> bool:
    """True when Arabic name ``a`` or ``b`` is the other without its middle (father's) name.

    \u0633\u0644\u064a\u0645\u0627\u0646 \u0627\u0644\u0623\u0633\u062f / \u0633\u0644\u064a\u0645\u0627\u0646
    \u0647\u0644\u0627\u0644 \u0627\u0644\u0623\u0633\u062f; only with an al- family name, so Kim Jong is
    not Kim Yo Jong.
    """
    pa, pb = split_name(a), split_name(b)
    short, long_ = (pa, pb) if len(pa.tokens) < len(pb.tokens) else (pb, pa)
    if len(short.tokens) != 2 or len(long_.tokens) != 3 or PATRONYMICS.intersection(long_.tokens):
        return False
    if not all(has_definite(p.display) for p in (short, long_)):
        return False
    return (
        token_similarity(short.tokens[:1], long_.tokens[:1]) >= threshold
        and token_similarity(short.tokens[-1:], long_.tokens[-1:]) >= threshold
    )


def has_definite(display: str) -> bool:
    """True when the last word of ``display`` starts with al- (an Arabic family name)."""
    last = words(display)[-1:] if display else []
    return bool(last) and normalize_word(last[0]).startswith(DEFINITE)


def name_similarity(a: str, b: str) -> float:
    """Score how likely names ``a`` and ``b`` spell the same name, in [0, 1] (1: same key)."""
    pa, pb = split_name(a), split_name(b)
    lexicon = given_names()
    same_shape = len(pa.tokens) == len(pb.tokens)
    if same_shape and name_key(a) == name_key(b) and not _known_names_differ(pa.tokens, pb.tokens, lexicon):
        if _close_spellings("".join(pa.tokens), "".join(pb.tokens)):
            return 1.0
    return token_similarity(pa.tokens, pb.tokens, lexicon)


def _known_names_differ(ta: tuple[str, ...], tb: tuple[str, ...], lexicon: frozenset[str]) -> bool:
    """True when aligned tokens are two different names whose keys agree by accident.

    Two different known given names, or one token with a final alef the other lacks (Sweden / Sweida).
    """
    if len(ta) != len(tb):
        return False
    return any(
        a != b and ((a in lexicon and b in lexicon) or final_alef_differs(a, b)) for a, b in zip(ta, tb, strict=True)
    )


def same_spelling(a: str, b: str) -> bool:
    """True when names ``a`` and ``b`` have one key and differ only by added or dropped long vowels and spaces.

    The strict test of a look-up (George is not Georgia: the last letters must agree): a changed vowel (\u0643\u0648\u0631\u064a\u0627 Korea /
    \u0643\u0648\u0631\u0648\u0627 Corua) is another name, though the vowel-free keys agree.
    """
    pa, pb = split_name(a), split_name(b)
    if not pa.tokens or name_key(a) != name_key(b) or _known_names_differ(pa.tokens, pb.tokens, given_names()):
        return False
    fa, fb = fold_letters("".join(pa.tokens)), fold_letters("".join(pb.tokens))
    if fa[-1] != fb[-1]:  # an added ending makes another name: \u062c\u0648\u0631\u062c / \u062c\u0648\u0631\u062c\u064a\u0627
        return False
    if fa == fb:
        return True
    if len(pa.tokens) != len(pb.tokens) or len(name_key(a)) < MIN_FUZZY_KEY:  # Kim Jong / Kim Yo Jong  # short names: \u062c\u0648\u0631\u062c (George) / \u0643\u0631\u062c (Karaj)
        return False
    distance = levenshtein(fa, fb)
    if distance != abs(len(fa) - len(fb)) or distance > KEY_MAX_DIFF * max(len(fa), len(fb)):
        return False
    # KAF and QAF both stand for a foreign "g", but a KAF/QAF swap with nothing else changed is two native
    # words (\u0634\u0631\u0643\u0629 company / \u0627\u0644\u0634\u0627\u0631\u0642\u0629 Sharjah): score again with KAF kept apart.
    ka, kb = _keep_kaf("".join(pa.tokens)), _keep_kaf("".join(pb.tokens))
    return levenshtein(ka, kb) == abs(len(ka) - len(kb))


def _keep_kaf(text: str) -> str:
    """``fold_letters`` with ARABIC LETTER KAF (U+0643) left distinct from the other g-letters."""
    return fold_letters(text.replace("\u0643", "k"))


def levenshtein(a: str, b: str) -> int:
    """Return the edit distance between ``a`` and ``b`` (insertions, deletions, substitutions; rapidfuzz, in C)."""
    return _edit_distance(a, b)
