"""Candidate temporal expressions: one function per pattern family, each resolving its matches to values.

All functions read the folded working string ``w`` (see :mod:`marsad.analysis.times.times`) and return
:class:`Candidate` spans in ``w`` coordinates. A value is None when it needs the publication date and there is none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from marsad.analysis.times import timecalc as tc
from marsad.text.normalize import normalize_word
from marsad.analysis.times.timewords import Grammar, Lexicon, MonthName

GREGORIAN_MIN_YEAR = 1700  # a 4-digit year below this without an era marker is read as Hijri (13xx/14xx AH)
BARE_YEAR_RANGE = (1900, 2099)  # a year after a bare preposition ("in 2011") must fall here to count
MAX_YEARS_AHEAD = 15  # a bare year after a noun lies at most this far after publication ("رؤية 2030" is blocked by name)
YEAR_HEAD_WORDS = 3  # words before a bare year searched for an event or quantity head ("كأس أوروبا 2016")
_WORD = re.compile(r"\w+")
_NUMBER_BEFORE = re.compile(r"\d[^\w]*$")  # a number right before: a count or a score, not a year
_CLAUSE_PUNCT = frozenset(".,;:!?)(\"\n\u060c\u061b\u061f\u00bb\u00ab-\u2013")  # incl. ARABIC COMMA / SEMICOLON / QUESTION
_SENTENCE_END = re.compile(r"[.!?\u061f\n]")  # ARABIC QUESTION MARK among the sentence ends
_PREV_WORD = re.compile(r"(\w+)[^\w]*$")
_NEXT_WORD = re.compile(r"^[^\w]*(\w+)")
_YEAR_RANGE_BEFORE = re.compile(r"\d{4}\s*/\s*$")  # "1437/1436 AH": an academic year, not a year
_AND_YEAR = re.compile(r"\s*(?:\u0648|-|\u2013)\s*(1[3-9]\d\d|20\d\d)(?!\d)(?![^\W\d_])")  # WAW (and) or a dash
_AMS = "\u0627\u0645\u0633"  # ALEF MEEM SEEN: "ams", yesterday (folded)
_DEFINITE_NUMBER = re.compile(r"^\u0627\u0644\d")  # ALEF LAM + digit ("the 15th day")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matched expression in working-string coordinates, with its resolved value."""

    start: int
    end: int
    value: str | None
    calendar: str
    kind: str  # date | holiday | month | year | weekday | relative | ago | period | blocked
    mergeable: bool = False  # a weekday that may join a following date ("Thursday, 6 August 2015")
    anchor_shift: int | None = None  # days from the publication date to the date the text implies ("yesterday, Monday")


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule needs: the working string, the anchor date, the grammar and the tense window."""

    w: str
    published: dt.date | None
    grammar: Grammar
    lex: Lexicon
    cue_window: int
    stamped: dt.date | None = None  # the publication date when ``published`` was moved to the day the text was written

    def month(self, text: str | None) -> MonthName | None:
        """Return the month entry for a matched month text (whitespace-insensitive)."""
        if not text:
            return None
        return self.lex.months_compact.get(re.sub(r"\s+", "", text))

    def prev_word(self, pos: int) -> str:
        """Return the word just before ``pos`` (empty at the start)."""
        m = _PREV_WORD.search(self.w, max(0, pos - 40), pos)
        return m.group(1) if m else ""

    def next_word(self, pos: int) -> str:
        """Return the word just after ``pos`` (empty at the end)."""
        m = _NEXT_WORD.match(self.w[pos : pos + 40])
        return m.group(1) if m else ""

    def future(self, pos: int, end: int | None = None) -> bool:
        """Return True when the clause before ``pos`` carries a future cue (will/next/scheduled, SEEN + verb), or,
        given the phrase's ``end``, a SEEN + verb follows it directly ("يوم السبت ستظهر")."""
        lo = max(0, pos - self.cue_window)
        window = self.w[lo:pos]
        ends = list(_SENTENCE_END.finditer(window))
        if ends:
            window = window[ends[-1].end() :]
        if self.grammar.future_word.search(window):
            return True
        if self._future_verb(window):
            return True
        after = _NEXT_WORDS.match(self.w, end) if end is not None else None
        return after is not None and self._future_verb(after.group(0))

    def _future_verb(self, text: str) -> bool:
        """True when ``text`` holds SEEN + a present verb that is not on the ``futurestop`` list ("سيارة" is no verb)."""
        stops = self.lex.words("futurestop")
        prefixes = tuple(s[:-1] for s in stops if s.endswith("*"))
        return any(v not in stops and not v.startswith(prefixes)
                   for v in (m.group(1) for m in self.grammar.future_verb.finditer(text)))


