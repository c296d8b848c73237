"""Arabic normalization: one rule per small ``str -> str`` function, composed into named, versioned profiles.

The display text is never replaced: callers keep ``text`` and store ``normalize(text)`` beside it, with the
profile name (``match.v1``) so a change of rules is a planned re-index.

Profiles:

``match.v1``
    For matching and search: presentation forms, controls, harakat, tatweel, alef/hamza, alef maqsura,
    teh marbuta, digits, Persian letters, whitespace. Offsets are NOT preserved (characters are deleted).
``align.v1``
    Length-preserving folding (every rule maps one character to exactly one), so an index in the folded
    string is an index in the original. Used by analysers that report ``start``/``end`` offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from marsad.text import chars as C

Rule = Callable[[str], str]

_HARAKAT_RE = re.compile("[" + "".join(sorted(C.HARAKAT)) + "]")
_CONTROLS_RE = re.compile("[" + "".join(sorted(C.CONTROLS)) + "]")
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(C.HARAKAT | C.CONTROLS | {C.TATWEEL})) + "]+")

_ALEF_PAIRS = tuple((c, C.ALEF) for c in sorted(C.ALEF_VARIANTS))
_YEH_PAIRS = ((C.ALEF_MAKSURA, C.YEH), (C.FARSI_YEH, C.YEH))
_HAMZA_CARRIER_PAIRS = ((C.WAW_HAMZA, C.WAW), (C.YEH_HAMZA, C.YEH))
_DIGIT_PAIRS = tuple((d, str(i)) for i, d in enumerate(C.ARABIC_INDIC_DIGITS)) + tuple(
    (d, str(i)) for i, d in enumerate(C.PERSIAN_DIGITS)
)


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """Apply one-character replacements with str.replace (far faster than str.translate on Arabic text)."""
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def fold_presentation_forms(text: str) -> str:
    """Replace Arabic presentation forms (U+FB50..U+FDFF, U+FE70..U+FEFE) by their NFKC letters."""
    if not _PRESENTATION_RE.search(text):  # rare in practice: one scan, then nothing to do
        return text
    return _PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def strip_controls(text: str) -> str:
    """Remove zero-width and bidi controls (ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, isolates, BOM)."""
    return _CONTROLS_RE.sub("", text)


def strip_harakat(text: str) -> str:
    """Remove harakat (short-vowel marks, shadda, sukun, tanween) and Quranic annotation signs."""
    return _HARAKAT_RE.sub("", text)


def strip_invisible(text: str) -> str:
    """Remove harakat, tatweel and zero-width/bidi controls in one pass (the three rules above, fused for speed)."""
    return _INVISIBLE_RE.sub("", text)


def strip_tatweel(text: str) -> str:
    """Remove ARABIC TATWEEL (U+0640), a stretching glyph with no meaning."""
    return text.replace(C.TATWEEL, "")


def normalize_alef(text: str) -> str:
    """Fold alef with madda (U+0622), hamza above (U+0623), hamza below (U+0625) and wasla (U+0671) to ALEF."""
    return _replace_all(text, _ALEF_PAIRS)


def normalize_yeh(text: str) -> str:
    """Fold ALEF MAKSURA (U+0649) and FARSI YEH (U+06CC) to YEH (U+064A); Egyptian sites mix them freely."""
    return _replace_all(text, _YEH_PAIRS)


def normalize_teh_marbuta(text: str) -> str:
    """Fold TEH MARBUTA (U+0629) to HEH (U+0647); sites write final ha for ta marbuta."""
    return text.replace(C.TEH_MARBUTA, C.HEH)


def normalize_hamza_carriers(text: str) -> str:
    """Fold WAW WITH HAMZA (U+0624) to WAW and YEH WITH HAMZA (U+0626) to YEH."""
    return _replace_all(text, _HAMZA_CARRIER_PAIRS)


def normalize_digits(text: str) -> str:
    """Map Arabic-Indic (U+0660..U+0669) and Persian (U+06F0..U+06F9) digits to ASCII digits."""
    return _replace_all(text, _DIGIT_PAIRS)


def normalize_persian_letters(text: str) -> str:
    """Fold KEHEH (U+06A9) to KAF (U+0643)."""
    return text.replace(C.KEHEH, C.KAF)


def collapse_spaces(text: str) -> str:
    """Collapse runs of horizontal white space to one space and trim each line, keeping newlines."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def to_lower(text: str) -> str:
    """Lower-case Latin letters (Arabic has no case)."""
    return text.lower()


def blank_harakat(text: str) -> str:
    """Replace harakat and controls with a space-free placeholder of the same length (TATWEEL), for alignment."""
    text = _HARAKAT_RE.sub(C.TATWEEL, text)
    return _CONTROLS_RE.sub(C.TATWEEL, text)


PROFILES: dict[str, tuple[Rule, ...]] = {
    "match.v1": (
        fold_presentation_forms,
        strip_invisible,
        normalize_alef,
        normalize_yeh,
        normalize_teh_marbuta,
        normalize_hamza_carriers,
        normalize_digits,
        normalize_persian_letters,
        to_lower,
        collapse_spaces,
    ),
    "align.v1": (
        blank_harakat,
        normalize_alef,
        normalize_yeh,
        normalize_teh_marbuta,
        normalize_hamza_carriers,
        normalize_digits,
        normalize_persian_letters,
        to_lower,
    ),
}

#: The profile every stored ``text_norm`` column is built with.
DEFAULT_PROFILE = "match.v1"


def rules(profile: str) -> tuple[Rule, ...]:
    """Return the ordered rules of ``profile``, or raise naming the known profiles."""
    try:
        return PROFILES[profile]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown normalization profile {profile!r}: use one of {known}") from None


def normalize(text: str, profile: str = DEFAULT_PROFILE) -> str:
    """Apply the rules of ``profile`` to ``text`` in order."""
    for rule in rules(profile):
        text = rule(text)
    return text


#: The one-character rules of ``match.v1`` (deletions and folds) as one ``str.translate`` table, for single words.
#: They commute (no rule's output is another's input), so one pass equals the chain; presentation forms (NFKC can
#: produce characters the other rules fold) and white space (collapsing) take the full chain.
_WORD_TABLE = str.maketrans(
    {c: None for c in C.HARAKAT | C.CONTROLS | {C.TATWEEL}}
    | dict(_ALEF_PAIRS + _YEH_PAIRS + _HAMZA_CARRIER_PAIRS + _DIGIT_PAIRS)
    | {C.TEH_MARBUTA: C.HEH, C.KEHEH: C.KAF}
)


def has_presentation_forms(text: str) -> bool:
    """Whether ``text`` has Arabic presentation forms (only the full ``match.v1`` chain folds them, via NFKC)."""
    return _PRESENTATION_RE.search(text) is not None


@lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """Normalize one word with ``match.v1`` (cached: vocabularies are small, texts are long)."""
    if not _PRESENTATION_RE.search(word):
        folded = word.translate(_WORD_TABLE).lower()
        parts = folded.split()
        if len(parts) == 1 and parts[0] == folded:
            return folded
    return normalize(word).strip()


def align(text: str) -> str:
    """Fold ``text`` with the length-preserving ``align.v1`` profile (same length, same offsets)."""
    folded = normalize(text, "align.v1")
    # str.lower can change length for a few non-Arabic characters; fall back to no lowering then.
    if len(folded) != len(text):
        folded = text
        for rule in PROFILES["align.v1"]:
            if rule is not to_lower:
                folded = rule(folded)
    return folded
