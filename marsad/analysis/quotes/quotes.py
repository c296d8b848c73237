"""Quote attribution: who said what, from reporting cues, complementizers, colons and quote marks (rules, no model).

For every reporting cue (``data/quotes/cues.txt``: قال، أكد، أضاف، مؤكدا، تأكيده، نقلت ... عن، بحسب ...) the
extractor scans forward in the sentence for a trigger: a complementizer (أن/إن/بأن/أنه...), a colon, or an
opening quote mark. The words between cue and trigger are the speaker phrase (trimmed of adverbials such as
"في وقت سابق", "خلال لقائه مع الصحفيين"); an empty phrase or an anaphor ("وأضاف", "المصدر نفسه") inherits the
previous speaker. The quoted text runs from the trigger to the end of the sentence (indirect speech) or to the
closing mark (direct speech; an unclosed quote ends at the paragraph end). Post-posed attributions
("... كما قالت الشرطة", "...، بحسب وكالة الأنباء", "...، حسبما ذكرت الصحيفة") quote the clause before the cue.
A cue inside an earlier indirect statement, an impersonal verb ("ويتوقع أن") and figures ("تشير الأرقام") open no
quote; a speaker is never a figure or a phrase such as "الرغم", "ذلك".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from marsad.analysis.quotes.quote_lexicon import FEH, LAM, WAW, QuoteLexicon, load_lexicon
from marsad.analysis.quotes.quote_doc import QuoteDoc
from marsad.analysis.quotes.quote_speakers import (
    NO_SPEAKER,
    Speaker,
    is_anaphor,
    is_speaker_phrase,
    link_entity,
    preverbal_subject,
    trim_speaker,
    verb_subject,
)
from marsad.errors import ConfigError
from marsad.model import Mention, Quote
from marsad.text.doc import Doc, as_doc
from marsad.text.normalize import normalize_word
from marsad.text.tokenize import Token

#: Version of the rules; stored beside every quote this module produced.
QUOTES_VERSION = "quotes-rules.v2"

#: Complementizers that open indirect speech, normalized: an, anna/inna + pronoun suffixes, bi-anna, fa-inna.
COMPLEMENTIZERS = frozenset(
    "\u0627\u0646" + suffix  # ALEF NOON ("an", "anna", "inna" once normalized)
    for suffix in ("", "\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627", "\u0646\u0627")
    + ("\u0646\u064a", "\u064a", "\u0643", "\u0643\u0645")
) | frozenset(
    prefix + "\u0627\u0646" + suffix
    for prefix in ("\u0628", "\u0641")  # BEH ("bi-anna"), FEH ("fa-inna")
    for suffix in ("", "\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627", "\u0646\u0627")
)
#: Prepositions that sit between a cue and its complementizer ("أشار إلى أن", "أكد على أن", "حذر من أن").
LINK_PREPS = frozenset({"\u0627\u0644\u064a", "\u0639\u0644\u064a", "\u0645\u0646"})  # ila, ala, min (normalized)
#: Words before "أن" that make it temporal or a manner clause, not a complementizer ("بعد أن", "وكيف أنه").
TEMPORAL_BEFORE = frozenset(
    {"\u0628\u0639\u062f", "\u0642\u0628\u0644", "\u0645\u0646\u0630", "\u062f\u0648\u0646"}  # ba'd, qabl, mundhu, dun
    | {"\u0643\u064a\u0641", "\u0648\u0643\u064a\u0641"}  # kayfa, wa-kayfa "how"
)
#: Words before a cue form that make it a verbal noun, not a verb ("بعد كشف علاقته"): ba'd, qabl, 'ind, ithr,
#: 'aqib, mundhu, khilal, athna' (normalized).
NOUN_BEFORE = frozenset(
    {"\u0628\u0639\u062f", "\u0642\u0628\u0644", "\u0639\u0646\u062f", "\u0627\u062b\u0631"}
    | {"\u0639\u0642\u0628", "\u0645\u0646\u0630", "\u062e\u0644\u0627\u0644", "\u0627\u062b\u0646\u0627\u0621"}
)
#: "على لسان X" ("on the tongue of X"): a relay like "عن X" (lisan; ala normalized).
LISAN = "\u0644\u0633\u0627\u0646"
ALA = "\u0639\u0644\u064a"
BEH = "\u0628"  # ARABIC LETTER BEH alone ("وصفه بـ"...""): a described term follows, not a speaker
#: Words that make the following verb cue a postposed attribution of the clause before ("كما قالت الشرطة",
#: "حسبما ذكرت الوكالة" is a source cue, "وفق ما أفادت"): kama, and ma after wifq/wifqan/bihasab/hasab/tibqan.
MA = "\u0645\u0627"
LIMA = "\u0644\u0645\u0627"  # "وفقا لما ذكرته"
#: Conjunctions that open a clause of its own: kama, haythu, baynama, fima, thumma, lakin (normalized).
CONJUNCTIONS = frozenset(
    {"\u0643\u0645\u0627", "\u062d\u064a\u062b", "\u0628\u064a\u0646\u0645\u0627", "\u0641\u064a\u0645\u0627"}
    | {"\u062b\u0645", "\u0644\u0643\u0646", "\u0648\u0644\u0643\u0646"}
)
#: "حسبما نقلت عنه الوكالة": the pronoun after a relay verb ('anhu, 'anha, normalized).
RELAY_PRONOUNS = frozenset({"\u0639\u0646\u0647", "\u0639\u0646\u0647\u0627"})
#: Dashes that end a dateline ("(CNN) --", "سبق –"): hyphen-minus, en dash, em dash, and a doubled hyphen.
DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
#: "قالت فيه": the statement is the object of the main verb; the speaker is that verb's subject (fihi, fiha).
RELATIVE_FI = frozenset({"\u0641\u064a\u0647", "\u0641\u064a\u0647\u0627"})
#: Lam-words after a participle that are not an addressee ("مشددة لمن يشتبه"): liman, lima.
NOT_ADDRESSEE = frozenset({"\u0644\u0645\u0646", "\u0644\u0645\u0627"})
#: First words of an opening adverbial before the verb ("من جانبه،", "إلى ذلك،", "وفي ...").
CLAUSE_OPENERS = frozenset(
    {"\u0645\u0646", "\u0648\u0645\u0646", "\u0627\u0644\u064a"}  # min, wa-min, ila
    | {"\u0641\u064a", "\u0648\u0641\u064a", "\u0628\u0639\u062f"}  # fi, wa-fi, ba'd
)
KAMA = "\u0643\u0645\u0627"  # kama "as" ("كما قالت الشرطة")
AN = "\u0639\u0646"  # 'an "from" ("نقلت ... عن X")
ALEF_LAM = "\u0627\u0644"  # the definite article
#: Words between "بحسب X،" and the statement ("فقد", "وقد").
FILLERS = frozenset({"\u0641\u0642\u062f", "\u0648\u0642\u062f", "\u0641"})  # faqad, waqad, fa
COLONS = frozenset({":", "\uff1a"})  # colon, FULLWIDTH COLON
OPENERS = "\u00ab\u201c\u201e\u2039"  # LEFT GUILLEMET, LEFT DOUBLE, LOW-9 DOUBLE, SINGLE LEFT GUILLEMET
CLOSERS = "\u00bb\u201d\u203a\""  # RIGHT GUILLEMET, RIGHT DOUBLE, SINGLE RIGHT GUILLEMET, ASCII quote
TRIM_CHARS = " \t\n.,\u060c\u061b:;-\u2013"  # space, stops, ARABIC COMMA, ARABIC SEMICOLON, colons, dashes


@dataclass(frozen=True, slots=True)
class QuoteSettings:
    """Limits of the rules (defaults tuned by reading the evals/gold/quotes.jsonl articles)."""

    max_speaker_tokens: int = 40  # longest cue-to-trigger gap in evals/gold/quotes.jsonl is 33 tokens
    max_name_quote_words: int = 4  # "«في إل تي»", "\"فيفا\"": quoted names inside a speaker phrase
    min_quote_words: int = 2  # shorter "quotes" are parsing accidents
    max_subject_words: int = 6  # a pre-verbal subject ("الصحيفة المحلية «في إل تي» ذكرت")

    def __post_init__(self) -> None:
        """Reject non-positive limits."""
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"QuoteSettings.{f.name}={value!r}: use a positive integer (default {f.default})")


DEFAULT_SETTINGS = QuoteSettings()
#: Marker returned for an anaphoric speaker phrase ("المصدر نفسه"): the previous speaker is meant.
ANAPHOR = Speaker("", None, None, None)


def _inherit(previous: Speaker) -> Speaker:
    """Return the previous speaker for a continuation, without offsets (the speaker is not written here)."""
    return Speaker(previous.text, None, None, previous.entity_id)


@dataclass(slots=True)
class _Found:
    """A quote under construction (mutable until the overlap pass)."""

    cue_start: int
    cue: str
    start: int
    end: int
    direct: bool
    speaker: Speaker
    keep: bool = True  # False: no quote, only a speaker named for later continuations ("وكشف X ... حيث أظهرت الأرقام")


def extract_quotes(
    text: str | Doc, field: str, mentions: Sequence[Mention] = (), settings: QuoteSettings = DEFAULT_SETTINGS
) -> list[Quote]:
    """Return the quotes of one field (``"title"`` or ``"body"``) of an article, in text order.

    ``mentions`` are the resolved entity mentions of the same field; ``speaker_entity_id`` comes from them.
    """
    if field not in ("title", "body"):
        raise ConfigError(f"extract_quotes field={field!r}: use 'title' or 'body'")
    source = as_doc(text, field)
    if not source.text.strip():
        return []
    lex = load_lexicon()
    folded = source.folded
    doc = QuoteDoc(
        source,
        lambda norm: lex.cue_kind(norm) == "verb" and norm[:1] in (WAW, FEH),
        lambda a, b: lex.find_cues(folded, a, b),
    )
    found: list[_Found] = []
    history: list[tuple[str, str | None]] = []
    previous = NO_SPEAKER
    consumed_until = last_cue = -1
    for i, tok in enumerate(doc.toks):
        if tok.start < consumed_until or not doc.norms[i][:1].isalpha():
            continue
        kind = lex.cue_kind(doc.norms[i])
        if kind is None or doc.inside_quote(tok.start):
            continue
        if kind in ("verb", "passive") and i > 0 and doc.norms[i - 1] in NOUN_BEFORE:
            continue  # "بعد كشف علاقته": a verbal noun
        if kind in ("verb", "passive") and _embedded(doc, i, lex, found):
            continue  # "قال X إن الحوافز تشير إلى أن": a verb inside the statement, not a new attribution
        if kind == "source":
            got = _source_quote(doc, i, lex, mentions, history)
            if got is None and i != doc.sent_first[i]:
                got = _postposed_source(doc, i, lex, settings, mentions, history, found)
        else:
            got = _cue_quote(doc, i, kind, lex, settings, mentions, history, previous, last_cue)
        if got is None:
            continue
        if not got.keep:
            previous = got.speaker
            continue
        found.append(got)
        last_cue = got.cue_start
        if got.direct:
            consumed_until = got.end
        if got.speaker.text:
            previous = got.speaker
            history.append((" ".join(normalize_word(w) for w in got.speaker.text.split()), got.speaker.entity_id))
    return _finish(doc, found, field, settings)


def _embedded(doc: QuoteDoc, i: int, lex: QuoteLexicon, found: Sequence[_Found]) -> bool:
    """True when the cue at ``i`` sits, after a word of its own clause, inside an earlier indirect quote's text."""
    before = doc.norms[i - 1] if i > 0 else ""
    if i == doc.sent_first[i] or not before[:1].isalpha() or lex.cues.get(doc.norms[i]) is None:
        return False  # sentence-initial, after punctuation or a number, or wa-/fa- prefixed: a new attribution
    if before in CONJUNCTIONS or (i + 1 < len(doc.toks) and doc.norms[i + 1] in RELATIVE_FI):
        return False  # "كما توقع أن", "حيث أكد", "بيانا قالت فيه": a clause of its own
    pos = doc.toks[i].start
    return any(not f.direct and f.start <= pos < f.end for f in found[-3:])


