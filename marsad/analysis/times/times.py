"""Arabic temporal expressions: find them, resolve them against the publication date, parse date lines.

The text is folded with ``marsad.text.normalize.align`` (same length, so offsets stay valid) and TATWEEL (which
also stands for removed harakat) is dropped into a *working string* with an offset map. The regex grammar of
:mod:`marsad.analysis.times.timewords` and the rules of :mod:`marsad.analysis.times.timerules` run on that string; no
dateparser call is made on the hot path. Overlapping candidates are resolved longest-first, then a weekday
directly followed by a date joins it ("الخميس 20 شوال 1436 هـ").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass

from marsad.analysis.times.timeanaphora import anaphors
from marsad.analysis.times.timeparts import PERIOD_RULES, recurring, widen
from marsad.analysis.times.timerules import RULES_AFTER_WEEKDAYS, RULES_BEFORE_WEEKDAYS, Candidate, Context
from marsad.analysis.times.timeweekdays import WEEKDAY_RULES
from marsad.analysis.times.timewords import grammar, lexicon
from marsad.errors import ConfigError
from marsad.model import TimeExpr
from marsad.text.doc import Doc, as_doc
from marsad.text.normalize import align

#: Version of the rules that produced a TimeExpr; persist it beside the values.
TIMES_VERSION = "times-rules.v9"  # v9: weekdays joined by "أو" before "من كل أسبوع" recur too; v8: two weekdays joined by "و"/"أو" are one span, year lists, a year to a relative year, "بعد المقبل", weekdays "من كل أسبوع" and "nowadays" are no dates, "لن" is future; v7: a present verb before a weekday and the month after publication are ahead, last/next quarters, Hijri months of the last/next year, Hijri year ranges, a weekday a day off its Hijri date wins, event years after "القدم"/"دوري"; v6: parts of relative weeks/years, mid-year, "يومي", "البارحة الأولى", days of "الشهر الحالي", "يوم 14/5", a future verb right after a weekday; v5: day back-references, month pairs, relative quarters, elided months, "after N from now"; v4: anaphoric periods, month ranges, seasons; v3: year pairs, bare years after nouns; v2: Hijri spans, quarters, parts, ranges, holidays

TATWEEL = "\u0640"  # ARABIC TATWEEL (align() also writes it in place of harakat and controls)
CUE_WINDOW = 80  # characters before a weekday/month searched for future cues; tuned on the seed articles
HEAD_CHARS = 400  # parse_published looks for a date line in this many leading characters (date lines sit on top)
MERGE_GAP = 14  # at most this many characters ("corresponding to" included) between a weekday and its date
MAX_ANCHOR_LAG = 2  # days a text may predate its publication stamp (SaudiNewsNet date_extracted lags print dates)
_TATWEEL_RE = re.compile(TATWEEL)
RECURRABLE = frozenset({"date", "holiday", "month", "period"})  # kinds that "every year" after them makes recurring
_MERGE_GAP_RE = re.compile(r"^[\s,\u060c()\-\u2013]*(?:\u0644\s*)?$")  # spaces, commas, brackets, dashes; LAM ("corresponding to")
_PM = ("\u0645", "pm", "\u0645\u0633\u0627\u0621")  # MEEM (evening), "pm", MEEM SEEN ALEF HAMZA (evening)
_AM = ("\u0635", "am", "\u0635\u0628\u0627\u062d\u0627")  # SAD (morning), "am", SAD BEH ALEF HAH ALEF (morning)
_ISO_RE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$")


@dataclass(frozen=True, slots=True)
class TimeSettings:
    """Tunable settings of the time extractor."""

    cue_window: int = CUE_WINDOW
    head_chars: int = HEAD_CHARS

    def __post_init__(self) -> None:
        """Reject values that cannot work, naming the fix."""
        if not 0 <= self.cue_window <= 1000:
            raise ConfigError(f"cue_window={self.cue_window!r}: use 0..1000 characters (default {CUE_WINDOW})")
        if not 20 <= self.head_chars <= 100_000:
            raise ConfigError(f"head_chars={self.head_chars!r}: use 20..100000 characters (default {HEAD_CHARS})")


DEFAULT_SETTINGS = TimeSettings()


def _working(text: str, folded: str | None = None) -> tuple[str, list[int] | None]:
    """Return the folded working string and, when TATWEEL was dropped, the sorted ``T[n] - n`` of its positions.

    ``folded`` is ``align(text)`` when the caller has it (a ``Doc``'s fold); ``align`` (str.replace per rule) is
    ~3x faster than one ``str.translate`` pass on Arabic text; see :func:`_to_text` for mapping offsets back.
    """
    folded = align(text) if folded is None else folded
    if TATWEEL not in folded:
        return folded, None
    gaps = [m.start() - n for n, m in enumerate(_TATWEEL_RE.finditer(folded))]
    return folded.replace(TATWEEL, ""), gaps


def _to_text(index: int, gaps: list[int]) -> int:
    """Map an index of the working string back to the text (``gaps`` from :func:`_working`)."""
    return index + bisect_right(gaps, index)


def _extend_marks(text: str, end: int) -> int:
    """Move ``end`` over the TATWEEL, harakat and controls that trail a match ("هـ", "غداً")."""
    while end < len(text) and align(text[end]) == TATWEEL:
        end += 1
    return end


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates, longest first (earlier start on ties), in text order."""
    chosen: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.kind != "period", c.start)):  # a period wins ties
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _merge(w: str, cands: list[Candidate], corresponding: frozenset[str]) -> list[Candidate]:
    """Join a weekday with a day-precise date right after it into one expression carrying the date's value."""
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.mergeable
            and cand.kind == "date"
            and cand.start - prev.end <= MERGE_GAP
            and _MERGE_GAP_RE.match(" ".join(x for x in w[prev.end : cand.start].split() if x not in corresponding))
        ):
            out[-1] = Candidate(prev.start, cand.end, _weekday_wins(prev, cand), cand.calendar, "date")
        else:
            out.append(cand)
    return out


