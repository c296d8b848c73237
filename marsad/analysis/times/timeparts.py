"""Periods and spans (issue #17): quarters and halves of a year, parts of a month or year, day ranges, ordinal
day words, holidays, and two dates joined into one interval.

Rules here read the same working string as :mod:`marsad.analysis.times.timerules` and yield the same
:class:`Candidate`; :func:`widen` runs after the rules on their candidates and adds the longer expressions that
contain them ("\u0623\u0648\u0627\u062e\u0631" + a month, a date "\u0625\u0644\u0649" a date), which win the longest-first selection.
Values follow ``evals/gold/README.md`` (times_dev.jsonl): intervals are ``START/END``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from marsad.analysis.times import timecalc as tc
from marsad.analysis.times.timerules import Candidate, Context, _day_month, _month_relative, _pick_month
from marsad.analysis.times.timewords import DAY, SEP, WB_END, WB_START, YEAR, Lexicon, _era, _month_block, alternation, lexicon

_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_VALUE = re.compile(r"^(\d{4})$")
_SPAN_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")
#: Longest Gregorian span (days) still read as a Hijri month rather than a year.
MONTH_SPAN_DAYS = 31
#: Days a Hijri date may stand from the Gregorian date written beside it and still be the same day (Umm al-Qura
#: against sighting, and the writer's own conversion).
DOUBLE_DATE_DAYS = 2
#: Longest span of years read as one interval ("2016 - 2030").
MAX_YEAR_SPAN = 60
#: Characters after a date searched for "every year" (the rest of its clause).
RECURRING_WINDOW = 100
#: Years that are not calendar years (fiscal, academic): a fraction of them is not annotated (folded forms).
OTHER_YEARS = frozenset({"\u0627\u0644\u0645\u0627\u0644\u064a", "\u0627\u0644\u0645\u0627\u0644\u064a\u0647",  # al-mali(yya): fiscal
                         "\u0627\u0644\u062f\u0631\u0627\u0633\u064a", "\u0627\u0644\u062f\u0631\u0627\u0633\u064a\u0647"})  # al-dirasi(yya): academic


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compile this module's patterns once from the lexicons."""
    lex = lexicon()
    months = _month_block(lex)
    names = alternation(lex.months_compact.keys())
    era = _era(lex)
    yearword = alternation(lex.words("yearword"))
    monthword = alternation(lex.words("monthword"))
    mod = alternation(lex.words("modifier"))
    part = alternation(lex.words("part"))
    fraction, fraction_ord = alternation(lex.words("fraction")), alternation(lex.words("fraction_ord"))
    rng = alternation(lex.words("range"))
    ordinal = alternation(lex.words("ordinal"))
    holiday = alternation(lex.words("holiday"))
    numwords = alternation(lex.numbers)
    months_of, months_order = alternation(lex.words("months_of")), alternation(lex.words("months_order"))
    era_any = era.replace("(?P<era>", "(?:")  # the fraction pattern has two year forms: no named era group
    year_ref = rf"(?:(?:{yearword})\s*(?P<y>{YEAR}){era_any}|(?P<y2>{YEAR}){era_any}|(?P<yrel>(?:{yearword})\s+(?P<ymod>{mod})|(?:{yearword})))"
    return {
        "part_start": re.compile(rf"[\u0648\u0641\u0628\u0644]?(?:\u0627\u0644|\u0644)?(?P<part>{part})\s"),
        "part": re.compile(rf"{WB_START}[\u0648\u0641\u0628\u0644]?(?:\u0627\u0644|\u0644)?(?P<part>{part})\s+$"),
        "month_pair": re.compile(
            rf"{WB_START}[\u0648\u0641\u0628\u0644]?(?P<x>\u0634\u0647\u0631\u064a\s+(?P<a>{names})\s+\u0648(?P<b>{names})"
            rf"(?:\s+(?P<dual>\u0627\u0644(?:\u0645\u0627\u0636\u064a|\u0645\u0642\u0628\u0644|\u0642\u0627\u062f\u0645)\u064a\u0646))?){WB_END}"),
        "elided_month": re.compile(
            rf"(?:(?<![\d/.\-\w])|(?<=[^\w]\u0644))(?P<x>(?P<d>{DAY}|{ordinal})\s+(?:\u0645\u0646\s+)?"
            rf"(?:\u0627\u0644\u0634\u0647\u0631\s+)?(?P<mod>{mod})){WB_END}"),
        "relative_fraction": re.compile(
            rf"{WB_START}(?P<x>[\u0648\u0641]?(?:\u0644\u0644|\u0628\u0627\u0644|\u0627\u0644)(?P<fr>{fraction})\s+(?P<mod>{mod}|\u0627\u0644\u0633\u0627\u0628\u0642){WB_END})"),
        "fraction": re.compile(
            rf"{WB_START}(?P<x>[\u0648\u0641]?(?:\u0644\u0644|\u0628\u0627\u0644|\u0627\u0644|\u0644|\u0628)?(?P<fr>{fraction})"
            rf"\s+(?P<ord>{fraction_ord}){WB_END}(?:\s*(?:\u0645\u0646\s+)?{year_ref}|\s+(?P<qmod>{mod}){WB_END})?)"),
        "range": re.compile(
            rf"(?<![\d/.\-])(?P<x>(?P<d1>{DAY}|{ordinal})\s*(?:{rng})\s*(?P<d>{DAY}|{ordinal})\s+(?:\u0645\u0646\s+)?(?:{monthword}\s+)?{months}"
            rf"(?:{SEP}(?P<y>{YEAR}){era}|\s*(?P<mod>{mod}){WB_END})?)"),
        "ordinal": re.compile(
            rf"{WB_START}[\u0648\u0641]?(?P<x>(?P<ord>{ordinal})\s+(?:\u0645\u0646\s+)?(?:{monthword}\s+)?{months}"
            rf"(?:{SEP}(?:(?:{yearword})\s*)?(?P<y>{YEAR}){era}|\s*(?P<mod>{mod}){WB_END})?)"),
        "holiday": re.compile(rf"{WB_START}[\u0648\u0641\u0628\u0644]?(?P<x>(?P<h>{holiday}){WB_END}(?:\s*(?P<y>{YEAR}){era})?)"),
        "connector": re.compile(rf"^\s*(?:{rng})\s*$"),
        "corresponding": re.compile(rf"^\s*(?:{alternation(lex.words('corresponding'))})\s*$"),
        "dual_year": re.compile(r"^[\u0628\u0644]?(?:\u0639\u0627\u0645\u064a|\u0633\u0646\u062a\u064a)\s"),  # "aamay", "sanatay": two years
        "and_year": re.compile(r"^\s*(?:\u0648|-|\u2013)\s*$"),
        "of_year": re.compile(rf"\s+(?P<oy>{alternation(lex.words('of_year'))}){WB_END}"),
        "recurring": re.compile(rf"{alternation(lex.words('recurring'))}{WB_END}"),
        "months_first": re.compile(
            rf"{WB_START}[\u0648\u0641\u0628\u0644]?(?P<x>(?:\u0627\u0644)?(?:(?P<n>{numwords}|\d{{1,2}})\s+(?:{months_of})"
            rf"|(?:{months_of})\s+(?:\u0627\u0644)?(?P<n2>{numwords}))\s+(?P<ord>{months_order}){WB_END}"
            rf"(?:\s*(?:\u0645\u0646\s+)?{year_ref})?)"),
        "two_days": re.compile(r"(?<![\w])[\u0648\u0641\u0628\u0644]?\u064a\u0648\u0645\u064a\s+$"),  # YAWMAY (dual "the two days of")
        "two_months": re.compile(r"(?<![\w])[\u0648\u0641\u0628\u0644]?\u0634\u0647\u0631\u064a\s+$"),  # SHAHRAY (dual), clitics
        "range_head": re.compile(r"(?:\u0645\u0646|\u0628\u064a\u0646)\s+$"),  # MEEM NOON (from), BEH YEH NOON (between)
        # "and the next" after a year: WA-L-QADIM, WA-L-MUQBIL, WA-L-TALI
        "and_next": re.compile(r"\s*\u0648\u0627\u0644(?:\u0642\u0627\u062f\u0645|\u0645\u0642\u0628\u0644|\u062a\u0627\u0644\u064a)(?![\w])"),
        # a dual or plural "past" / "next" after two weekdays: AL-MADIYAYN, AL-MUQBILAYN, AL-QADIMAYN (-ayn, -atayn)
        "dual_after": re.compile(
            r"\s+\u0627\u0644(?:\u0645\u0627\u0636\u064a|\u0645\u0642\u0628\u0644|\u0642\u0627\u062f\u0645)(?:\u064a\u0646|\u062a\u064a\u0646)(?![\w])"),
        "season": re.compile(
            r"(?<![\d/.\-])(?P<y1>(?:19|20)\d\d)\s*[-\u2013\u2014/]\s*(?P<y2>(?:19|20)\d\d)(?![\d/]|[.\-]\d)"),
        "yearword_before": re.compile(rf"[\u0648\u0641\u0628\u0644]?(?:{yearword})\s*$"),
        "year_pair": re.compile(
            rf"{WB_START}(?P<x>(?:(?P<head>{alternation(lex.words('yearpair'))})\s+)?(?P<y1>(?:19|20)\d\d)"
            rf"\s*(?P<sep>[-\u2013\u2014]|\u0648)\s*(?P<y2>(?:19|20)\d\d))(?![\d/]|[.\-]\d)"),
        "year_list": re.compile(  # "للسنوات 2018 و2019 و2020", "الأعوام 2014 و2015": LAM LAM / ALEF LAM + years, a list
            r"(?<![\w])(?P<x>[\u0648\u0641]?(?:\u0644\u0644|\u0627\u0644)(?:\u0633\u0646\u0648\u0627\u062a|[\u0623\u0627]\u0639\u0648\u0627\u0645)"
            r"\s+(?:19|20)\d\d(?:\s*[,\u060c]?\s*\u0648\s*(?:19|20)\d\d)+)(?![\d/])"),
        "hijri_year_pair": re.compile(
            rf"(?<![\d/.\-])(?P<x>(?P<y1>1[34]\d\d)\s*[-\u2013\u2014]\s*(?P<y2>1[34]\d\d)\s*"
            rf"(?P<era>{alternation(lex.words('era_hijri'))}))(?!\w)"),
    }


