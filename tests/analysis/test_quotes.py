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


def test_quotes_speaker_entity_is_the_name_ending_the_phrase() -> None:
    """A king's name inside an institution's name ("لمركز الملك عبدالله") is not the speaker: the name ending the
    speaker phrase is."""
    text = "وقال الأمين العام لمركز الملك عبدالله الدولي الدكتور عبدالله الوشمي إن المركز يعمل.\nوأضاف الوشمي أن العمل مستمر."
    king, secretary = text.index("عبدالله الدولي"), text.index("عبدالله الوشمي")
    mentions = [
        Mention("عبدالله", "body", king, king + len("عبدالله"), "PER", "Q-king", "عبدالله بن عبدالعزيز"),
        Mention("عبدالله الوشمي", "body", secretary, secretary + len("عبدالله الوشمي"), "PER", "Q-washmi", "عبدالله الوشمي"),
    ]
    assert [q.speaker_entity_id for q in extract_quotes(text, "body", mentions)] == ["Q-washmi", "Q-washmi"]


def test_quotes_agency_entity_id_from_org_mention() -> None:
    """An ORG mention that starts the speaker span gives the id when there is no PER mention."""
    text = "أوضحت وكالة الأنباء الكورية الشمالية، أن القمة نوقشت."
    org = "وكالة الأنباء الكورية الشمالية"
    m = Mention(org, "body", text.index(org), text.index(org) + len(org), "ORG", "Q-kcna", org)
    assert _one_with(text, [m]).speaker_entity_id == "Q-kcna"


@pytest.mark.parametrize(
    ("text", "name", "kind", "speaker"),
    [
        pytest.param("وكانت المراسلة البرازيلية جوليا غيمارايش تغطي المباراة. وقالت المراسلة إن المشجع اعتذر لها.",
                     "جوليا غيمارايش", "PER", "المراسلة", id="title-before-a-person"),
        pytest.param("وعلقت صحيفة \"هافنجتون بوست\" على الاتفاق. وقالت الصحيفة إن الاتفاق ضعيف.",
                     "هافنجتون بوست", "ORG", "الصحيفة", id="head-word-before-a-body"),
        pytest.param("أعلنت كلية إدارة الأعمال بعفيف عن وظائف. وأوضحت الكلية أن التقديم يبدأ غدا.",
                     "كلية إدارة الأعمال بعفيف", "ORG", "الكلية", id="body-named-by-its-head-word"),
    ],
)
def test_quotes_v8_description_speaker_links_back(text: str, name: str, kind: str, speaker: str) -> None:
    """A definite description speaker with no name inside ("المراسلة", "الصحيفة", "الكلية") takes the entity it named
    earlier in the article."""
    start = text.index(name)
    mention = Mention(name, "body", start, start + len(name), kind, "Q-1", name)
    quotes = [q for q in extract_quotes(text, "body", [mention]) if q.speaker == speaker]
    assert [q.speaker_entity_id for q in quotes] == ["Q-1"]