def _scan_trigger(doc: QuoteDoc, i: int, lex: QuoteLexicon, settings: QuoteSettings) -> tuple[str, int, int] | None:
    """From the cue at ``i``, find (trigger kind, trigger token index, region end index) in the sentence."""
    end = doc.sent_end[i]
    region_end = -1
    j = i + 1
    limit = min(len(doc.toks), i + 1 + settings.max_speaker_tokens)
    while j < limit and doc.toks[j].start < end:
        tok, norm = doc.toks[j], doc.norms[j]
        span = doc.span_at.get(tok.start)
        if span is not None:
            if (
                span.closed
                and doc.word_count(span.open, span.close) <= settings.max_name_quote_words
                and not (j > i + 1 and doc.toks[j - 1].text in COLONS)
                and doc.word_count(span.close, end) > 0
            ):
                j = doc.token_index(span.close + 1)
                continue
            return "quote", j, region_end if region_end >= 0 else j
        if tok.text in COLONS:
            return "colon", j, region_end if region_end >= 0 else j
        if norm in COMPLEMENTIZERS:
            before = doc.norms[j - 1] if j - 1 > i else ""
            if before not in TEMPORAL_BEFORE:
                stop = j - 1 if before in LINK_PREPS else j
                return "comp", j, region_end if region_end >= 0 else stop
        cue_kind = lex.cue_kind(norm) if norm[:1].isalpha() else None
        if cue_kind in ("verb", "passive"):
            return None
        if cue_kind in ("part", "masdar") and region_end < 0:
            region_end = j
        j += 1
    return None