def _year_of(ctx: Context, m: re.Match[str]) -> int | None:
    """The Gregorian year a fraction refers to: written, relative to publication, or the publication year."""
    if m.group("y") or m.group("y2"):
        return int(m.group("y") or m.group("y2"))
    if ctx.published is None:
        return None
    offset = int(ctx.lex.words("modifier").get(m.group("ymod") or "", "0")) if m.group("ymod") else 0
    return ctx.published.year + offset


def _fraction_year(ctx: Context, mod: str, size: int, index: int, year: int) -> int:
    """The year of a quarter or half named with last/next/current ("الربع الثاني الماضي" in August 2015 = 2015's)."""
    assert ctx.published is not None
    offset = int(ctx.lex.words("modifier").get(mod, "0"))
    first, last = size * (index - 1) + 1, size * index
    if offset < 0:
        return year if last < ctx.published.month else year - 1
    if offset > 0:
        return year if first > ctx.published.month else year + 1
    return year


def fractions(ctx: Context) -> Iterator[Candidate]:
    """Quarters and halves of a year: "\u0627\u0644\u0631\u0628\u0639 \u0627\u0644\u062b\u0627\u0646\u064a 2015" = 2015-04-01/2015-06-30, "\u0627\u0644\u0646\u0635\u0641 \u0627\u0644\u0623\u0648\u0644 \u0645\u0646 \u0627\u0644\u0639\u0627\u0645"."""
    for m in _patterns()["fraction"].finditer(ctx.w):
        size = int(ctx.lex.words("fraction")[m.group("fr")])
        index = int(ctx.lex.words("fraction_ord")[m.group("ord")])
        index = 12 // size if index == -1 else index
        year = _year_of(ctx, m)
        if m.group("qmod") and year is not None:  # "الربع الثاني الماضي": the last such quarter before publication
            year = _fraction_year(ctx, m.group("qmod"), size, index, year)
        if index > 12 // size or (year is None and ctx.published is not None) or ctx.next_word(m.end("x")) in OTHER_YEARS:
            continue
        value = None
        if year is not None:
            first, last = size * (index - 1) + 1, size * index
            value = tc.interval(tc.day_value(dt.date(year, first, 1)), tc.day_value(tc.month_last_day(year, last)))
        yield Candidate(m.start("x"), m.end("x"), value, "gregorian", "period")
    if ctx.published is None:
        return
    for m in _patterns()["relative_fraction"].finditer(ctx.w):  # "\u0627\u0644\u0631\u0628\u0639 \u0627\u0644\u0645\u0627\u0636\u064a": the quarter before the report's
        size = int(ctx.lex.words("fraction")[m.group("fr")])
        offset = int(ctx.lex.words("modifier").get(m.group("mod"), "-1"))  # AL-SABIQ (previous) is -1
        if offset == 0:
            continue  # "the current quarter" in August results is the quarter just reported, as often as this one
        index = (ctx.published.month - 1) // size + offset
        year = ctx.published.year + index // (12 // size)
        index = index % (12 // size)
        first, last = size * index + 1, size * (index + 1)
        value = tc.interval(tc.day_value(dt.date(year, first, 1)), tc.day_value(tc.month_last_day(year, last)))
        yield Candidate(m.start("x"), m.end("x"), value, "gregorian", "period")


def _resolve_day(ctx: Context, m: re.Match[str], day: int) -> tuple[dt.date | None, str | None]:
    """Resolve ``day`` of the match's month (with its year or last/next), and the month's calendar."""
    month = _pick_month(ctx, m)
    if month is None:
        return None, None
    year = int(m.group("y")) if m.group("y") else None
    offset = int(ctx.lex.words("modifier").get(m.group("mod") or "", "0")) if m.group("mod") else None
    return _day_month(ctx, month, day, year, offset), month.calendar


def _day_number(ctx: Context, text: str) -> int:
    """The day a range end names: digits, or an ordinal word ("\u0627\u0644\u0639\u0627\u0634\u0631" = 10)."""
    return int(text) if text.isdigit() else int(ctx.lex.words("ordinal")[re.sub(r"\s+", " ", text)])


def day_ranges(ctx: Context) -> Iterator[Candidate]:
    """Two days of one month: "8 \u0625\u0644\u0649 10 \u062f\u064a\u0633\u0645\u0628\u0631" = 2016-12-08/2016-12-10."""
    ordinals = ctx.lex.words("ordinal")
    for m in _patterns()["range"].finditer(ctx.w):
        if re.sub(r"\s+", " ", ctx.w[m.start("d1") : m.end("d")]) in ordinals:
            continue  # "\u0627\u0644\u062a\u0627\u0633\u0639 \u0648\u0627\u0644\u0639\u0634\u0631\u064a\u0646" is the 29th, not the 9th to the 20th
        first_day, last_day = _day_number(ctx, m.group("d1")), _day_number(ctx, m.group("d"))
        last, calendar = _resolve_day(ctx, m, last_day)
        if calendar is None or first_day >= last_day:
            continue
        first = last - dt.timedelta(days=last_day - first_day) if last else None
        value = tc.interval(tc.day_value(first), tc.day_value(last)) if first and last else None
        yield Candidate(m.start("x"), m.end("x"), value, calendar, "period")


def ordinal_dates(ctx: Context) -> Iterator[Candidate]:
    """Ordinal day words: "\u0627\u0644\u0639\u0634\u0631\u064a\u0646 \u0645\u0646 \u0623\u0643\u062a\u0648\u0628\u0631 \u0627\u0644\u0645\u0642\u0628\u0644", "\u063a\u0631\u0629 \u0634\u0647\u0631 \u0630\u064a \u0627\u0644\u0642\u0639\u062f\u0629"."""
    for m in _patterns()["ordinal"].finditer(ctx.w):
        got, calendar = _resolve_day(ctx, m, int(ctx.lex.words("ordinal")[re.sub(r"\s+", " ", m.group("ord"))]))
        if calendar is None:
            continue
        yield Candidate(m.start("x"), m.end("x"), tc.day_value(got) if got else None, calendar, "date")


def holidays(ctx: Context) -> Iterator[Candidate]:
    """Holidays by Umm al-Qura: "\u0639\u064a\u062f \u0627\u0644\u0641\u0637\u0631" = 1 Shawwal, "\u0623\u064a\u0627\u0645 \u0639\u064a\u062f \u0627\u0644\u0623\u0636\u062d\u0649" = 10-13 Dhu al-Hijjah (the nearest one)."""
    for m in _patterns()["holiday"].finditer(ctx.w):
        # the pattern lets the words of a name run together ("\u0627\u0644\u0641\u0637\u0631\u0627\u0644\u0645\u0628\u0627\u0631\u0643"): look it up without spaces
        table = {name.replace(" ", ""): row for name, row in ctx.lex.words("holiday").items()}
        month, day, days = (int(x) for x in table[re.sub(r"\s+", "", m.group("h"))].split("\t"))
        value = None
        if m.group("y"):
            hy = tc.gregorian_to_hijri(dt.date(int(m.group("y")), 7, 1))
            year = hy[0] if hy else None  # a Gregorian year: its feast (a few straddle two years; mid-year is close)
        else:
            year = tc.hijri_day_month_year_for(ctx.published, month, day) if ctx.published else None
        first = tc.hijri_to_gregorian(year, month, day) if year else None
        if first:
            value = tc.interval(tc.day_value(first), tc.day_value(first + dt.timedelta(days=days - 1)))
        yield Candidate(m.start("x"), m.end("x"), value, "hijri", "holiday")  # not merged with a weekday before it


def months_first(ctx: Context) -> Iterator[Candidate]:
    """The first or last N months of a year: "\u0627\u0644\u0633\u062a\u0629 \u0623\u0634\u0647\u0631 \u0627\u0644\u0623\u0648\u0644\u0649 \u0645\u0646 \u0627\u0644\u0639\u0627\u0645 \u0627\u0644\u062d\u0627\u0644\u064a" = January to June."""
    for m in _patterns()["months_first"].finditer(ctx.w):
        raw = m.group("n") or m.group("n2")
        n = int(raw) if raw.isdigit() else ctx.lex.numbers.get(raw, 0)
        year = _year_of(ctx, m)
        if not 1 <= n <= 12 or ctx.next_word(m.end("x")) in OTHER_YEARS:
            continue
        value = None
        if year is not None:
            first, last = (1, n) if ctx.lex.words("months_order")[m.group("ord")] == "first" else (13 - n, 12)
            value = tc.interval(tc.day_value(dt.date(year, first, 1)), tc.day_value(tc.month_last_day(year, last)))
        yield Candidate(m.start("x"), m.end("x"), value, "gregorian", "period")


def year_pairs(ctx: Context) -> Iterator[Candidate]:
    """Two years as one interval: "(2001-2007)", "2016 - 2030", "\u0628\u064a\u0646 1998 \u06481999", "\u0639\u0627\u0645\u064a 2004 \u06482007".

    "and" needs a head ("between", "the two years"); a dash does not. A season ("\u0645\u0648\u0633\u0645 2018-2019") is no calendar
    interval (``yearblock`` before it).
    """
    for m in _patterns()["year_pair"].finditer(ctx.w):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if not y1 < y2 <= y1 + MAX_YEAR_SPAN or (m.group("sep") == "\u0648" and not m.group("head")):
            continue
        if y2 == y1 + 1 and m.group("sep") != "\u0648":
            continue  # "2018-2019": a season or fiscal year (``seasons`` blocks it)
        if ctx.prev_word(m.start("x")) in ctx.lex.words("yearblock"):
            continue
        yield Candidate(m.start("x"), m.end("x"), f"{y1:04d}/{y2:04d}", "gregorian", "period")


def hijri_year_pairs(ctx: Context) -> Iterator[Candidate]:
    """Hijri years from one to another: "1379 - 1381هـ" = from the first year's start to the last one's end (two
    consecutive years joined by a dash are an academic or fiscal year, not annotated)."""
    for m in _patterns()["hijri_year_pair"].finditer(ctx.w):
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if not y1 + 1 < y2 <= y1 + MAX_YEAR_SPAN:
            continue
        first, last = tc.hijri_year_value(y1), tc.hijri_year_value(y2)
        if first and last:
            yield Candidate(m.start("x"), m.end("x"), tc.interval(first.split("/")[0], last.split("/")[-1]), "hijri",
                            "period")


def seasons(ctx: Context) -> Iterator[Candidate]:
    """Two consecutive years joined by a dash or slash ("\u0639\u0627\u0645 2013 - 2014", "\u0645\u0648\u0633\u0645 2018/2019"): a season, fiscal
    or academic year, which is not annotated; a ``blocked`` candidate keeps the years inside it from being read."""
    pats = _patterns()
    for m in pats["season"].finditer(ctx.w):
        if int(m.group("y2")) != int(m.group("y1")) + 1:
            continue
        head = pats["yearword_before"].search(ctx.w, max(0, m.start() - 8), m.start())
        yield Candidate(head.start() if head else m.start(), m.end(), None, "gregorian", "blocked")


def month_pairs(ctx: Context) -> Iterator[Candidate]:
    """Two months after the dual "\u0634\u0647\u0631\u064a" ("\u0634\u0647\u0631\u064a \u0631\u062c\u0628 \u0648\u0634\u0639\u0628\u0627\u0646 \u0627\u0644\u0645\u0627\u0636\u064a\u064a\u0646"): one period from the first's start to the second's end."""
    for m in _patterns()["month_pair"].finditer(ctx.w):
        a, b = ctx.month(m.group("a")), ctx.month(m.group("b"))
        if a is None or b is None or a.calendar != b.calendar:
            continue
        dual = m.group("dual") or ""
        direction = -1 if "\u0645\u0627\u0636" in dual else 1 if dual else (2 if ctx.future(m.start("x")) else 0)
        first, last = _month_relative(ctx, a, direction), _month_relative(ctx, b, direction)
        if first and last and first.split("/")[0] < last.split("/")[-1]:
            value = tc.interval(first.split("/")[0], last.split("/")[-1])
            yield Candidate(m.start("x"), m.end("x"), value, a.calendar, "period")


def elided_months(ctx: Context) -> Iterator[Candidate]:
    """A day of the month a modifier names without the month's name: "\u0641\u064a 21 \u0627\u0644\u062d\u0627\u0644\u064a" = the 21st of this month, "5 \u0627\u0644\u0645\u0642\u0628\u0644" of the
    next, "\u0627\u0644\u062b\u0627\u0645\u0646 \u0645\u0646 \u0627\u0644\u0634\u0647\u0631 \u0627\u0644\u062d\u0627\u0644\u064a" the 8th of this one."""
    if ctx.published is None:
        return
    for m in _patterns()["elided_month"].finditer(ctx.w):
        offset = int(ctx.lex.words("modifier")[m.group("mod")])
        year, month = tc.shift_month(ctx.published.year, ctx.published.month, offset)
        day = tc.safe_date(year, month, _day_number(ctx, m.group("d")))
        if day is not None:
            yield Candidate(m.start("x"), m.end("x"), tc.day_value(day), "gregorian", "date")


PERIOD_RULES = (fractions, day_ranges, ordinal_dates, holidays, months_first, year_pairs, hijri_year_pairs, seasons, elided_months,
                month_pairs)


def recurring(ctx: Context, cand: Candidate) -> bool:
    """True when the clause after a date says it recurs ("\u0645\u0646 \u0643\u0644 \u0639\u0627\u0645": every year): not a calendar point."""
    tail = ctx.w[cand.end : cand.end + RECURRING_WINDOW]
    stop = re.search(r"[.!?\u061f\n\u060c,]", tail)  # the clause ends at a full stop, question mark or comma
    return _patterns()["recurring"].search(tail[: stop.start()] if stop else tail) is not None


_WEEK_VALUE = re.compile(r"^\d{4}-W\d{2}$")


def _part_value(value: str, calendar: str, part: str) -> str | None:
    """The early / mid / late part of a month, year or week value (None for other values)."""
    if m := _MONTH_VALUE.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        return tc.part_of_days(dt.date(year, month, 1), tc.month_last_day(year, month), part)
    if m := _YEAR_VALUE.match(value):
        year = int(m.group(1))
        first, last = {"early": (1, 1), "mid": (6, 7), "late": (12, 12)}[part]  # the middle of a year: June and July
        return tc.interval(tc.day_value(dt.date(year, first, 1)), tc.day_value(tc.month_last_day(year, last)))
    if _WEEK_VALUE.match(value):
        return value  # a part of a week takes the week's value ("مطلع الأسبوع الفائت")
    if (m := _SPAN_VALUE.match(value)) and calendar == "hijri":
        first, last = dt.date.fromisoformat(m.group(1)), dt.date.fromisoformat(m.group(2))
        if (last - first).days <= MONTH_SPAN_DAYS:
            return tc.part_of_days(first, last, part)
        hijri = tc.gregorian_to_hijri(first)
        if part == "mid" or hijri is None:
            return None
        bounds = tc.hijri_month_bounds(hijri[0], 1 if part == "early" else 12)
        return tc.interval(tc.day_value(bounds[0]), tc.day_value(bounds[1])) if bounds else None
    return None


def widen(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Candidates that contain others: a part word before a month or year, and two dates joined by "\u0625\u0644\u0649"."""
    pats = _patterns()
    out: list[Candidate] = []
    for c in cands:
        if c.value and c.kind in ("month", "year", "relative"):
            m = pats["part"].search(ctx.w, max(0, c.start - 16), c.start)
            value = _part_value(c.value, c.calendar, ctx.lex.words("part")[m.group("part")]) if m else None
            if value:
                out.append(Candidate(m.start(), c.end, value, c.calendar, "period"))
            inner = pats["part_start"].match(ctx.w, c.start, c.end)  # a relative phrase with its part: "\u0645\u0637\u0644\u0639 \u0627\u0644\u0639\u0627\u0645"
            value = _part_value(c.value, c.calendar, ctx.lex.words("part")[inner.group("part")]) if inner else None
            if value:
                out.append(Candidate(c.start, c.end, value, c.calendar, "period"))
        if c.value and _MONTH_VALUE.match(c.value) and ctx.published is not None:
            m = pats["of_year"].match(ctx.w, c.end)  # "December of next year"
            if m:
                year = ctx.published.year + int(ctx.lex.words("of_year")[re.sub(r"\s+", " ", m.group("oy"))])
                out.append(Candidate(c.start, m.end(), f"{year:04d}{c.value[4:]}", c.calendar, "month"))
        elif c.value and c.kind == "month" and c.calendar == "hijri" and ctx.published is not None:
            m = pats["of_year"].match(ctx.w, c.end)  # "شهر صفر من العام الماضي": Safar of the previous Hijri year
            if m:
                offset = int(ctx.lex.words("of_year")[re.sub(r"\s+", " ", m.group("oy"))])
                month = tc.gregorian_to_hijri(dt.date.fromisoformat(c.value.split("/")[0]))[1]
                year = tc.gregorian_to_hijri(ctx.published)[0] + offset
                out.append(Candidate(c.start, m.end(), tc.hijri_month_value(year, month), c.calendar, "month"))
    out += _joined(ctx, cands)
    return out


def _same_day_twice(ctx: Context, a: Candidate, b: Candidate) -> bool:
    """True when a Hijri and a Gregorian date side by side name one day (a double date, not a range)."""
    if a.calendar == b.calendar or not _patterns()["connector"].match(ctx.w[a.end : b.start]):
        return False
    gap = abs((dt.date.fromisoformat(a.value) - dt.date.fromisoformat(b.value)).days)
    return gap <= DOUBLE_DATE_DAYS


#: "and" / "or" (ALEF with or without HAMZA + WAW) between two weekdays named as one span ("الأحد والاثنين").
_WEEKDAY_AND = frozenset({"\u0648", "\u0623\u0648", "\u0627\u0648"})


def _weekday_pairs(ctx: Context, units: list[Candidate]) -> list[Candidate]:
    """Two weekdays joined by "و" / "أو" with no head ("الأحد والاثنين", "الجمعة أو السبت"): one interval from the first
    (resolved as written) to the next such weekday after it; "مساء السبت - الأحد" (a night) stays out."""
    out: list[Candidate] = []
    for a, b in zip(units, units[1:]):
        if a.kind != "weekday" or b.kind != "weekday" or ctx.w[a.end : b.start].strip() not in _WEEKDAY_AND:
            continue
        first, second = dt.date.fromisoformat(a.value), dt.date.fromisoformat(b.value)  # type: ignore[arg-type]
        gap = (second.isoweekday() - first.isoweekday()) % 7
        if gap:
            out.append(Candidate(a.start, b.end, tc.interval(a.value, tc.day_value(first + dt.timedelta(days=gap))),
                                 "gregorian", "period"))
    return out


def _joined(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Two dates joined by "to" / "and" (a day written in both calendars counts once), and two years after "\u0639\u0627\u0645\u064a"."""
    pats = _patterns()
    out: list[Candidate] = []
    units: list[Candidate] = []  # day-precise dates, a Hijri date and its Gregorian "corresponding" one merged
    days = (c for c in cands if c.kind in ("date", "weekday", "relative") and c.value and len(c.value) == 10)
    for c in sorted(days, key=lambda c: c.start):
        prev = units[-1] if units else None
        if prev is not None and prev.end <= c.start and (
            pats["corresponding"].match(ctx.w[prev.end : c.start]) or _same_day_twice(ctx, prev, c)):
            value = c.value if c.calendar == "gregorian" else prev.value
            units[-1] = Candidate(prev.start, c.end, value, "gregorian", "date")
        elif prev is None or c.start >= prev.end:
            units.append(c)
    for a, b in zip(units, units[1:]):
        gap = ctx.w[a.end : b.start]
        if pats["connector"].match(gap) and a.value < b.value:
            head = pats["range_head"].search(ctx.w, max(0, a.start - 6), a.start) or pats["two_days"].search(
                ctx.w, max(0, a.start - 8), a.start)
            dual = pats["dual_after"].match(ctx.w, b.end) if "date" not in (a.kind, b.kind) else None
            if head is None and dual is None and ("date" not in (a.kind, b.kind) or gap.strip() == "\u0648"
                                                  or b.kind == "relative"):  # "\u0645\u0646\u0630 17 \u0631\u0645\u0636\u0627\u0646 \u0648\u062d\u062a\u0649 \u0627\u0644\u064a\u0648\u0645": two points
                continue  # two weekdays make a range only after "from" / "between" ("\u0645\u0633\u0627\u0621 \u0627\u0644\u0633\u0628\u062a - \u0627\u0644\u0623\u062d\u062f" is a night),
                # or with a dual after them ("\u0627\u0644\u0627\u062b\u0646\u064a\u0646 \u0648\u0627\u0644\u062b\u0644\u0627\u062b\u0627\u0621 \u0627\u0644\u0645\u0627\u0636\u064a\u064a\u0646"); "30 \u064a\u0648\u0646\u064a\u0648 \u064813 \u064a\u0648\u0644\u064a\u0648" are two days
            end = dual.end() if dual is not None else b.end
            out.append(Candidate(head.start() if head else a.start, end, tc.interval(a.value, b.value), b.calendar, "period"))
    out += _weekday_pairs(ctx, units)
    months: list[Candidate] = []  # the longest month expression at each place ("July 2017", not "July")
    for c in sorted((c for c in cands if c.kind == "month" and c.value and _MONTH_VALUE.match(c.value)),
                    key=lambda c: (c.start, c.start - c.end)):
        if not months or c.start >= months[-1].end:
            months.append(c)
    for a, b in zip(months, months[1:]):  # "from July 2017 to May 2018", "between July 2017 and May 2018"
        gap = ctx.w[a.end : b.start]
        if pats["connector"].match(gap) and a.value < b.value:  # type: ignore[operator]
            head = pats["range_head"].search(ctx.w, max(0, a.start - 6), a.start) or pats["two_months"].search(
                ctx.w, max(0, a.start - 8), a.start)
            if head is None and gap.strip() not in ("-", "\u2013"):
                continue  # "July and May" alone are two months; a dash, "from"/"between" or "the two months" makes one
            out.append(Candidate(head.start() if head else a.start, b.end, tc.interval(a.value, b.value),  # type: ignore[arg-type]
                                 b.calendar, "period"))
    years = sorted((c for c in cands if c.kind == "year" and c.value and _YEAR_VALUE.match(c.value)), key=lambda c: c.start)
    for c in cands:  # "\u0644\u0644\u0639\u0627\u0645 \u0627\u0644\u062d\u0627\u0644\u064a \u0648\u0627\u0644\u0642\u0627\u062f\u0645": this year and the next, one period
        if c.kind not in ("year", "relative") or not c.value or not _YEAR_VALUE.match(c.value):
            continue
        nxt = pats["and_next"].match(ctx.w, c.end)
        if nxt is not None:
            out.append(Candidate(c.start, nxt.end(), tc.interval(c.value, f"{int(c.value) + 1:04d}"), "gregorian", "period"))  # type: ignore[arg-type]
    spans = sorted((c for c in cands if c.kind in ("year", "relative") and c.value and _YEAR_VALUE.match(c.value)),
                   key=lambda c: c.start)
    for a, b in zip(spans, spans[1:]):  # "من عام 2008 الى العام الماضي": a year to a relative one, after "from"
        if "relative" in (a.kind, b.kind) and a.end <= b.start and pats["connector"].match(ctx.w[a.end : b.start]) \
                and a.value < b.value:  # type: ignore[operator]
            head = pats["range_head"].search(ctx.w, max(0, a.start - 12), a.start)
            if head is not None:
                out.append(Candidate(head.start(), b.end, tc.interval(a.value, b.value), "gregorian", "period"))  # type: ignore[arg-type]
    for m in pats["year_list"].finditer(ctx.w):  # "للسنوات 2018 و2019 و2020": the years from the first to the last
        found = [int(y) for y in re.findall(r"(?:19|20)\d\d", m.group("x"))]
        if len(found) >= 2 and found == sorted(found):
            out.append(Candidate(m.start("x"), m.end("x"), f"{found[0]:04d}/{found[-1]:04d}", "gregorian", "period"))
    for a, b in zip(years, years[1:]):
        if pats["dual_year"].match(ctx.w[a.start : a.end]) and pats["and_year"].match(ctx.w[a.end : b.start]):
            low, high = sorted((a.value, b.value))
            out.append(Candidate(a.start, b.end, tc.interval(low, high), "gregorian", "period"))
        elif a.end <= b.start and pats["connector"].match(ctx.w[a.end : b.start]) and a.value < b.value:  # type: ignore[operator]
            head = pats["range_head"].search(ctx.w, max(0, a.start - 6), a.start)  # "من 2016 حتى 2030"
            if head is not None:
                out.append(Candidate(head.start(), b.end, tc.interval(a.value, b.value), "gregorian", "period"))  # type: ignore[arg-type]
    return out


__all__ = ["PERIOD_RULES", "Lexicon", "widen"]