def test_quotes_v8_description_without_antecedent_stays_unlinked() -> None:
    """A description with nothing named before it ("المراسلة" first) gets no entity."""
    text = "وقالت المراسلة إن المشجع اعتذر لها. وكانت جوليا غيمارايش تغطي المباراة."
    start = text.index("جوليا")
    mention = Mention("جوليا غيمارايش", "body", start, start + len("جوليا غيمارايش"), "PER", "Q-1", "جوليا غيمارايش")
    assert [q.speaker_entity_id for q in extract_quotes(text, "body", [mention])] == [None]


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


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "said"),
    [
        pytest.param("ونوهت الوزارة إلى أن التسجيل يبدأ الأحد المقبل.", "ونوهت", "الوزارة", "التسجيل يبدأ الأحد المقبل", id="nawwaha-fem"),
        pytest.param("وخلصت الدراسة إلى أن النوم المبكر يحسن الذاكرة.", "وخلصت", "الدراسة", "النوم المبكر يحسن الذاكرة", id="khalusa-findings"),
        pytest.param("وأوردت الصحيفة أن الفريق سيتعاقد مع مدرب جديد.", "وأوردت", "الصحيفة", "الفريق سيتعاقد مع مدرب جديد", id="awrada-fem"),
        pytest.param("وأصر المدرب على أن لاعبيه قدموا مباراة كبيرة.", "وأصر", "المدرب", "لاعبيه قدموا مباراة كبيرة", id="asarra-ala"),
        pytest.param("واستنكرت الجمعية أن تغلق المدارس دون إنذار.", "واستنكرت", "الجمعية", "تغلق المدارس دون إنذار", id="istankara-fem"),
        pytest.param("وتتهم المعارضة الحكومة بأنها زورت النتائج.", "وتتهم", "المعارضة الحكومة", "زورت النتائج", id="tattahim-present"),
        pytest.param("وأكملت الطبيبة: «العلاج متوفر في كل المستشفيات».", "وأكملت", "الطبيبة", "العلاج متوفر في كل المستشفيات", id="akmala-colon"),
        pytest.param("وعلق النائب بقوله إن المواطن هو الخاسر الوحيد.", "بقوله", "النائب", "المواطن هو الخاسر الوحيد", id="bi-qawlihi-masdar"),
        pytest.param("وهذا ما وصفه الوزير بأنه خطوة تاريخية للبلاد.", "وصفه", "الوزير", "خطوة تاريخية للبلاد", id="ma-wasafahu"),
        pytest.param("وأبان المدير أن الحريق نجم عن تماس كهربائي.", "وأبان", "المدير", "الحريق نجم عن تماس كهربائي", id="abana-v3"),
        pytest.param("وادعى الرجلان أنهما اكتشفا المنجم.", "وادعى", "الرجلان", "اكتشفا المنجم", id="idda3a-v3"),
        pytest.param("وقضت المحكمة بأن القرار لم يراع القانون.", "وقضت", "المحكمة", "القرار لم يراع القانون", id="court-ruled-v3"),
    ],
)
def test_quotes_issue17_cues(text: str, cue: str, speaker: str, said: str) -> None:
    """Reporting cues added for unseen outlets: findings, feminine and present forms, masdar with bi-, 'ma wasafahu'."""
    q = _one(text)
    assert (q.cue, q.speaker, q.text) == (cue, speaker, said)


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        pytest.param("ارتفعت أسعار الخضار بنسبة عشرة في المئة خلال الشهر الماضي، بحسب وكالة الأنباء الرسمية.", "وكالة الأنباء الرسمية", "ارتفعت أسعار الخضار بنسبة عشرة في المئة خلال الشهر الماضي", id="bihasab-agency"),
        pytest.param("أغلقت السلطات المعبر الحدودي حتى إشعار آخر، حسبما ذكرت صحيفة الأهرام.", "صحيفة الأهرام", "أغلقت السلطات المعبر الحدودي حتى إشعار آخر", id="hasabama-dhakarat"),
        pytest.param("نقل ثلاثة مصابين إلى المستشفى بعد الحادث، وفق ما أفادت مصادر طبية.", "مصادر طبية", "نقل ثلاثة مصابين إلى المستشفى بعد الحادث", id="wifqa-ma-afadat"),
        pytest.param("سيبدأ تطبيق القرار مطلع العام المقبل، وفقا للمحكمة الإدارية.", "المحكمة الإدارية", "سيبدأ تطبيق القرار مطلع العام المقبل", id="wifqan-li-court"),
        pytest.param("وكالات: سقطت أمطار غزيرة على المدينة طوال الليل، حسب «رويترز».", "رويترز", "سقطت أمطار غزيرة على المدينة طوال الليل", id="dateline-and-quoted-agency"),
    ],
)
def test_quotes_postposed_according_to(text: str, speaker: str, said: str) -> None:
    """'<clause>، بحسب X' and its kin quote the clause before, with the organisation after as speaker."""
    q = _one(text)
    assert (q.speaker, q.text) == (speaker, said)


def test_quotes_postposed_according_to_keeps_quoted_speaker() -> None:
    """'وقال ضابط "..."، بحسب الوكالة': the officer stays the speaker; the agency adds no second quote."""
    q = _one('وقال ضابط "لا نعرف شيئا عن المفقودين. ننتظر الأخبار"، بحسب الوكالة.')
    assert q.speaker == "ضابط" and q.text.startswith("لا نعرف شيئا")


