"""The ``marsad`` command line: thin commands over the pipeline, store and search functions.

Each command parses its arguments, calls one function with keyword arguments and formats the result.
The commands and their ``--json`` shapes are a public contract: keep them stable.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from marsad import __version__
from marsad.config import ANALYSIS_STAGES, AnalysisSettings, IngestSettings, Settings
from marsad.errors import MarsadError

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    """Register a CLI command function under ``name``."""

    def register(fn: Command) -> Command:
        """Add ``fn`` to the command table."""
        COMMANDS[name] = fn
        return fn

    return register


def emit(obj: Any) -> None:
    """Print one JSON object as a line (UTF-8, Arabic unescaped)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def open_existing(db: str):  # noqa: ANN201 - returns the store type of marsad.store
    """Open the store of a read command; a missing file is an error, not a new empty database."""
    from pathlib import Path

    from marsad.errors import StoreError
    from marsad.store import open_store

    if db != ":memory:" and not Path(db).exists():
        raise StoreError(f"no database {db}: create it with `marsad ingest PATH --db {db}`")
    return open_store(db)


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Build the run's frozen Settings once, from the command-line arguments."""
    ingest = IngestSettings(default_published=getattr(args, "published", None), default_source=getattr(args, "source", None))
    skip = set(getattr(args, "skip", None) or ())
    analysis = AnalysisSettings(**{stage: stage not in skip for stage in ANALYSIS_STAGES})
    return Settings(ingest=ingest, analysis=analysis)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    from marsad.interfaces import cli_commands, cli_explore, cli_stories  # registers commands and their arguments

    parser = argparse.ArgumentParser(prog="marsad", description="Arabic news analytics: ingest, analyse, explore.")
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli_commands.add_arguments(sub)
    cli_explore.add_arguments(sub)
    cli_stories.add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit status (also the process's when run as a script)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except MarsadError as exc:
        print(f"marsad {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `marsad analyze ... | head`
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