def _cue_quote(
    doc: QuoteDoc,
    i: int,
    kind: str,
    lex: QuoteLexicon,
    settings: QuoteSettings,
    mentions: Sequence[Mention],
    history: Sequence[tuple[str, str | None]],
    previous: Speaker,
    last_cue: int,
) -> _Found | None:
    """Build the quote a verb/participle/masdar/relay cue at token ``i`` introduces, or None.

    ``last_cue`` is the offset of the previous quote's cue: a participle in the same sentence continues it.
    """
    found = _scan_trigger(doc, i, lex, settings)
    if found is None:
        return _postposed_quote(doc, i, lex, settings, mentions, history)
    trigger, j, region_end = found
    region = list(range(i + 1, region_end))
    words = [k for k in region if doc.is_word[k]]
    if any(lex.stop_kind(doc.norms[k]) == "reject" for k in words):
        return None  # "فقال تعالى (...)": scripture cited inside a statement
    if any(lex.stop_kind(doc.norms[k]) == "figure" for k in words):  # "حيث أظهرت الإحصائيات أن": not a speaker
        named = _region_speaker(doc, region, lex, mentions, history) if kind == "verb" else None
        return None if named is None or not named.text else _Found(-1, "", -1, -1, False, named, keep=False)
    if kind == "passive" and not words:
        return None  # "ويتوقع أن ...": impersonal, no one is quoted
    if words and doc.norms[words[0]] == BEH and words[0] == i + 1:
        return None  # "ووصفه بـ"الرجل الاستثنائي"": a described term, not a statement
    relay = kind == "relay" or any(lex.cue_kind(doc.norms[k]) == "relay" for k in words)
    cuts = [k for k in words if doc.norms[k] == AN] if relay else []
    cuts += [k for k in words if doc.norms[k] == LISAN and k - 1 in words and doc.norms[k - 1] == ALA]
    if cuts:  # "نقلت الوكالة عن X", "حذرت المديرية على لسان X": the speaker is X
        region = region[region.index(max(cuts)) + 1 :]
    first_word = doc.norms[words[0]] if words else ""
    if kind == "part" and first_word and (not first_word.startswith(LAM) or first_word in NOT_ADDRESSEE):
        return None  # "مشيرا إلى جاهزية ...", "مشددة لمن ...": an object, not a statement
    relative = first_word in RELATIVE_FI
    if relative:
        region = []
    start, end, direct = _quote_extent(doc, trigger, j)
    speaker = _region_speaker(doc, region, lex, mentions, history, previous, kind == "part")
    clause_verb = kind == "part" or (kind == "masdar" and doc.norms[i].startswith(BEH))  # "قائلا", "بقوله"
    if speaker is None and not clause_verb and not relative:  # "إلا أن السلطات تؤكد أن": the subject before the verb
        speaker = _subject_speaker(doc, i, lex, settings, mentions, history)
    if speaker is None:
        same_sentence = last_cue >= doc.toks[doc.sent_first[i]].start
        if relative or (not same_sentence and i > doc.sent_first[i]):
            speaker = _verb_subject_speaker(doc, i, settings, lex, mentions, history)
        if speaker is None:
            speaker = _inherit(previous)
    return _Found(doc.toks[i].start, doc.toks[i].text, start, end, direct, speaker)