def test_quotes_postposed_agency_entity_id() -> None:
    """An ORG mention in a postposed 'according to' speaker gives the entity id."""
    text = "ارتفعت الصادرات خلال الربع الأول من العام، بحسب وكالة الأنباء السعودية."
    org = "وكالة الأنباء السعودية"
    m = Mention(org, "body", text.index(org), text.index(org) + len(org), "ORG", "Q-spa", org)
    assert _one_with(text, [m]).speaker_entity_id == "Q-spa"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param('وذكرت شبكة "إن. بي. سي" أن الانتخابات ستؤجل شهرا.', 'شبكة "إن. بي. سي"', id="dotted-name-in-quotes"),
        pytest.param('قالت شركة "إس.تي.سي" الرائدة في السوق إن أرباحها ارتفعت.', 'شركة "إس.تي.سي" الرائدة في السوق', id="dotted-name-no-spaces"),
        pytest.param("وأغلقت الحدود أمس، إلا أن الحكومة تؤكد أن الوضع مستقر تماما.", "الحكومة", id="after-illa-anna"),
        pytest.param("أفاد الأحد مصدر أمني بأن الهجوم أحبط في مهده.", "مصدر أمني", id="leading-day-word"),
        pytest.param("وذكرت أيضا وكالة الأنباء أن الوفد وصل إلى العاصمة.", "وكالة الأنباء", id="leading-adverb"),
        pytest.param("(رويترز) - تحدث وزير المالية في البرلمان، مشيرا إلى أن العجز سيرتفع.", "وزير المالية", id="subject-after-dateline"),
        pytest.param("وحذرت الوزارة على لسان المتحدث باسمها من أن الأمطار ستشتد.", "المتحدث باسمها", id="ala-lisan-relay"),
        pytest.param("ووفقا لأحدث تقرير صادر عن البنك الدولي، تراجع النمو في المنطقة.", "أحدث تقرير صادر عن البنك الدولي", id="sadir-an-issuer"),
        pytest.param("وكان الوزير قد تعرض لانتقادات بعد تصريحه بأن الضرائب سترتفع.", "الوزير", id="subject-ends-at-qad"),
    ],
)
def test_quotes_speaker_phrases_issue17(text: str, speaker: str) -> None:
    """Speakers with quoted dotted names, after 'إلا أن', leading time words, datelines, 'على لسان', 'صادر عن'."""
    assert _one(text).speaker == speaker


def test_quotes_continuation_after_figures_keeps_speaker() -> None:
    """Figures are no speaker; the person who cited them stays the speaker of the next participle."""
    text = "وكشف المدير العام في تصريح له حيث أظهرت الأرقام أن المبيعات ارتفعت، مشيرا إلى أن الأرباح تضاعفت."
    q = _one(text)
    assert (q.cue, q.speaker, q.text) == ("مشيرا", "المدير العام", "الأرباح تضاعفت")


def test_quotes_embedded_cue_stays_in_statement() -> None:
    """A reporting verb inside an indirect statement ('إن الأرقام تشير إلى أن') is part of it, not a new quote."""
    q = _one("وقال المحلل إن الأرقام تشير إلى أن الاقتصاد يتعافى ببطء.")
    assert (q.speaker, q.text) == ("المحلل", "الأرقام تشير إلى أن الاقتصاد يتعافى ببطء")


