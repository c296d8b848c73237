"""Speaker phrases of quotes: trim a phrase of adverbials, detect anaphors, and link it to an entity id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.analysis.entities.namekey import given_names
from marsad.analysis.quotes.quote_lexicon import ENDS_SPEAKER, LAM, QuoteLexicon
from marsad.model import Mention
from marsad.text.normalize import normalize
from marsad.text.tokenize import Token

#: Punctuation that may sit inside a speaker phrase ("مساعد الرئيس الروسي، يوري أوشاكوف") but never ends one.
INNER_PUNCT = frozenset({"\u060c", ",", "-", "\u2013"})  # ARABIC COMMA, comma, hyphen, en dash
#: Words after which a word run is not a pre-verbal subject ("وعن استعدادات فريقه ... قال").
#: The name Ali as written with YEH; the preposition "on" is ALA with ALEF MAKSURA (both fold to the same key).
ALI_WITH_YEH = "\u0639\u0644\u064a"
ALA_WITH_MAKSURA = "\u0639\u0644\u0649"
PREP_STARTS = frozenset(
    {
        "\u0641\u064a",  # fi "in"
        "\u0639\u0646",  # an "about"
        "\u0648\u0639\u0646",  # wa-an
        "\u0645\u0646",  # min "from"
        "\u0648\u0645\u0646",  # wa-min
        "\u0639\u0644\u064a",  # ala "on" (normalized yeh)
        "\u062d\u0648\u0644",  # hawla "about"
        "\u0648\u062d\u0648\u0644",  # wa-hawla
        "\u0645\u0639",  # ma'a "with"
        "\u0648\u0641\u064a",  # wa-fi
        "\u0643\u0645\u0627",  # kama "as"
    }
)
#: Auxiliaries around a pre-verbal subject ("وكانت إدارة النادي قد أعلنت"): kana, wa-kana(t), qad, wa-qad.
AUXILIARIES = frozenset(
    {
        "\u0643\u0627\u0646",  # kana
        "\u0643\u0627\u0646\u062a",  # kanat
        "\u0648\u0643\u0627\u0646",  # wa-kana
        "\u0648\u0643\u0627\u0646\u062a",  # wa-kanat
        "\u0642\u062f",  # qad
        "\u0648\u0642\u062f",  # wa-qad
    }
)
#: Prepositions that end a subject after a verb: ila, 'an (normalized), bi-, li- words are checked by proclitic.
LINK_WORDS = frozenset({"\u0627\u0644\u064a", "\u0639\u0646"})
BEH = "\u0628"  # ARABIC LETTER BEH (preposition proclitic "with, by")
YEH = "\u064a"  # ARABIC LETTER YEH (prefix of the present tense, third person)
MEEM = "\u0645"  # ARABIC LETTER MEEM (prefix of participles)
ALEF = "\u0627"  # ARABIC LETTER ALEF (the written indefinite accusative ending)
#: Letters before a final ALEF that make it no accusative ending: YEH (-iya countries), HEH and NOON (-ha, -na).
NOT_ACCUSATIVE_BEFORE_ALEF = frozenset({YEH, "\u0647", "\u0646"})
#: "صادر عن" ("issued by"): after these an "عن" continues the speaker phrase (sadir, sadira, al-sadir, al-sadira).
ISSUED = frozenset(
    {"\u0635\u0627\u062f\u0631", "\u0635\u0627\u062f\u0631\u0647"}  # SAD ALEF DAL REH (+ HEH: normalized teh marbuta)
    | {"\u0627\u0644\u0635\u0627\u062f\u0631", "\u0627\u0644\u0635\u0627\u062f\u0631\u0647"}  # with the article
)
AN = "\u0639\u0646"  # AIN NOON ("an", "from, about")
#: Normalized endings of a relative (nisba) adjective: -iyya (teh marbuta as HEH), -i (YEH).
NISBA_ENDINGS = ("\u064a\u0647", "\u064a")
#: Words that end a pre-verbal subject search (the subject starts after them).
SUBJECT_BOUNDARIES = frozenset(
    {
        "\u0644\u0643\u0646",  # lakin "but"
        "\u0628\u064a\u0646\u0645\u0627",  # baynama "while"
        "\u0641\u064a\u0645\u0627",  # fima "while"
        "\u0648\u0644\u0643\u0646",  # wa-lakin
        "\u0627\u0646",  # an/inna (normalized): "إلا أن السلطات تؤكد"
        "\u0628\u0627\u0646",  # bi-anna
        "\u0641\u0627\u0646",  # fa-inna
        "\u0627\u0644\u0627",  # illa "except, but"
    }
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker as resolved for one quote: display text, offsets (None when inherited) and entity id."""

    text: str | None
    start: int | None
    end: int | None
    entity_id: str | None