#: The word right after a phrase, when no WAW (another clause) opens it: a future verb there marks the phrase's tense.
_NEXT_WORDS = re.compile(r"[^\S\n]*(?!\u0648)[^\s,\u060c.;\u061b:]+")
#: One-letter proclitics (WAW, FEH, BEH, LAM) that may precede an event noun.
_CLITICS = frozenset("\u0648\u0641\u0628\u0644")
#: Punctuation ending a clause right after a phrase (comma, Arabic comma, full stop, semicolons, colon).
_CLAUSE_END = frozenset(",\u060c.;\u061b:")
#: "since" (folded, with the clitic WAW): a date after it without a year is in the past.
_SINCE = frozenset({"\u0645\u0646\u0630", "\u0648\u0645\u0646\u0630"})


def _pick_month(ctx: Context, m: re.Match[str]) -> MonthName | None:
    """Return the month of a single or double form, preferring the Gregorian name of a pair."""
    first, second = ctx.month(m.group("m1")), ctx.month(m.group("m2"))
    if first and second and first.calendar == "hijri" and second.calendar == "gregorian":
        return second
    return first or second


def _month_range(ctx: Context, m: re.Match[str]) -> tuple[MonthName, MonthName] | None:
    """The two months of "June - July" (one calendar, two months: a period), or None for one month in two names."""
    first, second = ctx.month(m.group("m1")), ctx.month(m.group("m2"))
    if first and second and first.calendar == second.calendar and first.month != second.month:
        return first, second
    return None


def _is_hijri_year(ctx: Context, year: int, era: str | None) -> bool:
    """Return True when a year is Hijri: an AH suffix, or below the Gregorian floor without an AD suffix."""
    if era:
        return era in ctx.lex.words("era_hijri")
    return year < GREGORIAN_MIN_YEAR


def dates(ctx: Context) -> Iterator[Candidate]:
    """Day + month (+ year or last/next): "15 Ramadan 1436 AH", "6 August 2015", "30 June last"."""
    for m in ctx.grammar.date.finditer(ctx.w):
        month = _pick_month(ctx, m)
        if month is None:
            continue
        if not month.free and re.search(r"[\-/]", ctx.w[m.end("d") : m.start("m1")]):
            continue  # "1-\u0635\u0641\u0631" is a score (one-nil), not the 1st of Safar
        day, year = int(m.group("d")), m.group("y")
        offset = int(ctx.lex.words("modifier").get(m.group("mod") or "", "0")) if m.group("mod") else None
        event = _event_year(ctx, m.start("x"), month, day) if not year and offset is None else None
        if event is not None:
            yield Candidate(m.start("x"), m.end("x"), tc.day_value(dt.date(event, month.month, day)), "gregorian", "date")
            continue
        since = offset is None and not year and month.calendar == "gregorian" and ctx.prev_word(m.start("x")) in _SINCE
        got = _day_month(ctx, month, day, int(year) if year else None, offset)
        if since and got is not None and ctx.published is not None and got > ctx.published:
            got = tc.safe_date(got.year - 1, got.month, got.day)  # "since 30 January": not after publication
        value = tc.day_value(got) if got else None
        if got is None and year:
            continue  # an impossible date ("31 February 2015") is not a date
        yield Candidate(m.start("x"), m.end("x"), value, month.calendar, "date")


def _event_year(ctx: Context, start: int, month: MonthName, day: int) -> int | None:
    """The year of a named event ("أحداث 11 سبتمبر" = 2001) when an event noun stands right before the date."""
    if month.calendar != "gregorian":
        return None
    row = ctx.lex.words("eventdate").get(f"{month.month}-{day}")
    if row is None:
        return None
    year, heads = row.split("\t")
    if ctx.w[max(0, start - 2) : start] == "\u0627\u0644":  # "ال11 من سبتمبر": the article glued to the day
        start -= 2
    word = ctx.prev_word(start)
    if word[:1] in _CLITICS:
        word = word[1:]  # "لأحداث", "بهجمات"
    if word not in ctx.lex.words("eventhead") or (heads != "any" and normalize_word(heads) != word):
        return None
    return int(year)


