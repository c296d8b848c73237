"""Tests of the ``times-rules.v5`` to ``v8`` additions (issue #17): day back-references, month pairs, relative quarters, days of
an elided month, "after N from now", and cue fixes."""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.analysis.times.times import TIMES_VERSION, extract_times

PUB = dt.date(2015, 8, 10)  # a Monday


def _found(text: str, published: dt.date = PUB) -> list[tuple[str, str | None]]:
    """Return (text, value) of every expression found, in text order."""
    return [(t.text, t.value) for t in extract_times(text, "body", published)]


def test_times_version_is_v8() -> None:
    """The rules that produced these values are versioned, so stored values can be re-derived after a change."""
    assert TIMES_VERSION == "times-rules.v9"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("توفي يوم 7 أغسطس، وتوفي إعلامي آخر في اليوم ذاته.",
                     [("7 أغسطس", "2015-08-07"), ("اليوم ذاته", "2015-08-07")], id="the-same-day"),
        pytest.param("وصلت الطائرة في 8 أغسطس وحتى السادسة من مساء نفس اليوم.",
                     [("8 أغسطس", "2015-08-08"), ("مساء نفس اليوم", "2015-08-08")], id="evening-of-the-same-day"),
        pytest.param("تظاهروا يوم 30 مارس 2018. ومنذ ذلك اليوم، قتل كثيرون.",
                     [("30 مارس 2018", "2018-03-30"), ("ذلك اليوم", "2018-03-30")], id="that-day"),
        pytest.param("عقد في التاسع والعشرين من مارس الماضي.", [("التاسع والعشرين من مارس الماضي", "2015-03-29")],
                     id="compound-ordinal-is-one-day"),
        pytest.param("لعب في الفترة من 19 يوليو (تموز) وحتى 9 من أغسطس (آب) الحالي.",
                     [("من 19 يوليو (تموز) وحتى 9 من أغسطس (آب) الحالي", "2015-07-19/2015-08-09")], id="wa-hatta-range"),
        pytest.param("السداد في 30 يونيو و13 يوليو، لكن", [("30 يونيو", "2015-06-30"), ("13 يوليو", "2015-07-13")],
                     id="two-dates-joined-by-and-are-two"),
        pytest.param("خسرت في الربع الماضي رغم ذلك", [("الربع الماضي", "2015-04-01/2015-06-30")], id="last-quarter"),
        pytest.param("خفضت إنتاجها المستهدف للعام الحالي والقادم، وقال",
                     [("للعام الحالي والقادم", "2015/2016")], id="this-year-and-next"),
        pytest.param("يحل ضيفا على اتحاد الجزائر في 21 الحالي، فيما", [("21 الحالي", "2015-08-21")], id="elided-month"),
        pytest.param("في شهري رجب وشعبان الماضيين", [("شهري رجب وشعبان الماضيين", "2015-04-20/2015-06-17")],
                     id="two-hijri-months"),
        pytest.param("مباراة كأس السوبر المقررة الأربعاء بين الفريقين", [("الأربعاء", "2015-08-12")],
                     id="scheduled-weekday-is-ahead"),
        pytest.param("في ما يعتبر اليوم الاكثر دموية في العاصمة", [], id="the-bloodiest-day-is-not-today"),
    ],
)
def test_times_v5_values(text: str, expected: list[tuple[str, str | None]]) -> None:
    """Each v5 reading, on a Monday paper of 10 August 2015."""
    assert _found(text) == expected


