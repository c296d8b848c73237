"""Author names from byline text: Arabic byline openers, datelines and agency credits taken off.

"\u0643\u062a\u0628: \u0645\u062d\u0645\u062f \u0639\u0644\u064a" (kataba: "wrote"), "\u0628\u0642\u0644\u0645 \u062f. ..." (biqalam: "by the pen of"),
"\u0644\u0646\u062f\u0646: \u0643\u0645\u064a\u0644 \u0627\u0644\u0637\u0648\u064a\u0644" (a place, then the reporter), "\u0641\u0647\u062f \u0627\u0644\u0628\u0642\u0645\u064a (\u062c\u062f\u0629)"
(the reporter, then the place) all give the name alone; a credit that names only an agency or the outlet
("\u0627\u0644\u0639\u0631\u0628\u064a\u0629.\u0646\u062a - \u0648\u0643\u0627\u0644\u0627\u062a", "(\u0631\u0648\u064a\u062a\u0631\u0632)", "CNN Arabic") gives no author: it is a source, not a person.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from marsad.text.normalize import normalize

#: Byline openers before the name: kataba/katabat (wrote), biqalam (by the pen of), i'dad (prepared by), taqrir
#: (report), hiwar (interview), bi-wasitat (by), tahrir (edited by), optionally followed by ":" or a dash.
_OPENER_RE = re.compile(
    r"^\s*(?:\u0643\u062a\u0628(?:\u062a|\u0647)?|\u0628\u0642\u0644\u0645|\u0625\u0639\u062f\u0627\u062f|\u0627\u0639\u062f\u0627\u062f|"
    r"\u062a\u0642\u0631\u064a\u0631|\u062d\u0648\u0627\u0631|\u0628\u0648\u0627\u0633\u0637\u0629|\u062a\u062d\u0631\u064a\u0631)"
    r"(?:\s*[:\uff1a\-\u2013\u2014]\s*|\s+)"
)
#: A place (or "outlet from place") before a colon: "\u0644\u0646\u062f\u0646:", "\u0625\u064a\u0644\u0627\u0641 \u0645\u0646 \u0644\u0646\u062f\u0646:" (at most four words).
_LEAD_PLACE_RE = re.compile(r"^[^:\uff1a]{1,40}[:\uff1a]\s*")
#: A place in brackets before or after the name: "(\u062c\u062f\u0629)".
_BRACKETED_RE = re.compile(r"\s*[(\[][^)\]]{1,30}[)\]]\s*")
#: "PLACE - NAME" datelines used as bylines ("\u0627\u0644\u0631\u064a\u0627\u0636 - \u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u062d\u0633\u0646\u064a"), the dash spaced on at least one side
#: ("\u0639\u0631\u0628\u064a21- \u0623\u062d\u0645\u062f \u0635\u0642\u0631").
_DASH_RE = re.compile(r"\s*[-\u2013\u2014]\s+|\s+[-\u2013\u2014]\s*")
#: Runs of letters and runs of digits: "\u0641\u0631\u0627\u0646\u063324" and "\u0641\u0631\u0627\u0646\u0633 24" give the same words.
_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
#: Longest author credit kept, in words (two names with "\u0648" stay; a sentence does not).
MAX_WORDS = 7


@cache
def agency_names() -> tuple[tuple[str, ...], ...]:
    """Return the agency and outlet names of ``data/agencies.tsv``, each as its normalized words."""
    text = resources.files("marsad.ingest").joinpath("data/agencies.tsv").read_text("utf-8")
    rows = (line.strip() for line in text.splitlines())
    return tuple(tuple(_words(row)) for row in rows if row and not row.startswith("#"))


def _words(text: str) -> list[str]:
    """Return the normalized, lower-cased words of ``text`` (punctuation dropped)."""
    return _WORD_RE.findall(normalize(text).lower())


def names_agency(text: str, outlets: tuple[str, ...] = ()) -> bool:
    """True when ``text`` credits an agency or the outlet itself (``outlets``: the page's own names)."""
    have = _words(text)
    if any(name and _contains(have, name) for name in agency_names()):
        return True
    for outlet in outlets:
        words = tuple(_words(outlet))  # the outlet named in the credit, or the credit a part of the outlet's name
        if words and (_contains(have, words) or (have and _contains(list(words), tuple(have)))):
            return True
    return False


def _contains(have: list[str], name: tuple[str, ...]) -> bool:
    """Whether the words of ``name`` occur in ``have`` consecutively."""
    n = len(name)
    return any(tuple(have[i : i + n]) == name for i in range(len(have) - n + 1))


def clean_author(text: str | None, outlets: tuple[str, ...] = ()) -> str | None:
    """Return the author's name in a byline, or None when the byline names only an agency or the outlet."""
    if not text or "://" in text or "www." in text:  # a profile URL, not a name
        return None
    name = " ".join(text.split())
    name = _OPENER_RE.sub("", name, count=1)
    name = _LEAD_PLACE_RE.sub("", name, count=1) if _LEAD_PLACE_RE.match(name) and name.rstrip()[-1:] not in ":\uff1a" else name
    name = name.strip(" :\uff1a-\u2013\u2014|\u060c,")
    name = _OPENER_RE.sub("", name, count=1)  # "\u0644\u0646\u062f\u0646: \u0643\u062a\u0628 ..." - the opener after the place
    for bracketed in _BRACKETED_RE.findall(name):  # "\u0623\u0628\u0648\u0638\u0628\u064a (\u0627\u0644\u0627\u062a\u062d\u0627\u062f)": a place and the outlet, no person
        if names_agency(bracketed, outlets) and len(_BRACKETED_RE.sub(" ", name).split()) <= 1:
            return None
    name = _BRACKETED_RE.sub(" ", name).strip(" :\uff1a-\u2013\u2014|\u060c,")
    parts = _DASH_RE.split(name)
    if len(parts) == 2 and not names_agency(parts[1], outlets) and len(parts[0].split()) <= 2:
        name = parts[1]  # "PLACE - NAME"
    if not name or not any(ch.isalpha() for ch in name) or len(name.split()) > MAX_WORDS or "http" in name:
        return None
    if names_agency(name, outlets):
        return None
    return name