def _region_speaker(
    doc: QuoteDoc,
    region: list[int],
    lex: QuoteLexicon,
    mentions: Sequence[Mention],
    history: Sequence[tuple[str, str | None]],
    previous: Speaker = NO_SPEAKER,
    after_participle: bool = False,
) -> Speaker | None:
    """Return the speaker named in the token ``region`` after a cue (the previous one for an anaphor), or None."""
    while region and (
        (not doc.is_word[region[0]] and doc.toks[region[0]].start not in doc.span_at)
        or lex.stop_kind(doc.norms[region[0]]) == "skip"
    ):
        region = region[1:]  # "وقال، ...": leading punctuation; "أفاد الثلاثاء مصدر": a leading time word
    if not region:
        return None
    span = doc.span_at.get(doc.toks[region[0]].start)
    after = [k for k in region if doc.toks[k].start > span.close and doc.is_word[k]] if span is not None else []
    if span is not None and span.closed and doc.word_count(span.open, span.close) <= 4 and (
        not after or lex.stop_kind(doc.norms[after[0]]) is not None
    ):
        start, end = span.open + 1, span.close  # a quoted name: "اعتبر "خلفان" أن"
        phrase = " ".join(doc.norms[k] for k in region if start <= doc.toks[k].start < end)
        return Speaker(doc.text[start:end], start, end, link_entity(start, end, phrase, mentions, history))
    toks = [doc.toks[k] for k in region]
    norms = [doc.norms[k] for k in region]
    n = trim_speaker(toks, norms, lex, after_participle, _in_short_quote(doc, toks))
    if n == 0 or not any(x[:1].isalpha() for x in norms[:n]) or not is_speaker_phrase(norms[:n], lex):
        return None
    start, end = toks[0].start, toks[n - 1].end
    phrase = " ".join(norms[:n])
    if previous.text and (is_anaphor(phrase, lex) or _same_head(phrase, previous.text)):
        return _inherit(previous)
    raw = doc.text[start:end]
    if _opens_more(raw) and end < len(doc.text) and doc.text[end] in CLOSERS:
        end += 1
        raw = doc.text[start:end]
    return Speaker(raw, start, end, link_entity(start, end, phrase, mentions, history))


