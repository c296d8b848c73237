"""The package-wide table of Arabic month names (``data/months.tsv``): Gregorian (all naming systems) and Hijri.

One table serves ingest (Gregorian names in date lines) and analysis (every month name in time expressions).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import NamedTuple


class MonthRow(NamedTuple):
    """One spelling of a month as written in the table (not normalized)."""

    name: str
    calendar: str  # "gregorian" or "hijri"
    month: int
    free: bool  # matched alone; False: needs a day, year, "month" word or double form


@cache
def month_rows() -> tuple[MonthRow, ...]:
    """Return the rows of ``marsad/text/data/months.tsv`` (comments and blank lines skipped)."""
    text = resources.files("marsad.text").joinpath("data", "months.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, calendar, month, context = line.rstrip("\n").split("\t")
            rows.append(MonthRow(name, calendar, int(month), context == "free"))
    return tuple(rows)
