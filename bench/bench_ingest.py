"""Ingest throughput: read + extract + normalize + store of SaudiNewsNet plain-text articles, 1k / 10k / 31k,
and the default command (every stage on: entities, quotes, times, near-duplicates, stories) at 1k beside it.

Each size runs in a fresh subprocess on one core, so peak memory (max RSS) is that run's alone.
Target (issue 2): >= 500 articles/s, near-linear growth.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import DATASET, records, write_jsonl

SIZES = (1000, 10000, None)  # None = the whole corpus
QUICK_SIZES = (1000,)
REINGEST = True


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: VmHWM (reset by exec, unlike ru_maxrss, which Linux carries
    over from the parent that forked us)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: Articles ingested with every stage on (the default ``marsad ingest``); one size, it runs at tens per second.
DEFAULT_SIZE = 1000


def child(path: str, db: str, all_stages: bool = False) -> None:
    """Ingest ``path`` into ``db`` and print seconds, counts and max RSS as JSON (runs in the subprocess)."""
    from marsad.config import ANALYSIS_STAGES, AnalysisSettings, Settings
    from marsad.pipeline import ingest
    from marsad.store import open_store

    settings = Settings() if all_stages else Settings(analysis=AnalysisSettings(**{s: False for s in ANALYSIS_STAGES}))
    store = open_store(db)
    started = time.perf_counter()
    report = ingest([path], store, settings)
    seconds = time.perf_counter() - started
    peak = peak_rss_mb()
    again = ingest([path], store, settings) if REINGEST else None  # idempotence: nothing new the second time
    print(json.dumps({"seconds": seconds, "stored": report.stored, "read": report.read, "peak_mb": peak,
                      "count": store.count_articles(), "again_stored": again.stored if again else None}))


def run(quick: bool = False) -> list[dict]:
    """Benchmark ingest at each size; one row per size."""
    recs = records()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size, all_stages in [(s, False) for s in (QUICK_SIZES if quick else SIZES)] + [(DEFAULT_SIZE, True)]:
            if size is None:  # the whole corpus as distributed: 18 daily zips (~100 MB of JSON)
                path, nbytes = DATASET, sum(len(json.dumps(r, ensure_ascii=False).encode()) for r in recs)
            else:
                path = Path(tmp) / f"snn-{size}.jsonl"
                nbytes = write_jsonl(recs[:size], path)
            subset = recs if size is None else recs[:size]
            db = Path(tmp) / f"bench-{len(subset)}{'-all' if all_stages else ''}.db"
            out = subprocess.run(
                [sys.executable, "-m", "bench.bench_ingest", str(path), str(db), *(["--all-stages"] if all_stages else [])],
                capture_output=True, text=True, check=True,
            )
            res = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append({
                "task": "ingest, every stage (default)" if all_stages else "ingest+extract+normalize+store",
                "system": "marsad", "n": res["read"],
                "seconds": res["seconds"], "rate": res["read"] / res["seconds"], "unit": "articles/s",
                "peak_mb": res["peak_mb"],
                "note": f"{nbytes / 2**20 / res['seconds']:.1f} MB/s; {res['stored']} stored; "
                        f"again: {res['again_stored']} stored, {res['count']} in store",
            })
    return rows


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], "--all-stages" in sys.argv[3:])
