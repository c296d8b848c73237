"""CLI commands that explore the archive (entities, quotes) and tag CoNLL files (``marsad ner``)."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from marsad import retrieval
from marsad.errors import IngestError
from marsad.ingest.decode import decode_bytes
from marsad.interfaces.cli.common import command, emit, open_existing, whole_number
from marsad.interfaces.cli.render import cell, print_table


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """Declare the exploring commands' arguments."""
    p = sub.add_parser("ner", help="tag a CoNLL file with IOB2 entity tags", description=cmd_ner.__doc__)
    p.add_argument("file", help="CoNLL input: one token per line (first column), blank line between sentences; - for stdin")

    p = sub.add_parser("entities", help="list resolved entities across the archive", description=cmd_entities.__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--type", choices=["PER", "LOC", "ORG", "MISC"])
    p.add_argument("--limit", type=whole_number(1), default=50)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("entity", help="one entity: variants, articles, co-occurring entities", description=cmd_entity.__doc__)
    p.add_argument("name", help="any spelling of the name, or an entity id")
    p.add_argument("--db", required=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("quotes", help="statements by speaker across the archive", description=cmd_quotes.__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--speaker", help="any spelling of the speaker's name")
    p.add_argument("--limit", type=whole_number(1), default=50)
    p.add_argument("--json", action="store_true")


@command("ner")
def cmd_ner(args: argparse.Namespace) -> int:
    """Write each input line followed by a TAB and its predicted IOB2 tag (ANERcorp labels).

    The input may be UTF-8 (with or without BOM), UTF-16 or Windows-1256, like the articles ``ingest`` reads.
    """
    from marsad.analysis.entities.ner import tag_conll

    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"marsad ner: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    if not data.strip():  # nothing to tag: blank lines stay blank
        sys.stdout.write("\n" * data.count(b"\n"))
        return 0
    try:
        text = decode_bytes(data, args.file, accepted="a CoNLL text file (one token per line)")
    except IngestError as exc:
        print(f"marsad ner: {exc}", file=sys.stderr)
        return 1
    for line in tag_conll(io.StringIO(text, newline=None)):
        sys.stdout.write(line + "\n")
    return 0


@command("entities")
def cmd_entities(args: argparse.Namespace) -> int:
    """List entities by mentions, with their variants, across every stored article."""
    store = open_existing(args.db)
    if args.json:
        for r in retrieval.entities_page(store, args.type, args.limit):
            emit(r)
    else:
        print_table(store.list_entities(args.type, args.limit),
                    ("type", "canonical", "english", "mentions", "articles", "variants"))
    return 0


@command("entity")
def cmd_entity(args: argparse.Namespace) -> int:
    """Show one entity found by any spelling: its variants, the articles and the entities it appears with."""
    store = open_existing(args.db)
    ids = retrieval.resolve_entity(store, args.name)
    if not ids:
        print(f"marsad entity: no entity named {args.name!r}: list them with `marsad entities --db {args.db}`",
              file=sys.stderr)
        return 1
    for eid in ids:
        detail = retrieval.entity_view(store, eid)
        if args.json:
            emit(detail)
            continue
        print(f"{detail['canonical']} ({detail['type']}) {detail['id']}"
              + (f"  {detail['english']}" if detail["english"] else "") + (f"  {detail['iso']}" if detail["iso"] else ""))
        print("  variants: " + "\u060c ".join(f"{v['variant']} ({v['count']})" for v in detail["variants"]))
        print("  with: " + "\u060c ".join(f"{c['canonical']} ({c['articles']})" for c in detail["cooccurring"][:10]))
        print_table(detail["articles"], ("published_at", "source", "title"))
    return 0


@command("quotes")
def cmd_quotes(args: argparse.Namespace) -> int:
    """List statements (who said what), optionally of one speaker under any spelling of the name."""
    store = open_existing(args.db)
    rows = retrieval.quotes_page(store, args.speaker, args.limit)
    if rows is None:
        print(f"marsad quotes: no speaker named {args.speaker!r} in {args.db}", file=sys.stderr)
        return 1
    if args.json:
        for r in rows:
            emit(r)
        return 0
    for r in rows:
        who = r["speaker_canonical"] or r["speaker"] or "?"
        print(f"{r['published_at'] or ''} {who} [{r['cue']}{', direct' if r['direct'] else ''}]: {cell(r['text'], 140)}")
    return 0