def _day_month(ctx: Context, month: MonthName, day: int, year: int | None, offset: int | None) -> dt.date | None:
    """Resolve a day of a month; without year, nearest the publication date or in the ``offset`` direction."""
    hijri = month.calendar == "hijri"
    if year is None and ctx.published is None:
        return None
    pub = ctx.published
    if year is None and offset and not hijri and pub is not None and month.month == pub.month:
        # "16 April next" written on 12 April: this April's 16th, which is still ahead (and "2 April last" behind)
        ahead = day > pub.day if offset > 0 else day < pub.day
        year = pub.year if ahead else pub.year + offset
    elif year is None and offset:
        year = (tc.hijri_month_year_for if hijri else tc.month_year_for)(ctx.published, month.month, offset)  # type: ignore[operator, arg-type]
    elif year is None:
        near = tc.hijri_day_month_year_for if hijri else tc.day_month_year_for
        year = near(ctx.published, month.month, day)  # type: ignore[arg-type]
    if year is None:
        return None
    return tc.hijri_to_gregorian(year, month.month, day) if hijri else tc.safe_date(year, month.month, day)


def month_years(ctx: Context) -> Iterator[Candidate]:
    """Month + year: "January 2015", "Kanun al-Thani/January 2015", "Ramadan 1436 AH"."""
    for m in ctx.grammar.month_year.finditer(ctx.w):
        month = _pick_month(ctx, m)
        if month is None:
            continue
        year = int(m.group("y"))
        pair = _month_range(ctx, m)
        if pair is not None and month.calendar == "gregorian":  # "June - July 2015": both months of that year
            a, b = pair
            first = tc.month_value(year if a.month < b.month else year - 1, a.month)
            yield Candidate(m.start("x"), m.end("x"), tc.interval(first, tc.month_value(year, b.month)), "gregorian",
                            "period")
            continue
        if month.calendar == "hijri" and year >= GREGORIAN_MIN_YEAR:  # "Ramadan 2017": that month within 2017
            value = tc.hijri_month_in_year(year, month.month)
        elif month.calendar == "hijri":
            value = tc.hijri_month_value(year, month.month)
        else:
            value = tc.month_value(year, month.month)
        yield Candidate(m.start("x"), m.end("x"), value, month.calendar, "month")


def _month_relative(ctx: Context, month: MonthName, direction: int) -> str | None:
    """Resolve a month without year in ``direction`` from the publication date (the stamped one: months are coarse)."""
    reference = ctx.stamped or ctx.published
    if reference is None:
        return None
    if month.calendar == "hijri":
        hy = tc.hijri_month_year_for(reference, month.month, direction)
        return tc.hijri_month_value(hy, month.month) if hy else None
    return tc.month_value(tc.month_year_for(reference, month.month, direction), month.month)


#: A Gregorian month named alone within this many months after the publication month is the coming one ("سبتمبر" in
#: an August article); by hand.
COMING_MONTHS = 1


def _coming(ctx: Context, month: MonthName) -> bool:
    """Whether a Gregorian month named alone lies within ``COMING_MONTHS`` after the publication month."""
    reference = ctx.stamped or ctx.published
    return month.calendar == "gregorian" and reference is not None and 1 <= (month.month - reference.month) % 12 <= COMING_MONTHS


def month_mods(ctx: Context) -> Iterator[Candidate]:
    """Month + last/next/current: "last July", "next Ramadan", "this August"."""
    for m in ctx.grammar.month_mod.finditer(ctx.w):
        month = _pick_month(ctx, m)
        if month is None:
            continue
        offset = int(ctx.lex.words("modifier").get(m.group("mod"), "0"))
        direction = {-1: -1, 0: 0, 1: 1}[offset]
        yield Candidate(m.start("x"), m.end("x"), _month_relative(ctx, month, direction), month.calendar, "month")


def months_alone(ctx: Context) -> Iterator[Candidate]:
    """A month alone: "in February" (nearest not after publication unless the clause is future), "the month of Ramadan"."""
    for m in ctx.grammar.month_alone.finditer(ctx.w):
        month = _pick_month(ctx, m)
        if month is None:
            continue
        if not (month.free or m.group("mw") or m.group("m2") or ctx.prev_word(m.start("x")) in ctx.lex.words("prep")):
            continue
        direction = 2 if ctx.future(m.start("x")) else 0
        pair = _month_range(ctx, m)
        if pair is not None:  # "July - May": from the first to the second, each read as alone
            a, b = (_month_relative(ctx, x, direction) for x in pair)
            if a and b and a < b:  # Hijri months are day spans: from the first one's start to the second one's end
                yield Candidate(m.start("x"), m.end("x"), tc.interval(a.split("/")[0], b.split("/")[-1]), month.calendar,
                                "period")
            continue
        direction = 2 if _coming(ctx, month) else direction  # a range ("يوليو - مايو") reads its months as written
        yield Candidate(m.start("x"), m.end("x"), _month_relative(ctx, month, direction), month.calendar, "month")