def _in_short_quote(doc: QuoteDoc, toks: Sequence[Token]) -> list[bool]:
    """Flag the tokens inside a closed quoted name of at most four words ("بنك "إتش.إس.بي.سي" أكبر مصرف")."""
    flags = [False] * len(toks)
    for s in doc.spans:
        if toks and s.closed and toks[0].start <= s.open < toks[-1].end and doc.word_count(s.open, s.close) <= 4:
            for k, t in enumerate(toks):
                if s.open <= t.start <= s.close:
                    flags[k] = True
    return flags


def _same_head(phrase: str, previous: str) -> bool:
    """True for a bare definite noun naming the previous speaker's head ("الصحيفة" after "صحيفة ...")."""
    if " " in phrase or not phrase.startswith(ALEF_LAM) or len(phrase) < 5:
        return False
    prev = [normalize_word(w) for w in previous.split()]
    return any(w == phrase or w == phrase[2:] for w in prev)


def _verb_subject_speaker(
    doc: QuoteDoc,
    i: int,
    settings: QuoteSettings,
    lex: QuoteLexicon,
    mentions: Sequence[Mention],
    history: Sequence[tuple[str, str | None]],
) -> Speaker | None:
    """Return the subject of the sentence-initial verb ("ندد خطباء المساجد ...، مؤكدين أن"), or None."""
    first = doc.sent_first[i]
    opener = doc.norms[first] in CLAUSE_OPENERS
    for k in range(first, i):  # an opening adverbial ("من جانبه،") precedes the verb
        if opener and doc.toks[k].text in ("\u060c", ","):
            first = k + 1
            break
    for k in range(i - 1, first - 1, -1):  # a headline or dateline ("سبق- جازان:", "(CNN) --") ends at the last mark
        if doc.toks[k].text in COLONS or doc.toks[k].text in DASHES:
            first = k + 1
            break
    got = verb_subject(doc.toks[first:i], doc.norms[first:i], lex, settings.max_subject_words + 2)
    if got is None:
        return None
    a, b = first + got[0], first + got[1] - 1
    if not is_speaker_phrase(doc.norms[a : b + 1], lex):
        return None
    start, end = doc.toks[a].start, doc.toks[b].end
    phrase = " ".join(doc.norms[a : b + 1])
    return Speaker(doc.text[start:end], start, end, link_entity(start, end, phrase, mentions, history))