def test_times_v5_after_two_years_from_now_and_weekday_pairs() -> None:
    """"بعد عامين من الآن" counts from publication ("after two years" alone counts from an event); two weekdays with a
    dual "past" are one period; a year written with "العام" may lie a century ahead."""
    assert _found("بعد عامين من الآن، سيكون", dt.date(2018, 3, 11)) == [("بعد عامين من الآن", "2020")]
    assert _found("بعد عامين من الحادث", dt.date(2018, 3, 11)) == []
    assert _found("قتل 62 الاثنين والثلاثاء الماضيين في", dt.date(2018, 5, 18)) == [
        ("الاثنين والثلاثاء الماضيين", "2018-05-14/2018-05-15")]
    assert _found("مستوطنة على المريخ بحلول العام 2117.", dt.date(2017, 4, 14)) == [("العام 2117", "2117")]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param("منتصف العام الماضي", "2015-08-09", [("منتصف العام الماضي", "2014-06-01/2014-07-31")],
                     id="middle-of-last-year"),
        pytest.param("داعش بعد عبور الحدود منتصف عام 2014 في محاولة", "2015-08-09",
                     [("منتصف عام 2014", "2014-06-01/2014-07-31")], id="middle-of-a-year"),
        pytest.param("وقتل شخصان مطلع الأسبوع الفائت في", "2015-08-09", [("مطلع الأسبوع الفائت", "2015-W31")],
                     id="start-of-last-week"),
        pytest.param("الإعلامي الذي توفي البارحة الأولى", "2015-08-09", [("البارحة الأولى", "2015-08-07")],
                     id="the-night-before-last"),
        pytest.param("أقيمت الجنازة في الثامن من الشهر الحالي", "2018-03-19", [("الثامن من الشهر الحالي", "2018-03-08")],
                     id="day-of-this-month"),
        pytest.param("وأن ما حدث يوم 14/5 جاء منافيا", "2018-05-18", [("يوم 14/5", "2018-05-14")], id="day-slash-month"),
        pytest.param("مباراة فريقه أمام أستراليا يوم السبت ستظهر معدن الفريق", "2018-06-15",
                     [("يوم السبت", "2018-06-16")], id="future-verb-after-weekday"),
        pytest.param("وصل الوفد يوم السبت وسيغادر غدا", "2018-06-15",
                     [("يوم السبت", "2018-06-09"), ("غدا", "2018-06-16")], id="future-verb-of-another-clause"),
    ],
)
def test_times_v6_values(text: str, published: str, expected: list[tuple[str, str | None]]) -> None:
    """times-rules.v6 readings."""
    assert _found(text, dt.date.fromisoformat(published)) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param("تقدم على بورتو الذي يواجه بلنيش يوم الاثنين.", "2018-04-01", [("يوم الاثنين", "2018-04-02")],
                     id="present-verb-before-weekday"),
        pytest.param("كانوا يكافحون النار الأحد.", "2015-08-04", [("الأحد", "2015-08-02")], id="kana-keeps-it-past"),
        pytest.param("وقال يلديريم مساء الخميس إنه لن يتم تجاهل أي شيء.", "2018-04-06",
                     [("مساء الخميس", "2018-04-05")], id="reporting-verb-name-is-past"),
        pytest.param("وتوقعات برفع أسعار الفائدة في سبتمبر أيلول.", "2015-08-07", [("سبتمبر أيلول", "2015-09")],
                     id="the-month-after-publication"),
        pytest.param("ويتوقع نموه 1.5% في الربع الثاني الماضي.", "2015-08-09",
                     [("الربع الثاني الماضي", "2015-04-01/2015-06-30")], id="last-second-quarter"),
        pytest.param("اعتمدت الوزارة في شهر صفر من العام الماضي برنامجا.", "2015-08-07",
                     [("شهر صفر من العام الماضي", "2013-12-04/2014-01-01")], id="hijri-month-of-last-year"),
        pytest.param("فكتب في الفترة ما بين 1379 - 1381هـ مجموعة", "2015-08-07",
                     [("1379 - 1381هـ", "1959-07-07/1962-06-02")], id="hijri-year-range"),
        pytest.param("توفي يوم الأربعاء الثاني والعشرين من شهر صفر سنة 1419هـ", "2015-08-07",
                     [("يوم الأربعاء الثاني والعشرين من شهر صفر سنة 1419هـ", "1998-06-17")],
                     id="weekday-wins-over-a-hijri-day"),
        pytest.param("لتنظيم كأس العالم لكرة القدم 2026 المدن المرشحة", "2018-03-18", [], id="event-year-after-football"),
    ],
)
def test_times_v7_values(text: str, published: str, expected: list[tuple[str, str | None]]) -> None:
    """times-rules.v7 readings."""
    assert _found(text, dt.date.fromisoformat(published)) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        pytest.param("اجتمع ألفا عالم دين الأحد والاثنين في سرادق", "2018-06-05",
                     [("الأحد والاثنين", "2018-06-03/2018-06-04")], id="two-weekdays-one-span"),
        pytest.param("النتائج لن تتوفر قبل الجمعة أو السبت", "2018-08-01",
                     [("الجمعة أو السبت", "2018-08-03/2018-08-04")], id="or-and-future-negation"),
        pytest.param("بنسبة 70% للسنوات 2018 و2019 و2020", "2018-02-03", [("للسنوات 2018 و2019 و2020", "2018/2020")],
                     id="year-list"),
        pytest.param("ابتداءً من عام 2008 الى العام الماضي لم يكن", "2015-08-06",
                     [("من عام 2008 الى العام الماضي", "2008/2014")], id="year-to-last-year"),
        pytest.param("مع نهاية دوام يوم السبت بعد المقبل", "2015-08-06", [("يوم السبت بعد المقبل", "2015-08-15")],
                     id="weekday-after-next"),
        pytest.param("تفتح الحدائق أيام الخميس والجمعة والسبت من كل أسبوع", "2015-08-06", [], id="every-week-is-no-date"),
        pytest.param("يفتح السوق الجمعة أو السبت من كل أسبوع", "2015-08-06", [], id="every-week-after-or-is-no-date"),
        pytest.param("وهي اليوم تلفظ أنفاسها كما نرى اليوم", "2015-08-06", [], id="nowadays-is-no-date"),
        pytest.param("ويعاود لاعبو الهلال تدريباتهم يوم الجمعة على فترتين", "2015-08-06", [("يوم الجمعة", "2015-08-07")],
                     id="present-verb-four-words-back"),
    ],
)
def test_times_v8_values(text: str, published: str, expected: list[tuple[str, str | None]]) -> None:
    """times-rules.v8 readings."""
    assert _found(text, dt.date.fromisoformat(published)) == expected