NO_SPEAKER = Speaker(None, None, None, None)


def trim_speaker(
    toks: Sequence[Token],
    norms: Sequence[str],
    lex: QuoteLexicon,
    after_participle: bool = False,
    protected: Sequence[bool] | None = None,
    spells_ala: bool = False,
) -> int:
    """Return how many leading tokens of a candidate speaker region form the speaker phrase.

    A first word with the lam proclitic is an addressee ("للصحفيين"; after a participle any "ل..." word:
    "قائلا لوزير الطاقة"), not a speaker. ``protected`` tokens (inside a short quoted name) never end the phrase.
    ``spells_ala``: the text writes the preposition "على" with ALEF MAKSURA, so "علي" with YEH before another word is
    the name Ali ("وقال علي الغفيلي:"), not the preposition the two spellings fold to.
    """
    n = len(toks)
    cut = n
    if n and norms[0].startswith(LAM) and len(norms[0]) > 3 and (after_participle or norms[0].startswith(LAM + LAM)):
        return 0
    ali = spells_ala and n > 1 and toks[0].text == ALI_WITH_YEH
    if n and ((norms[0] in PREP_STARTS and not ali) or lex.stop_kind(norms[0]) == "reject"):
        return 0
    for k in range(n):
        kind = lex.stop_kind(norms[k])
        if protected is not None and protected[k]:
            continue  # inside a quoted name ("بنك "إتش.إس.بي.سي""): its dots and words belong to the name
        if kind == "stop" and norms[k] == AN and k > 0 and norms[k - 1] in ISSUED:
            continue  # "بيان صادر عن وكالة ...": the issuer is part of the speaker
        if kind in ENDS_SPEAKER or lex.cue_kind(norms[k]) is not None:
            cut = k
            break
        if kind == "prep" and k + 1 < n and lex.stop_kind(norms[k + 1]) in ("adv", "stop", "skip"):
            cut = k
            break
        if toks[k].text in "()[]:;.!?\u061b\u061f":  # brackets, colon, stops, ARABIC SEMICOLON/QUESTION MARK
            cut = k
            break
        if toks[k].text in (",", "\u060c") and k + 1 < n and norms[k + 1] in PREP_STARTS:
            cut = k  # "قال بوتين، في المنتدى الاقتصادي، إن": an adverbial after a comma (ARABIC COMMA) ends the name
            break
    while cut > 0 and (toks[cut - 1].text in INNER_PUNCT or not toks[cut - 1].text.strip()):
        cut -= 1
    while cut > 0 and toks[cut - 1].text in ("\u0648",):  # a dangling WAW conjunction
        cut -= 1
    return cut


def is_anaphor(norm_phrase: str, lex: QuoteLexicon) -> bool:
    """True when a normalized speaker phrase only points back ("المصدر نفسه", "المتحدث", "سماحته")."""
    return norm_phrase in lex.anaphors


