"""Where a quote's speaker and text lie: the speaker phrase of a region, the extent of a quote, and attributions
placed around the statement ("... كما قالت الشرطة", "...، بحسب وكالة الأنباء", "بحسب X، فإن ...").

Used by :mod:`marsad.analysis.quotes.quotes`, which finds the cues and assembles the quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from marsad.analysis.quotes.quote_doc import QuoteDoc
from marsad.analysis.quotes.quote_lexicon import LAM, QuoteLexicon
from marsad.analysis.quotes.quote_speakers import (
    ALA_WITH_MAKSURA,
    NO_SPEAKER,
    Speaker,
    description_antecedent,
    is_anaphor,
    is_speaker_phrase,
    link_entity,
    trim_speaker,
)
from marsad.errors import ConfigError
from marsad.model import Mention
from marsad.text.normalize import normalize_word
from marsad.text.tokenize import Token


@dataclass(frozen=True, slots=True)
class QuoteSettings:
    """Limits of the rules (defaults tuned by reading the evals/gold/quotes.jsonl articles)."""

    max_speaker_tokens: int = 40  # longest cue-to-trigger gap in evals/gold/quotes.jsonl is 33 tokens
    max_name_quote_words: int = 4  # "«في إل تي»", "\"فيفا\"": quoted names inside a speaker phrase
    min_quote_words: int = 2  # shorter "quotes" are parsing accidents
    max_subject_words: int = 6  # a pre-verbal subject ("الصحيفة المحلية «في إل تي» ذكرت")
    # the subject after a sentence-initial verb ("أكد صاحب السمو الملكي الأمير مشاري بن سعود بن عبدالعزيز أمير منطقة
    # الباحة ...، مشيرا"): Saudi titles run to a dozen words; 8 (v3) missed them in quotes_dev4.jsonl, 14 changed
    # nothing on the first three dev sets
    max_verb_subject_words: int = 14

    def __post_init__(self) -> None:
        """Reject non-positive limits."""
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"QuoteSettings.{f.name}={value!r}: use a positive integer (default {f.default})")


DEFAULT_SETTINGS = QuoteSettings()

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


#: Words that make the following verb cue a postposed attribution of the clause before ("كما قالت الشرطة",
#: "حسبما ذكرت الوكالة" is a source cue, "وفق ما أفادت"): kama, and ma after wifq/wifqan/bihasab/hasab/tibqan.
MA = "\u0645\u0627"


LIMA = "\u0644\u0645\u0627"  # "وفقا لما ذكرته"


#: "حسبما نقلت عنه الوكالة": the pronoun after a relay verb ('anhu, 'anha, normalized).
RELAY_PRONOUNS = frozenset({"\u0639\u0646\u0647", "\u0639\u0646\u0647\u0627"})


#: Dashes that end a dateline ("(CNN) --", "سبق –"): hyphen-minus, en dash, em dash, and a doubled hyphen.
DASHES = frozenset({"-", "\u2013", "\u2014", "--"})


KAMA = "\u0643\u0645\u0627"  # kama "as" ("كما قالت الشرطة")


ALEF_LAM = "\u0627\u0644"  # the definite article


#: Words between "بحسب X،" and the statement ("فقد", "وقد").
FILLERS = frozenset({"\u0641\u0642\u062f", "\u0648\u0642\u062f", "\u0641"})  # faqad, waqad, fa


COLONS = frozenset({":", "\uff1a"})  # colon, FULLWIDTH COLON


OPENERS = "\u00ab\u201c\u201e\u2039"  # LEFT GUILLEMET, LEFT DOUBLE, LOW-9 DOUBLE, SINGLE LEFT GUILLEMET


CLOSERS = "\u00bb\u201d\u203a\""  # RIGHT GUILLEMET, RIGHT DOUBLE, SINGLE RIGHT GUILLEMET, ASCII quote


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


@dataclass(frozen=True, slots=True)
class Scan:
    """One field's quote search, read by every speaker rule: the prepared text, the lexicons, the limits, the field's
    entity mentions and the speakers named so far (normalized phrase, entity id), which grows as quotes are found."""

    doc: QuoteDoc
    lex: QuoteLexicon
    settings: QuoteSettings
    mentions: Sequence[Mention]
    history: list[tuple[str, str | None]]

    def speaker(self, start: int, end: int, phrase: str) -> Speaker:
        """The speaker written at ``text[start:end]`` (normalized ``phrase``), linked by a mention or the history."""
        return Speaker(self.doc.text[start:end], start, end, self.link(start, end, phrase))

    def link(self, start: int, end: int, phrase: str) -> str | None:
        """The entity id of the speaker phrase at ``[start, end)``: a mention or an earlier speaker
        (:func:`quote_speakers.link_entity`), else the antecedent of a definite description ("المراسلة")."""
        return link_entity(start, end, phrase, self.mentions, self.history) or description_antecedent(
            self.doc.text, start, phrase, self.mentions)


def _region_speaker(
    scan: Scan, region: list[int], previous: Speaker = NO_SPEAKER, after_participle: bool = False
) -> Speaker | None:
    """Return the speaker named in the token ``region`` after a cue (the previous one for an anaphor), or None."""
    doc, lex = scan.doc, scan.lex
    while region and (
        (not doc.is_word[region[0]] and doc.toks[region[0]].start not in doc.span_at)
        or lex.stop_kind(doc.norms[region[0]]) == "skip"
    ):
        region = region[1:]  # "وقال، ...": leading punctuation; "أفاد الثلاثاء مصدر": a leading time word
    region = _after_addressee(doc, region)
    if not region:
        return None
    span = doc.span_at.get(doc.toks[region[0]].start)
    after = [k for k in region if doc.toks[k].start > span.close and doc.is_word[k]] if span is not None else []
    if span is not None and span.closed and doc.word_count(span.open, span.close) <= 4 and (
        not after or lex.stop_kind(doc.norms[after[0]]) is not None
    ):
        start, end = span.open + 1, span.close  # a quoted name: "اعتبر "خلفان" أن"
        return scan.speaker(start, end, " ".join(doc.norms[k] for k in region if start <= doc.toks[k].start < end))
    toks = [doc.toks[k] for k in region]
    norms = [doc.norms[k] for k in region]
    n = trim_speaker(toks, norms, lex, after_participle, _in_short_quote(doc, toks), ALA_WITH_MAKSURA in doc.text)
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
    return Speaker(raw, start, end, scan.link(start, end, phrase))


def _after_addressee(doc: QuoteDoc, region: list[int]) -> list[int]:
    """The region without a leading addressee: "لـ" with the outlet's name in marks or brackets ("وقال لـ"الاقتصادية"
    مصدر", "أكد لـ(عكاظ) الشيخ ...") or a "لل"-word ("وقال للصحفيين وزير الخارجية"); the speaker may follow it."""
    if not region:
        return region
    first = doc.norms[region[0]]
    if first == LAM and len(region) > 1:
        nxt = region[1]
        span = doc.span_at.get(doc.toks[nxt].start)
        if span is not None and span.closed and doc.word_count(span.open, span.close) <= 4:
            return [k for k in region[2:] if doc.toks[k].start > span.close]
        if doc.toks[nxt].text == "(":
            close = next((k for k in region[2:] if doc.toks[k].text == ")"), None)
            return region[region.index(close) + 1 :] if close is not None and close - nxt <= 5 else region
        return region[2:]
    if first.startswith(LAM + LAM) and len(first) > 4:
        return region[1:]
    return region


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


