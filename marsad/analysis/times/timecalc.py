"""Calendar arithmetic for temporal values: Hijri conversion, nearest weekday/month, ISO weeks, value strings."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri

HIJRI_MIN_YEAR = 1343  # hijridate's Umm al-Qura table covers 1343..1500 AH (1924..2077)
HIJRI_MAX_YEAR = 1500
#: Parts of a month (issue #17's convention): early = days 1-10, mid = 11-20, late = 21 to the month's end.
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def day_value(day: dt.date) -> str:
    """Return ``YYYY-MM-DD``."""
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    """Return ``YYYY-MM``."""
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    """Return the ISO week of ``day`` as ``YYYY-Www``."""
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the Gregorian date, or None when it does not exist."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """Convert a Hijri (Umm al-Qura) date; day 30 of a 29-day month becomes the 1st of the next. None if out of range."""
    if not (HIJRI_MIN_YEAR <= year <= HIJRI_MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 30):
        return None
    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        try:
            return Hijri(year, month, 29).to_gregorian() + dt.timedelta(days=1)
        except (ValueError, OverflowError):
            return None


def gregorian_to_hijri(day: dt.date) -> tuple[int, int, int] | None:
    """Return the Hijri ``(year, month, day)`` of a Gregorian date, or None out of the table's range."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return h.year, h.month, h.day


def interval(first: str, last: str) -> str:
    """Return the interval value ``START/END`` (a single value when both ends are equal)."""
    return first if first == last else f"{first}/{last}"


def hijri_month_bounds(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    """Return the first and last Gregorian days of a Hijri (Umm al-Qura) month, or None out of range."""
    first = hijri_to_gregorian(year, month, 1)
    following = hijri_to_gregorian(year + month // 12, month % 12 + 1, 1)
    if first is None or following is None:
        return None
    return first, following - dt.timedelta(days=1)


def hijri_year_value(year: int) -> str | None:
    """Return a Hijri year as its Gregorian span ``START/END`` (1435 AH = 2013-11-04/2014-10-24)."""
    first, last = hijri_month_bounds(year, 1), hijri_month_bounds(year, 12)
    return interval(day_value(first[0]), day_value(last[1])) if first and last else None


def hijri_month_value(year: int, month: int) -> str | None:
    """Return a Hijri month as its Gregorian span ``START/END`` (Rajab 1436 = 2015-04-20/2015-05-18)."""
    bounds = hijri_month_bounds(year, month)
    return interval(day_value(bounds[0]), day_value(bounds[1])) if bounds else None


def hijri_month_in_year(year: int, month: int) -> str | None:
    """Return the span of the Hijri ``month`` that starts in Gregorian ``year`` ("Ramadan 2017"), or None."""
    start = gregorian_to_hijri(dt.date(year, 1, 1))
    if start is None:
        return None
    for hy in (start[0], start[0] + 1):
        bounds = hijri_month_bounds(hy, month)
        if bounds and bounds[0].year == year:
            return interval(day_value(bounds[0]), day_value(bounds[1]))
    return None


def month_last_day(year: int, month: int) -> dt.date:
    """Return the last day of a Gregorian month."""
    y, m = shift_month(year, month, 1)
    return dt.date(y, m, 1) - dt.timedelta(days=1)


def part_of_days(first: dt.date, last: dt.date, part: str) -> str:
    """Return the early / mid / late part of the days ``first..last`` (a month) as an interval value."""
    lo, hi = PART_DAYS[part]
    start = first + dt.timedelta(days=lo - 1)
    end = min(last, first + dt.timedelta(days=hi - 1))
    return interval(day_value(start), day_value(end))


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """Return ``(year, month)`` moved by ``offset`` months."""
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def nearest_weekday(anchor: dt.date, iso_weekday: int, direction: int) -> dt.date:
    """Return the day with ``iso_weekday`` nearest ``anchor``.

    ``direction``: -1 strictly before, +1 strictly after, 0 on or before, 2 on or after, 3 nearest either way
    (ties go to the past).
    """
    back = (anchor.isoweekday() - iso_weekday) % 7
    fwd = (iso_weekday - anchor.isoweekday()) % 7
    if direction == -1:
        return anchor - dt.timedelta(days=back or 7)
    if direction == 1:
        return anchor + dt.timedelta(days=fwd or 7)
    if direction == 0:
        return anchor - dt.timedelta(days=back)
    if direction == 2:
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back) if back <= fwd else anchor + dt.timedelta(days=fwd)


def month_year_for(published: dt.date, month: int, direction: int) -> int:
    """Return the year of the Gregorian ``month`` nearest ``published``.

    ``direction``: 0 not after the publication month, 2 not before it, -1 strictly before, 1 strictly after.
    """
    if direction in (0, -1):
        past = month < published.month or (direction == 0 and month == published.month)
        return published.year if past else published.year - 1
    future = month > published.month or (direction == 2 and month == published.month)
    return published.year if future else published.year + 1


def hijri_month_year_for(published: dt.date, month: int, direction: int) -> int | None:
    """Return the Hijri year of the Hijri ``month`` nearest ``published`` (directions as ``month_year_for``)."""
    today = gregorian_to_hijri(published)
    if today is None:
        return None
    year, current, _ = today
    if direction in (0, -1):
        past = month < current or (direction == 0 and month == current)
        return year if past else year - 1
    future = month > current or (direction == 2 and month == current)
    return year if future else year + 1


def day_month_year_for(published: dt.date, month: int, day: int) -> int:
    """Return the year putting a day-and-month without year nearest ``published`` (within half a year)."""
    best = published.year
    best_gap = None
    for year in (published.year - 1, published.year, published.year + 1):
        cand = safe_date(year, month, min(day, 28) if month == 2 and day > 28 else day)
        if cand is None:
            continue
        gap = abs((cand - published).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def hijri_day_month_year_for(published: dt.date, month: int, day: int) -> int | None:
    """Return the Hijri year putting a Hijri day-and-month nearest ``published``."""
    today = gregorian_to_hijri(published)
    if today is None:
        return None
    best, best_gap = None, None
    for year in (today[0] - 1, today[0], today[0] + 1):
        cand = hijri_to_gregorian(year, month, day)
        if cand is None:
            continue
        gap = abs((cand - published).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best
