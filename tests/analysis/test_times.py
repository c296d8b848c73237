"""Tests of marsad.analysis.times.times: categories of temporal expressions, seeds, null without a date, invariants."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.times.times import TimeSettings, extract_times, parse_published
from marsad.errors import ConfigError

PUB = dt.date(2015, 8, 6)  # a Thursday; 21 Shawwal 1436
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def _one(text: str, published: dt.date | None = PUB) -> tuple[str, str | None, str]:
    """Return (text, value, calendar) of the single expression found."""
    found = extract_times(text, "body", published)
    assert len(found) == 1, found
    return found[0].text, found[0].value, found[0].calendar


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        pytest.param("وصل في 6 أغسطس 2015 إلى", "6 أغسطس 2015", "2015-08-06", id="msa-day-month-year"),
        pytest.param("حتى 26 شباط (فبراير) 2016", "26 شباط (فبراير) 2016", "2016-02-26", id="levantine-double-brackets"),
        pytest.param("في كانون الثاني/يناير 2015 شهد", "كانون الثاني/يناير 2015", "2015-01", id="levantine-double-slash"),
        pytest.param("منذ جانفي 2014 و", "جانفي 2014", "2014-01", id="maghrebi-month-year"),
        pytest.param("في 3 فيفري 2014", "3 فيفري 2014", "2014-02-03", id="maghrebi-day"),
        pytest.param("بيانات يوليو تموز القوية", "يوليو تموز", "2015-07", id="reuters-double-space"),
        pytest.param("في ١٥ فبراير ٢٠١٥ م", "١٥ فبراير ٢٠١٥ م", "2015-02-15", id="arabic-indic-digits"),
        pytest.param("تاريخ 06/08/2015 م", "06/08/2015 م", "2015-08-06", id="numeric-dmy"),
        pytest.param("بتاريخ 2015-08-06", "2015-08-06", "2015-08-06", id="numeric-iso"),
        pytest.param("في 30 يونيو الماضي", "30 يونيو الماضي", "2015-06-30", id="day-month-last"),
        pytest.param("في 31 مارس المقبل", "31 مارس المقبل", "2016-03-31", id="day-month-next"),
        pytest.param("في 12 أغسطس الجاري", "12 أغسطس الجاري", "2015-08-12", id="day-month-current"),
    ],
)
def test_times_gregorian_dates(text: str, expr: str, value: str) -> None:
    """Gregorian dates in every month-name system resolve to ISO values."""
    assert _one(text) == (expr, value, "gregorian")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("15 رمضان 1436 هـ", "2015-07-02", id="hijri-day-month-year"),
        pytest.param("1436/10/28هـ", "2015-08-13", id="hijri-numeric-ymd"),
        pytest.param("24 /10 / 1436هـ", "2015-08-09", id="hijri-numeric-dmy-spaced"),
        pytest.param("عام 1436هـ", "2014-10-25/2015-10-13", id="hijri-year-is-its-span"),
        pytest.param("عام 1435هـ", "2013-11-04/2014-10-24", id="hijri-year-1435-span"),
        pytest.param("منذ شهر رمضان الماضي", "2015-06-18/2015-07-16", id="hijri-month-last-is-its-span"),
        pytest.param("5 ذو القعدة 1436هـ", "2015-08-20", id="hijri-dhu-al-qadah"),
    ],
)
def test_times_hijri_dates(text: str, value: str) -> None:
    """Hijri dates convert to Gregorian values and keep calendar 'hijri'; a Hijri month or year is its span."""
    _, got, calendar = _one(text)
    assert (got, calendar) == (value, "hijri")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        pytest.param("ارتفعت الأرباح خلال الربع الثالث 2014", "الربع الثالث 2014", "2014-07-01/2014-09-30", id="quarter-with-year"),
        pytest.param("في النصف الثاني من العام الماضي", "النصف الثاني من العام الماضي", "2014-07-01/2014-12-31", id="half-of-last-year"),
        pytest.param("في الأشهر الثلاثة الأولى من عام 2015", "الأشهر الثلاثة الأولى من عام 2015", "2015-01-01/2015-03-31", id="first-three-months"),
        pytest.param("يبدأ العمل مطلع سبتمبر المقبل", "مطلع سبتمبر المقبل", "2015-09-01/2015-09-10", id="early-month"),
        pytest.param("في منتصف يوليو", "منتصف يوليو", "2015-07-11/2015-07-20", id="mid-month"),
        pytest.param("حتى أواخر فبراير الماضي", "أواخر فبراير الماضي", "2015-02-21/2015-02-28", id="late-month-to-its-last-day"),
        pytest.param("في نهاية عام 2014", "نهاية عام 2014", "2014-12-01/2014-12-31", id="end-of-year-is-december"),
        pytest.param("من 10 إلى 12 سبتمبر المقبل", "10 إلى 12 سبتمبر المقبل", "2015-09-10/2015-09-12", id="day-range"),
        pytest.param("في العشرين من أكتوبر المقبل", "العشرين من أكتوبر المقبل", "2015-10-20", id="ordinal-day"),
        pytest.param("مقارنة بعامي 2012 و2013", "عامي 2012 و2013", "2012/2013", id="dual-years"),
        pytest.param("في شهر مارس من العام المقبل", "شهر مارس من العام المقبل", "2016-03", id="month-of-next-year"),
        pytest.param("من الخامس إلى السابع من سبتمبر المقبل", "الخامس إلى السابع من سبتمبر المقبل", "2015-09-05/2015-09-07", id="ordinal-day-range"),
        pytest.param("وذلك يوم الأحد الموافق ل 9 أغسطس 2015", "يوم الأحد الموافق ل 9 أغسطس 2015", "2015-08-09", id="weekday-corresponding-to-date"),
        pytest.param("اليوم 6 أغسطس 2015", "اليوم 6 أغسطس 2015", "2015-08-06", id="today-with-its-date"),
        pytest.param("خلال شهر رمضان 2017", "شهر رمضان 2017", "2017-05-27/2017-06-24", id="hijri-month-in-gregorian-year"),
        pytest.param("المقرر في مطلع العام المقبل", "مطلع العام المقبل", "2016-01-01/2016-01-31", id="start-of-next-year"),
        pytest.param("أفضل لاعب للعام الماضي", "للعام الماضي", "2014", id="lil-last-year"),
        pytest.param("قتل منذ أكثر من ثلاث سنوات", "منذ أكثر من ثلاث سنوات", "2012", id="ago-more-than"),
        pytest.param("لعب مع الفريق (2001-2007). وانتقل", "2001-2007", "2001/2007", id="year-dash-year-in-brackets"),
        pytest.param("خطة دول المجلس (2016 - 2030) للتنمية", "2016 - 2030", "2016/2030", id="year-spaced-dash-year"),
        pytest.param("خلال الحرب بين 1998 و1999. وبعد", "بين 1998 و1999", "1998/1999", id="between-year-and-year"),
        pytest.param("قبل انتخابات 2016 كي لا تتحدث", "2016", "2016", id="year-after-noun-then-function-word"),
        pytest.param("ألمانيا تقر ميزانية 2019 بلا ديون", "2019", "2019", id="budget-year"),
        pytest.param("في جرائم انتفاضة 2011، وقال", "2011", "2011", id="year-after-noun-then-comma"),
    ],
)
def test_times_periods(text: str, expr: str, value: str) -> None:
    """Quarters, halves, parts of months and years, ranges, ordinal days and dual years (issue #17 conventions)."""
    assert _one(text)[:2] == (expr, value)


def test_times_two_weekdays_make_a_range_only_after_between() -> None:
    """"Between Monday and today (Tuesday)" is one interval; "Saturday evening - Sunday" stays two days."""
    tuesday = dt.date(2015, 8, 4)
    found = extract_times("بين يوم الاثنين واليوم (الثلاثاء)", "body", tuesday)
    assert [t.value for t in found] == ["2015-08-03/2015-08-04"]
    assert len(extract_times("وقع الحادث مساء السبت - الأحد", "body", tuesday)) == 2


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("تبدأ إجازة عيد الأضحى", "2015-09-23", id="eid-al-adha-next"),
        pytest.param("خلال أيام عيد الفطر", "2015-07-17/2015-07-19", id="eid-al-fitr-days-last"),
        pytest.param("تهنئة بمناسبة عيد الفطرالمبارك", "2015-07-17", id="eid-name-run-together"),
        pytest.param("في مطلع شهر ذي القعدة المقبل", "2015-08-16/2015-08-25", id="early-hijri-month"),
    ],
)
def test_times_hijri_periods(text: str, value: str) -> None:
    """Holidays and parts of Hijri months by the Umm al-Qura calendar."""
    assert _one(text)[1] == value


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("يحتفل به في 15 من شهر يونيو من كل عام", id="recurring-date"),
        pytest.param("أرباح الربع الأول من العام المالي", id="fiscal-quarter"),
        pytest.param("ولامس المؤشر مستوى قياسيا", id="lamasa-is-no-yesterday"),
    ],
)
def test_times_not_a_calendar_point(text: str) -> None:
    """Recurring dates, fiscal-year quarters and the verb "lamasa" (touched) are no expressions."""
    assert extract_times(text, "body", dt.date(2015, 8, 6)) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("التقى اليوم الخميس", "2015-08-06", id="today-thursday"),
        pytest.param("وصل يوم الأربعاء", "2015-08-05", id="day-wednesday-past"),
        pytest.param("الخميس الماضي", "2015-07-30", id="last-thursday"),
        pytest.param("الأحد القادم", "2015-08-09", id="next-sunday"),
        pytest.param("أعلن (الاثنين) أن", "2015-08-03", id="monday-in-brackets"),
        pytest.param("سيلتقي الرئيسان يوم الأحد", "2015-08-09", id="future-verb-sunday"),
        pytest.param("أمس (الأربعاء)", "2015-08-05", id="yesterday-bracket-weekday"),
    ],
)
def test_times_weekdays(text: str, value: str) -> None:
    """Weekdays resolve to the nearest past day unless future cues point forward."""
    assert _one(text)[1] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("أمس", "2015-08-05", id="yesterday"),
        pytest.param("أول أمس", "2015-08-04", id="day-before-yesterday"),
        pytest.param("غداً", "2015-08-07", id="tomorrow-tanween"),
        pytest.param("الأسبوع الماضي", "2015-W31", id="last-week"),
        pytest.param("الشهر المقبل", "2015-09", id="next-month"),
        pytest.param("العام الماضي", "2014", id="last-year"),
        pytest.param("منذ ثلاثة أيام", "2015-08-03", id="three-days-ago"),
        pytest.param("قبل عامين", "2013", id="two-years-ago"),
        pytest.param("في فبراير", "2015-02", id="month-alone-past"),
        pytest.param("في أكتوبر", "2014-10", id="month-alone-nearest-not-after"),
        pytest.param("في سبتمبر", "2015-09", id="month-alone-the-month-after-publication-is-coming"),
        pytest.param("سيعقد في سبتمبر", "2015-09", id="month-alone-future-tense"),
    ],
)
def test_times_relative(text: str, value: str) -> None:
    """Relative expressions resolve against the publication date."""
    assert _one(text)[1] == value


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("أمس", id="yesterday"),
        pytest.param("يوم الأربعاء", id="weekday"),
        pytest.param("الشهر المقبل", id="next-month"),
        pytest.param("في فبراير", id="month-alone"),
    ],
)
def test_times_relative_without_published_is_null(text: str) -> None:
    """Without a publication date, relative expressions are found with value None."""
    assert _one(text, None)[1] is None


