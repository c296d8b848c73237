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

from marsad.analysis.quotes.quote_context import antecedent_subject, statement_author
from marsad.analysis.quotes.quote_describe import describe_quote
from marsad.analysis.quotes.quote_doc import COMMAS, QuoteDoc
from marsad.analysis.quotes.quote_lexicon import FEH, LAM, WAW, QuoteLexicon, load_lexicon
from marsad.analysis.quotes.quote_regions import (
    CLOSERS,
    COLONS,
    COMPLEMENTIZERS,
    DASHES,
    DEFAULT_SETTINGS,
    OPENERS,
    QuoteSettings,
    Scan,
    _Found,
    _inherit,
    _postposed_quote,
    _postposed_source,
    _quote_extent,
    _region_speaker,
    _source_quote,
)
from marsad.analysis.quotes.quote_speakers import (
    NO_SPEAKER,
    Speaker,
    is_speaker_phrase,
    preverbal_subject,
    verb_subject,
)
from marsad.errors import ConfigError
from marsad.model import Mention, Quote
from marsad.text.doc import Doc, as_doc
from marsad.text.normalize import normalize_word

#: Version of the rules; stored beside every quote this module produced.
QUOTES_VERSION = "quotes-rules.v8"  # v8: a definite description speaker ("المراسلة", "الصحيفة") links to the entity it names earlier; v7: nested marks, runs over "؛", speakers from context (statement authors, antecedents), "إلى"-objects; v6: the name ending a speaker phrase gives its entity, "لإظهار أن" is the noun's clause; v5: verb-like speakers refused, addressees skipped, colon speech runs on

#: Prepositions that sit between a cue and its complementizer ("أشار إلى أن", "أكد على أن", "حذر من أن").
LINK_PREPS = frozenset({"\u0627\u0644\u064a", "\u0639\u0644\u064a", "\u0645\u0646"})  # ila, ala, min (normalized)
#: Words before "أن" that make it temporal or a manner clause, not a complementizer ("بعد أن", "وكيف أنه").
TEMPORAL_BEFORE = frozenset(
    {"\u0628\u0639\u062f", "\u0642\u0628\u0644", "\u0645\u0646\u0630", "\u062f\u0648\u0646"}  # ba'd, qabl, mundhu, dun
    | {"\u0643\u064a\u0641", "\u0648\u0643\u064a\u0641"}  # kayfa, wa-kayfa "how"
)
#: Words that make a following complementizer a discourse connective, not the cue's content clause ("على أكمل وجه،
#: كما أنه", "مع أنه" although, "بل إن" rather, "إلا أن" however): kama, ma'a, bal, illa (normalized).
CONNECTIVE_BEFORE = frozenset({"\u0643\u0645\u0627", "\u0645\u0639", "\u0628\u0644", "\u0627\u0644\u0627"})
#: LAM + ALEF (normalized) opening "لإظهار", "لإثبات": li- + a form-IV verbal noun, whose own clause an "أن" may open.
LAM_ALEF = "\u0644\u0627"
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
#: Conjunctions that open a clause of its own: kama, haythu, baynama, fima, thumma, lakin (normalized).
CONJUNCTIONS = frozenset(
    {"\u0643\u0645\u0627", "\u062d\u064a\u062b", "\u0628\u064a\u0646\u0645\u0627", "\u0641\u064a\u0645\u0627"}
    | {"\u062b\u0645", "\u0644\u0643\u0646", "\u0648\u0644\u0643\u0646", "\u0627\u0630"}  # thumma, lakin, wa-lakin, idh
    | {"\u0648\u0642\u062f", "\u0641\u0642\u062f"}  # wa-qad, fa-qad: "، وقد ذكرت وسائل الإعلام أن"
)
#: "إلى" (normalized, with or without WAW): the preposition whose noun object a cue may govern ("لفت إلى دور").
ILA = frozenset({"\u0627\u0644\u064a", "\u0648\u0627\u0644\u064a"})  # ila, wa-ila (normalized)
#: Words governing a following "إلى" in an adverbial ("استنادا إلى", "نقلا إلى", "إضافة إلى"; normalized).
ILA_GOVERNORS = frozenset({"\u0627\u0633\u062a\u0646\u0627\u062f\u0627", "\u0646\u0642\u0644\u0627",
                           "\u0627\u0636\u0627\u0641\u0647", "\u0628\u0627\u0644\u0627\u0636\u0627\u0641\u0647",
                           "\u0648\u0635\u0648\u0644\u0627", "\u0628\u0627\u0644\u0646\u0633\u0628\u0647"})
