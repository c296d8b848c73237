"""Plain-text rendering of CLI results (tables, articles, summaries) for people reading a terminal."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: Widest a table cell is shown before it is cut with an ellipsis.
MAX_CELL = 60


def width(text: str) -> int:
    """Display width of ``text`` (combining marks take no column)."""
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def cell(value: Any, limit: int = MAX_CELL) -> str:
    """One table cell: the value on one line, cut to ``limit`` columns."""
    text = "" if value is None else " ".join(str(value).split())
    return text if width(text) <= limit else text[: limit - 1] + "\u2026"


def print_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Print ``rows`` as an aligned table with a header."""
    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [width(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(v + " " * (w - width(v)) for v, w in zip(row, widths)))


def print_ingest_report(report: Any, db: str) -> None:
    """Print the end-of-run summary: stored / duplicates / rejected, with each rejection's reason."""
    print(f"ingest into {db}: {report.stored} stored, {report.duplicates} duplicates skipped, "
          f"{len(report.rejected)} rejected" + (f", {report.near_duplicates} near-duplicates marked"
                                                if report.near_duplicates else ""))
    for origin, reason in report.rejected[:50]:
        print(f"  rejected {origin}: {reason}")
    if len(report.rejected) > 50:
        print(f"  ... and {len(report.rejected) - 50} more rejected")


def print_article(row: Mapping[str, Any]) -> None:
    """Print one article with its metadata and what was found in it."""
    print(row.get("title") or "")
    meta = [("id", row.get("id")), ("external id", row.get("external_id")), ("source", row.get("source")),
            ("url", row.get("url")), ("byline", row.get("byline")), ("published", row.get("published_at")),
            ("dateline", row.get("dateline"))]
    for label, value in meta:
        if value:
            print(f"  {label}: {value}")
    print()
    print(row.get("body") or "")
    _print_found(row)


def _print_found(row: Mapping[str, Any]) -> None:
    """Print the entities, quotes and times of an article, when there are any."""
    ents: Iterable[Mapping[str, Any]] = row.get("entities") or ()
    names = sorted({(e.get("canonical") or e["text"], e["type"]) for e in ents})
    if names:
        print("\nentities: " + "\u060c ".join(f"{n} ({t})" for n, t in names))
    for q in row.get("quotes") or ():
        print(f"\nquote ({'direct' if q['direct'] else 'indirect'}) {q.get('speaker') or '?'}: {cell(q['text'], 120)}")
    times = row.get("times") or ()
    if times:
        print("\ntimes: " + "\u060c ".join(f"{t['text']} = {t['value']}" for t in times))


def print_demo(store: Any, db: str) -> None:
    """Print the demo's tour of a freshly ingested archive: entities, one entity's variants, quotes."""
    print(f"\n== {store.count_articles()} articles in {db}")
    print("\n== Most mentioned people")
    print_table(store.list_entities("PER", 8), ("canonical", "english", "mentions", "articles", "variants"))
    print("\n== Most mentioned places")
    print_table(store.list_entities("LOC", 8), ("canonical", "english", "iso", "mentions", "variants"))
    print("\n== Latest statements (who said what)")
    for q in store.list_quotes(None, 8):
        who = q["speaker_canonical"] or q["speaker"] or "?"
        print(f"  {q['published_at'] or '':<19} {cell(who, 30):<30} {cell(q['text'], 90)}")
    print("\n== Latest stories (4 or more articles)")
    print_table(store.list_stories(None, 8, 4), ("id", "first_seen", "last_seen", "size", "title"))
    print("\n== Chapters: stories that continue an earlier one (longest gap first)")
    for c in store.chapter_links(3):
        print(f"  {(c['earlier_seen'] or '')[:10]} {cell(c['earlier_title'], 50)}\n"
              f"    -> {(c['first_seen'] or '')[:10]} {cell(c['title'], 50)}")
    print(f"\nExplore: marsad entities --db {db} | marsad entity \"\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646\" --db {db}"
          f" | marsad quotes --db {db} --speaker \u0628\u0648\u062a\u064a\u0646")


def why_text(why: dict | None) -> str:
    """Why an article joined its story, for reading: similarity, shared names, continued chapter (empty for the first)."""
    if not isinstance(why, dict) or why.get("similarity") in (None, 1.0) and not why.get("chapter_of"):
        return ""
    parts = [f"similarity {why['similarity']:.2f}"] if why.get("similarity") is not None else []
    if why.get("shared_names"):
        parts.append("shared names: " + "\u060c ".join(why["shared_names"][:5]))
    if why.get("chapter_of"):
        parts.append(f"continues story {why['chapter_of']}")
    return "; ".join(parts)


def print_story(view: Mapping[str, Any]) -> None:
    """Print one story: header, summary, timeline, entities, quotes, duplicates and chapters."""
    print(f"{view['title']}\n  {view['id']}: {view['size']} articles, {view['first_seen']} .. {view['last_seen']}")
    print(f"  sources: {', '.join(view['sources']) or '-'}")
    for label, key in (("earlier chapter", "earlier_chapter"),):
        if view.get(key):
            print(f"  {label}: {view[key]}")
    if view.get("later_chapters"):
        print(f"  later chapters: {', '.join(view['later_chapters'])}")
    if view.get("summary"):
        print("\nsummary:")
        sources = view.get("summary_sources") or [[] for _ in view["summary"]]
        for s, outlets in zip(view["summary"], sources, strict=False):
            print(f"  - {s}" + (f"  [{', '.join(outlets)}]" if outlets else ""))
    print("\ntimeline:")
    for a in view["articles"]:
        copy = f" (copy of {a['duplicate_of']})" if a.get("duplicate_of") else ""
        print(f"  {a['published_at'] or '':<19} {a['source'] or '':<12} {cell(a['title'], 80)}{copy}")
        if why := why_text(a.get("why")):
            print(f"  {'':<19} {'':<12} joined: {why}")
    names = [e["canonical"] or e["entity_id"] for e in view.get("entities", [])]
    if names:
        print("\nentities: " + "\u060c ".join(names))
    for q in view.get("quotes", [])[:10]:
        print(f"  quote: {q.get('speaker_canonical') or q.get('speaker') or '?'}: {cell(q['text'], 110)}")


def mark_snippet(snippet: str, matches: Sequence[Sequence[int]]) -> str:
    """Return ``snippet`` with each matched span wrapped in ``[[`` ``]]``."""
    out, pos = [], 0
    for start, end in matches:
        out += [snippet[pos:start], "[[", snippet[start:end], "]]"]
        pos = end
    return "".join(out) + snippet[pos:]


def print_hits(hits: Sequence[Mapping[str, Any]]) -> None:
    """Print search hits: rank, date, outlet, title, the marked snippet and how many copies were collapsed."""
    if not hits:
        print("no article matches")
        return
    for rank, hit in enumerate(hits, 1):
        copies = f"  (+{len(hit['copies'])} more copies)" if hit.get("copies") else ""
        print(f"{rank:>3}. {(hit['published_at'] or '')[:10]} {hit['source'] or '-'}  {hit['title']}{copies}")
        print(f"     {hit['id']}  score {hit['score']}")
        print("     " + " ".join(mark_snippet(hit["snippet"], hit["snippet_matches"]).split()))
