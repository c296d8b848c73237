"""Lexicons of the quote extractor: reporting cues and speaker-phrase stop words, read from UTF-8 data files.

The files live in ``marsad/analysis/data/quotes/`` (one ``FORM<TAB>KIND`` entry a line, ``#`` comments) and are
normalized with ``match.v1`` on load, so lookups take ``normalize_word`` output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from marsad.errors import ConfigError
from marsad.text.normalize import normalize_word

#: The kinds of reporting cue ``cues.txt`` may tag a form with.
CUE_KINDS = frozenset({"verb", "part", "masdar", "relay", "source", "passive", "describe"})
#: The kinds of speaker-phrase word ``speaker_stops.txt`` may tag a form with.
STOP_KINDS = frozenset({"stop", "prep", "adv", "addr", "anaphor", "reject", "skip", "figure", "nonspeaker"})
#: Stop kinds that end a speaker phrase wherever they stand.
ENDS_SPEAKER = frozenset({"stop", "addr", "skip"})

WAW = "\u0648"  # ARABIC LETTER WAW (conjunction proclitic)
FEH = "\u0641"  # ARABIC LETTER FEH (conjunction proclitic)
LAM = "\u0644"  # ARABIC LETTER LAM (preposition proclitic "to, for")
TATWEEL = "\u0640"  # ARABIC TATWEEL (align.v1 puts it where harakat were)


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """The normalized cue and stop-word tables the extractor consults."""

    cues: dict[str, str]
    stops: dict[str, str]
    addr_prefixes: tuple[str, ...]
    anaphors: frozenset[str]
    cue_pattern: re.Pattern[str]

    def find_cues(self, folded: str, start: int = 0, end: int | None = None) -> bool:
        """True when ``align``-folded ``folded[start:end]`` may hold a cue (a fast pre-filter; ``cue_kind`` decides)."""
        return self.cue_pattern.search(folded, start, len(folded) if end is None else end) is not None

    def cue_kind(self, norm: str) -> str | None:
        """Return the cue kind of a normalized word, trying it bare and without a wa-/fa- proclitic."""
        kind = self.cues.get(norm)
        if kind is None and len(norm) > 3 and norm[0] in (WAW, FEH):
            kind = self.cues.get(norm[1:])
        return kind

    def stop_kind(self, norm: str) -> str | None:
        """Return the stop kind of a normalized word (``addr`` also by prefix), or None."""
        kind = self.stops.get(norm)
        if kind is not None:
            return kind
        if norm.startswith(LAM) and norm.startswith(self.addr_prefixes):
            return "addr"
        return None


def _read_table(name: str, kinds: frozenset[str]) -> list[tuple[str, str]]:
    """Read ``FORM<TAB>KIND`` lines of a packaged data file, normalized; raise naming a bad line."""
    path = resources.files("marsad.analysis").joinpath("data", "quotes", name)
    rows: list[tuple[str, str]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        form, _, kind = line.partition("\t")
        if kind not in kinds:
            raise ConfigError(f"{name}:{lineno}: kind {kind!r} is not one of {sorted(kinds)}; fix the data file")
        rows.append((" ".join(normalize_word(w) for w in form.split()), kind))
    return rows


@cache
def load_lexicon() -> QuoteLexicon:
    """Load (once) the packaged quote lexicons."""
    cues = dict(_read_table("cues.txt", CUE_KINDS))
    stops: dict[str, str] = {}
    anaphors: set[str] = set()
    addr: list[str] = []
    for form, kind in _read_table("speaker_stops.txt", STOP_KINDS):
        if kind == "anaphor":
            anaphors.add(form)
        elif kind == "addr":
            stops[form] = kind
            if len(form) > 1:
                addr.append(form)
        else:
            stops[form] = kind
    return QuoteLexicon(cues, stops, tuple(sorted(addr, key=len, reverse=True)), frozenset(anaphors), _cue_regex(cues))


def _cue_regex(cues: dict[str, str]) -> re.Pattern[str]:
    """Compile the cue forms into one pattern over ``align``-folded text (harakat there are TATWEEL)."""
    forms = sorted((f for f in cues if " " not in f), key=len, reverse=True)
    body = "|".join((TATWEEL + "*").join(map(re.escape, f)) for f in forms)
    return re.compile(rf"(?<!\w)[{WAW}{FEH}]?{TATWEEL}*(?:{body}){TATWEEL}*(?!\w)")
