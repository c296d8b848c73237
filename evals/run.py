"""Run every evaluation and check it against its pinned floors (``make eval``); exit 1 on any drop.

Each ``evals/<name>.py`` exposes ``run() -> {metric: value}``; ``evals/floors/<name>.json`` pins floors.
A metric may sit ``EPSILON`` below its floor (measurement jitter) before the gate fails. Floors are raised, never
lowered, by editing the JSON in a reviewed change that says why.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
#: Allowed shortfall below a floor before failing (trafilatura's eval gate uses 0.0005 for the same reason).
EPSILON = 0.0005


def evaluations() -> list[str]:
    """Names of the evaluations that have a floors file, sorted."""
    return sorted(p.stem for p in (HERE / "floors").glob("*.json"))


def check(name: str) -> tuple[list[tuple[str, float, float | None, bool]], float]:
    """Run one evaluation; return (metric, value, floor, ok) rows and the seconds it took."""
    floors = json.loads((HERE / "floors" / f"{name}.json").read_text("utf-8"))
    started = time.perf_counter()
    metrics = importlib.import_module(f"evals.{name}").run()
    seconds = time.perf_counter() - started
    rows = []
    for metric, value in metrics.items():
        floor = floors.get(metric)
        rows.append((metric, float(value), floor, floor is None or value >= floor - EPSILON))
    for metric in floors.keys() - metrics.keys():
        rows.append((metric, float("nan"), floors[metric], False))
    return rows, seconds


def main(argv: list[str] | None = None) -> int:
    """Run the selected evaluations (all by default), print a table, return 1 if a floor is broken."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="evaluations to run (default: all with a floors file)")
    args = parser.parse_args(argv)
    failed = []
    print(f"{'evaluation':<12} {'metric':<32} {'value':>8} {'floor':>8}  status")
    for name in args.names or evaluations():
        try:
            rows, seconds = check(name)
        except Exception as exc:  # an evaluation that cannot run is a failed gate, reported by name
            print(f"{name:<12} {'(error)':<32} {'':>8} {'':>8}  FAIL {type(exc).__name__}: {exc}")
            failed.append(name)
            continue
        for metric, value, floor, ok in rows:
            floor_s = f"{floor:.4f}" if floor is not None else "-"
            print(f"{name:<12} {metric:<32} {value:8.4f} {floor_s:>8}  {'ok' if ok else 'BELOW FLOOR'}")
            if not ok:
                failed.append(f"{name}.{metric}")
        print(f"{name:<12} {'(seconds)':<32} {seconds:8.1f}")
    if failed:
        print("eval gate FAILED: " + ", ".join(failed))
        return 1
    print("eval gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
