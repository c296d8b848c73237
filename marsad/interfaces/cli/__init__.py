"""The ``marsad`` command line: thin commands over the pipeline, store and search functions.

Each command parses its arguments, calls one function with keyword arguments and formats the result. Arrows point
one way: ``commands``, ``explore`` and ``stories`` import ``common`` (registry and helpers) and ``render``; this
module imports them all; nothing imports it back.
The commands and their ``--json`` shapes are a public contract: keep them stable.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from marsad import __version__
from marsad.errors import MarsadError
from marsad.interfaces.cli import batching, commands, explore, searching, serving, stories
from marsad.interfaces.cli.common import COMMANDS

__all__ = ["build_parser", "main"]

def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(prog="marsad", description="Arabic news analytics: ingest, analyse, explore.")
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (commands, explore, searching, serving, stories, batching):  # importing them registered their commands
        module.add_arguments(sub)
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
