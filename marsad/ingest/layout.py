"""The layout of plain text: is the first line a headline, and is the text hard-wrapped at a fixed width?

Plain-text articles come as "headline, blank line, paragraphs" (the seed articles), as one long paragraph with no
title line (EASC), or hard-wrapped at 70-80 characters with line breaks inside sentences (a fifth of EASC, e-mail
and wire dumps). A wrapped text's line breaks are not sentence ends, so its lines are joined back where a line does
not end a sentence, and its first line is a headline only when a blank line follows it. A first line ending with a full stop that
runs straight into the next line is a sentence, not a headline.
"""

from __future__ import annotations

import re
import statistics

#: A first line of more words than this is a paragraph, not a headline: the text has no title line, and the
#: title is derived from its first sentence (the longest of 1,345 SaudiNewsNet 2015-08-04 titles has 19 words;
#: EASC articles are one long paragraph).
TITLE_MAX_WORDS = 30
#: Words kept in a title derived from a first sentence longer than this.
DERIVED_TITLE_WORDS = 15
#: Characters that end a sentence or a heading at the end of a line (. ! ? : U+061F ARABIC QUESTION MARK, U+2026
#: HORIZONTAL ELLIPSIS, U+06D4 ARABIC FULL STOP, closing quotes and brackets).
LINE_END_MARKS = ".!?:\u061f\u2026\u06d4\"\u201d\u00bb)"
#: A text is hard-wrapped when at least this share of its lines that run straight into another line end
#: without a sentence mark, and those lines are at most ``WRAP_MAX_CHARS`` long (median); by hand, from EASC.
WRAP_OPEN_SHARE = 0.5
WRAP_MAX_CHARS = 120
#: Fewest lines running into another for the wrap test to speak.
WRAP_MIN_LINES = 3
#: Wrapped lines are of one width: at least this share of them lies within ``WRAP_WIDTH_TOLERANCE`` of their
#: median length, which is at least ``WRAP_MIN_CHARS`` (subheadings and list items are short and uneven); by hand.
WRAP_EVEN_SHARE = 0.6
WRAP_WIDTH_TOLERANCE = 0.25
WRAP_MIN_CHARS = 40

#: A line opening a list item: a number with . - ) or in brackets, or a dash, star or bullet (U+2022 BULLET).
_LIST_ITEM_RE = re.compile(r"^(?:\(?\d{1,3}\s*[.\-)\u2013]|\(\d{1,3}\)|[-*\u2022\u2013]\s)")


def is_title_line(line: str) -> bool:
    """Whether a first line reads as a headline: at most ``TITLE_MAX_WORDS`` words."""
    return len(line.split()) <= TITLE_MAX_WORDS


def derive_title(paragraph: str) -> str:
    """Return a title for a text without one: its first sentence, cut to ``DERIVED_TITLE_WORDS`` words with an
    ellipsis (U+2026) when longer; the paragraph itself stays in the body."""
    from marsad.text.sentences import split_sentences

    sents = split_sentences(paragraph)
    first = (sents[0].text if sents else paragraph).split()
    return " ".join(first[:DERIVED_TITLE_WORDS]) + ("\u2026" if len(first) > DERIVED_TITLE_WORDS else "")


def is_hard_wrapped(text: str) -> bool:
    """Whether ``text`` is wrapped at a fixed width: most lines run into the next without ending a sentence."""
    lines = [line.strip() for line in text.split("\n")]
    running = [line for line, nxt in zip(lines, lines[1:]) if line and nxt]
    if len(running) < WRAP_MIN_LINES:
        return False
    open_ = sum(1 for line in running if not line.endswith(tuple(LINE_END_MARKS)))
    width = statistics.median(map(len, running))
    even = sum(1 for line in running if abs(len(line) - width) <= WRAP_WIDTH_TOLERANCE * width)
    return (open_ >= WRAP_OPEN_SHARE * len(running) and WRAP_MIN_CHARS <= width <= WRAP_MAX_CHARS
            and even >= WRAP_EVEN_SHARE * len(running))


def ends_sentence(line: str) -> bool:
    """Whether a line ends with a full stop (``.`` or U+06D4 ARABIC FULL STOP): a sentence, which headlines are not
    (they end bare, or with a question or exclamation mark)."""
    return line.rstrip().endswith((".", "\u06d4")) and not line.rstrip().endswith("..")


def first_line_stands_alone(text: str) -> bool:
    """Whether the first non-empty line of ``text`` is followed by a blank line (or is the only line)."""
    lines = [line.strip() for line in text.strip().split("\n")]
    return len(lines) < 2 or not lines[1]


def unwrap(lines: list[str]) -> list[str]:
    """Join each line that does not end a sentence to the next one (the lines of a hard-wrapped text), except
    before a list item ("1.", "2-", "(3)", "*", "-", a bullet)."""
    out: list[str] = []
    for line in lines:
        if out and not out[-1].endswith(tuple(LINE_END_MARKS)) and not _LIST_ITEM_RE.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out