def _opens_more(raw: str) -> bool:
    """True when a speaker phrase opens a quote mark it does not close ("\u00abfi el ti")."""
    ascii_open = raw.count('"') % 2 == 1
    return ascii_open or sum(raw.count(c) for c in OPENERS) > sum(raw.count(c) for c in CLOSERS if c != '"')


def _subject_speaker(
    doc: QuoteDoc,
    i: int,
    lex: QuoteLexicon,
    settings: QuoteSettings,
    mentions: Sequence[Mention],
    history: Sequence[tuple[str, str | None]],
) -> Speaker | None:
    """Return a subject written before the verb ("لكن الصحيفة المحلية ذكرت أن"), or None."""
    first = doc.sent_first[i]
    norm = doc.norms[i]
    if i == first or lex.cues.get(norm) is None:  # a wa-/fa- prefixed verb continues the previous speaker
        return None
    got = preverbal_subject(doc.toks[first:i], doc.norms[first:i], lex, settings.max_subject_words)
    if got is None:
        return None
    a, b = first + got[0], first + got[1] - 1
    if not is_speaker_phrase(doc.norms[a : b + 1], lex):
        return None
    start, end = doc.toks[a].start, doc.toks[b].end
    phrase = " ".join(doc.norms[a : b + 1])
    return Speaker(doc.text[start:end], start, end, link_entity(start, end, phrase, mentions, history))


def _extend_over_quotes(doc: QuoteDoc, start: int, end: int) -> int:
    """Move ``end`` past the close of a quote that opens in ``[start, end)`` but closes after it."""
    for s in doc.spans:
        if start <= s.open < end < s.close:
            end = s.close + 1 if s.closed else s.close
    return end