def test_quotes_nested_guillemets() -> None:
    """A guillemet quote holding a guillemet name runs to its own closing mark."""
    q = _one("وقال المدير: «نعمل في ميناء «الملك عبدالله» منذ سنوات طويلة».")
    assert q.text == "نعمل في ميناء «الملك عبدالله» منذ سنوات طويلة"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ويتوقع أن ترتفع درجات الحرارة في نهاية الأسبوع.", id="impersonal-yutawaqqa"),
        pytest.param("ويعتقد أن السفينة غرقت قبل قرنين.", id="impersonal-yu'taqad"),
        pytest.param("وتشير الأرقام إلى أن البطالة تراجعت هذا العام.", id="figures-not-speakers"),
        pytest.param("وتضاعفت المبيعات بعد كشف الشركة أن المنتج آمن.", id="masdar-after-ba'd"),
        pytest.param("كانت الحرب فاصلا مهما، بينت ضعف الجميع، وكيف أنه لا أمان لأحد.", id="kayfa-anna"),
    ],
)
def test_quotes_issue17_none_found(text: str) -> None:
    """Impersonal verbs, figures, verbal nouns and 'كيف أن' give no quote (characterisations do: test_quotes_describe)."""
    assert extract_quotes(text, "body") == []


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        pytest.param("وكان ترامب، أعلن سابقا أن اجتماعه مع كيم سيتم في يونيو.", "ترامب", "اجتماعه مع كيم سيتم في يونيو",
                     id="time-adverb-is-no-speaker"),
        pytest.param('وقال لـ"الاقتصادية" مصدر في الوزارة، إنها خاطبت ثلاثة آلاف مواطن.', "مصدر في الوزارة",
                     "خاطبت ثلاثة آلاف مواطن", id="addressee-in-marks-then-speaker"),
        pytest.param("أكد لـ(عكاظ) الشيخ صالح لنجف، أن الحوثيين انسحبوا من الجبهة.", "الشيخ صالح لنجف",
                     "الحوثيين انسحبوا من الجبهة", id="addressee-in-brackets-then-speaker"),
        pytest.param("وقال للصحفيين وزير الخارجية إن المفاوضات مستمرة.", "وزير الخارجية", "المفاوضات مستمرة",
                     id="lil-addressee-then-speaker"),
        pytest.param("وفي يونيو الماضي كانت الهيئة حذرت من أن الأصول الرقمية خطرة.", "الهيئة", "الأصول الرقمية خطرة",
                     id="subject-after-auxiliary-and-adverbial"),
    ],
)
def test_quotes_v5_speakers(text: str, speaker: str, said: str) -> None:
    """quotes-rules.v5: adverbs and addressees are passed over; the subject after "كانت" follows an adverbial."""
    q = _one(text)
    assert (q.speaker, q.text) == (speaker, said)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param("قال الرئيس رودريغو دوتيرتي إن الأزمة انتهت. دوتيرتي يتعهد بإعادة الخادمات وأكد أنه سيعيد الجميع.",
                     "الرئيس رودريغو دوتيرتي", id="present-verb-is-no-speaker"),
        pytest.param("قال المصدر إن المبعوث وصل. وأضاف المصدر الذي طلب عدم الكشف عن اسمه أن المبعوث سيغادر غدا.",
                     "المصدر", id="negation-noun-is-no-speaker"),
        pytest.param("وأكد الوزير محمد العلي أن الخطة جاهزة، ثم قال: إن التنفيذ سيبدأ قريبا.", "الوزير محمد العلي",
                     id="thumma-is-no-speaker"),
    ],
)
def test_quotes_v5_no_junk_speaker(text: str, speaker: str) -> None:
    """A verb, "عدم" or "ثم" never becomes the speaker of a continuation: the person named before stays it."""
    assert [q.speaker for q in extract_quotes(text, "body")] == [speaker, speaker]


def test_quotes_v5_unclosed_quote_ends_at_a_participle() -> None:
    """An opening mark never closed ends before "، مؤكداً أن": the participle is the reporter's continuation."""
    text = "وقال الدريويش :«إن هذه الجريمة لا يقرها دين، مؤكداً أن هذا الحادث لا يزيد البلاد إلا صلابة."
    quotes = extract_quotes(text, "body")
    assert [(q.cue, q.speaker) for q in quotes] == [("وقال", "الدريويش"), ("مؤكداً", "الدريويش")]
    assert quotes[1].text == "هذا الحادث لا يزيد البلاد إلا صلابة"


def test_quotes_v5_colon_speech_runs_on_and_connectives_are_no_clause() -> None:
    """Speech after a colon runs over the paragraph's next sentences until a cue; "كما أنه" is no content clause."""
    quotes = extract_quotes("وقال المدرب: أعشق حياتي هنا. لن أظل هنا للأبد. وأضاف أن الفريق قوي.", "body")
    assert [q.text for q in quotes] == ["أعشق حياتي هنا. لن أظل هنا للأبد", "الفريق قوي"]
    q = _one("قال الوزير إن العمل تم على أكمل وجه، كما أنه كان موجودا في المعسكر.")
    assert q.text == "العمل تم على أكمل وجه، كما أنه كان موجودا في المعسكر"
    cut = extract_quotes("قال المتحدث إن المنفذ أوقف ، وقد ذكرت وسائل الإعلام أن المنفذ مطلوب.", "body")
    assert [(q.speaker, q.text) for q in cut] == [("المتحدث", "المنفذ أوقف"), ("وسائل الإعلام", "المنفذ مطلوب")]


