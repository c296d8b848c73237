"""CLI commands for summaries, article similarity and stories."""

from __future__ import annotations

import argparse
import sys

from marsad import pipeline
from marsad.errors import ConfigError
from marsad.interfaces.cli.common import command, emit, iso_date, open_existing, settings_from_args, whole_number


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """Declare the summary, similarity and story commands' arguments."""
    p = sub.add_parser("summarize", help="extractive summaries of articles", description=cmd_summarize.__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--ratio", type=float, help="share of the article's sentences to keep, in (0, 1]")
    size.add_argument("--sentences", type=int, help="number of sentences to keep")
    p.add_argument("--json", action="store_true", help="JSON Lines output (the default)")

    add_story_arguments(sub)
    p = sub.add_parser("similarity", help="score article pairs (JSONL in, JSONL out)", description=cmd_similarity.__doc__)
    p.add_argument("--pairs", required=True, help='JSONL file of {"id", "a": {"title", "text"}, "b": {...}}; - for stdin')


@command("summarize")
def cmd_summarize(args: argparse.Namespace) -> int:
    """Print {id, summary: [sentences]} per article: redundancy-aware extractive summaries."""
    from marsad.analysis.summaries.summarize import SummarySettings, summarize_article

    if args.ratio is None and args.sentences is None:
        args.sentences = 3
    settings = SummarySettings(sentences=args.sentences, ratio=args.ratio)
    ok = 0
    for item in pipeline.iter_articles(args.paths, settings_from_args(args)):
        if isinstance(item, pipeline.ReadError):
            print(f"marsad summarize: skipped {item.origin}: {item.reason}", file=sys.stderr)
            continue
        emit({"id": item.external_id, "summary": summarize_article(item.title, item.body, settings)})
        ok += 1
    return 0 if ok else 1


@command("similarity")
def cmd_similarity(args: argparse.Namespace) -> int:
    """Print {id, score} per input pair: the article similarity story clustering uses, in [0, 1]."""
    from marsad.analysis.stories.similarity import score_pairs

    try:
        handle = sys.stdin if args.pairs == "-" else open(args.pairs, encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read --pairs {args.pairs}: {exc.strerror}") from None
    with handle:
        try:
            for line in score_pairs(handle):
                sys.stdout.write(line + "\n")
        except ValueError as exc:
            raise ConfigError(f"{args.pairs}: {exc}") from None
    return 0


def add_story_arguments(sub: argparse._SubParsersAction) -> None:
    """Declare the story commands' arguments."""
    p = sub.add_parser("stories", help="list stories", description=cmd_stories.__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--since", type=iso_date, help="only stories last seen on or after this ISO date")
    p.add_argument("--min-size", type=whole_number(1), default=1, help="only stories with at least this many articles")
    p.add_argument("--limit", type=whole_number(1), default=50)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("story", help="one story: timeline, summary, entities, quotes, duplicates, chapters",
                       description=cmd_story.__doc__)
    p.add_argument("id", help="story id (from `marsad stories`)")
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true")


@command("stories")
def cmd_stories(args: argparse.Namespace) -> int:
    """List stories, latest first: title, first and last seen, size, sources."""
    from marsad import retrieval
    from marsad.interfaces.cli.render import print_table

    store = open_existing(args.db)
    if args.json:
        for view in retrieval.stories_page(store, args.since, args.min_size, args.limit):
            emit(view)
    else:
        print_table(store.list_stories(args.since, args.limit, args.min_size), ("id", "last_seen", "size", "title"))
    return 0


@command("story")
def cmd_story(args: argparse.Namespace) -> int:
    """Show one story: its timeline, summary, entities, quotes, near-duplicates and related chapters."""
    from marsad import retrieval
    from marsad.interfaces.cli.render import print_story

    view = retrieval.story_view(open_existing(args.db), args.id, detail=True)
    if view is None:
        print(f"marsad story: no story {args.id!r}: list them with `marsad stories --db {args.db}`", file=sys.stderr)
        return 1
    emit(view) if args.json else print_story(view)
    return 0
