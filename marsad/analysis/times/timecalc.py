"""Calendar arithmetic for temporal values: Hijri conversion, nearest weekday/month, ISO weeks, value strings."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri

HIJRI_MIN_YEAR = 1343  # hijridate's Umm al-Qura table covers 1343..1500 AH (1924..2077)
HIJRI_MAX_YEAR = 1500
HIJRI_MID_MONTH = 6  # a Hijri year alone maps to the Gregorian year of its middle (15 Jumada II)
HIJRI_MID_DAY = 15  # a Hijri month alone maps to the Gregorian month of its 15th day


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


def hijri_year_value(year: int) -> str | None:
    """Return the Gregorian year (``YYYY``) of the middle of a Hijri year."""
    mid = hijri_to_gregorian(year, HIJRI_MID_MONTH, HIJRI_MID_DAY)
    return f"{mid.year:04d}" if mid else None


def hijri_month_value(year: int, month: int) -> str | None:
    """Return the Gregorian ``YYYY-MM`` of the 15th of a Hijri month."""
    mid = hijri_to_gregorian(year, month, HIJRI_MID_DAY)
    return month_value(mid.year, mid.month) if mid else None


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