def _opens_more(raw: str) -> bool:
    """True when a speaker phrase opens a quote mark it does not close ("\u00abfi el ti")."""
    ascii_open = raw.count('"') % 2 == 1
    return ascii_open or sum(raw.count(c) for c in OPENERS) > sum(raw.count(c) for c in CLOSERS if c != '"')


def _extend_over_quotes(doc: QuoteDoc, start: int, end: int) -> int:
    """Move ``end`` past the close of a quote that opens in ``[start, end)`` but closes after it."""
    for s in doc.spans:
        if start <= s.open < end < s.close:
            end = s.close + 1 if s.closed else s.close
    return end


def _quote_extent(doc: QuoteDoc, trigger: str, j: int, lex: QuoteLexicon | None = None) -> tuple[int, int, bool]:
    """Return (start, end, direct) of the quoted text a trigger token opens.

    Speech after a colon with no quote marks runs on over the paragraph's next sentences until one holds a cue or a
    quote mark ("وقال روجرز: أعشق حياتي هنا. لن أظل هنا للأبد ..."); ``lex`` (the cue table) enables that.
    """
    if trigger == "colon" and j + 1 < len(doc.toks) and doc.toks[j + 1].start in doc.span_at:
        trigger, j = "quote", j + 1
    if trigger == "quote":
        span = doc.span_at[doc.toks[j].start]
        return span.open + 1, span.close, True
    start = doc.toks[j].end
    end = _extend_over_quotes(doc, start, doc.sent_end[j])
    if trigger == "colon" and lex is not None:
        end = _run_on(doc, end, lex)
    return start, end, trigger == "colon"


