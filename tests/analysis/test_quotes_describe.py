"""Tests of characterisations (``quotes-rules.v4``): "ووصف X Y بأنه ...", "واصفا Y بـ"..."", "الذي تصفه X بأنه"."""

from __future__ import annotations

import pytest

from marsad.analysis.quotes.quote_describe import object_start
from marsad.analysis.quotes.quotes import QUOTES_VERSION, extract_quotes
from marsad.text.normalize import normalize_word


def _quotes(text: str) -> list[tuple[str | None, str, str]]:
    """(speaker, cue, text) of every quote found in a body."""
    return [(q.speaker, q.cue, q.text) for q in extract_quotes(text, "body")]


def test_quotes_version_is_v8() -> None:
    """Stored quotes carry the version of the rules that found them."""
    assert QUOTES_VERSION == "quotes-rules.v8"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('ووصف فياتشيسلاف باشكوف صديقه بأنه "صحفي نزيه وصاحب مبدأ".',
                     ("فياتشيسلاف باشكوف", "ووصف", "صحفي نزيه وصاحب مبدأ"), id="verb-speaker-possessive-object"),
        pytest.param('ووصف روبرتو كوارتا السير مارتن بأنه "قوة دفع" خلف نمو الشركة.',
                     ("روبرتو كوارتا", "ووصف", '"قوة دفع" خلف نمو الشركة'), id="verb-name-then-definite-object"),
        pytest.param('ووصف المدرب التونسي جماهير الأهلي بـ"اللاعب رقم 1".',
                     ("المدرب التونسي", "ووصف", "اللاعب رقم 1"), id="verb-title-then-indefinite-object"),
        pytest.param('ووصفه المعلق بـ"اللاعب الأفضل في البطولة".', ("المعلق", "ووصفه", "اللاعب الأفضل في البطولة"),
                     id="object-pronoun-then-speaker"),
        pytest.param("حزب العمال الكردستاني الذي تصفه أنقرة وواشنطن بأنه منظمة إرهابية خطرة.",
                     ("أنقرة وواشنطن", "تصفه", "منظمة إرهابية خطرة"), id="relative-pronoun-verb"),
    ],
)
def test_quotes_characterisation(text: str, expected: tuple[str, str, str]) -> None:
    """A characterisation is a quote of its speaker; the described object is not part of the speaker."""
    assert _quotes(text) == [expected]


def test_quotes_characterisation_participle_inherits_speaker() -> None:
    """"واصفا Y بأنها ..." continues the previous speaker."""
    got = _quotes('وقال ترامب إن التحقيق مسيس تماما، واصفا ادعاءات النائب العام بأنها "سخيفة ولا أساس لها".')
    assert got[-1] == ("ترامب", "واصفا", "سخيفة ولا أساس لها")


def test_quotes_characterisation_plural_subject_before_verb() -> None:
    """A plural verb has its subject before it: the words after it are all the object."""
    got = _quotes('قال إعلاميون في ميانمار إن الوضع صعب. وكان إعلاميون في ميانمار وصفوا الفيضانات بـ"غير المسبوقة في تاريخ البلاد".')
    assert got[-1][1:] == ("وصفوا", "غير المسبوقة في تاريخ البلاد")
    assert "الفيضانات" not in (got[-1][0] or "")


def test_quotes_description_without_trigger_is_no_quote() -> None:
    """"وصف" without بأنه or بـ"..." (a description, a noun) opens no quote."""
    assert _quotes("ووصف التقرير الحادث بالتفصيل في صفحات عدة من الملحق.") == []


@pytest.mark.parametrize(
    ("phrase", "cut"),
    [
        pytest.param("فياتشيسلاف باشكوف صديقه", 2, id="possessive-suffix"),
        pytest.param("المدرب التونسي جماهير الأهلي", 2, id="indefinite-after-definite"),
        pytest.param("روبرتو كوارتا السير مارتن", 2, id="definite-after-a-name"),
        pytest.param("الوزير", 0, id="one-word-unknown"),
    ],
)
def test_quotes_object_start(phrase: str, cut: int) -> None:
    """Where the described object starts in the words after a bare "وصف"."""
    assert object_start([normalize_word(w) for w in phrase.split()]) == cut


def test_quotes_participle_takes_a_long_title_subject() -> None:
    """A participle with no speaker before it takes the subject of the sentence's verb, however long the title."""
    text = ("أشاد صاحب السمو الملكي الأمير مشاري بن سعود بن عبدالعزيز أمير منطقة الباحة بجهود رجال الأمن، "
            "مؤكدا أن أمن الوطن خط أحمر لا يمكن تجاوزه.")
    got = _quotes(text)
    assert got and got[-1][1] == "مؤكدا"
    assert "مشاري بن سعود" in (got[-1][0] or "")
