"""What the pages draw from stored analyses: highlighted text pieces and the mentions-per-day chart (inline SVG).

Highlights come from the stored spans (``field``, ``start``, ``end`` index the displayed title or body); a span
whose offsets do not hold its stored text is found again by that text. Nothing here builds markup: templates get
plain pieces and escape them (autoescape), so untrusted article text always shows as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

#: Longest time axis drawn day by day; longer spans are drawn month by month.
MAX_DAYS = 366
#: Chart drawing area (SVG user units; the page scales it to its width).
CHART_W, CHART_H, CHART_PAD = 640, 160, 24


@dataclass(frozen=True, slots=True)
class Span:
    """One highlight: where it lies, what kind it is, what hovering shows, where it links."""

    start: int
    end: int
    kind: str  # "entity", "time", "quote" or "match"
    title: str = ""
    href: str | None = None
    css: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text with the mark (entity, time or match) and the quote it lies in, if any."""

    text: str
    mark: Span | None = None
    quote: Span | None = None


def locate(text: str, start: int, end: int, surface: str | None, taken: set[int]) -> tuple[int, int] | None:
    """The span of ``surface`` in ``text``: the stored offsets when they hold it, else its first free occurrence."""
    if 0 <= start < end <= len(text) and (surface is None or text[start:end] == surface):
        return start, end
    if not surface:
        return None
    pos = text.find(surface)
    while pos >= 0 and pos in taken:
        pos = text.find(surface, pos + 1)
    return (pos, pos + len(surface)) if pos >= 0 else None


def analysis_spans(text: str, field: str, found: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[Span]:
    """The entity, time and quote spans of one field of an article, from its stored analysis."""
    spans: list[Span] = []
    taken: set[int] = set()
    for e in found.get("entities", ()):
        if e.get("field") == field and (at := locate(text, e["start"], e["end"], e.get("text"), taken)):
            taken.add(at[0])
            name = e.get("canonical") or e.get("text") or ""
            href = f"/entities/{e['entity_id']}" if e.get("entity_id") else None
            spans.append(Span(*at, "entity", f"{name} ({e.get('type')})", href, f"ent-{e.get('type', 'MISC')}"))
    for t in found.get("times", ()):
        if t.get("field") == field and (at := locate(text, t["start"], t["end"], t.get("text"), taken)):
            value = t.get("value") or "?"
            spans.append(Span(*at, "time", f"{value} ({t.get('calendar') or 'gregorian'})"))
    for q in found.get("quotes", ()):
        if q.get("field") == field and (at := locate(text, q["start"], q["end"], None, taken)):
            spans.append(Span(*at, "quote", q.get("speaker") or "?"))
    return spans


def match_spans(matches: Iterable[Sequence[int]]) -> list[Span]:
    """Search-match spans from a hit's ``snippet_matches``."""
    return [Span(int(a), int(b), "match") for a, b in matches]


def pieces(text: str, spans: Iterable[Span]) -> list[Piece]:
    """Cut ``text`` at every span edge; each piece carries its mark (entity before time before match) and quote."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    edges = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    order = {"entity": 0, "time": 1, "match": 2}
    out: list[Piece] = []
    for a, b in zip(edges, edges[1:]):
        inside = [s for s in spans if s.start <= a and b <= s.end]
        marks = sorted((s for s in inside if s.kind != "quote"), key=lambda s: (order[s.kind], s.start))
        quote = next((s for s in inside if s.kind == "quote"), None)
        out.append(Piece(text[a:b], marks[0] if marks else None, quote))
    return out


def quote_runs(cut: list[Piece]) -> list[tuple[Span | None, list[Piece]]]:
    """Consecutive pieces grouped by the quote they lie in (None: outside quotes), so a quote is one element."""
    out: list[tuple[Span | None, list[Piece]]] = []
    for piece in cut:
        if out and out[-1][0] == piece.quote:
            out[-1][1].append(piece)
        else:
            out.append((piece.quote, [piece]))
    return out


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of the chart, in SVG units, with its tooltip."""

    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """The mentions chart: bars, the axis' first and last label, the tallest count, the unit."""

    bars: tuple[Bar, ...]
    first: str
    last: str
    peak: int
    unit: str  # "day" or "month"
    width: int = CHART_W
    height: int = CHART_H
    pad: int = CHART_PAD


def _buckets(per_day: Sequence[Mapping[str, Any]]) -> tuple[list[tuple[str, int]], str]:
    """Counts on a gapless axis: every day from first to last, or every month when that is over ``MAX_DAYS``."""
    counts = {row["day"]: row["mentions"] for row in per_day}
    first, last = date.fromisoformat(min(counts)), date.fromisoformat(max(counts))
    if (last - first).days < MAX_DAYS:
        days = [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]
        return [(d, counts.get(d, 0)) for d in days], "day"
    months: dict[str, int] = {}
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        months[f"{y:04d}-{m:02d}"] = 0
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    for d, n in counts.items():
        months[d[:7]] += n
    return list(months.items()), "month"


def mentions_chart(per_day: Sequence[Mapping[str, Any]]) -> Chart | None:
    """The bar chart of an entity's ``mentions_per_day``, or None when it has no dated mention."""
    if not per_day:
        return None
    buckets, unit = _buckets(per_day)
    peak = max(n for _, n in buckets) or 1
    inner_w, inner_h = CHART_W - 2 * CHART_PAD, CHART_H - 2 * CHART_PAD
    step = inner_w / len(buckets)
    bars = []
    for i, (label, n) in enumerate(buckets):
        h = inner_h * n / peak
        bars.append(Bar(round(CHART_PAD + i * step + step * 0.1, 2), round(CHART_PAD + inner_h - h, 2),
                        round(max(step * 0.8, 0.5), 2), round(h, 2), f"{label}: {n}"))
    return Chart(tuple(bars), buckets[0][0], buckets[-1][0], peak, unit)
