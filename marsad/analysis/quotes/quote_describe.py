"""Characterisations (issue #17): "ووصف X Y بأنه ..." / "واصفا Y بـ"..."" quote what the speaker called someone.

The gold guideline counts a characterisation introduced by بأنه/بأنها/بأن or by بـ before quote marks as a quote of
its speaker ("ووصف فياتشيسلاف باشكوف صديقه بأنه "صحفي نزيه"", "واصفا ادعاءات النائب العام بأنها "سخيفة""). The
verb takes an object, so the words between cue and trigger hold the speaker *and* the object described:

* a participle (واصفا) or a verb with an object pronoun (وصفه، تصفها) leaves only the speaker there, or none
  (the previous speaker, or the subject before a relative verb: "الذي تصفه أنقرة بأنه" -> أنقرة);
* a bare verb (ووصف، وصفت) is followed by speaker then object: the object starts at the first word that cannot
  continue the speaker's noun phrase: a word with a possessive suffix (صديقه), an indefinite noun after a definite
  word (جماهير after التونسي), or a definite word after two or more indefinite ones (السير after روبرتو كوارتا).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from marsad.analysis.quotes.quote_doc import QuoteDoc
from marsad.analysis.quotes.quote_lexicon import FEH, WAW, QuoteLexicon
from marsad.analysis.quotes.quote_regions import (
    COMPLEMENTIZERS,
    QuoteSettings,
    Scan,
    _Found,
    _inherit,
    _quote_extent,
    _region_speaker,
)
from marsad.analysis.quotes.quote_speakers import Speaker

BEH = "\u0628"  # ARABIC LETTER BEH alone ("بـ" before quote marks)
ALEF_LAM = "\u0627\u0644"  # the definite article
#: Possessive / object pronoun endings of a noun or verb (folded): HEH, HEH ALEF, HEH MEEM, HEH MEEM ALEF.
PRONOUN_ENDINGS = ("\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627")
#: Relative words before a verb with an object pronoun ("الذي تصفه أنقرة", "ما وصفه"): alladhi, allati, ma.
RELATIVES = frozenset({"\u0627\u0644\u0630\u064a", "\u0627\u0644\u062a\u064a", "\u0645\u0627", "\u0628\u0645\u0627", "\u0639\u0645\u0646"})
#: Plural verb forms (folded): the subject stands before them, so the words after are all the object (wasafu,
#: yasifun, tasifun).
PLURALS = frozenset({"\u0648\u0635\u0641\u0648\u0627", "\u064a\u0635\u0641\u0648\u0646", "\u062a\u0635\u0641\u0648\u0646"})


def _bare(norm: str, lex: QuoteLexicon) -> str:
    """The cue form without a wa-/fa- proclitic (the WAW of وصف itself is kept: "وصفوا" is a form, not و + صفوا)."""
    if lex.cues.get(norm) == "describe" or len(norm) <= 3 or norm[0] not in (WAW, FEH):
        return norm
    return norm[1:]


def _trigger(doc: QuoteDoc, i: int, settings: QuoteSettings) -> tuple[str, int] | None:
    """(trigger kind, token) of بأنه... or of بـ before an opening quote mark, within the sentence; else None."""
    end = doc.sent_end[i]
    for j in range(i + 1, min(len(doc.toks), i + 1 + settings.max_speaker_tokens)):
        tok = doc.toks[j]
        if tok.start >= end:
            return None
        if doc.norms[j] in COMPLEMENTIZERS and doc.norms[j].startswith(BEH):
            return "comp", j
        if doc.norms[j] == BEH and j + 1 < len(doc.toks) and doc.toks[j + 1].start in doc.span_at:
            return "quote", j + 1
    return None


def object_start(norms: Sequence[str]) -> int:
    """Index in a bare verb's region where the described object starts (the speaker is before it); 0 if unknown."""
    for k in range(1, len(norms)):
        word, before = norms[k], norms[k - 1]
        if word.endswith(PRONOUN_ENDINGS) and len(word) > 3:
            return k
        if not word.startswith(ALEF_LAM) and before.startswith(ALEF_LAM):
            return k
        if word.startswith(ALEF_LAM) and k >= 2 and not any(n.startswith(ALEF_LAM) for n in norms[:k]):
            return k
    return 0


def describe_quote(scan: Scan, i: int, previous: Speaker, subject: Callable[[], Speaker | None] = lambda: None) -> _Found | None:
    """Build the quote of a characterisation cue at token ``i``, or None when no بأنه / بـ"..." follows.

    ``subject`` finds a subject written before the verb ("إعلاميين في ميانمار وصفوا ...") or of the sentence's first
    verb ("عبّر X عن سعادته، واصفا ..."), tried when the words after the cue name no speaker.
    """
    doc, lex = scan.doc, scan.lex
    found = _trigger(doc, i, scan.settings)
    if found is None:
        return None
    trigger, j = found
    stop = j - 1 if trigger == "quote" else j
    region = [k for k in range(i + 1, stop) if doc.is_word[k]]
    cue = _bare(doc.norms[i], lex)
    participle = cue.startswith("\u0648\u0627\u0635\u0641")  # WAW ALEF SAD FEH: waasifan
    pronoun = cue.endswith(PRONOUN_ENDINGS) and not participle
    relative = i > 0 and doc.norms[i - 1] in RELATIVES
    speaker = None
    if participle:
        speaker = _inherit(previous) if previous.text else subject()  # "عبّر X عن ...، واصفا": the verb's subject
    elif cue in PLURALS:
        speaker = subject()
    elif pronoun or relative:
        speaker = _region_speaker(scan, region, previous) if region else None
    elif region:
        cut = object_start([doc.norms[k] for k in region])
        if cut:
            speaker = _region_speaker(scan, region[:cut], previous)
    if speaker is None and not participle:
        speaker = subject()
    if speaker is None:
        speaker = _inherit(previous)
    start, end, direct = _quote_extent(doc, trigger, j)
    return _Found(doc.toks[i].start, doc.toks[i].text, start, end, direct, speaker)


__all__ = ["describe_quote", "object_start"]
