"""Tests of the ``times-rules.v4`` additions: anaphoric periods, month ranges, seasons and a few cue fixes (issue #17)."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.analysis.times.times import extract_times

PUB = dt.date(2015, 8, 8)  # a Saturday


def _found(text: str, published: dt.date = PUB) -> list[tuple[str, str | None]]:
    """Return (text, value) of every expression found, in text order."""
    return [(t.text, t.value) for t in extract_times(text, "body", published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("ارتفع المؤشر في يوليو الحالي مقارنة بالشهر السابق عند مستوى 5.3%",
                     [("يوليو الحالي", "2015-07"), ("الشهر السابق", "2015-06")], id="previous-month-after-a-month"),
        pytest.param("نقلت 90 مليون طن في مايو مقابل 82 مليون طن خلال الشهر ذاته من العام الماضي",
                     [("مايو", "2015-05"), ("الشهر ذاته من العام الماضي", "2014-05")], id="same-month-of-last-year"),
        pytest.param("غيرت منطقتها الزمنية في عام 2011 وأسقطت يوما كاملا من ذلك العام بالانتقال",
                     [("عام 2011", "2011"), ("ذلك العام", "2011")], id="that-year"),
        pytest.param("وصل الوفد في مارس 2018 على أن يعود في 12 من نفس الشهر",
                     [("مارس 2018", "2018-03"), ("12 من نفس الشهر", "2018-03-12")], id="day-of-the-same-month"),
        pytest.param("يلتقي الفريق سبتمبر 2015 ثم يلعب في الثامن من الشهر نفسه",
                     [("سبتمبر 2015", "2015-09"), ("الثامن من الشهر نفسه", "2015-09-08")], id="ordinal-day-of-the-same-month"),
        pytest.param("خطف عام 2011 وقتلوه في نهاية العام نفسه",
                     [("عام 2011", "2011"), ("نهاية العام نفسه", "2011-12-01/2011-12-31")], id="end-of-the-same-year"),
    ],
)
def test_times_anaphoric_periods_take_the_period_named_before(text: str, expected: list[tuple[str, str]]) -> None:
    """"That year", "the same month", "the previous month" resolve against the expression before them."""
    assert _found(text) == expected


def test_times_anaphora_without_referent() -> None:
    """With nothing named before, "that year" is not annotated and "the previous month" is read from publication."""
    assert _found("ولم يتغير منذ ذلك العام") == []
    assert _found("مقارنة بالشهر السابق") == [("الشهر السابق", "2015-07")]


@pytest.mark.parametrize(
    ("text", "expected", "published"),
    [
        pytest.param("للفترة بين يوليو 2017 ومايو 2018 تؤكد", [("بين يوليو 2017 ومايو 2018", "2017-07/2018-05")],
                     dt.date(2018, 6, 12), id="between-month-year-and-month-year"),
        pytest.param("خلال الفترة من يوليو 2017 إلى مايو 2018 لتحقق", [("من يوليو 2017 إلى مايو 2018", "2017-07/2018-05")],
                     dt.date(2018, 6, 12), id="from-month-year-to-month-year"),
        pytest.param("خلال الفترة يونيو – يوليو 2015، والتي", [("يونيو – يوليو 2015", "2015-06/2015-07")],
                     PUB, id="two-months-one-year"),
        pytest.param("نتائج المالية العامة للفترة يوليو - مايو تؤكد", [("يوليو - مايو", "2017-07/2018-05")],
                     dt.date(2018, 6, 12), id="two-months-alone-with-a-dash"),
        pytest.param("بيانات يوليو تموز القوية", [("يوليو تموز", "2015-07")], PUB, id="one-month-in-two-names-stays-one"),
    ],
)
def test_times_month_ranges(text: str, expected: list[tuple[str, str]], published: dt.date) -> None:
    """Two months joined by "to", "and" after "between", or a dash are one interval of months."""
    assert _found(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("سجلت أدنى مستوياتها عام 2004 - 2005 بنحو 3.3 مليار دولار", id="fiscal-year-dash"),
        pytest.param("نحو 931 مليون طن خلال عام 2013 / 2014. وعن", id="fiscal-year-slash"),
        pytest.param("تذاكر مجانية لموسم 2018-2019.", id="season"),
    ],
)
def test_times_consecutive_year_pairs_are_seasons_not_dates(text: str) -> None:
    """Two consecutive years joined by a dash or slash name a season or fiscal year: nothing is annotated."""
    assert _found(text) == []


def test_times_years_far_apart_stay_an_interval() -> None:
    """A dash between years further apart is still a calendar interval."""
    assert _found("خلال العشر سنوات السابقة (2004 - 2014) بمتوسط") == [("2004 - 2014", "2004/2014")]


@pytest.mark.parametrize(
    ("text", "expected", "published"),
    [
        pytest.param("تراجع منذ 30 يناير كانون الثاني. وتعرض", [("30 يناير كانون الثاني", "2015-01-30")],
                     dt.date(2015, 8, 4), id="since-a-date-is-past"),
        pytest.param("كان يتدرب معه منذ 9 فبراير كلاعب حر", [("9 فبراير", "2018-02-09")],
                     dt.date(2018, 2, 22), id="since-a-date-earlier-this-month"),
        pytest.param("قتلت قوات الأمن قبل أسبوعين، 11 مسلحا", [("قبل أسبوعين", "2018-W28")],
                     dt.date(2018, 7, 24), id="ago-before-a-comma-and-a-number"),
        pytest.param("رقما لم يكسر منذ ثلاثين سنة في قصة", [("منذ ثلاثين سنة", "1985")], PUB, id="ago-tens"),
        pytest.param("خلال موسم رمضان (1436هـ) بإجراء", [("رمضان (1436هـ)", "2015-06-18/2015-07-16")],
                     PUB, id="month-with-year-in-brackets"),
        pytest.param("في هجوم بسيارة مفخخة الليلة الماضية. ولم", [("الليلة الماضية", "2015-08-07")], PUB, id="last-night"),
        pytest.param("العقود الآجلة تسليم ديسمبر 0.3 بالمئة", [("ديسمبر", "2015-12")], dt.date(2015, 8, 4),
                     id="futures-delivery-month"),
        pytest.param("أعلن أن الجمعة أول أيام عيد الفطر في", [("الجمعة", "2018-06-15"), ("أول أيام عيد الفطر", "2018-06-15")],
                     dt.date(2018, 6, 15), id="first-day-of-eid"),
    ],
)
def test_times_v4_cues(text: str, expected: list[tuple[str, str]], published: dt.date) -> None:
    """Cues added in v4: "since" + a date looks back, a clause ends an ago phrase, tens, bracketed years, holidays."""
    assert _found(text, published) == expected


def test_times_friday_sermons_are_not_dates() -> None:
    """"خطب الجمعة" (Friday sermons) is the prayer, not a date."""
    assert _found("مثل الوعظ والإرشاد وخطب الجمعة وغيرها") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("في الذكرى السابعة عشرة لأحداث 11 سبتمبر/أيلول زعمت", [("11 سبتمبر/أيلول", "2001-09-11")], id="events-of-9-11"),
        pytest.param("تعويضات لأقارب ضحايا 11 سبتمبر) ونقلت", [("11 سبتمبر", "2001-09-11")], id="victims-of-9-11"),
        pytest.param("المتهمين بالضلوع في حادث ال11 من سبتمبر وبأن", [("11 من سبتمبر", "2001-09-11")], id="article-glued-to-day"),
        pytest.param("منذ ثورة 25 يناير في مصر", [("25 يناير", "2011-01-25")], id="revolution-of-25-january"),
        pytest.param("الاجتماع المقرر في 11 سبتمبر المقبل", [("11 سبتمبر المقبل", "2018-09-11")], id="a-plain-date-stays-a-date"),
        pytest.param("وقع حادث 6 أكتوبر على الطريق", [("6 أكتوبر", "2018-10-06")], id="head-must-name-the-event"),
    ],
)
def test_times_named_events_take_their_year(text: str, expected: list[tuple[str, str]]) -> None:
    """A day and month right after an event noun that names a known event mean the event ("أحداث 11 سبتمبر")."""
    assert _found(text, dt.date(2018, 5, 6)) == expected


def test_times_year_with_era_mark_in_an_event_name_is_not_a_date() -> None:
    """"كأس آسيا 2019م" names a tournament: the year is part of the name, as without the era mark."""
    assert _found("المؤهلة لكأس العالم 2018م وكأس آسيا 2019م، وتم") == []


def test_times_text_written_the_day_before_it_came_out() -> None:
    """A wire written Thursday ("يوم غد الجمعة") and stamped Friday: its "الجمعة" is the Friday it came out, and
    "شهر شوال" (starting that Friday) the month beginning then, not last year's."""
    text = ("أعلنت السعودية أنه سيكون يوم غد الجمعة أول أيام عيد الفطر. وأعلنت دار الفتوى أن الجمعة أول أيام العيد "
            "بعد ثبوت رؤية هلال شهر شوال.")
    found = dict(_found(text, dt.date(2018, 6, 15)))
    assert found["يوم غد الجمعة"] == "2018-06-15"
    assert found["الجمعة"] == "2018-06-15"
    assert found["شهر شوال"] == "2018-06-15/2018-07-13"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("إلى مقر أعمالهم مع مطلع العام الهجري القادم وفق", ("مطلع العام الهجري القادم", "2015-10-14/2015-11-12"),
                     id="start-of-next-hijri-year-is-muharram"),
        pytest.param("خلال العام الهجري الحالي", ("العام الهجري الحالي", "2014-10-25/2015-10-13"), id="current-hijri-year"),
    ],
)
def test_times_hijri_year_relative_to_publication(text: str, expected: tuple[str, str]) -> None:
    """"العام الهجري القادم" is the next Hijri year's Umm al-Qura span; a part word takes its first or last month."""
    assert _found(text, dt.date(2015, 8, 11)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected", "published"),
    [
        pytest.param("والمحكمة تحدد 16 أبريل/نيسان المقبل موعدا", ("16 أبريل/نيسان المقبل", "2018-04-16"),
                     dt.date(2018, 4, 12), id="next-day-of-this-month"),
        pytest.param("في 2 أغسطس الماضي", ("2 أغسطس الماضي", "2015-08-02"), dt.date(2015, 8, 11), id="last-day-of-this-month"),
        pytest.param("على أربع مراحل تمتد من 2016 حتى 2030. ويأتي", ("من 2016 حتى 2030", "2016/2030"),
                     dt.date(2015, 8, 11), id="from-year-to-year"),
        pytest.param("وتقدم العبادي في مطلع الأسبوع بخطة", ("مطلع الأسبوع", "2015-W33"), dt.date(2015, 8, 11), id="start-of-week"),
        pytest.param("في مطلع الأسبوع المقبل", ("مطلع الأسبوع المقبل", "2015-W34"), dt.date(2015, 8, 11), id="start-of-next-week"),
    ],
)
def test_times_v4_same_month_modifiers_year_ranges_week_parts(
    text: str, expected: tuple[str, str], published: dt.date
) -> None:
    """"المقبل"/"الماضي" on a day of the publication month, "من Y1 حتى Y2", the start of a week."""
    assert _found(text, published) == [expected]


def test_times_two_hijri_months_make_one_day_span() -> None:
    """"رجب - شعبان" runs from the first day of Rajab to the last of Sha'ban (a value of two dates, not four)."""
    found = _found("من العام الهجري الجاري (رجب - شعبان - رمضان) والذي", dt.date(2015, 8, 10))
    assert ("رجب - شعبان", "2015-04-20/2015-06-17") in found
    assert all(value is None or value.count("/") <= 1 for _, value in found)