def _run_on(doc: QuoteDoc, end: int, lex: QuoteLexicon) -> int:
    """Extend speech ending at ``end`` over the following sentences of its paragraph that hold no cue or quote mark."""
    paragraph_end = doc.text.find("\n", end)
    paragraph_end = len(doc.text) if paragraph_end < 0 else paragraph_end
    k = doc.token_index(end)
    while k < len(doc.toks) and doc.toks[k].start < paragraph_end:
        stop = doc.token_index(doc.sent_end[k])
        if stop <= k or doc.sent_end[k] > paragraph_end:
            break
        if any(doc.toks[m].start in doc.span_at or (doc.is_word[m] and lex.cue_kind(doc.norms[m]) is not None)
               for m in range(k, stop)):
            break
        end, k = doc.sent_end[k], stop
    return end


def _postposed_quote(scan: Scan, i: int) -> _Found | None:
    """Build the quote of "<clause> كما قالت الشرطة": the clause before "kama" said by the phrase after the cue."""
    doc, lex, settings = scan.doc, scan.lex, scan.settings
    first = doc.sent_first[i]
    if i - 1 <= first or doc.norms[i - 1] != KAMA or lex.cues.get(doc.norms[i]) != "verb":
        return None
    region = [k for k in range(i + 1, len(doc.toks)) if doc.toks[k].start < doc.sent_end[i]]
    speaker = _region_speaker(scan, region)
    if speaker is None or speaker is ANAPHOR:
        return None
    start, end = doc.toks[first].start, doc.toks[i - 1].start
    if doc.word_count(start, end) < settings.min_quote_words + 1:
        return None
    return _Found(doc.toks[i].start, doc.toks[i].text, start, end, False, speaker)


def _source_quote(scan: Scan, i: int) -> _Found | None:
    """Build the quote of a sentence-initial "بحسب X، فإن ..." / "وفقا لـ X، ...", or None."""
    doc, lex = scan.doc, scan.lex
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
    speaker = _source_speaker(scan, list(range(j, stop)))
    if speaker is None:
        return None
    end = _extend_over_quotes(doc, text_start, end_s)
    return _Found(doc.toks[i].start, doc.toks[i].text, text_start, end, False, speaker)


def _postposed_source(scan: Scan, i: int, found: Sequence[_Found]) -> _Found | None:
    """Build the quote of "<clause>، بحسب X" / "، حسبما ذكرت X" / "، وفق ما أفادت X": the clause said by X.

    Only after a comma (else "وفقا للخطة" is a manner adverbial), and only when no quote already opened in the
    sentence ("وقال ضابط "..."، بحسب فرانس برس": the officer is the speaker).
    """
    doc, lex, settings = scan.doc, scan.lex, scan.settings
    first, end_s = doc.sent_first[i], doc.sent_end[i]
    if doc.toks[i - 1].text not in ("\u060c", ","):
        return None
    clause = (doc.toks[first].start, doc.toks[i - 1].start)
    if any(f.start < clause[1] and f.end > clause[0] for f in found[-3:]):
        return None
    j = i + 1
    if j < len(doc.toks) and doc.norms[j] in (MA, LIMA):
        j += 1  # "بحسب ما", "وفقا لما"
    if j < len(doc.toks) and doc.norms[j][:1].isalpha() and lex.cue_kind(doc.norms[j]) in ("verb", "passive", "describe"):
        j += 1  # "حسبما ذكرت", "وفق ما أفادت"
    if j < len(doc.toks) and doc.norms[j] in RELAY_PRONOUNS:
        j += 1  # "حسبما نقلت عنه"
    region = [k for k in range(j, min(len(doc.toks), j + settings.max_speaker_tokens)) if doc.toks[k].start < end_s]
    speaker = _source_speaker(scan, region)
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


def _source_speaker(scan: Scan, region: list[int]) -> Speaker | None:
    """Return the speaker of "وفقا لـ X" / "بحسب X", dropping the lam proclitic ("للكرملين" -> "الكرملين")."""
    doc, lex = scan.doc, scan.lex
    if region and doc.norms[region[0]] == LAM:
        region = region[1:]
    if not region:
        return None
    head = doc.toks[region[0]]
    if not doc.norms[region[0]].startswith(LAM):
        got = _region_speaker(scan, region)
        return None if got is ANAPHOR else got
    norms = [doc.norms[region[0]][1:]] + [doc.norms[k] for k in region[1:]]  # trimmed without the lam proclitic
    n = trim_speaker([doc.toks[k] for k in region], norms, lex) or 1
    start, end = head.start, doc.toks[region[n - 1]].end
    phrase = " ".join(doc.norms[k] for k in region[:n])[1:]
    if head.text.startswith(LAM + LAM):  # lil- = li- + al-: the article's alef is not written
        text = ALEF_LAM + doc.text[start + 2 : end]
        return Speaker(text, None, None, scan.link(start, end, ALEF_LAM + phrase[1:]))
    return scan.speaker(start + 1, end, phrase)
