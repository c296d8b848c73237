"""The temporal grammar: lexicons loaded lazily from ``data/time/*.tsv`` and the regular expressions built on them.

Every pattern runs on the *working string* of :mod:`marsad.analysis.times.times`: the text folded with
``marsad.text.normalize.align`` (alef/hamza, ya, ta marbuta, Arabic-Indic digits) with TATWEEL removed, so the
lexicons are normalized with ``normalize_word`` on load and written here in that folded form.

Roles of ``grammar.tsv``: ``yearword`` (year nouns before a number), ``monthword`` ("month"), ``dayword``
("day"), ``partofday`` (evening, morning...), ``prep`` (prepositions licensing a bare year or a bound month),
``of`` ("of" between day and month), ``era_hijri`` / ``era_greg`` (AH / AD suffixes), ``modifier``
(last/next/current with an offset), ``ago`` ("since"/"before" N units), ``unit`` (day/week/month/year words with
their count), ``future`` (tense cues), ``futurestop`` (words starting like a future verb that are not verbs),
``fridayblock`` (words making Friday the prayer, not a date), ``weekdayblock`` (place nouns before
a weekday-named place), ``corresponding`` ("corresponding to" between a weekday and its date), ``todayblock_before`` / ``todayblock_after``
(words making "the day" not mean today), ``yearnext`` / ``yearblock`` (words after / before a bare number that
make it / keep it from being a year), ``yearpair`` (words before two years joined into one interval).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from marsad.text.months import month_rows
from marsad.text.normalize import normalize_word

DATA_PACKAGE = "marsad.analysis"
DATA_DIR = ("data", "time")


@dataclass(frozen=True, slots=True)
class MonthName:
    """One spelling of a month: its calendar, number and whether it may stand alone."""

    name: str
    calendar: str  # gregorian | hijri
    month: int
    free: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All the normalized word lists of the grammar."""

    months: dict[str, MonthName]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    numbers: dict[str, int]
    roles: dict[str, dict[str, str]]
    months_compact: dict[str, MonthName]  # the month table keyed without spaces

    def words(self, role: str) -> dict[str, str]:
        """Return the ``word -> value`` table of one ``grammar.tsv`` role (empty when the role is unknown)."""
        return self.roles.get(role, {})


def _read_rows(name: str) -> list[list[str]]:
    """Read the tab-separated rows of a data file, skipping ``#`` comments and blank lines."""
    path = resources.files(DATA_PACKAGE).joinpath(*DATA_DIR, name)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def _norm(phrase: str) -> str:
    """Normalize a lexicon phrase word by word (``match.v1``), keeping single spaces between words."""
    return " ".join(normalize_word(w) for w in phrase.split())


@cache
def lexicon() -> Lexicon:
    """Load and normalize every temporal word list once (read-only shipped data)."""
    months = {}
    for row in month_rows():
        months[_norm(row.name)] = MonthName(_norm(row.name), row.calendar, row.month, row.free)
    weekdays = {_norm(w): int(n) for w, n in _read_rows("weekdays.tsv")}
    relative = {_norm(p): (unit, int(off)) for p, unit, off in _read_rows("relative.tsv")}
    numbers = {_norm(w): int(n) for w, n in _read_rows("numbers.tsv")}
    roles: dict[str, dict[str, str]] = {}
    for row in _read_rows("grammar.tsv"):
        roles.setdefault(row[0], {})[_norm(row[1])] = "\t".join(row[2:])
    compact = {k.replace(" ", ""): v for k, v in months.items()}
    return Lexicon(months, weekdays, relative, numbers, roles, compact)


def _trie_regex(node: dict[str, dict], end: str) -> str:
    """Return the regex of a character trie; a space stands for flexible whitespace."""
    branches = []
    for ch in sorted(node):
        if ch == end:
            continue
        atom = r"\s*" if ch == " " else re.escape(ch)
        branches.append(atom + _trie_regex(node[ch], end))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end in node:  # a shorter word ends here: the longer continuation is tried first (greedy ?)
        return "(?:" + body + ")?"
    return body


def alternation(words: object) -> str:
    """Return a regex matching any of ``words`` (longest first), built as a trie so matching stays fast."""
    end = "\0"
    root: dict[str, dict] = {}
    for word in set(words):  # type: ignore[call-overload]
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[end] = {}
    return "(?:" + _trie_regex(root, end) + ")"


# Word boundaries on the working string: a letter or digit must not touch the match.
WB_START = r"(?<![\w])"
WB_END = r"(?![\w])"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
YEAR = r"(?:1[3-9]\d\d|2[01]\d\d)"
SEP = r"\s*[,\u060c]?\s*"  # optional comma or ARABIC COMMA between parts


@dataclass(frozen=True, slots=True)
class Grammar:
    """The compiled patterns; each names its parts with groups read by ``marsad.analysis.times.times``."""

    date: re.Pattern[str]
    month_year: re.Pattern[str]
    month_mod: re.Pattern[str]
    month_alone: re.Pattern[str]
    numeric: re.Pattern[str]
    year: re.Pattern[str]
    weekday: re.Pattern[str]
    relative: re.Pattern[str]
    ago: re.Pattern[str]
    future_verb: re.Pattern[str]
    future_word: re.Pattern[str]
    trailing_clock: re.Pattern[str]


