"""Tests of marsad.analysis.quotes.quotes: direct/indirect speech, continuations, speaker kinds, entity ids, invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.quotes.quote_doc import quote_spans
from marsad.analysis.quotes.quotes import QUOTES_VERSION, QuoteSettings, extract_quotes
from marsad.errors import ConfigError
from marsad.model import Mention, Quote

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


def _one(text: str) -> Quote:
    """Return the single quote found in ``text``."""
    found = extract_quotes(text, "body")
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        pytest.param("وقال الوزير: “الوضع مستقر تماما”.", "الوزير", "الوضع مستقر تماما", id="curly-quotes"),
        pytest.param('وقال الوزير: "الوضع مستقر تماما".', "الوزير", "الوضع مستقر تماما", id="ascii-quotes"),
        pytest.param("وقال الوزير: «الوضع مستقر تماما».", "الوزير", "الوضع مستقر تماما", id="guillemets"),
        pytest.param("وقال الوزير: ‹الوضع مستقر تماما›.", "الوزير", "الوضع مستقر تماما", id="single-guillemets"),
        pytest.param("وقال الوزير: „الوضع مستقر تماما“.", "الوزير", "الوضع مستقر تماما", id="low-nine-quotes"),
        pytest.param("وقال المسؤول وديع أبونصار «قدمنا شكوى ضد الناشط».", "المسؤول وديع أبونصار", "قدمنا شكوى ضد الناشط", id="no-colon"),
        pytest.param("وأضاف بوتين: “سعيد برؤيتكم في روسيا. لقد اتفقنا على هذا.", "بوتين", "سعيد برؤيتكم في روسيا. لقد اتفقنا على هذا", id="unclosed-to-paragraph-end"),
    ],
)
def test_quotes_direct_marks(text: str, speaker: str, said: str) -> None:
    """Direct speech in every quote-mark style gives the quoted words and the speaker."""
    q = _one(text)
    assert (q.speaker, q.text, q.direct) == (speaker, said, True)


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "said"),
    [
        pytest.param("قال كيم جونج أون إنه يأمل في نجاح اللقاء.", "قال", "كيم جونج أون", "يأمل في نجاح اللقاء", id="past-masc-inna"),
        pytest.param("وقالت الشرطة إن الرجل اعتقل أمس.", "وقالت", "الشرطة", "الرجل اعتقل أمس", id="past-fem"),
        pytest.param("وأكد المتظاهرون أن مطالبهم مشروعة.", "وأكد", "المتظاهرون", "مطالبهم مشروعة", id="past-masc-plural-subject"),
        pytest.param("وأكدوا أن مطالبهم مشروعة وواضحة.", "وأكدوا", None, "مطالبهم مشروعة وواضحة", id="past-plural-no-subject"),
        pytest.param("ويقول الخبير إن الأسعار سترتفع قريبا.", "ويقول", "الخبير", "الأسعار سترتفع قريبا", id="present"),
        pytest.param("وأشار الوزير إلى أن المحادثات مستمرة.", "وأشار", "الوزير", "المحادثات مستمرة", id="ila-anna"),
        pytest.param("وحذر المسؤول من أن الوضع خطير جدا.", "وحذر", "المسؤول", "الوضع خطير جدا", id="min-anna"),
        pytest.param("وصرح المدير بأن العمل سيبدأ غدا.", "وصرح", "المدير", "العمل سيبدأ غدا", id="bi-anna"),
        pytest.param("ونفى المتحدث أن تكون القوات قد انسحبت.", "ونفى", "المتحدث", "تكون القوات قد انسحبت", id="nafa"),
    ],
)
def test_quotes_indirect_verb_forms(text: str, cue: str, speaker: str | None, said: str) -> None:
    """Indirect speech after each reporting-verb form: cue as written, speaker NP, content after the complementizer."""
    q = _one(text)
    assert (q.cue, q.speaker, q.text, q.direct) == (cue, speaker, said, False)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("وكما أشار مساعد الرئيس الروسي، يوري أوشاكوف، في وقت سابق على أن التركيز سيكون على الحل.", "مساعد الرئيس الروسي، يوري أوشاكوف", id="title-and-name-adverbial"),
        pytest.param("وأضاف أوشاكوف خلال لقائه مع الصحفيين بأن الوضع قد أصبح مستقرا.", "أوشاكوف", id="surname-lqa"),
        pytest.param("وقال المتحدث باسم الكرملين في تصريح صحفي إن القمة ستعقد قريبا.", "المتحدث باسم الكرملين", id="role-only"),
        pytest.param("وقال مصدر أمني إن مدفعية الجيش قصفت مواقع التنظيم.", "مصدر أمني", id="anonymous-source"),
        pytest.param("أوضحت وكالة الأنباء الكورية الشمالية، أن القمة نوقشت خلال الزيارة.", "وكالة الأنباء الكورية الشمالية", id="agency"),
        pytest.param("ونقلت وكالة رويترز عن مسؤول أمريكي قوله إن المحادثات فشلت.", "مسؤول أمريكي", id="relay-an"),
        pytest.param("ونقلت وسائل إعلام روسية، عن ديمتري بيسكوف المتحدث باسم الرئاسة الروسية، تأكيده أن القمة قد تعقد.", "ديمتري بيسكوف المتحدث باسم الرئاسة الروسية", id="relay-masdar"),
        pytest.param("وقالت صحيفة محلية نقلا عن مدير المتجر أن القتيلين من الزبائن العاديين.", "مدير المتجر", id="naqlan-an"),
        pytest.param("لكن الصحيفة المحلية ذكرت أنهما كانا في عطلة قصيرة.", "الصحيفة المحلية", id="subject-before-verb"),
        pytest.param("وبحسب وديع أبونصار فإنه لا يمكن وصف هذه الأعمال بأنها معزولة.", "وديع أبونصار", id="bihasab"),
        pytest.param("ووفقًا للكرملين ، سيركز الزعيمان على جهود نزع السلاح.", "الكرملين", id="wifqan-li"),
        pytest.param("وقال عبد الرحمن صباح سعود صباح اليوم إنه انضم إلى التنظيم.", "عبد الرحمن صباح سعود", id="name-with-time-word"),
    ],
)
def test_quotes_speaker_kinds(text: str, speaker: str) -> None:
    """Speakers by title and name, surname, role, anonymous source, agency, relay and 'according to'."""
    assert _one(text).speaker == speaker


def test_quotes_continuations_inherit_previous_speaker() -> None:
    """'وقال بأن', 'وتابع قائلا', an anaphor ('المصدر') and a participle inherit the previous speaker."""
    text = (
        "وأضاف أوشاكوف خلال لقائه مع الصحفيين بأن الوضع قد أصبح مستقرا.\n"
        "وقال بأن روسيا ترغب في الحفاظ على هذا الاستقرار.\n"
        "وتابع قائلا بأن الجزء الأول من الخطة قد تم تنفيذه.\n"
        "وأشار المصدر إلى أن الجزء الثاني سيبدأ قريبا، مؤكدا أن روسيا ستساهم في ذلك.\n"
    )
    found = extract_quotes(text, "body")
    assert [q.speaker for q in found] == ["أوشاكوف"] * 5
    assert found[0].speaker_start is not None and all(q.speaker_start is None for q in found[1:])
    assert [q.cue for q in found] == ["وأضاف", "وقال", "وتابع", "وأشار", "مؤكدا"]


def test_quotes_postposed_attribution() -> None:
    """'... كما قالت الشرطة' quotes the clause before 'kama'."""
    q = _one("قتل شخصان طعنا في أحد المتاجر لأسباب غير معروفة كما قالت الشرطة.")
    assert (q.speaker, q.text) == ("الشرطة", "قتل شخصان طعنا في أحد المتاجر لأسباب غير معروفة")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("يذكر أن المدارس ستفتح أبوابها الأسبوع المقبل.", id="yudhkar-formula"),
        pytest.param("وأكد الرئيس دعم بلاده للحكومة الشرعية.", id="verb-noun-object"),
        pytest.param("وعقدت القمة بين الرئيسين في فلاديفوستوك أمس.", id="bayna-preposition"),
        pytest.param("وأعرب الوزير عن قلقه من تدهور الوضع.", id="no-cue"),
        pytest.param("", id="empty"),
    ],
)
def test_quotes_none_found(text: str) -> None:
    """Formulas, noun objects and prepositions that look like cues give no quote."""
    assert extract_quotes(text, "body") == []


def test_quotes_speaker_entity_id_from_mentions() -> None:
    """The PER mention inside the speaker span gives the id; a later surname and a continuation reuse it."""
    text = "وقال مساعد الرئيس الروسي يوري أوشاكوف إن القمة مهمة.\nوأضاف أوشاكوف أن الوضع مستقر.\nوتابع قائلا إن روسيا ستساعد."
    start = text.index("يوري")
    mentions = [
        Mention("يوري أوشاكوف", "body", start, start + len("يوري أوشاكوف"), "PER", "Q-ushakov", "يوري أوشاكوف"),
        Mention("الروسي", "body", text.index("الروسي"), text.index("الروسي") + 6, "LOC", "Q-russia", "روسيا"),
    ]
    found = extract_quotes(text, "body", mentions)
    assert [q.speaker_entity_id for q in found] == ["Q-ushakov"] * 3


def test_quotes_agency_entity_id_from_org_mention() -> None:
    """An ORG mention that starts the speaker span gives the id when there is no PER mention."""
    text = "أوضحت وكالة الأنباء الكورية الشمالية، أن القمة نوقشت."
    org = "وكالة الأنباء الكورية الشمالية"
    m = Mention(org, "body", text.index(org), text.index(org) + len(org), "ORG", "Q-kcna", org)
    assert _one_with(text, [m]).speaker_entity_id == "Q-kcna"


def _one_with(text: str, mentions: list[Mention]) -> Quote:
    """Return the single quote found in ``text`` given ``mentions``."""
    found = extract_quotes(text, "body", mentions)
    assert len(found) == 1, found
    return found[0]


def test_quotes_seed_2019_article() -> None:
    """The 2019 seed: Ushakov (role + name, then surname and continuations), Putin direct, Kim indirect."""
    text = (SEEDS / "000_fc13acc477961b1c.txt").read_text(encoding="utf-8")
    found = extract_quotes(text, "body")
    by_cue = [(q.cue, q.speaker, q.direct) for q in found]
    assert ("أشار", "مساعد الرئيس الروسي، يوري أوشاكوف", False) in by_cue
    assert [s for c, s, _ in by_cue if c in ("وأضاف", "وقال", "وتابع")][:4] == ["أوشاكوف"] * 4
    putin = next(q for q in found if q.direct)
    assert putin.speaker == "بوتين" and putin.text.startswith("سعيد برأيتكم") and putin.text.endswith("كوريا الشمالية")
    assert ("قال", "كيم جونج أون", False) in by_cue


def test_quotes_seed_2018_article() -> None:
    """The 2018 seed: Peskov via 'نقلت ... عن', the KCNA agency speaker."""
    text = (SEEDS / "003_9e8d747f78e969ee.txt").read_text(encoding="utf-8")
    speakers = [q.speaker for q in extract_quotes(text, "body")]
    assert "ديمتري بيسكوف المتحدث باسم الرئاسة الروسية" in speakers
    assert "وكالة الأنباء الكورية الشمالية" in speakers


def test_quotes_quote_marks_pairing() -> None:
    """Quote marks pair in order; an unclosed quote ends at the paragraph's last sentence end."""
    text = "قال: «نعم» ثم قال: “لا أعرف. ربما\nسطر جديد"
    spans = [(s.open, s.close, s.closed) for s in quote_spans(text)]
    assert spans[0] == (text.index("«"), text.index("»"), True)
    assert spans[1][2] is False and text[spans[1][0] + 1 : spans[1][1]] == "لا أعرف."


def test_quotes_bad_field_and_settings_rejected() -> None:
    """A wrong field name and non-positive limits raise ConfigError naming the fix."""
    with pytest.raises(ConfigError, match="title"):
        extract_quotes("قال إن", "summary")
    with pytest.raises(ConfigError, match="positive"):
        QuoteSettings(max_speaker_tokens=0)
    assert QUOTES_VERSION.startswith("quotes-rules.")


_ALPHABET = st.sampled_from(list("قال إن أن بأن: «»“”\"،. \nوأضاف الوزير مصدر كما") + ["وقال ", " إن ", "قائلا ", "المصدر "])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_quotes_never_crash_and_offsets_slice(text: str) -> None:
    """On any text the extractor returns quotes whose offsets slice exactly their text and speaker."""
    for q in extract_quotes(text, "body"):
        assert text[q.start : q.end] == q.text and q.start < q.end
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_quotes_never_crash_on_any_unicode(text: str) -> None:
    """Arbitrary Unicode never crashes the extractor."""
    for q in extract_quotes(text, "title"):
        assert text[q.start : q.end] == q.text