def _quote_extent(doc: QuoteDoc, trigger: str, j: int) -> tuple[int, int, bool]:
    """Return (start, end, direct) of the quoted text a trigger token opens."""
    if trigger == "colon" and j + 1 < len(doc.toks) and doc.toks[j + 1].start in doc.span_at:
        trigger, j = "quote", j + 1
    if trigger == "quote":
        span = doc.span_at[doc.toks[j].start]
        return span.open + 1, span.close, True
    start = doc.toks[j].end
    end = _extend_over_quotes(doc, start, doc.sent_end[j])
    return start, end, trigger == "colon"


def _postposed_quote(
    doc: QuoteDoc,
    i: int,
    lex: QuoteLexicon,
    settings: QuoteSettings,
    mentions: Sequence[Mention],
    history: Sequence[tuple[str, str | None]],
) -> _Found | None:
    """Build the quote of "<clause> كما قالت الشرطة": the clause before "kama" said by the phrase after the cue."""
    first = doc.sent_first[i]
    if i - 1 <= first or doc.norms[i - 1] != KAMA or lex.cues.get(doc.norms[i]) != "verb":
        return None
    region = [k for k in range(i + 1, len(doc.toks)) if doc.toks[k].start < doc.sent_end[i]]
    speaker = _region_speaker(doc, region, lex, mentions, history)
    if speaker is None or speaker is ANAPHOR:
        return None
    start, end = doc.toks[first].start, doc.toks[i - 1].start
    if doc.word_count(start, end) < settings.min_quote_words + 1:
        return None
    return _Found(doc.toks[i].start, doc.toks[i].text, start, end, False, speaker)


def _source_quote(
    doc: QuoteDoc, i: int, lex: QuoteLexicon, mentions: Sequence[Mention], history: Sequence[tuple[str, str | None]]
) -> _Found | None:
    """Build the quote of a sentence-initial "بحسب X، فإن ..." / "وفقا لـ X، ...", or None."""
    if i != doc.sent_first[i]:
        return None
    end_s = doc.sent_end[i]
    j = i + 1
    stop = j
    while stop < len(doc.toks) and doc.toks[stop].start < end_s and stop - j < 10:
        if doc.toks[stop].text in ("\u060c", ",") or doc.norms[stop] in COMPLEMENTIZERS:
            break
        stop += 1
    else:
        return None
    k = stop + 1 if doc.toks[stop].text in ("\u060c", ",") else stop
    while k < len(doc.toks) and doc.norms[k] in FILLERS:
        k += 1
    if k >= len(doc.toks) or doc.toks[k].start >= end_s:
        return None
    if doc.norms[k][:1].isalpha() and lex.cue_kind(doc.norms[k]) is not None:
        return None  # "بحسب الفرنسية، ذكرت الهيئة أن": the verb carries the quote
    after_comp = doc.norms[k] in COMPLEMENTIZERS and k + 1 < len(doc.toks)
    text_start = doc.toks[k + 1].start if after_comp else doc.toks[k].start
    speaker = _source_speaker(doc, list(range(j, stop)), lex, mentions, history)
    if speaker is None:
        return None
    end = _extend_over_quotes(doc, text_start, end_s)
    return _Found(doc.toks[i].start, doc.toks[i].text, text_start, end, False, speaker)


