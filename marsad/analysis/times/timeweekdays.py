"""Weekday rules (issue #17): "today Thursday", "on Wednesday", "last Thursday", "(Monday)", "السبت بعد المقبل", and
weekdays "of every week", which are blocked.

A bare weekday is the nearest one before publication unless its clause points ahead: a future cue
(:meth:`Context.future`) or a present-tense verb just before it ("الذي يواجه بلنيش يوم الاثنين").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from marsad.analysis.times import timecalc as tc
from marsad.analysis.times.timerules import Candidate, Context

#: A present-tense verb: YEH + three letters or more, after an optional WAW/FEH (TEH-initial words are as often past
#: form-V verbs, "توفي", or nouns). One among the last words of the clause before a bare weekday makes the day a coming
#: one ("الذي يواجه بلنيش يوم الاثنين", "وتخوض إسبانيا يوم الجمعة مباراة").
_PRESENT_VERB = re.compile(r"^[\u0648\u0641]?\u064a\w{3,}$")
#: KANA and BADA'A (and their forms) before a present verb make it past ("كانوا يكافحون النار الأحد", "بدأ يضرب").
_KANA = re.compile(r"(?<!\w)[\u0648\u0641]?(?:\u0643\u0627\u0646|\u0628\u062f[\u0623\u0627])(?:\u062a|\u0648\u0627)?(?!\w)")
#: A complementizer right after the weekday: a reporting verb before it, in the past ("يلديريم مساء الخميس إنه").
_COMPLEMENTIZER_AFTER = re.compile(r"\s*[\u0625\u0623\u0627]\u0646(?:\u0647|\u0647\u0627)?(?!\w)")
#: How many words before a bare weekday are searched for a present verb; by hand on the time dev sets (3 and 4 tie on
#: the first seven, 4 reads "يعاود لاعبو الهلال تدريباتهم يوم الجمعة").
PRESENT_VERB_WORDS = 4
#: YEH-initial words that are no verbs: "يوم" (day), months (يناير، يونيو، يوليو), names (يوسف، يونس، يحيى).
_NOT_VERBS = frozenset({"\u064a\u0648\u0645", "\u064a\u0646\u0627\u064a\u0631", "\u064a\u0648\u0646\u064a\u0648",
                        "\u064a\u0648\u0644\u064a\u0648", "\u064a\u0648\u0633\u0641", "\u064a\u0648\u0646\u0633",
                        "\u064a\u062d\u064a\u0649", "\u064a\u062d\u064a\u064a"})
_CLAUSE_MARKS = re.compile(r"[.,\u060c;\u061b:!?\u061f\n()\u00ab\u00bb\"]")


def _present_verb_before(w: str, pos: int) -> bool:
    """Whether a present-tense verb stands among the last words of the clause before ``pos`` (see ``_PRESENT_VERB``)."""
    window = w[max(0, pos - 60) : pos]
    marks = list(_CLAUSE_MARKS.finditer(window))
    if marks:
        window = window[marks[-1].end() :]
    words = window.split()[-PRESENT_VERB_WORDS:] if PRESENT_VERB_WORDS else []
    if _KANA.search(window):
        return False
    return any(_PRESENT_VERB.match(x) and x.lstrip("\u0648\u0641") not in _NOT_VERBS for x in words)


#: "بعد المقبل" / "بعد القادم" after a weekday: the one after the coming one (BA'D + AL-MUQBIL / AL-QADIM).
_AFTER_NEXT = re.compile(r"\s+\u0628\u0639\u062f\s+\u0627\u0644(?:\u0645\u0642\u0628\u0644|\u0642\u0627\u062f\u0645)(?!\w)")


def weekdays(ctx: Context) -> Iterator[Candidate]:
    """Weekdays: "today Thursday", "on Wednesday", "last Thursday", "(Monday)", "yesterday (Wednesday)"."""
    friday = 5
    for m in ctx.grammar.weekday.finditer(ctx.w):
        wd = ctx.lex.weekdays.get(m.group("wd"))
        if wd is None:
            continue
        rel, mod = m.group("rel"), m.group("mod")
        if not (rel or mod or m.group("dw")):
            before = ctx.prev_word(m.start("x"))
            bare = before[1:] if before[:1] == "\u0648" else before  # without the clitic WAW ("and the sermons")
            friday_block = ctx.lex.words("fridayblock")
            if before in ctx.lex.words("weekdayblock") or (wd == friday and (before in friday_block or bare in friday_block)):
                continue
        value, shift = None, None
        after_next = None if rel or mod else _AFTER_NEXT.match(ctx.w, m.end("x"))
        if ctx.published is not None:
            pub = ctx.published
            if rel:
                rel_offset = ctx.lex.relative[re.sub(r"\s+", " ", rel)][1]
                day = tc.nearest_weekday(pub + dt.timedelta(days=rel_offset), wd, 3)
                shift = (day - pub).days - rel_offset
            elif mod:
                offset = int(ctx.lex.words("modifier").get(mod, "0"))
                day = tc.nearest_weekday(pub, wd, {-1: -1, 0: 3, 1: 1}[offset])
            elif ctx.stamped is not None and wd == ctx.stamped.isoweekday():
                day = ctx.stamped  # written the day before it came out: that weekday is the day it came out
            elif after_next:  # "يوم السبت بعد المقبل": the one after the coming one
                day = tc.nearest_weekday(pub, wd, 1) + dt.timedelta(days=7)
            else:
                ahead = ctx.future(m.start("x"), m.end("x")) or (
                    _present_verb_before(ctx.w, m.start("x")) and not _COMPLEMENTIZER_AFTER.match(ctx.w, m.end("x")))
                day = tc.nearest_weekday(pub, wd, 2 if ahead else 0)
            value = tc.day_value(day)
        end = after_next.end() if after_next else m.end("x")
        yield Candidate(m.start("x"), end, value, "gregorian", "weekday", mergeable=not mod, anchor_shift=shift)


#: "من كل أسبوع" (of every week) after a list of weekdays: a recurring schedule, not annotated.
_EVERY_WEEK = re.compile(r"\s+\u0645\u0646\s+\u0643\u0644\s+[\u0623\u0627]\u0633\u0628\u0648\u0639(?!\w)")


#: What may stand between two weekdays of one list (working string: hamza folded): nothing, a comma, "و" or "او".
_LIST_JOINS = ("", "\u0648", "\u0627\u0648")


def recurring_weekdays(ctx: Context) -> Iterator[Candidate]:
    """Weekdays "of every week" ("أيام الخميس والجمعة والسبت من كل أسبوع"): a ``blocked`` span, so no day is read."""
    matches = list(ctx.grammar.weekday.finditer(ctx.w))
    for k, m in enumerate(matches):
        every = _EVERY_WEEK.match(ctx.w, m.end("x"))
        if every is None:
            continue
        first = k  # walk back over the list it ends ("الخميس والجمعة والسبت", "الجمعة أو السبت")
        while first > 0 and ctx.w[matches[first - 1].end("x") : matches[first].start("x")].strip(" \u060c,") in _LIST_JOINS:
            first -= 1
        yield Candidate(matches[first].start("x"), every.end(), None, "gregorian", "blocked")


WEEKDAY_RULES = (weekdays, recurring_weekdays)
