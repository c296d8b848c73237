"""Publication dates: metadata strings and in-text date lines ("\u0627\u0644\u062c\u0645\u0639\u0629\u060c 01 \u064a\u0648\u0646\u064a\u0648 2018 01:10 \u0645") to ISO 8601."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from marsad.text.months import month_rows
from marsad.text.normalize import normalize

#: Afternoon markers after a clock time: MEEM (U+0645, "masa'an") or the word "masa'an"; morning SAD (U+0635).
PM_MARKERS = frozenset({"\u0645", "\u0645\u0633\u0627\u0621", "pm"})
AM_MARKERS = frozenset({"\u0635", "\u0635\u0628\u0627\u062d\u0627", "am"})
#: A date line is short: at most this many words beyond the date itself (weekday, "updated", clock).
DATE_LINE_MAX_WORDS = 9

_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DMY_RE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_TIME_RE = re.compile(r"\b(\d{1,2}):(\d{2})(?::\d{2})?\s*([^\W\d_]+)?")


@cache
def month_names() -> dict[str, int]:
    """Return normalized Gregorian month spellings (all naming systems) mapped to month numbers."""
    table: dict[str, int] = {}
    for row in month_rows():
        if row.calendar == "gregorian":
            table[normalize(row.name).strip()] = row.month
    return table


@cache
def _month_re() -> re.Pattern[str]:
    """Regex of 'day month year' over normalized text, longest month names first."""
    names = sorted(month_names(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"\b(\d{{1,2}})\s+(?:{alt})?(?:\s*/\s*)?({alt})\s*[,\u060c]?\s+(\d{{4}})")


def parse_date_string(value: str | None) -> str | None:
    """Parse a metadata or in-text date string to ISO 8601 (date, or date and minutes), or None."""
    if not value:
        return None
    m = _ISO_RE.match(value)
    if m:
        y, mo, d, hh, mm, ss = m.groups()
        return _iso(int(y), int(mo), int(d), hh, mm, ss)
    norm = normalize(value)
    m2 = _month_re().search(norm)
    if m2:
        day, month_name, year = m2.groups()
        return _iso(int(year), month_names()[month_name], int(day), *_clock(norm[m2.end():]))
    m3 = _DMY_RE.search(norm)
    if m3:
        d, mo, y = m3.groups()
        return _iso(int(y), int(mo), int(d), *_clock(norm[m3.end():]))
    return None


def parse_date_line(line: str) -> str | None:
    """Return the ISO date of ``line`` when the line is a date line (a short line that is mostly a date)."""
    if len(line) > 25 * DATE_LINE_MAX_WORDS or not any(ch.isdigit() for ch in line):
        return None
    norm = normalize(line)
    if len(norm.split()) > DATE_LINE_MAX_WORDS:
        return None
    m = _month_re().search(norm) or _DMY_RE.search(norm) or _ISO_RE.match(norm)
    if not m:
        return None
    return parse_date_string(line)


def _clock(rest: str) -> tuple[str | None, str | None, None]:
    """Find an hh:mm clock (with an Arabic or Latin am/pm marker) right after a date."""
    m = _TIME_RE.search(rest[:40])
    if not m:
        return None, None, None
    hh, mm, marker = int(m.group(1)), m.group(2), (m.group(3) or "").lower()
    if marker in PM_MARKERS and hh < 12:
        hh += 12
    elif marker in AM_MARKERS and hh == 12:
        hh = 0
    return str(hh), mm, None


def _iso(y: int, mo: int, d: int, hh: str | None, mm: str | None, ss: str | None) -> str | None:
    """Build an ISO string, or None when the fields are not a real date."""
    try:
        if hh is None:
            return datetime(y, mo, d).date().isoformat()
        dt = datetime(y, mo, d, int(hh), int(mm or 0), int(ss or 0))
    except ValueError:
        return None
    return dt.isoformat(timespec="seconds" if ss else "minutes")