def numerics(ctx: Context) -> Iterator[Candidate]:
    """Numeric dates: "06/08/2015", "2015-08-06", "1436/10/20 AH"."""
    for m in ctx.grammar.numeric.finditer(ctx.w):
        if m.group("y1"):
            year, month, day = int(m.group("y1")), int(m.group("mo1")), int(m.group("d1"))
        else:
            year, month, day = int(m.group("y2")), int(m.group("mo2")), int(m.group("d2"))
        if month > 12 and day <= 12:
            month, day = day, month
        if _is_hijri_year(ctx, year, m.group("era")):
            got, calendar = tc.hijri_to_gregorian(year, month, day), "hijri"
        else:
            got, calendar = tc.safe_date(year, month, day), "gregorian"
        if got is not None:
            yield Candidate(m.start("x"), m.end("x"), tc.day_value(got), calendar, "date")


#: "يوم 14/5": DAY (YAWM, with the article or not) and a day/month without a year.
_DAY_SLASH = re.compile(r"(?<![\w])(?P<x>(?:\u0627\u0644)?\u064a\u0648\u0645\s+(?P<d>3[01]|[12]\d|0?[1-9])/(?P<mo>1[0-2]|0?[1-9]))(?![\d/.\-])")


def day_slashes(ctx: Context) -> Iterator[Candidate]:
    """"يوم 14/5": a day and month after "يوم", in the year that puts it nearest before publication (after it in a
    future clause)."""
    if ctx.published is None:
        return
    for m in _DAY_SLASH.finditer(ctx.w):
        day = tc.safe_date(ctx.published.year, int(m.group("mo")), int(m.group("d")))
        if day is None:
            continue
        if day > ctx.published and not ctx.future(m.start("x"), m.end("x")):
            day = tc.safe_date(day.year - 1, day.month, day.day)
        if day is not None:
            yield Candidate(m.start("x"), m.end("x"), tc.day_value(day), "gregorian", "date")


def years(ctx: Context) -> Iterator[Candidate]:
    """A year: "year 2017", "1436 AH", "2015 AD", "in 2011", and the second year of "between 2004 and 2007"."""
    for m in ctx.grammar.year.finditer(ctx.w):
        year, era = int(m.group("y")), m.group("era")
        if _YEAR_RANGE_BEFORE.search(ctx.w, max(0, m.start("x") - 12), m.start("x")):
            continue
        if era and not m.group("yw") and era not in ctx.lex.words("era_hijri") and _in_event_name(ctx, m.start("x")):
            continue  # "كأس آسيا 2019م": a year inside an event's name is not annotated
        if not (m.group("yw") or era):
            prep = ctx.prev_word(m.start("x")) in ctx.lex.words("prep")
            if not ((prep or _year_after_noun(ctx, m.start("x"), m.end("x")))
                    and BARE_YEAR_RANGE[0] <= year <= BARE_YEAR_RANGE[1]):
                continue
        if _is_hijri_year(ctx, year, era):
            value, calendar = tc.hijri_year_value(year), "hijri"
        else:
            value, calendar = f"{year:04d}", "gregorian"
        yield Candidate(m.start("x"), m.end("x"), value, calendar, "year")
        more = _AND_YEAR.match(ctx.w, m.end("x")) if calendar == "gregorian" else None
        if more:  # "between 2004 and 2007": the second year shares the first one's cue
            yield Candidate(more.start(1), more.end(1), more.group(1), "gregorian", "year")


def _in_event_name(ctx: Context, start: int) -> bool:
    """True when an event, model, quantity or numbering word (``yearblock``) stands just before ``start``."""
    heads = _WORD.findall(ctx.w, max(0, start - 40), start)[-YEAR_HEAD_WORDS:]
    block = ctx.lex.words("yearblock")
    return any(w in block or (w[:1] in _CLITICS and w[1:] in block) for w in heads)  # "لكأس", "وكأس"


def _year_after_noun(ctx: Context, start: int, end: int) -> bool:
    """A bare number read as a year after a noun ("انتخابات 2016 كي", "ميزانية 2019 بلا", "و2010 (").

    The number closes a noun phrase: punctuation, the end, or a function word (``yearnext``) follows it, and no
    event, model, quantity or numbering word (``yearblock``) comes before it.
    """
    before, after = ctx.prev_word(start), ctx.next_word(end)
    if not before or before.isdigit() or _NUMBER_BEFORE.search(ctx.w, max(0, start - 40), start) is not None:
        return False
    if _in_event_name(ctx, start):
        return False
    if ctx.published is not None and int(ctx.w[start:end][-4:]) > ctx.published.year + MAX_YEARS_AHEAD:
        return False
    gap = ctx.w[end : end + 3].lstrip(" ")
    return not after or (gap[:1] in _CLAUSE_PUNCT) or after in ctx.lex.words("yearnext")