def _weekday_wins(weekday: Candidate, date: Candidate) -> str | None:
    """The value of a weekday joined to a date: the date's, moved one day when it is Hijri and the named weekday is the
    day before or after it (the Umm al-Qura table and the writer's calendar differ by a day: "يوم الأربعاء 22 صفر")."""
    if date.calendar != "hijri" or not weekday.value or not date.value or len(weekday.value) != 10 or len(date.value) != 10:
        return date.value
    wd, day = dt.date.fromisoformat(weekday.value).isoweekday(), dt.date.fromisoformat(date.value)
    for shift in (-1, 1):
        if (day + dt.timedelta(days=shift)).isoweekday() == wd:
            return (day + dt.timedelta(days=shift)).isoformat()
    return date.value


def _candidates(w: str, published: dt.date | None, settings: TimeSettings) -> list[Candidate]:
    """Run every rule on the working string and return the selected, merged candidates."""
    lex = lexicon()
    ctx = Context(w, published, grammar(), lex, settings.cue_window)
    cands = _run_rules(ctx)
    shift = next((c.anchor_shift for c in cands if c.anchor_shift), None)
    if published is not None and shift is not None and -MAX_ANCHOR_LAG <= shift < 0:
        # "yesterday, Tuesday" in a text stamped Thursday: the text was written Wednesday; resolve from there.
        ctx = Context(w, published + dt.timedelta(days=shift), grammar(), lex, settings.cue_window, published)
        cands = _run_rules(ctx)
    chosen = [c for c in _select(cands) if c.kind != "blocked"]
    return _merge(w, chosen, frozenset(lex.words("corresponding")))


def _run_rules(ctx: Context) -> list[Candidate]:
    """Every rule's candidates, anaphoric periods resolved against them, and the periods containing some of them.

    An anaphoric reading ("the previous month" after "July") replaces the reading of the same span from the
    publication date. Candidates of kind ``blocked`` (a season "2013-2014") win their span and are dropped after
    selection, so the years inside them are not read either.
    """
    rules = (*RULES_BEFORE_WEEKDAYS, *WEEKDAY_RULES, *RULES_AFTER_WEEKDAYS, *PERIOD_RULES)
    cands = [c for rule in rules for c in rule(ctx)]
    resolved = list(anaphors(ctx, cands))
    if resolved:
        spans = {(c.start, c.end) for c in resolved}
        cands = [c for c in cands if (c.start, c.end) not in spans] + resolved
    return [c for c in cands + widen(ctx, cands) if c.kind not in RECURRABLE or not recurring(ctx, c)]


def _as_date(published: dt.date | dt.datetime | None) -> dt.date | None:
    """Return the calendar date of a date or datetime."""
    if isinstance(published, dt.datetime):
        return published.date()
    return published


def extract_times(
    text: str | Doc,
    field: str,
    published: dt.date | dt.datetime | None,
    settings: TimeSettings = DEFAULT_SETTINGS,
) -> list[TimeExpr]:
    """Return the temporal expressions of ``text`` (offsets into it), resolved against ``published``.

    Without a publication date, expressions that need one (weekdays, "yesterday", a month alone) get value None.
    """
    if field not in ("title", "body"):
        raise ConfigError(f"field={field!r}: use 'title' or 'body'")
    doc = as_doc(text, field)
    text = doc.text
    if not text:
        return []
    w, keep = _working(text, doc.folded)
    out = []
    for c in _candidates(w, _as_date(published), settings):
        if keep is None:
            start, end = c.start, c.end
        else:
            start, end = _to_text(c.start, keep), _extend_marks(text, _to_text(c.end - 1, keep) + 1)
        out.append(TimeExpr(text[start:end], field, start, end, c.value, c.calendar))  # type: ignore[arg-type]
    return out


def _clock(after: str) -> tuple[int, int, int]:
    """Return ``(hour, minute, second)`` of a time written right after a date line, or midnight."""
    w, _ = _working(after)
    m = grammar().trailing_clock.match(w)
    if not m:
        return 0, 0, 0
    hour, minute, second = int(m.group("h")), int(m.group("mi")), int(m.group("s") or 0)
    marker = (m.group("ap") or "").lower()
    if marker in _PM and hour < 12:
        hour += 12
    elif marker in _AM and hour == 12:
        hour = 0
    return hour, minute, second


def parse_published(text: str, settings: TimeSettings = DEFAULT_SETTINGS) -> dt.datetime | None:
    """Parse a publication date line ("الجمعة، 01 يونيو 2018 01:10 م", "2015-08-06", "06/08/2015") or None.

    The first day-precise date of the leading ``head_chars`` characters wins, Gregorian before Hijri when a line
    gives both; a clock time right after it (with ص/م for am/pm) sets the time of day.
    """
    if not text or not text.strip():
        return None
    if _ISO_RE.match(text):
        try:
            return dt.datetime.fromisoformat(text.strip())
        except ValueError:
            pass
    head = text[: settings.head_chars]
    found = [t for t in extract_times(head, "body", None, settings) if t.value and len(t.value) == 10]
    if not found:
        return None
    line_end = head.find("\n", found[0].start)
    same_line = [t for t in found if line_end == -1 or t.start < line_end]
    best = next((t for t in same_line if t.calendar == "gregorian"), same_line[0])
    day = dt.date.fromisoformat(best.value)  # type: ignore[arg-type]
    return dt.datetime(day.year, day.month, day.day, *_clock(head[best.end : best.end + 40]))
