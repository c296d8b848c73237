"""CLI commands over a whole archive: full-text search (``marsad search``), rebuilding its index
(``marsad reindex``) and moving the archive between stores (``marsad copy``)."""

from __future__ import annotations

import argparse
import sys

from marsad.errors import ConfigError, QueryError
from marsad.interfaces.cli.common import command, emit, open_existing
from marsad.interfaces.cli.render import print_hits


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """Declare the search commands' arguments."""
    p = sub.add_parser("search", help="Arabic full-text search: every spelling and inflection, ranked",
                       description=cmd_search.__doc__)
    p.add_argument("query", nargs="+", help='words (all required), "exact phrase", OR, -exclude, prefix*; several '
                   "arguments are one query (quote a phrase as one argument)")
    p.add_argument("--db", required=True)
    p.add_argument("--limit", type=int, default=20, help="hits per page (1..200, default 20)")
    p.add_argument("--offset", type=int, default=0, help="hits to skip (paging)")
    p.add_argument("--source", help="only this outlet")
    p.add_argument("--since", help="published on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="published on or before this date (YYYY-MM-DD)")
    p.add_argument("--entity", help="only articles mentioning this entity (any spelling)")
    p.add_argument("--story", help="only articles of this story id")
    p.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    p.add_argument("--json", action="store_true", help="JSON Lines, best first")

    p = sub.add_parser("copy", help="copy an archive between stores (SQLite <-> PostgreSQL), ids kept",
                       description=cmd_copy.__doc__)
    p.add_argument("--from", dest="source_db", required=True, metavar="SRC", help="the store to read")
    p.add_argument("--to", dest="target_db", required=True, metavar="DST", help="the store to write (created if missing)")

    p = sub.add_parser("reindex", help="rebuild the search index (after a change of term rules)",
                       description=cmd_reindex.__doc__)
    p.add_argument("--db", required=True)


@command("search")
def cmd_search(args: argparse.Namespace) -> int:
    """Search the archive; near-duplicate copies are collapsed under the earliest copy."""
    from marsad.retrieval import SearchOptions, search

    try:
        options = SearchOptions(args.limit, args.offset, args.source, args.since, args.until, args.entity, args.story,
                                args.sort)
        hits = search(open_existing(args.db), " ".join(args.query), options)
    except (QueryError, ConfigError) as exc:
        print(f"marsad search: {exc}", file=sys.stderr)
        return 2
    if args.json:
        for hit in hits:
            emit(hit)
    else:
        print_hits(hits)
    return 0


@command("reindex")
def cmd_reindex(args: argparse.Namespace) -> int:
    """Rebuild the full-text index from the stored normalized text (ingest keeps it in step otherwise)."""
    from marsad.retrieval import reindex

    n = reindex(open_existing(args.db))
    print(f"reindexed {n} articles in {args.db}")
    return 0


@command("copy")
def cmd_copy(args: argparse.Namespace) -> int:
    """Copy every article and record from SRC to DST (file path or postgresql:// URL); a re-run adds nothing."""
    from marsad.store import open_store
    from marsad.store.copying import copy_store

    src, dst = open_existing(args.source_db), open_store(args.target_db)
    try:
        report = copy_store(src, dst)
    finally:
        src.close()
        dst.close()
    print(f"copied {report.articles} articles ({report.skipped} already there) and {report.rows} rows "
          f"from {args.source_db} to {args.target_db}")
    return 0
