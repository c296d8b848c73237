"""The one sentence splitter of the package: summaries, quotes, NER windows and stories all cut text here.

A sentence ends at:

* a line break (a line is never joined to the next);
* ``!``, ``?``, U+061F ARABIC QUESTION MARK, U+061B ARABIC SEMICOLON, U+2026 HORIZONTAL ELLIPSIS, U+06D4 ARABIC FULL
  STOP, or a run of them, with or without a following space ("\u2026\u0646\u0648\u062d.\u0648\u2026": web copy
  often glues the next sentence on);
* a full stop ``.``, except inside a number (``3.5``), a URL, e-mail or domain (``www.spa.gov.sa``), after an
  abbreviation (a single letter such as U+062F "d." for doctor, or Latin ``Dr.``, ``U.S.``), and after a list
  number at the start of a line (``1.``);

closing quote marks and brackets after the mark stay with the sentence. A bullet (U+2022 and kin) inside a line
starts a new sentence. Offsets index the input; every sentence is a stripped span holding a word.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from marsad.text import chars as C

#: Closing marks that stay with the sentence they end (quote marks, closing brackets).
_CLOSERS = re.escape("".join(sorted(C.QUOTE_MARKS)) + ")]}\u00bb")
#: Marks that end a sentence wherever they stand: ! ? U+061F ARABIC QUESTION MARK, U+061B ARABIC SEMICOLON,
#: U+2026 HORIZONTAL ELLIPSIS, U+06D4 ARABIC FULL STOP.
_HARD = "!?\u061f\u061b\u2026\u06d4"
#: Bullets that open a list item: U+2022 BULLET, U+25AA/U+25A0 squares, U+25CF BLACK CIRCLE, U+25C4/U+25BA pointers.
_BULLETS = "\u2022\u25aa\u25a0\u25cf\u25c4\u25ba"
#: A candidate end: a run of end marks (full stops included), then closers.
_END_RE = re.compile(rf"[.{_HARD}]+[{_CLOSERS}]*|\n+|(?=[{_BULLETS}])")
#: Latin abbreviations that take a full stop inside a sentence (lower-cased, without the stop).
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "etc", "inc", "ltd", "co", "jr", "sr",
                            "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "e.g", "i.e", "p"})
#: Harakat and U+0640 ARABIC TATWEEL, which sit inside a word (``\w`` does not match combining marks).
_MARKS = re.escape("".join(sorted(C.HARAKAT)) + C.TATWEEL)
#: The word (letters, marks, digits, dots, @, :, /) right before a candidate full stop.
_TAIL_RE = re.compile(rf"[\w{_MARKS}@:/.\-]+\Z")
_WORD_RE = re.compile(r"[^\W_]")
_LIST_NUMBER_RE = re.compile(r"(?:^|\n)[ \t]*[(\[]?\d{1,3}\Z")
_URLISH_RE = re.compile(r"(?:https?:|www\.|@|\.(?:com|net|org|gov|edu|sa|ae|eg|info)\b)", re.IGNORECASE)


class Sentence(NamedTuple):
    """One sentence with its character offsets in the source text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets point into ``text``; every sentence holds a word."""
    out: list[Sentence] = []
    pos = 0
    for m in _END_RE.finditer(text):
        mark = m.group()
        if mark.startswith(".") and not mark.rstrip(_CLOSERS).strip(".") and not _full_stop_ends(text, m.start(), m.end()):
            continue
        end = m.start() if not mark or mark[0] == "\n" else m.end()
        _append(text, pos, end, out)
        pos = m.end() if mark else m.start()
    _append(text, pos, len(text), out)
    return out


def _full_stop_ends(text: str, start: int, end: int) -> bool:
    """Whether the full stop(s) at ``text[start:end]`` end a sentence (not a number, URL, abbreviation, list)."""
    if end - start >= 3 and text[start:end].rstrip(_CLOSERS) == "." * len(text[start:end].rstrip(_CLOSERS)):
        return True  # "..." is an ellipsis
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False  # 3.5
    tail_m = _TAIL_RE.search(text, max(0, start - 64), start)
    tail = tail_m.group() if tail_m else ""
    if after and not after.isspace() and after.isascii() and after.isalnum() and _URLISH_RE.search(tail + "." + after):
        return False  # www.spa.gov.sa, name@mail.com
    if after and not after.isspace() and before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
        return False  # inside a Latin token such as "U.S" or a domain
    word = _strip_marks(tail.rsplit(".", 1)[-1]) if tail else ""
    if len(word) == 1 and word.isalpha():
        return False  # an initial or an Arabic one-letter abbreviation ("\u062f." for doctor)
    if tail.lower() in _ABBREVIATIONS or word.lower() in _ABBREVIATIONS:
        return False
    if _LIST_NUMBER_RE.search(text, max(0, start - 8), start):
        return False  # "1." opening a list item
    return True


def _strip_marks(word: str) -> str:
    """Return ``word`` without harakat and tatweel: a word with a SHADDA before its full stop is no one-letter abbreviation."""
    return "".join(ch for ch in word if ch not in C.HARAKAT and ch != C.TATWEEL)


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Append the stripped span ``text[start:end]`` to ``out`` when it holds a word."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and _WORD_RE.search(text, start, end):
        out.append(Sentence(text[start:end], start, end))
