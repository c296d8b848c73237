"""Tests of the package-wide month table shared by ingest (date lines) and analysis (time expressions)."""

from __future__ import annotations

import pytest

from marsad.analysis.times.timewords import lexicon
from marsad.ingest.dates import month_names
from marsad.text.months import month_rows
from marsad.text.normalize import normalize_word


@pytest.mark.parametrize("calendar", ["gregorian", "hijri"])
def test_months_table_covers_twelve_months(calendar):
    """Both calendars have all twelve months."""
    assert {r.month for r in month_rows() if r.calendar == calendar} == set(range(1, 13))


def test_months_gregorian_months_stand_alone():
    """Every Gregorian month has a spelling recognized alone (Hijri names that are also words, Rajab, are bound)."""
    assert {r.month for r in month_rows() if r.calendar == "gregorian" and r.free} == set(range(1, 13))


def test_months_ingest_and_times_read_the_same_gregorian_names():
    """Date-line parsing and time expressions agree on every Gregorian spelling and its month number."""
    times = {k: v.month for k, v in lexicon().months.items() if v.calendar == "gregorian"}
    ingest = {" ".join(normalize_word(w) for w in k.split()): v for k, v in month_names().items()}
    assert ingest == times


@pytest.mark.parametrize(
    ("name", "month"),
    [
        pytest.param("\u064a\u0646\u0627\u064a\u0631", 1, id="msa-january"),
        pytest.param("\u0643\u0627\u0646\u0648\u0646 \u0627\u0644\u062b\u0627\u0646\u064a", 1, id="levantine-january"),
        pytest.param("\u062c\u0627\u0646\u0641\u064a", 1, id="maghrebi-january"),
        pytest.param("\u064a\u0646\u064a\u0631", 1, id="moroccan-january"),
        pytest.param("\u0622\u0628", 8, id="levantine-august"),
    ],
)
def test_months_gregorian_spellings_map_to_their_month(name, month):
    """Spellings of the three Gregorian naming systems map to the right month number."""
    assert month_names()[" ".join(normalize_word(w) for w in name.split())] == month

