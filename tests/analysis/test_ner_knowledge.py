"""Tests of the NER knowledge rules: names announced by head words, and given names that are common words."""

from __future__ import annotations

import pytest

from marsad.analysis.entities.ner import load_tagger
from marsad.analysis.entities.ner.knowledge import KnowledgeSettings, apply_knowledge, head_of, load_knowledge
from marsad.text.normalize import normalize_word


def _apply(sentence: str, labels: str, settings: KnowledgeSettings | None = None) -> list[str]:
    """Apply the rules to one sentence (space-separated tokens) with space-separated decoded labels."""
    norms = [normalize_word(t) for t in sentence.split()]
    return apply_knowledge([norms], [labels.split()], settings)[0]


@pytest.mark.parametrize(
    ("sentence", "decoded", "expected"),
    [
        ("شاهدنا برنامج « حوار من القلب » أمس", "O O O O O O O O", "O O O B-MISC I-MISC I-MISC O O"),
        ("عرض مسلسل « باب الحارة » على الشاشة", "O O O O O O O O", "O O O B-MISC I-MISC O O O"),
        ("قالت صحيفة « الشرق الأوسط » إن", "O O O B-LOC I-LOC O O", "O O O B-ORG I-ORG O O"),
        ("وقع مع نادي قطر الذي يلعب", "O O O B-LOC O O", "O O O B-ORG O O"),
        ("على ملعب سانتياغو برنابيو مساء", "O O B-ORG I-ORG O", "O O B-MISC I-MISC O"),
        ("قالت صحيفة \" بيلد \" الألمانية", "O O O B-PERS O O", "O O O B-ORG O O"),
    ],
    ids=[
        "quoted-programme-title",
        "quoted-series-title",
        "quoted-newspaper-retyped-from-place",
        "club-named-after-a-country-retyped",
        "stadium-retyped-from-organisation",
        "quoted-newspaper-retyped-from-person",
    ],
)
def test_head_word_names_take_the_heads_type(sentence, decoded, expected):
    """A quoted name after a head word takes the head's type, as does an entity typed otherwise; head left out."""
    assert _apply(sentence, decoded) == expected.split()


@pytest.mark.parametrize(
    ("sentence", "decoded", "expected"),
    [
        ("نقلت وكالة فرانس برس عن مصدر", "O O O O O O", "O O B-ORG I-ORG O O"),
        ("وأعلنت شركة أرامكو أرباحها", "O O O O", "O O B-ORG O"),
        ("نقلت وكالة فرانس برس عن مصدر", "O O O O O O", "O O O O O O"),
    ],
    ids=["known-agency-after-head", "known-company-after-head", "known-names-off-by-default"],
)
def test_known_names_after_heads_when_switched_on(sentence, decoded, expected):
    """With ``known_after_head`` a harvested name of the head's type is tagged; it is off by default."""
    on = KnowledgeSettings(known_after_head=True) if expected != decoded else None
    assert _apply(sentence, decoded, on) == expected.split()


@pytest.mark.parametrize(
    ("sentence", "decoded"),
    [
        ("وصل الفريق عبدالرحيم محمد حسين إلى الخرطوم", "O O B-PERS I-PERS I-PERS O B-LOC"),
        ("في المجموعة الثامنة على الملعب", "O O O O O"),
        ("المباراة على استاد القاهرة الدولي", "O O O B-LOC O"),
        ("تعمل شركة صينية في المدينة", "O O O O O"),
        ("أعلن برنامج الأمم المتحدة الإنمائي", "O O B-ORG I-ORG O"),
    ],
    ids=[
        "military-rank-is-no-team",
        "group-stage-is-no-name",
        "stadium-named-after-a-city-stays-a-place",
        "adjective-after-company-is-no-name",
        "entity-after-programme-kept-unquoted",
    ],
)
def test_head_words_leave_other_text_alone(sentence, decoded):
    """Titles, ordinals, adjectives and places after stadiums are not turned into names."""
    assert _apply(sentence, decoded) == decoded.split()


@pytest.mark.parametrize(
    ("sentence", "decoded", "expected"),
    [
        ("“ سعيد برأيتكم في روسيا", "O B-PERS O O B-LOC", "O O O O B-LOC"),
        ("أنا سعيد بهذا الفوز", "O B-PERS O O", "O O O O"),
        ("المدرب كريم جدا مع اللاعبين", "O B-PERS O O O", "O O O O O"),
        ("قال سعيد إن الاجتماع انتهى", "O B-PERS O O O", "O B-PERS O O O"),
        ("التقى الشيخ سعيد بالوفد", "O O B-PERS O", "O O B-PERS O"),
        ("وقلل صالح من آثار الأزمة", "O B-PERS O O O", "O B-PERS O O O"),
        ("استقبل أمين عبدالله بالرياض", "O B-PERS I-PERS O", "O B-PERS I-PERS O"),
        ("“ سعيد برأيتكم في موسكو", "O B-PERS I-PERS O B-LOC", "O O O O B-LOC"),
        ("استقبل سعيد بوتفليقة الوفد", "O B-PERS I-PERS O", "O B-PERS I-PERS O"),
    ],
    ids=[
        "happy-to-see-you-is-no-person",
        "happy-with-the-win-is-no-person",
        "very-generous-is-no-person",
        "said-saeed-stays-a-person",
        "title-before-keeps-the-person",
        "name-before-a-plain-preposition-stays",
        "two-word-name-untouched",
        "complement-taken-for-a-surname-is-dropped",
        "surname-after-a-given-name-stays",
    ],
)
def test_common_word_given_names_need_context(sentence, decoded, expected):
    """A one-word person that is an adjective followed by its complement (بـ/لـ, جدا) is dropped, unless titled."""
    assert _apply(sentence, decoded) == expected.split()


def test_rules_can_be_switched_off():
    """With both rules off the decoded labels come back unchanged."""
    off = KnowledgeSettings(heads=False, given_guard=False)
    assert _apply("“ سعيد برأيتكم", "O B-PERS O", off) == ["O", "B-PERS", "O"]
    assert _apply("برنامج « حكايات »", "O O O O", off) == ["O", "O", "O", "O"]


@pytest.mark.parametrize(
    ("token", "head"),
    [("النادي", "نادي"), ("وصحيفة", "صحيفه"), ("للبرنامج", "برنامج"), ("بالملعب", "ملعب"), ("الهلال", None)],
    ids=["with-article", "with-and", "with-li-al", "with-bi-al", "not-a-head"],
)
def test_head_words_are_found_behind_proclitics(token, head):
    """Head words are recognised after and/with/for and the article (normalized forms)."""
    assert head_of(normalize_word(token)) == head


def test_shipped_tables_hold_typed_names():
    """The shipped tables load, with organisations, titles and places among them."""
    kn = load_knowledge()
    assert ("فرانس", "برس") in kn.by_type["ORG"]
    assert len(kn.by_type["ORG"]) > 1000 and len(kn.by_type["MISC"]) > 500 and len(kn.by_type["LOC"]) > 1000


def test_seed_article_greeting_is_no_person():
    """In the seed report, Putin's "سعيد برأيتكم" (happy to see you) is not tagged as a person; Putin is."""
    tokens = "وأضاف بوتين : “ سعيد برأيتكم في روسيا .".split()
    tags = load_tagger().tag(tokens)
    assert tags[4] == "O" and tags[1] == "B-PERS"
