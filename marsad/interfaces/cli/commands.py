"""The CLI commands (each about ten lines: parse, call one function, format)."""

from __future__ import annotations

import argparse
import sys

from marsad import pipeline, retrieval
from marsad.config import ANALYSIS_STAGES
from marsad.interfaces.cli.common import command, emit, iso_date, open_existing, settings_from_args, whole_number
from marsad.interfaces.cli.render import print_article, print_ingest_report, print_table
from marsad.store import open_store


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """Declare every command's arguments."""
    p = sub.add_parser("ingest", help="read, extract, analyse and store articles", description=cmd_ingest.__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt .html .json .jsonl .xml .zip)")
    p.add_argument("--db", required=True, help="SQLite database file (created if missing)")
    p.add_argument("--published", help="ISO date for inputs that carry no date")
    p.add_argument("--source", help="outlet name for inputs that carry none")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--skip", action="append", choices=ANALYSIS_STAGES, metavar="STAGE",
                   help="skip an analysis stage (repeatable): " + ", ".join(ANALYSIS_STAGES))

    p = sub.add_parser("analyze", help="analyse articles without storing them", description=cmd_analyze.__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--published", help="ISO date for inputs that carry no date")
    p.add_argument("--source", help="outlet name for inputs that carry none")
    p.add_argument("--json", action="store_true", help="JSON Lines output (the default; kept for clarity)")

    p = sub.add_parser("articles", help="list stored articles", description=cmd_articles.__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=whole_number(1), default=50)
    p.add_argument("--offset", type=whole_number(0), default=0)
    p.add_argument("--source", help="only this outlet")
    p.add_argument("--since", type=iso_date, help="published on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", type=iso_date, help="published on or before this date (YYYY-MM-DD)")
    p.add_argument("--entity", help="only articles mentioning this entity (any spelling)")
    p.add_argument("--story", help="only articles of this story id")

    p = sub.add_parser("show", help="show one stored article", description=cmd_show.__doc__)
    p.add_argument("id", help="Marsad id or external id")
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true")
    add_demo_arguments(sub)


@command("ingest")
def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest PATH... into the store; print a summary; exit 1 only when nothing could be ingested."""
    settings = settings_from_args(args)
    store = open_store(args.db)
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(unit=" docs", file=sys.stderr, disable=None, desc="ingest")
    try:
        report = pipeline.ingest(args.paths, store, settings, progress=bar.update if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
        store.close()
    print_ingest_report(report, args.db)
    return 0 if report.stored + report.duplicates > 0 else 1


@command("analyze")
def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse PATH... without a store; print one JSON object per article (JSON Lines)."""
    ok = failed = 0
    for item in pipeline.analyze(args.paths, settings_from_args(args)):
        if isinstance(item, pipeline.ReadError):
            print(f"marsad analyze: skipped {item.origin}: {item.reason}", file=sys.stderr)
            failed += 1
        else:
            emit(item)
            ok += 1
    return 0 if ok or not failed else 1


@command("articles")
def cmd_articles(args: argparse.Namespace) -> int:
    """List stored articles in arrival order (optionally of one outlet, dates, entity or story)."""
    store = open_existing(args.db)
    filters = retrieval.ArticleFilters(args.source, args.since, args.until, args.entity, args.story)
    rows = retrieval.articles_page(store, filters, args.limit, args.offset)
    if args.json:
        for row in rows:
            emit(row)
    else:
        print(f"{store.count_articles()} articles in {args.db}")
        print_table(rows, ("id", "source", "published_at", "title"))
    return 0


@command("show")
def cmd_show(args: argparse.Namespace) -> int:
    """Show one stored article (by Marsad id or external id) with what was found in it."""
    store = open_existing(args.db)
    row = retrieval.article_view(store, args.id)
    if row is None:
        print(f"marsad show: no article {args.id!r} in {args.db}: list ids with `marsad articles --db {args.db}`",
              file=sys.stderr)
        return 1
    if args.json:
        emit(row)
    else:
        print_article(row)
    return 0


def add_demo_arguments(sub: argparse._SubParsersAction) -> None:
    """Declare the demo command's arguments."""
    p = sub.add_parser("demo", help="ingest a sample corpus and show what Marsad finds", description=cmd_demo.__doc__)
    p.add_argument("paths", nargs="*", default=["data/sample"], metavar="PATH", help="corpus (default: data/sample)")
    p.add_argument("--db", default="marsad-demo.db", help="SQLite file to create (default: marsad-demo.db)")
    p.add_argument("--published", help="ISO date for inputs that carry no date")


@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    """Ingest the bundled sample corpus into SQLite and print its stories, entities and quotes."""
    from marsad.interfaces.cli.render import print_demo

    settings = settings_from_args(args)
    store = open_store(args.db)
    from tqdm import tqdm

    with tqdm(unit=" docs", file=sys.stderr, disable=None, desc="ingest") as bar:
        report = pipeline.ingest(args.paths, store, settings, progress=bar.update)
    print_ingest_report(report, args.db)
    print_demo(store, args.db)
    store.close()
    return 0 if report.stored + report.duplicates else 1