def test_quotes_clause_of_a_verbal_noun_is_no_quote() -> None:
    """"تعتبر القمة فرصة لإظهار أنها ...": the "أن" clause belongs to "لإظهار" (to show), so nothing is quoted (the 2019
    seed); a name right after the cue that opens with the same letters is still the speaker ("وقال لافروف إن")."""
    assert extract_quotes("بالنسبة للكرملين، تعتبر القمة فرصة لإظهار أنها لاعب دبلوماسي عالمي.", "body") == []
    assert [q.speaker for q in extract_quotes("وقال لافروف إن موسكو لم تتلق طلبا.", "body")] == ["لافروف"]


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        pytest.param("وقال مرداد: \"إن الوقف قام بربط مادة \"الثقافة الإسلامية\" ببرنامج التأهيل\". وانتهى اللقاء.",
                     "مرداد", "إن الوقف قام بربط مادة \"الثقافة الإسلامية\" ببرنامج التأهيل", id="nested-straight-marks"),
        pytest.param("أجاب الرجل “اسمي سيمون، واسمي المستعار “ملك الشياطين”، وأعيش في قرية آجي”. وعن سبب ذلك",
                     "الرجل", "اسمي سيمون، واسمي المستعار “ملك الشياطين”، وأعيش في قرية آجي", id="nested-curly-marks"),
        pytest.param("وأشار التقرير إلى أن عدد الفعاليات بلغ 99 خلال هذه الفترة؛ وبلغ في الطائف 42 فعالية.",
                     "التقرير", "عدد الفعاليات بلغ 99 خلال هذه الفترة؛ وبلغ في الطائف 42 فعالية", id="runs-over-semicolon"),
    ],
)
def test_quotes_v7_extent(text: str, speaker: str, said: str) -> None:
    """A short quote inside an open quote does not end it, and a reported statement runs on over "؛"."""
    q = _one(text)
    assert (q.speaker, q.text) == (speaker, said)


def test_quotes_v7_unclosed_quote_is_not_nested() -> None:
    """An opening mark inside an unclosed quote whose statement ends before another mark still ends it."""
    text = "قال ري إن \"إصرار أمريكا على سياسة \"نزع سلاحنا أولاً\" التي تزيد العقوبات. وأضاف أن \"الموقف يعتمد على القسر\"."
    assert [q.cue for q in extract_quotes(text, "body")] == ["قال", "وأضاف"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param("يتوج رئيس الاتحاد أحمد بن عيد الفريق.\nوتمنى عيد أن تخرج المباراة بصورة حسنة.\n"
                     "وأضاف: \"أشكر إدارة الناديين على جهودهم\".", ["عيد"], id="antecedent-of-first-continuation"),
        pytest.param("وقال الحارثي إن الموسم ناجح.\nوأضاف، لذلك نعمل على التركيز على المنتج المحلي لأمرين: الجودة والسعر.",
                     ["الحارثي", "الحارثي"], id="speech-after-comma"),
        pytest.param("أصدرت وزارة الدفاع البلجيكية بيانا قالت فيه إن الطائرة سقطت.", ["وزارة الدفاع البلجيكية"],
                     id="maker-of-statement"),
        pytest.param("نشرت الوكالة الدولية للطاقة الذرية الثلاثاء بيانا أكدت فيه أنها لا تملك مؤشرات.",
                     ["الوكالة الدولية للطاقة الذرية"], id="maker-time-dropped"),
        pytest.param("بدأ الحفل بكلمة مديرة النادي خيرية الحازمي، قالت فيها: أنتن محور اهتمامنا.",
                     ["مديرة النادي خيرية الحازمي"], id="author-after-statement-noun"),
        pytest.param("وتابع التقرير أن موسكو رفضت الاتهامات، إذ قال بوتين، في المنتدى الاقتصادي، إن بلاده حددت المشتبه بهما.",
                     ["التقرير", "بوتين"], id="idh-opens-a-clause"),
    ],
)
def test_quotes_v7_speakers(text: str, speakers: list[str]) -> None:
    """Speakers from context: a verb's subject before a first continuation, the author of a statement "in" which
    someone speaks, the last speaker for speech after "وأضاف،"; "إذ" opens an attribution of its own."""
    assert [q.speaker for q in extract_quotes(text, "body")] == speakers


def test_quotes_v7_ila_object_is_no_quote() -> None:
    """"ولفت X إلى دور ... إذا علمنا أن": the cue governs a noun after "إلى"; the later "أن" is another verb's."""
    text = "ولفت النجيدي إلى دور الألعاب الالكترونية في تشكيل شخصية الطفل خصوصاً إذا علمنا أن 60% منها مترجم."
    assert extract_quotes(text, "body") == []
