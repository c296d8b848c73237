"""Run every benchmark (``make bench``) and print one table: task, system, n, seconds, rate, peak memory.

Each ``bench/bench_<name>.py`` exposes ``run(quick=False) -> list[row]``; rows compare Marsad with the peer
libraries named in the issues, measured in the same run on the same machine.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

#: "One core" means one BLAS thread too: OpenBLAS would otherwise spin a second thread on the small matrix
#: products of the BiLSTM, doubling the CPU time without changing the wall-clock time. Set before NumPy loads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).parent
COLUMNS = ("task", "system", "n", "seconds", "rate", "unit", "peak_mb", "note")


def benchmarks() -> list[str]:
    """Names of the benchmark modules, sorted."""
    return sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py"))


def fmt(value: object) -> str:
    """Format one table cell."""
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.3f}"
    return "" if value is None else str(value)


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks and print their rows as a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    args = parser.parse_args(argv)
    rows: list[dict] = []
    for name in args.names or benchmarks():
        started = time.perf_counter()
        try:
            rows.extend(importlib.import_module(f"bench.bench_{name}").run(quick=args.quick))
        except Exception as exc:  # report and go on: one broken benchmark should not hide the others
            rows.append({"task": name, "system": "marsad", "note": f"ERROR {type(exc).__name__}: {exc}"})
        print(f"# {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    cells = [[fmt(r.get(c)) for c in COLUMNS] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(COLUMNS)]
    print(" | ".join(c.ljust(w) for c, w in zip(COLUMNS, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in cells:
        print(" | ".join(v.ljust(w) for v, w in zip(row, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
