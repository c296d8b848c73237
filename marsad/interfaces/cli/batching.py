"""CLI commands for whole archives on a Dask cluster: ``marsad batch`` (analyse, write Parquet), ``marsad load``."""

from __future__ import annotations

import argparse
import sys

from marsad.config import ANALYSIS_STAGES
from marsad.interfaces.cli.common import command, settings_from_args


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """Declare the batch and load commands' arguments."""
    p = sub.add_parser("batch", help="analyse an archive on a Dask cluster, write Parquet tables",
                       description=cmd_batch.__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders (.txt .html .json .jsonl .xml .zip .parquet); on a multi-machine cluster "
                        "only the driver reads them")
    p.add_argument("--out", required=True, help="output folder for the Parquet tables (created; tables replaced)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--workers", type=int, metavar="N", help="local cluster of N worker processes (default: CPUs)")
    p.add_argument("--partition-size", type=int, default=250, help="articles per task (default 250)")
    p.add_argument("--resolve", choices=("driver", "partition"), default="driver",
                   help="resolve entity mentions on the driver, in input order (default: exactly the rows of "
                        "`marsad ingest`), or on the workers with per-partition registries merged after (scales further)")
    p.add_argument("--published", help="ISO date for inputs that carry no date")
    p.add_argument("--source", help="outlet name for inputs that carry none")
    p.add_argument("--skip", action="append", choices=ANALYSIS_STAGES, metavar="STAGE",
                   help="skip an analysis stage (repeatable): " + ", ".join(ANALYSIS_STAGES))

    p = sub.add_parser("load", help="import the Parquet tables of `marsad batch` into a store",
                       description=cmd_load.__doc__)
    p.add_argument("dir", metavar="DIR", help="the --out folder of `marsad batch`")
    p.add_argument("--db", required=True, help="SQLite file (created if missing) or postgresql:// URL")


@command("batch")
def cmd_batch(args: argparse.Namespace) -> int:
    """Analyse PATH... on a dask.distributed cluster; write articles, entities, mentions, quotes, times,
    duplicates and stories as Parquet tables to --out; exit 1 only when no article was analysed."""
    from marsad.distributed import BatchSettings, run_batch

    batch = BatchSettings(workers=args.workers, scheduler=args.scheduler, partition_size=args.partition_size,
                          resolve=args.resolve)
    report = run_batch(args.paths, args.out, settings_from_args(args), batch)
    for origin, reason in report.rejected:
        print(f"marsad batch: skipped {origin}: {reason}", file=sys.stderr)
    tables = ", ".join(f"{name} {n}" for name, n in report.tables.items())
    print(f"{report.articles} articles ({report.repeats} repeats skipped, {len(report.rejected)} rejected) on "
          f"{report.workers} workers in {report.seconds:.1f} s -> {args.out}: {tables}")
    return 0 if report.articles else 1


@command("load")
def cmd_load(args: argparse.Namespace) -> int:
    """Import a `marsad batch` output folder into --db through the store; a re-run adds nothing."""
    from marsad.distributed import load_tables
    from marsad.store import open_store

    store = open_store(args.db)
    try:
        report = load_tables(args.dir, store)
    finally:
        store.close()
    print(f"stored {report.stored} articles ({report.skipped} already there), {report.entities} entities, "
          f"{report.duplicates} duplicates, {report.stories} stories")
    return 0
