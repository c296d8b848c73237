"""What every CLI command module shares: the command registry, JSON output, store opening and run settings.

Imports nothing of the other CLI modules, so they can all import it (no import cycle).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from marsad.config import ANALYSIS_STAGES, AnalysisSettings, IngestSettings, Settings
from marsad.errors import ConfigError

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    """Register a CLI command function under ``name``."""

    def register(fn: Command) -> Command:
        """Add ``fn`` to the command table."""
        COMMANDS[name] = fn
        return fn

    return register


def whole_number(minimum: int) -> Callable[[str], int]:
    """Return an argparse type accepting whole numbers >= ``minimum`` (a page size, an offset), naming the fix."""

    def parse(text: str) -> int:
        """Parse one option value."""
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number: use e.g. {max(minimum, 20)}") \
                from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value} is too small: use {minimum} or more")
        return value

    return parse


def iso_date(text: str) -> str:
    """An argparse type for ``--since``/``--until``: an ISO date (a date-time is allowed), else the fix."""
    from marsad.retrieval.archive import check_date

    try:
        return check_date("date", text)
    except ConfigError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO date: write it like 2019-04-25") from None


def emit(obj: Any) -> None:
    """Print one JSON object as a line (UTF-8, Arabic unescaped)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def open_existing(db: str):  # noqa: ANN201 - returns the store type of marsad.store
    """Open the store of a read command; a missing file is an error, not a new empty database."""
    from pathlib import Path

    from marsad.errors import StoreError
    from marsad.store import open_store

    if db != ":memory:" and "://" not in db and not Path(db).exists():
        raise StoreError(f"no database {db}: create it with `marsad ingest PATH --db {db}`")
    return open_store(db)


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Build the run's frozen Settings once, from the command-line arguments."""
    ingest = IngestSettings(default_published=getattr(args, "published", None), default_source=getattr(args, "source", None))
    skip = set(getattr(args, "skip", None) or ())
    analysis = AnalysisSettings(**{stage: stage not in skip for stage in ANALYSIS_STAGES})
    return Settings(ingest=ingest, analysis=analysis)