def preverbal_subject(
    toks: Sequence[Token], norms: Sequence[str], lex: QuoteLexicon, max_words: int
) -> tuple[int, int] | None:
    """Return the (first, last+1) indexes of a subject before the verb at the end of ``toks``, or None."""
    k = len(toks)
    first = k
    while first > 0:
        t = toks[first - 1]
        if t.text in INNER_PUNCT or norms[first - 1] in SUBJECT_BOUNDARIES:
            break
        first -= 1
    words = [j for j in range(first, k) if norms[j][:1].isalnum()]
    if not 1 <= len(words) <= max_words:
        return None
    aux = [n for n, j in enumerate(words[:-1]) if norms[j] in AUXILIARIES]
    if aux:  # "وفي يونيو الماضي كانت الهيئة حذرت": the subject follows the auxiliary, after an adverbial
        words = words[aux[-1] + 1 :]
    while words and norms[words[0]] in AUXILIARIES:
        words = words[1:]
    while words and norms[words[-1]] in AUXILIARIES:
        words = words[:-1]
    if not words or norms[words[0]] in PREP_STARTS or any(lex.stop_kind(norms[j]) in ("stop", "skip") for j in words):
        return None
    if any(lex.cue_kind(norms[j]) is not None for j in words):
        return None
    return words[0], words[-1] + 1


def verb_subject(
    toks: Sequence[Token], norms: Sequence[str], lex: QuoteLexicon, max_words: int
) -> tuple[int, int] | None:
    """Return the (first, last+1) indexes of the subject after a sentence-initial verb, or None.

    For "ندد خطباء المساجد بـ..." the subject is "خطباء المساجد"; the verb may be a reporting verb that opened no
    quote ("أبدى المهاجم ريس تفاؤلا ...، وقال").

    The subject ends at punctuation, a preposition or a word with a bi-/li- proclitic; it must end within
    ``max_words`` words, else the sentence is not verb-subject-object and None is returned.
    """
    first_cue = lex.cue_kind(norms[0]) if norms and norms[0][:1].isalpha() else None
    if len(toks) < 2 or norms[0] in PREP_STARTS or lex.stop_kind(norms[0]) is not None or first_cue not in (None, "verb", "describe"):
        return None
    for k in range(1, min(len(toks), max_words + 2)):
        norm = norms[k]
        ends = not norm[:1].isalnum() or norm in PREP_STARTS or norm in LINK_WORDS or lex.stop_kind(norm) is not None
        if not ends and k > 1 and len(norm) > 3 and norm[0] in (BEH, LAM) and not _nisba_after_noun(norm):
            ends = True
        ends = ends or norm in AUXILIARIES
        if ends:
            return (1, k) if k > 1 else None
    if 1 < len(toks) <= max_words + 1:  # the subject runs up to the cue ("وعلق النائب بقوله إن")
        return 1, len(toks)
    return None


def _nisba_after_noun(norm: str) -> bool:
    """True for a beh-initial relative adjective ("بريطانية", "بحريني"), not a bi- proclitic word ("بالرياض")."""
    return norm[0] == BEH and not norm.startswith(BEH + "\u0627\u0644") and norm.endswith(NISBA_ENDINGS)


def is_speaker_phrase(norm_words: Sequence[str], lex: QuoteLexicon) -> bool:
    """False when a phrase cannot name a speaker: it opens with a figure or a non-speaker word ("الرغم", "ذلك"), or
    with a verb or an adverbial participle (``verb_like``)."""
    return bool(norm_words) and lex.stop_kind(norm_words[0]) not in ("figure", "nonspeaker") and not verb_like(
        norm_words[0])


