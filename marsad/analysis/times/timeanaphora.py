"""Anaphoric periods (issue #17): "that year", "the same month", "the previous month" name a period the text gave before.

"\u0623\u0633\u0642\u0637\u062a \u064a\u0648\u0645\u0627 \u0645\u0646 \u0630\u0644\u0643 \u0627\u0644\u0639\u0627\u0645" after "2011" is 2011, not the publication year; "\u0645\u0642\u0627\u0631\u0646\u0629 \u0628\u0627\u0644\u0634\u0647\u0631 \u0627\u0644\u0633\u0627\u0628\u0642" after
"\u064a\u0648\u0644\u064a\u0648 \u0627\u0644\u062d\u0627\u0644\u064a" is June; "\u0627\u0644\u0634\u0647\u0631 \u0630\u0627\u062a\u0647 \u0645\u0646 \u0627\u0644\u0639\u0627\u0645 \u0627\u0644\u0645\u0627\u0636\u064a" after "May" is May of the year before; "12 \u0645\u0646 \u0646\u0641\u0633
\u0627\u0644\u0634\u0647\u0631" is the 12th of the month named last. The referent is the nearest expression before the phrase
that has the unit (a month for "the same month", any dated value for "that year"). With no referent, "the same
month" and "that year" are not annotated and "the previous month" keeps its reading from the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from marsad.analysis.times import timecalc as tc
from marsad.analysis.times.timerules import Candidate, Context
from marsad.analysis.times.timewords import alternation, lexicon

#: Unit nouns (folded forms): YEAR (\u0639\u0627\u0645 / \u0633\u0646\u0629) and MONTH (\u0634\u0647\u0631), with the article.
_UNITS = {"\u0627\u0644\u0639\u0627\u0645": "year", "\u0627\u0644\u0633\u0646\u0647": "year", "\u0627\u0644\u0634\u0647\u0631": "month",
          "\u0627\u0644\u064a\u0648\u0645": "day"}  # and DAY (\u064a\u0648\u0645): "\u0627\u0644\u064a\u0648\u0645 \u0630\u0627\u062a\u0647", "\u0630\u0644\u0643 \u0627\u0644\u064a\u0648\u0645"
#: A part of the day before "the same day": MASA', SABAH, ZUHR, ASR, FAJR, LAYL (folded).
_DAY_PARTS = ("\u0645\u0633\u0627\u0621", "\u0635\u0628\u0627\u062d", "\u0638\u0647\u0631", "\u0639\u0635\u0631", "\u0641\u062c\u0631", "\u0644\u064a\u0644")
#: "that" / "the same" before the noun: DHALIKA, TILKA, NAFS, DHAT (folded).
_SAME_BEFORE = ("\u0630\u0644\u0643", "\u062a\u0644\u0643", "\u0646\u0641\u0633", "\u0630\u0627\u062a")
#: "itself" after the noun: NAFSUHU / DHATUHU, masculine and feminine (folded: TEH MARBUTA is HEH).
_SAME_AFTER = ("\u0646\u0641\u0633\u0647", "\u0630\u0627\u062a\u0647", "\u0646\u0641\u0633\u0647\u0627", "\u0630\u0627\u062a\u0647\u0627")
#: "previous" after the noun: SABIQ / SABIQA (folded).
_PREVIOUS = ("\u0627\u0644\u0633\u0627\u0628\u0642", "\u0627\u0644\u0633\u0627\u0628\u0642\u0647")
#: "of last year" after "the same month": MIN AL-AAM AL-MADI / AL-SABIQ.
_OF_LAST_YEAR = r"\s+\u0645\u0646\s+(?:\u0627\u0644\u0639\u0627\u0645|\u0627\u0644\u0633\u0646\u0647)\s+(?:\u0627\u0644\u0645\u0627\u0636\u064a\u0647?|\u0627\u0644\u0633\u0627\u0628\u0642\u0647?)"
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})$)?)?")
_WB_START = r"(?<![\w])"
_WB_END = r"(?![\w])"


@cache
def _pattern() -> re.Pattern[str]:
    """The phrase: [day or ordinal MIN] (SAME + NOUN | NOUN + SAME | NOUN + PREVIOUS) [of last year], clitics allowed."""
    noun = "|".join(u[2:] for u in _UNITS)  # without the article: it is matched with its clitics below
    article = r"(?:\u0627\u0644|\u0644\u0644|\u0628\u0627\u0644|\u0648\u0627\u0644|\u0644\u0627\u0644|\u0641\u0627\u0644)"
    before = "|".join(_SAME_BEFORE)
    after = "|".join(_SAME_AFTER)
    previous = "|".join(_PREVIOUS)
    ordinal = alternation(lexicon().words("ordinal"))
    parts = "|".join(_DAY_PARTS)
    return re.compile(
        rf"{_WB_START}(?P<x>(?:(?:(?P<d>\d{{1,2}})|(?P<od>{ordinal}))\s+\u0645\u0646\s+|(?P<part>{parts})\s+)?"
        rf"(?:[\u0648\u0641\u0628\u0644]?(?:{before})\s+\u0627\u0644(?P<n1>{noun})"
        rf"|{article}(?P<n2>{noun})\s+(?:(?P<same>{after})|(?P<prev>{previous})))"
        rf"(?P<ly>{_OF_LAST_YEAR})?){_WB_END}"
    )


def _referent(cands: list[Candidate], start: int, unit: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of the nearest candidate ending before ``start`` that is precise to ``unit``, or None."""
    best = None
    for c in cands:
        if c.end > start or not c.value or c.kind == "blocked":
            continue
        m = _VALUE.match(c.value)
        if m is None or (unit == "month" and m.group(2) is None) or (unit == "day" and m.group(3) is None):
            continue
        if best is None or (c.end, c.end - c.start) > (best[0].end, best[0].end - best[0].start):
            best = (c, m)
    if best is None:
        return None
    m = best[1]
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def anaphors(ctx: Context, cands: list[Candidate]) -> Iterator[Candidate]:
    """Candidates for the anaphoric phrases of the text, resolved against the candidates before them."""
    for m in _pattern().finditer(ctx.w):
        noun = "\u0627\u0644" + (m.group("n1") or m.group("n2"))
        unit = _UNITS[noun]
        start = m.start("x")
        if m.group("n2") and not (m.group("d") or m.group("od")):
            start = m.start("n2") - 2  # the span starts at the article, as the relative words' spans do
        ref = _referent(cands, start, unit)
        if ref is None:
            continue
        year, month, day_of_month = ref
        shift = -1 if m.group("prev") else 0
        if unit == "day":  # "\u0627\u0644\u064a\u0648\u0645 \u0630\u0627\u062a\u0647", "\u0645\u0633\u0627\u0621 \u0646\u0641\u0633 \u0627\u0644\u064a\u0648\u0645": the day the text named last; "the previous day" is left
            if m.group("d") or m.group("od") or m.group("ly") or shift:
                continue
            day = tc.safe_date(year, month, day_of_month)  # type: ignore[arg-type]
            if day is not None:
                yield Candidate(start, m.end("x"), tc.day_value(day), "gregorian", "date")
            continue
        if m.group("part"):
            continue  # a part of the day names no month or year
        if unit == "year":
            if m.group("d") or m.group("od") or m.group("ly") or shift:
                continue  # "the previous year" is read from the publication date: the year before the report's
            yield Candidate(start, m.end("x"), f"{year + shift:04d}", "gregorian", "year")
            continue
        year, month = tc.shift_month(year, month, shift)  # type: ignore[arg-type]
        if m.group("ly"):
            year -= 1
        if m.group("d") or m.group("od"):
            number = m.group("d") or ctx.lex.words("ordinal")[re.sub(r"\s+", " ", m.group("od"))]
            day = tc.safe_date(year, month, int(number))
            if day is not None:
                yield Candidate(start, m.end("x"), tc.day_value(day), "gregorian", "date")
            continue
        yield Candidate(start, m.end("x"), tc.month_value(year, month), "gregorian", "month")


__all__ = ["anaphors"]