def _shifted(pub: dt.date, unit: str, offset: int) -> str:
    """Return the value of ``pub`` moved by ``offset`` units, at that unit's precision."""
    if unit == "day":
        return tc.day_value(pub + dt.timedelta(days=offset))
    if unit == "week":
        return tc.week_value(pub + dt.timedelta(days=7 * offset))
    if unit == "month":
        return tc.month_value(*tc.shift_month(pub.year, pub.month, offset))
    return f"{pub.year + offset:04d}"


def relatives(ctx: Context) -> Iterator[Candidate]:
    """Relative words: yesterday, the day before yesterday, tomorrow, last week, next month, last year, today."""
    today = set(ctx.lex.words("todayblock_after"))
    for m in ctx.grammar.relative.finditer(ctx.w):
        rel = re.sub(r"\s+", " ", m.group("rel"))
        if rel == _AMS and ctx.w[m.start("x") - 1 : m.start("x")] == "\u0644":
            continue  # LAM + "ams" is the verb "lamasa" (touched), not "for yesterday"
        unit, offset = ctx.lex.relative.get(rel, ("day", 0))
        if unit == "day" and offset == 0 and not m.group("pod"):
            nxt = ctx.next_word(m.end("x"))
            if nxt in today or _DEFINITE_NUMBER.match(nxt) or ctx.prev_word(m.start("x")) in ctx.lex.words("todayblock_before"):
                continue
        if unit == "hyear":  # "العام الهجري القادم": the Hijri year's span
            today = tc.gregorian_to_hijri(ctx.published) if ctx.published else None
            value = tc.hijri_year_value(today[0] + offset) if today else None
            yield Candidate(m.start("x"), m.end("x"), value, "hijri", "relative")
            continue
        value = _shifted(ctx.published, unit, offset) if ctx.published else None
        is_today = unit == "day" and offset == 0 and not m.group("pod")  # "today, 15 July 2018": one expression
        yield Candidate(m.start("x"), m.end("x"), value, "gregorian", "relative", mergeable=is_today)


#: "after" (BA'D) in an ago phrase, and "from now" (MIN AL-AN, folded) that must follow it: "بعد عامين من الآن".
_BAAD = "\u0628\u0639\u062f"
_FROM_NOW = re.compile(r"\s+\u0645\u0646\s+\u0627\u0644\u0627\u0646(?![\w])")


def agos(ctx: Context) -> Iterator[Candidate]:
    """Ago phrases: "three days ago", "two days ago" (dual), "3 months ago", "two years ago"."""
    units = ctx.lex.words("unit")
    for m in ctx.grammar.ago.finditer(ctx.w):
        unit, count = units[m.group("unit")].split("\t")
        n = int(m.group("n")) if m.group("n") else ctx.lex.numbers.get(m.group("nw") or "", int(count))
        nxt = ctx.next_word(m.end("x"))
        if ctx.w[m.end("x") : m.end("x") + 2].lstrip()[:1] in _CLAUSE_END:
            nxt = ""  # "two weeks ago, 11 gunmen": the clause ends before the number
        ahead = _FROM_NOW.match(ctx.w, m.end("x")) if m.group("ago") == _BAAD else None
        if m.group("ago") == _BAAD and ahead is None:
            continue  # "after two years" counts from an event; only "after two years from now" from publication
        if ahead is None and (n == 0 or nxt.isdigit() or nxt in ctx.lex.words("of") or ctx.month(nxt) is not None):
            continue  # plural without number ("for years"), "two days before X", "since the month of Ramadan"
        value = _shifted(ctx.published, unit, n if ahead else -n) if ctx.published else None
        yield Candidate(m.start("x"), ahead.end() if ahead else m.end("x"), value, "gregorian", "ago")


#: The rules before the weekday rules of :mod:`timeweekdays` and those after them (``times.py`` runs them in this
#: order: dates, months, numbers and years; weekdays; relative words and "ago" phrases).
RULES_BEFORE_WEEKDAYS: tuple[Callable[[Context], Iterator[Candidate]], ...] = (
    dates,
    month_years,
    month_mods,
    months_alone,
    numerics,
    day_slashes,
    years,
)
RULES_AFTER_WEEKDAYS: tuple[Callable[[Context], Iterator[Candidate]], ...] = (relatives, agos)