#: Words after "إلى" before the "أن" that make "إلى" govern a noun object; by hand.
ILA_OBJECT_WORDS = 3
#: "كتب: X" / "كتبت: X" right before a colon is a byline (kataba, katabat; normalized).
BYLINE_CUES = frozenset({"\u0643\u062a\u0628", "\u0643\u062a\u0628\u062a"})
#: "قالت فيه": the statement is the object of the main verb; the speaker is that verb's subject (fihi, fiha).
RELATIVE_FI = frozenset({"\u0641\u064a\u0647", "\u0641\u064a\u0647\u0627"})
#: Lam-words after a participle that are not an addressee ("مشددة لمن يشتبه"): liman, lima.
NOT_ADDRESSEE = frozenset({"\u0644\u0645\u0646", "\u0644\u0645\u0627"})
#: First words of an opening adverbial before the verb ("من جانبه،", "إلى ذلك،", "وفي ...").
CLAUSE_OPENERS = frozenset(
    {"\u0645\u0646", "\u0648\u0645\u0646", "\u0627\u0644\u064a"}  # min, wa-min, ila
    | {"\u0641\u064a", "\u0648\u0641\u064a", "\u0628\u0639\u062f"}  # fi, wa-fi, ba'd
)
AN = "\u0639\u0646"  # 'an "from" ("نقلت ... عن X")
#: ALEF WITH HAMZA BELOW: "إن" (inna) opens speech; temporal "قبل/بعد أن" is written with "أن" (anna).
INNA = "\u0625"
TRIM_CHARS = " \t\n.,\u060c\u061b:;-\u2013"  # space, stops, ARABIC COMMA, ARABIC SEMICOLON, colons, dashes


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
        lambda norm: lex.cue_kind(norm) == "part",
    )
    found: list[_Found] = []
    scan = Scan(doc, lex, settings, mentions, [])
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
        if kind in ("verb", "passive", "describe") and _embedded(doc, i, lex, found):
            continue  # "قال X إن الحوافز تشير إلى أن": a verb inside the statement, not a new attribution
        if kind == "describe":
            got = describe_quote(scan, i, previous, lambda: _subject_speaker(scan, i) or _verb_subject_speaker(scan, i))
        elif kind == "source":
            got = _source_quote(scan, i)
            if got is None and i != doc.sent_first[i]:
                got = _postposed_source(scan, i, found)
        else:
            got = _cue_quote(scan, i, kind, previous, last_cue)
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
            scan.history.append((" ".join(normalize_word(w) for w in got.speaker.text.split()), got.speaker.entity_id))
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
            if before in CONNECTIVE_BEFORE or (before.startswith(LAM_ALEF) and len(before) >= 6 and j - 1 > i + 1
                                               and lex.cue_kind(before) is None):  # not the word after the cue: "وقال لافروف إن"
                j += 1  # "فرصة لإظهار أنها": the clause is the verbal noun's ("to show that"), not the cue's
                continue
            if before not in TEMPORAL_BEFORE or doc.toks[j].text.startswith(INNA):  # "قالت من قبل إن": inna
                stop = j - 1 if before in LINK_PREPS else j
                return "comp", j, region_end if region_end >= 0 else stop
        cue_kind = lex.cue_kind(norm) if norm[:1].isalpha() else None
        if cue_kind in ("verb", "passive", "describe"):
            return None
        if cue_kind in ("part", "masdar") and region_end < 0:
            region_end = j
        j += 1
    return None


def _cue_quote(scan: Scan, i: int, kind: str, previous: Speaker, last_cue: int) -> _Found | None:
    """Build the quote a verb/participle/masdar/relay cue at token ``i`` introduces, or None.

    ``last_cue`` is the offset of the previous quote's cue: a participle in the same sentence continues it.
    """
    doc, lex = scan.doc, scan.lex
    found = _scan_trigger(doc, i, lex, scan.settings)
    if _comma_speech(doc, i, kind, found):  # "وأضاف، لذلك نعمل على ...": the speech follows the comma
        found = ("colon", i + 1, i + 1)
    if found is None:
        return _postposed_quote(scan, i)
    trigger, j, region_end = found
    if trigger == "colon" and j == i + 1 and doc.norms[i].lstrip(WAW) in BYLINE_CUES:
        return None  # "كتب: حسام الجبالي": a byline, not a statement
    region = list(range(i + 1, region_end))
    words = [k for k in region if doc.is_word[k]]
    if any(lex.stop_kind(doc.norms[k]) == "reject" for k in words):
        return None  # "فقال تعالى (...)": scripture cited inside a statement
    if any(lex.stop_kind(doc.norms[k]) == "figure" for k in words):  # "حيث أظهرت الإحصائيات أن": not a speaker
        named = _region_speaker(scan, region) if kind == "verb" else None
        return None if named is None or not named.text else _Found(-1, "", -1, -1, False, named, keep=False)
    if kind == "passive" and not words:
        return None  # "ويتوقع أن ...": impersonal, no one is quoted
    if kind == "verb" and trigger == "comp" and _ila_object(doc, words):
        return None  # "ولفت النجيدي إلى دور الألعاب ... إذا علمنا أن": the cue's object is a noun, the clause another's
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
    start, end, direct = _quote_extent(doc, trigger, j, lex)
    speaker = _region_speaker(scan, region, previous, kind == "part")
    clause_verb = kind == "part" or (kind == "masdar" and doc.norms[i].startswith(BEH))  # "قائلا", "بقوله"
    if speaker is None and not clause_verb and not relative:  # "إلا أن السلطات تؤكد أن": the subject before the verb
        speaker = _subject_speaker(scan, i)
    if speaker is None:
        same_sentence = last_cue >= doc.toks[doc.sent_first[i]].start
        if relative:  # "أصدرت الوزارة بيانا قالت فيه": the statement's author
            speaker = statement_author(scan, i)
        if speaker is None and (relative or (not same_sentence and i > doc.sent_first[i])):
            speaker = _verb_subject_speaker(scan, i)
        if speaker is None and not previous.text:  # a first continuation ("وتمنى عيد أن ... وأضاف:")
            speaker = antecedent_subject(scan, i)
        if speaker is None:
            speaker = _inherit(previous)
    return _Found(doc.toks[i].start, doc.toks[i].text, start, end, direct, speaker)


