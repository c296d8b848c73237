"""Speakers found from the context of a cue rather than next to it (``quotes-rules.v7``).

Two cases: a continuation ("وأضاف: ...") that no quote precedes takes the subject of a verb opening one of the
sentences before it ("وتمنى عيد أن ..."); and a cue "in" a statement ("بيانا قالت فيه", "بكلمة X، قالت فيها") takes
the statement's author - the genitive after the noun, else the subject of the verb that produced it ("أصدرت وزارة
الدفاع البلجيكية بيانا قالت فيه"). The words around a statement are a data file (``statement_context.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.analysis.quotes.quote_doc import merged_tokens
from marsad.analysis.quotes.quote_lexicon import FEH, WAW, _read_table
from marsad.analysis.quotes.quote_regions import COMPLEMENTIZERS, Scan
from marsad.analysis.quotes.quote_speakers import Speaker, is_speaker_phrase, verb_subject
from marsad.text.normalize import normalize_word

#: ALEF + LAM, the definite article: "والوزير" opens no verb.
ARTICLE = "\u0627\u0644"
#: How many sentences before a continuation cue are searched for its antecedent when no quote preceded it, and in how
#: many characters before it; by hand.
ANTECEDENT_SENTENCES = 2
ANTECEDENT_CHARS = 600
#: How many tokens before a cue "in" a statement its noun may stand, and how many words the author may have; by hand.
STATEMENT_WINDOW = 14
MAX_AUTHOR_WORDS = 8
#: Words that join a statement noun to its cue and are passed over ("التي قال فيها", "، قالت فيها").
JOINERS = frozenset({"\u0627\u0644\u062a\u064a", "\u0627\u0644\u0630\u064a", "\u060c", ","})  # allati, alladhi, commas
STATEMENT_KINDS = frozenset({"noun", "maker", "modifier", "time"})


@dataclass(frozen=True, slots=True)
class StatementWords:
    """The words of ``statement_context.txt`` by kind (normalized)."""

    nouns: frozenset[str]
    makers: frozenset[str]
    modifiers: frozenset[str]
    times: frozenset[str]


@cache
def statement_words() -> StatementWords:
    """Load (once) the packaged statement words."""
    rows = _read_table("statement_context.txt", STATEMENT_KINDS)
    kinds = {k: frozenset(f for f, kind in rows if kind == k) for k in STATEMENT_KINDS}
    return StatementWords(kinds["noun"], kinds["maker"], kinds["modifier"], kinds["time"])


def _strip_conj(norm: str) -> str:
    """``norm`` without a leading wa-/fa- when the rest is still a word of three letters or more."""
    return norm[1:] if norm[:1] in (WAW, FEH) and len(norm) > 3 else norm


def antecedent_subject(scan: Scan, i: int) -> Speaker | None:
    """Return the subject of a verb opening one of the last sentences before the cue at ``i`` (nearest first), for
    a continuation no quote precedes ("وتمنى عيد أن ... . وأضاف: ..."), or None.

    Read from the text itself: the paragraphs before may hold no cue, so the quote document has not indexed them.
    """
    doc, lex = scan.doc, scan.lex
    cut = doc.toks[doc.sent_first[i]].start
    for sent in reversed(doc.source.sentences_within(max(0, cut - ANTECEDENT_CHARS), cut)[-ANTECEDENT_SENTENCES:]):
        toks = merged_tokens(doc.text, sent.start, sent.end)
        norms = [normalize_word(t.text) for t in toks]
        if not norms or norms[0][:1] not in (WAW, FEH) or norms[0][1:].startswith(ARTICLE) or not 4 <= len(norms[0]) <= 6:
            continue  # the sentence must open with a conjoined past verb ("وتمنى", "وأبدى"), not "والوزير"
        stop = next((c for c in range(1, len(norms)) if norms[c] in COMPLEMENTIZERS), None)  # "وتمنى عيد أن"
        end = len(norms) if stop is None else stop
        got = verb_subject(toks[:end], norms[:end], lex, scan.settings.max_verb_subject_words)
        if got is None or (got[1] >= end and stop is None) or not is_speaker_phrase(norms[got[0] : got[1]], lex):
            continue
        return scan.speaker(toks[got[0]].start, toks[got[1] - 1].end, " ".join(norms[got[0] : got[1]]))
    return None


def statement_author(scan: Scan, i: int) -> Speaker | None:
    """Return the author of the statement a cue at ``i`` speaks "in" ("قالت فيه"), or None.

    The statement noun stands within ``STATEMENT_WINDOW`` tokens before the cue in its sentence. Its author is the
    phrase between the noun and the cue ("بكلمة مديرة النادي خيرية الحازمي، قالت فيها"), else the phrase between a
    maker verb and the noun ("نشرت الوكالة الدولية للطاقة الذرية الثلاثاء بيانا أكدت فيه"), time words dropped.
    """
    doc = scan.doc
    words = statement_words()
    first = doc.sent_first[i]
    noun = next((k for k in range(i - 1, max(first, i - STATEMENT_WINDOW) - 1, -1) if doc.norms[k] in words.nouns), None)
    if noun is None:
        return None
    between = [k for k in range(noun + 1, i) if doc.norms[k] not in JOINERS]
    if between and doc.norms[between[0]] not in words.modifiers:
        return _phrase(scan, between)
    if any(doc.norms[k] not in words.modifiers for k in between):
        return None
    maker = next((k for k in range(noun - 1, max(first, noun - MAX_AUTHOR_WORDS - 2) - 1, -1)
                  if _strip_conj(doc.norms[k]) in words.makers), None)
    if maker is None:
        return None
    author = list(range(maker + 1, noun))
    while author and doc.norms[author[-1]] in words.times:
        author.pop()
    return _phrase(scan, author)


def _phrase(scan: Scan, ks: list[int]) -> Speaker | None:
    """The speaker the consecutive word tokens ``ks`` name, or None when they are no speaker phrase."""
    doc = scan.doc
    if not ks or len(ks) > MAX_AUTHOR_WORDS or not all(doc.is_word[k] for k in ks):
        return None
    norms = [doc.norms[k] for k in ks]
    if not is_speaker_phrase(norms, scan.lex):
        return None
    return scan.speaker(doc.toks[ks[0]].start, doc.toks[ks[-1]].end, " ".join(norms))
