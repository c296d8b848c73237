"""Snippets: a window of the article's *original* text around the best match, with the matched words' offsets."""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.text import chars as C
from marsad.text.normalize import align, has_presentation_forms, normalize_word
from marsad.text.searchterms import CLITIC_PREFIXES, base_form, stem_form
from marsad.text.tokenize import iter_word_matches

TATWEEL = C.TATWEEL  # U+0640 ARABIC TATWEEL: what ``align`` leaves where a diacritic was
#: Words in a snippet window.
SNIPPET_WORDS = 30
#: Words of context shown before the first match of the window.
LEAD_WORDS = 8
#: Characters of the body scanned for the best window (long articles: the match is almost always early).
SCAN_CHARS = 20_000


@lru_cache(maxsize=100_000)
def word_forms(word: str) -> frozenset[str]:
    """The forms a text word is matched by: normalized, base and stem, also with a one-letter clitic run removed."""
    norm = normalize_word(word)
    forms = {norm, base_form(norm), stem_form(norm)}
    for clitic in CLITIC_PREFIXES[1:]:
        if norm.startswith(clitic) and len(norm) - len(clitic) >= 2:
            rest = norm[len(clitic):]
            forms.update((rest, base_form(rest), stem_form(rest)))
    return frozenset(forms)


def _matches(word: str, marks: set[str], prefixes: set[str]) -> bool:
    """Whether a text word matches the query's word forms (itself, base or stem, clitics allowed) or prefixes."""
    forms = word_forms(word)
    return not forms.isdisjoint(marks) or (bool(prefixes) and any(f.startswith(p) for f in forms for p in prefixes))


def _needles(marks: set[str], prefixes: set[str]) -> list[str]:
    """The strings some form of every matching word contains (each form of a word is a substring of it)."""
    return sorted({*marks, *prefixes}, key=len, reverse=True)


def _hits(text: str, spans: list[tuple[int, int]], marks: set[str], prefixes: set[str]) -> list[int]:
    """Indices of the words of ``text`` (``spans``) that match the query.

    One scan of the text folded in place (``align``: same offsets, diacritics blanked to tatweel) finds where a
    needle may occur; only the words there are checked one by one. Text with presentation forms (which only
    the full normalization folds) is checked word by word.
    """
    needles = _needles(marks, prefixes)
    if not needles or not spans:
        return []
    if has_presentation_forms(text) or "" in marks or "" in prefixes:  # an empty form is in every word
        return [i for i, (a, b) in enumerate(spans) if _matches(text[a:b], marks, prefixes)]
    pattern = re.compile("|".join(f"{TATWEEL}*".join(map(re.escape, n)) for n in needles), re.IGNORECASE)
    flagged: list[int] = []
    i = 0
    for m in pattern.finditer(align(text)):
        while i < len(spans) and spans[i][1] <= m.start():
            i += 1
        j = i
        while j < len(spans) and spans[j][0] < m.end():
            if not flagged or flagged[-1] != j:
                flagged.append(j)
            j += 1
    return [k for k in flagged if _matches(text[spans[k][0] : spans[k][1]], marks, prefixes)]


def make_snippet(body: str, marks: set[str], prefixes: set[str]) -> tuple[str, list[list[int]]]:
    """Return the snippet of ``body`` richest in matched words and ``[start, end]`` of each match in it."""
    scan = body[:SCAN_CHARS]
    spans = [m.span() for m in iter_word_matches(scan)]
    if not spans:
        return "", []
    hit = _hits(scan, spans, marks, prefixes)
    if not hit:
        first = spans[:SNIPPET_WORDS]
        return body[first[0][0] : first[-1][1]], []
    best = max(hit, key=lambda i: sum(1 for j in hit if i <= j < i + SNIPPET_WORDS - LEAD_WORDS))
    lo = max(0, best - LEAD_WORDS)
    window = spans[lo : lo + SNIPPET_WORDS]
    start, end = window[0][0], window[-1][1]
    matches = [[spans[j][0] - start, spans[j][1] - start] for j in hit if lo <= j < lo + SNIPPET_WORDS]
    return body[start:end], matches