def _postposed_source(
    doc: QuoteDoc,
    i: int,
    lex: QuoteLexicon,
    settings: QuoteSettings,
    mentions: Sequence[Mention],
    history: Sequence[tuple[str, str | None]],
    found: Sequence[_Found],
) -> _Found | None:
    """Build the quote of "<clause>، بحسب X" / "، حسبما ذكرت X" / "، وفق ما أفادت X": the clause said by X.

    Only after a comma (else "وفقا للخطة" is a manner adverbial), and only when no quote already opened in the
    sentence ("وقال ضابط "..."، بحسب فرانس برس": the officer is the speaker).
    """
    first, end_s = doc.sent_first[i], doc.sent_end[i]
    if doc.toks[i - 1].text not in ("\u060c", ","):
        return None
    clause = (doc.toks[first].start, doc.toks[i - 1].start)
    if any(f.start < clause[1] and f.end > clause[0] for f in found[-3:]):
        return None
    j = i + 1
    if j < len(doc.toks) and doc.norms[j] in (MA, LIMA):
        j += 1  # "بحسب ما", "وفقا لما"
    if j < len(doc.toks) and doc.norms[j][:1].isalpha() and lex.cue_kind(doc.norms[j]) in ("verb", "passive"):
        j += 1  # "حسبما ذكرت", "وفق ما أفادت"
    if j < len(doc.toks) and doc.norms[j] in RELAY_PRONOUNS:
        j += 1  # "حسبما نقلت عنه"
    region = [k for k in range(j, min(len(doc.toks), j + settings.max_speaker_tokens)) if doc.toks[k].start < end_s]
    speaker = _source_speaker(doc, region, lex, mentions, history)
    if speaker is None or not speaker.text:
        return None
    start = doc.toks[first].start
    for k in range(i - 1, first - 1, -1):  # a headline or dateline ("سبق – وكالات:") ends at the last mark
        if doc.toks[k].text in COLONS or doc.toks[k].text in DASHES:
            start = doc.toks[k].end
            break
    end = doc.toks[i - 1].start
    if doc.word_count(start, end) < settings.min_quote_words + 1:
        return None
    return _Found(doc.toks[i].start, doc.toks[i].text, start, end, False, speaker)


def _source_speaker(
    doc: QuoteDoc,
    region: list[int],
    lex: QuoteLexicon,
    mentions: Sequence[Mention],
    history: Sequence[tuple[str, str | None]],
) -> Speaker | None:
    """Return the speaker of "وفقا لـ X" / "بحسب X", dropping the lam proclitic ("للكرملين" -> "الكرملين")."""
    if region and doc.norms[region[0]] == LAM:
        region = region[1:]
    if not region:
        return None
    head = doc.toks[region[0]]
    if not doc.norms[region[0]].startswith(LAM):
        got = _region_speaker(doc, region, lex, mentions, history)
        return None if got is ANAPHOR else got
    norms = [doc.norms[region[0]][1:]] + [doc.norms[k] for k in region[1:]]  # trimmed without the lam proclitic
    n = trim_speaker([doc.toks[k] for k in region], norms, lex) or 1
    start, end = head.start, doc.toks[region[n - 1]].end
    phrase = " ".join(doc.norms[k] for k in region[:n])[1:]
    if head.text.startswith(LAM + LAM):  # lil- = li- + al-: the article's alef is not written
        text = ALEF_LAM + doc.text[start + 2 : end]
        return Speaker(text, None, None, link_entity(start, end, ALEF_LAM + phrase[1:], mentions, history))
    entity_id = link_entity(start + 1, end, phrase, mentions, history)
    return Speaker(doc.text[start + 1 : end], start + 1, end, entity_id)


def _finish(doc: QuoteDoc, found: list[_Found], field: str, settings: QuoteSettings) -> list[Quote]:
    """Cut each quote at the next cue, trim punctuation, mark fully quoted text direct, and build Quote objects."""
    found.sort(key=lambda f: (f.start, f.cue_start))
    cues = sorted(f.cue_start for f in found)
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    text = doc.text
    for f in found:
        start, end, direct = f.start, f.end, f.direct
        if not direct:
            end = min([end] + [c for c in cues if start < c < end])
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS:
            end -= 1
        span = doc.span_at.get(start)
        if span is not None and span.close in (end, end - 1) and not direct:
            direct = True
        if span is not None and span.close in (end, end - 1):
            start, end = start + 1, span.close
        elif direct and start < end and text[start] in OPENERS + CLOSERS:
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS + CLOSERS and not doc.inside_quote(end - 1):
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if (start, end) in seen or doc.word_count(start, end) < settings.min_quote_words:
            continue
        seen.add((start, end))
        sp = f.speaker
        out.append(
            Quote(
                sp.text, sp.entity_id, f.cue, text[start:end], field,  # type: ignore[arg-type]
                start, end, direct, sp.start, sp.end,
            )
        )
    return out