def _month_block(lex: Lexicon) -> str:
    """Return the pattern of a month, optionally doubled ("January/kanun al-thani"), in groups m1 and m2."""
    month = alternation(lex.months)
    return rf"(?P<m1>{month}){WB_END}(?:\s*[/(\-\u2013]?\s*(?P<m2>{month}){WB_END}(?:\s*\))?)?"


def _era(lex: Lexicon) -> str:
    """Return the optional era suffix pattern, group ``era`` (AH or AD)."""
    eras = alternation(list(lex.words("era_hijri")) + list(lex.words("era_greg")))
    return rf"(?!\d)(?:\s*(?P<era>{eras}){WB_END})?{WB_END}"


@cache
def grammar() -> Grammar:
    """Compile the temporal patterns once from the lexicons."""
    lex = lexicon()
    months = _month_block(lex)
    era = _era(lex)
    yearword = alternation(lex.words("yearword"))
    monthword = alternation(lex.words("monthword"))
    of = alternation(lex.words("of"))
    mod = alternation(lex.words("modifier"))
    year_part = rf"(?:{SEP}(?P<yp>\()?\s*(?:{of}\s+)?(?:{yearword}\s*)?(?P<y>{YEAR}){era}(?(yp)\s*\)))"  # "Ramadan (1436 AH)"
    head = rf"{WB_START}[\u0648\u0641\u0628\u0644]?"  # optional clitic WAW, FEH, BEH, LAM
    pod = alternation(lex.words("partofday"))
    dayword = alternation(lex.words("dayword"))
    weekdays = alternation(lex.weekdays)
    rel_words = alternation(lex.relative)
    rel_days = alternation(p for p, (unit, _) in lex.relative.items() if unit == "day")
    units = alternation(lex.words("unit"))
    numwords = alternation(lex.numbers)
    ago = alternation(lex.words("ago"))
    approx = alternation(lex.words("approx"))  # "more than", "about" between "since" and the count
    future = alternation(lex.words("future"))
    flags = re.UNICODE
    return Grammar(
        date=re.compile(
            rf"(?<![\d/.\-])(?P<x>(?P<d>{DAY})\s*(?:[\-/]\s*)?(?:{of}\s+)?(?:{monthword}\s+)?{months}(?:{year_part}|\s*(?P<mod>{mod}){WB_END})?)",
            flags,
        ),
        month_year=re.compile(rf"{head}(?P<x>(?:{monthword}\s+)?{months}{year_part})", flags),
        month_mod=re.compile(rf"{head}(?P<x>(?:{monthword}\s+)?{months}\s*(?P<mod>{mod}){WB_END})", flags),
        month_alone=re.compile(
            rf"{head}(?P<x>(?P<mw>{monthword}\s+)?{months})",
            flags,
        ),
        numeric=re.compile(
            rf"(?P<x>(?:(?P<d1>(?<![\d/.\-])\d{{1,2}})\s*(?P<s1>[/.\-])\s*(?P<mo1>\d{{1,2}})\s*(?P=s1)\s*(?P<y1>{YEAR})"
            rf"|(?P<y2>{YEAR})\s*(?P<s2>[/.\-])\s*(?P<mo2>\d{{1,2}})\s*(?P=s2)\s*(?P<d2>\d{{1,2}})){era})"
            r"(?![/.\-]?\d)",
            flags,
        ),
        year=re.compile(
            rf"{head}(?P<x>(?:(?P<yw>{yearword})\s*)?(?P<y>{YEAR}){era})(?!\s*[/.\-]\s*\d)",
            flags,
        ),
        weekday=re.compile(
            rf"{head}(?P<x>(?:(?P<pod>{pod})\s+)?(?:(?P<rel>{rel_days})\s*(?P<op>\()?\s*)?(?:(?P<dw>{dayword})\s+)?"
            rf"(?P<wd>{weekdays}){WB_END}(?(op)\s*\))(?:\s+(?P<mod>{mod}){WB_END})?)",
            flags,
        ),
        relative=re.compile(rf"{head}(?P<x>(?:(?P<pod>{pod})\s+)?(?P<rel>{rel_words})){WB_END}", flags),
        ago=re.compile(
            rf"{WB_START}[\u0648\u0641]?(?P<x>(?P<ago>{ago})\s+(?:{approx}\s+)?(?:(?P<n>\d{{1,3}})\s*|(?P<nw>{numwords})\s+)?"
            rf"(?P<unit>{units})){WB_END}",
            flags,
        ),
        future_verb=re.compile(r"(?<![\w])[\u0648\u0641]?(\u0633[\u064a\u062a\u0646][\u0621-\u064a]{2,})"),  # SEEN + YEH/TEH/NOON
        future_word=re.compile(rf"{WB_START}[\u0648\u0641\u0644]?{future}{WB_END}", flags),  # clitic WAW, FEH, LAM
        trailing_clock=re.compile(
            r"^\s*[,\u060c\-]?\s*(?:\u0627\u0644\u0633\u0627\u0639\u0647\s*)?"  # ALEF LAM SEEN ALEF AIN HEH (the hour)
            r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?"
            r"\s*(?P<ap>[\u0645\u0635](?![\w])|am|pm|\u0645\u0633\u0627\u0621|\u0635\u0628\u0627\u062d\u0627)?",  # MEEM, SAD
            flags,
        ),
    )