def test_times_absolute_without_published_resolves() -> None:
    """Absolute expressions resolve without a publication date."""
    assert _one("في عام 2017", None)[1] == "2017"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("أدى صلاة الجمعة في الجامع", id="friday-prayer"),
        pytest.param("احتفل باليوم الوطني", id="national-day"),
        pytest.param("فاز 1-صفر على", id="score-not-safar"),
        pytest.param("عين اليوم – الرياض", id="outlet-name"),
        pytest.param("بلغ 2015 طالبا", id="bare-number"),
        pytest.param("بلغ عدد الزوار 2015 في", id="count-before-function-word"),
        pytest.param("خرج من ربع نهائي كأس أوروبا 2016. ويضم", id="named-event"),
        pytest.param("انتقل في شتاء 2014 على سبيل الإعارة", id="season-of-a-year"),
        pytest.param("في الموسم 2018-2019 كان", id="sports-season"),
        pytest.param("سجل 15، 2015 هدفا", id="a-list-of-counts"),
    ],
)
def test_times_non_temporal_ignored(text: str) -> None:
    """Look-alikes of temporal words are not reported."""
    assert extract_times(text, "body", PUB) == []


def test_times_weekday_joins_corresponding_date() -> None:
    """A weekday followed by "corresponding to" and its date is one expression with the date's value."""
    found = extract_times("من يوم الخميس الموافق 1436/10/28هـ.", "body", PUB)
    assert [(t.text, t.value, t.calendar) for t in found] == [("يوم الخميس الموافق 1436/10/28هـ", "2015-08-13", "hijri")]


