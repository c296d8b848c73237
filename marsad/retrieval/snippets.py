"""Snippets: a window of the article's *original* text around the best match, with the matched words' offsets."""

from __future__ import annotations

from functools import lru_cache

from marsad.text.normalize import normalize_word
from marsad.text.searchterms import CLITIC_PREFIXES, base_form, stem_form
from marsad.text.tokenize import word_spans

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


def make_snippet(body: str, marks: set[str], prefixes: set[str]) -> tuple[str, list[list[int]]]:
    """Return the snippet of ``body`` richest in matched words and ``[start, end]`` of each match in it."""
    spans = word_spans(body[:SCAN_CHARS])
    if not spans:
        return "", []
    hit = [i for i, s in enumerate(spans) if _matches(s.text, marks, prefixes)]
    if not hit:
        first = spans[: SNIPPET_WORDS]
        return body[first[0].start : first[-1].end], []
    best = max(hit, key=lambda i: sum(1 for j in hit if i <= j < i + SNIPPET_WORDS - LEAD_WORDS))
    lo = max(0, best - LEAD_WORDS)
    window = spans[lo : lo + SNIPPET_WORDS]
    start, end = window[0].start, window[-1].end
    matches = [[spans[j].start - start, spans[j].end - start] for j in hit if lo <= j < lo + SNIPPET_WORDS]
    return body[start:end], matches