def verb_like(norm: str) -> bool:
    """True for a normalized word shaped like a present-tense verb ("يتعهد", "يدعو": YEH + three or more letters, not a
    known given name such as "يوسف") or an indefinite accusative participle ("مختتما", "مؤكدا": MEEM ... ALEF, not a
    country in -iya such as "ماليزيا" nor a noun with a possessive "-ha" / "-na" such as "محاميتها"); neither opens a
    speaker phrase."""
    if len(norm) >= 4 and norm[0] == YEH and norm not in given_names():
        return True
    return len(norm) >= 5 and norm[0] == MEEM and norm[-1] == ALEF and norm[-2] not in NOT_ACCUSATIVE_BEFORE_ALEF


def _head_tokens(norm_phrase: str) -> list[str]:
    """Return the normalized tokens of a phrase that are not function words."""
    return [w for w in norm_phrase.split() if len(w) > 1]


def link_entity(
    start: int, end: int, norm_phrase: str, mentions: Sequence[Mention], history: Sequence[tuple[str, str | None]]
) -> str | None:
    """Return the entity id of the speaker phrase at ``[start, end)``.

    The last PER mention inside the phrase wins; then an ORG/MISC mention that starts the phrase; then the last earlier
    speaker (``history`` of (normalized phrase, entity id)) or earlier PER mention whose text ends with the
    phrase's last word (a surname-only speaker, "أوشاكوف").
    """
    inside = [m for m in mentions if m.start >= start and m.end <= end and m.entity_id]
    for m in sorted(inside, key=lambda m: m.start, reverse=True):  # the name ends the phrase; a person inside an
        if m.type == "PER":  # institution's name comes first ("الأمين العام لمركز الملك عبدالله ... عبدالله الوشمي")
            return m.entity_id
    for m in inside:
        if m.type in ("ORG", "MISC") and m.start - start <= 2:
            return m.entity_id
    heads = _head_tokens(norm_phrase)
    if not heads:
        return None
    last = heads[-1]
    for phrase, entity_id in reversed(history):
        if entity_id and (set(heads) <= set(phrase.split()) or phrase.split()[-1:] == [last]):
            return entity_id
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        if m.type == "PER" and m.entity_id and m.start < start and normalize(m.text).split()[-1:] == [last]:
            return m.entity_id
    return None


#: ALEF + LAM, the definite article a description opens with.
_ARTICLE = "\u0627\u0644"
#: Characters before a person's name searched for the title a later speaker repeats ("المراسلة البرازيلية جوليا
#: غيمارايش" ... "وقالت المراسلة"); by hand.
TITLE_WINDOW = 40
#: How many words before a name may hold that title ("المراسلة البرازيلية جوليا", "صحيفة "هافنجتون بوست""); by hand.
TITLE_WORDS = 4
#: Longest speaker phrase read as a definite description pointing back ("المراسلة البرازيلية", "الوزير الروسي").
MAX_DESCRIPTION_WORDS = 3


def description_antecedent(text: str, start: int, phrase: str, mentions: Sequence[Mention]) -> str | None:
    """The entity a definite description speaker points back to, or None.

    "المراسلة" / "الوزير الروسي" / "الصحيفة" (no name inside) takes the nearest earlier named entity that its head word,
    with or without the article, stands among the ``TITLE_WORDS`` words before ("المراسلة البرازيلية جوليا غيمارايش",
    "صحيفة "هافنجتون بوست"") or opens ("كلية إدارة الأعمال بعفيف" for "الكلية"). The head must have three letters or
    more after the article.
    """
    words = phrase.split()
    if not 1 <= len(words) <= MAX_DESCRIPTION_WORDS or not words[0].startswith(_ARTICLE) or len(words[0]) < len(_ARTICLE) + 3:
        return None
    head, bare = words[0], words[0][len(_ARTICLE):]
    for m in sorted((m for m in mentions if m.end <= start and m.entity_id), key=lambda m: m.start, reverse=True):
        before = normalize(text[max(0, m.start - TITLE_WINDOW) : m.start]).split()[-TITLE_WORDS:]
        if head in before or bare in before or normalize(m.text).split()[:1] in ([head], [bare]):
            return m.entity_id
    return None