def test_times_anchor_follows_text_date() -> None:
    """ "Yesterday, Tuesday" in a text stamped Thursday re-anchors the article on Wednesday."""
    found = extract_times("في بيان أمس الثلاثاء بعد عملية أمس الأول", "body", PUB)
    assert [t.value for t in found] == ["2015-08-04", "2015-08-03"]


def test_times_seed_2019() -> None:
    """The 2019 seed article (published Thursday 2019-04-25) resolves its running examples."""
    text = (SEEDS / "000_fc13acc477961b1c.txt").read_text(encoding="utf-8")
    got = {(t.text, t.value) for t in extract_times(text, "body", dt.date(2019, 4, 25))}
    assert {
        ("اليوم الخميس", "2019-04-25"),
        ("يوم الأربعاء", "2019-04-24"),
        ("فبراير", "2019-02"),
        ("عام 2017", "2017"),
        ("عام 2011", "2011"),
    } <= got


def test_times_seed_2018() -> None:
    """The 2018 seed: its date line parses and "في العام 2013" is a year."""
    text = (SEEDS / "003_9e8d747f78e969ee.txt").read_text(encoding="utf-8")
    assert parse_published(text) == dt.datetime(2018, 6, 1, 13, 10)
    assert ("العام 2013", "2013") in {(t.text, t.value) for t in extract_times(text, "body", dt.date(2018, 6, 1))}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("الجمعة، 01 يونيو 2018 01:10 م", dt.datetime(2018, 6, 1, 13, 10), id="dateline-pm"),
        pytest.param("2015-08-06", dt.datetime(2015, 8, 6), id="iso-date"),
        pytest.param("2015-08-06 10:20:30", dt.datetime(2015, 8, 6, 10, 20, 30), id="iso-datetime"),
        pytest.param("06/08/2015", dt.datetime(2015, 8, 6), id="dmy-slashes"),
        pytest.param("6 أغسطس 2015", dt.datetime(2015, 8, 6), id="day-month-year"),
        pytest.param("الخميس 20 شوال 1436 هـ - 06 أغسطس 2015", dt.datetime(2015, 8, 6), id="hijri-and-gregorian"),
        pytest.param("لا تاريخ هنا", None, id="no-date"),
    ],
)
def test_times_parse_published(line: str, expected: dt.datetime | None) -> None:
    """Date lines and metadata strings parse to datetimes (Gregorian preferred, am/pm honoured)."""
    assert parse_published(line) == expected


def test_times_settings_reject_bad_values() -> None:
    """Bad settings and fields raise ConfigError naming the fix."""
    with pytest.raises(ConfigError, match="cue_window"):
        TimeSettings(cue_window=-1)
    with pytest.raises(ConfigError, match="field"):
        extract_times("أمس", "footer", PUB)


_ALPHABET = st.sampled_from(list("أمس غدا الخميس يناير رمضان 2015 ١٤٣٦ هـ / - ()،.ًٌَّـ\u200f\n0123456789عام منذ"))


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2070, 1, 1))))
def test_times_offsets_slice_text(text: str, published: dt.date | None) -> None:
    """Never crashes; spans are ordered, non-overlapping and slice to their text exactly."""
    found = extract_times(text, "title", published)
    last = 0
    for t in found:
        assert text[t.start : t.end] == t.text
        assert last <= t.start < t.end
        last = t.end
        assert t.calendar in ("gregorian", "hijri")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_times_parse_published_never_crashes(text: str) -> None:
    """Arbitrary text parses to a datetime or None."""
    assert parse_published(text) is None or isinstance(parse_published(text), dt.datetime)