def _ila_object(doc: QuoteDoc, words: Sequence[int]) -> bool:
    """Whether the words between a verb cue and its "أن" hold "إلى" and then at least ``ILA_OBJECT_WORDS`` words: a
    noun object ("لفت إلى دور ...") whose clause the later "أن" is not."""
    for n, k in enumerate(words):
        if doc.norms[k] in ILA:
            governed = n > 0 and doc.norms[words[n - 1]] in ILA_GOVERNORS  # "استنادا إلى دوائر": an adverbial
            return not governed and len(words) - n - 1 >= ILA_OBJECT_WORDS
        if any(doc.toks[m].text in COMMAS for m in range(k + 1, words[n + 1] if n + 1 < len(words) else k + 1)):
            return False  # "وقالت X، بعد زيارة لها إلى واشنطن ... إنه": "إلى" after a comma is in an adverbial
    return False


def _comma_speech(doc: QuoteDoc, i: int, kind: str, found: tuple[str, int, int] | None) -> bool:
    """Whether a conjoined verb cue followed by a comma introduces speech with no complementizer ("وأضاف، لذلك نعمل"):
    the sentence has no "أن" clause for it, only a later colon or nothing."""
    return (
        kind == "verb" and doc.norms[i][:1] in (WAW, FEH) and i + 2 < len(doc.toks)
        and doc.toks[i + 1].text in COMMAS and doc.sent_first[i + 2] == doc.sent_first[i]
        and doc.is_word[i + 2] and (found is None or found[0] == "colon")
    )



def _verb_subject_speaker(scan: Scan, i: int) -> Speaker | None:
    """Return the subject of the sentence-initial verb ("ندد خطباء المساجد ...، مؤكدين أن"), or None."""
    doc, lex = scan.doc, scan.lex
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
    got = verb_subject(doc.toks[first:i], doc.norms[first:i], lex, scan.settings.max_verb_subject_words)
    if got is None:
        return None
    a, b = first + got[0], first + got[1] - 1
    if not is_speaker_phrase(doc.norms[a : b + 1], lex):
        return None
    return scan.speaker(doc.toks[a].start, doc.toks[b].end, " ".join(doc.norms[a : b + 1]))


def _subject_speaker(scan: Scan, i: int) -> Speaker | None:
    """Return a subject written before the verb ("لكن الصحيفة المحلية ذكرت أن"), or None."""
    doc, lex = scan.doc, scan.lex
    first = doc.sent_first[i]
    norm = doc.norms[i]
    if i == first or lex.cues.get(norm) is None:  # a wa-/fa- prefixed verb continues the previous speaker
        return None
    got = preverbal_subject(doc.toks[first:i], doc.norms[first:i], lex, scan.settings.max_subject_words)
    if got is None:
        return None
    a, b = first + got[0], first + got[1] - 1
    if not is_speaker_phrase(doc.norms[a : b + 1], lex):
        return None
    return scan.speaker(doc.toks[a].start, doc.toks[b].end, " ".join(doc.norms[a : b + 1]))


def _drop_trailing_connective(text: str, start: int, end: int) -> int:
    """``end`` moved before a last word that only links to what follows (و، وقد، كما، ثم ...) and the marks before it."""
    head = text[start:end].rstrip()
    cut = head.rsplit(None, 1)
    if len(cut) == 2 and (normalize_word(cut[1]) in CONJUNCTIONS or cut[1] == WAW):
        return start + len(cut[0].rstrip())
    return end


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
            cut = min([end] + [c for c in cues if start < c < end])
            if cut < end:  # "... أوقف، وقد ذكرت X أن": the connective before the next attribution is not quoted
                end = _drop_trailing_connective(text, start, cut)
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
