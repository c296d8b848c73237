"""Ingest throughput: read + extract + normalize + store of SaudiNewsNet plain-text articles, 1k / 10k / 31k,
and the default command (every stage on: entities, quotes, times, near-duplicates, stories) at 1k beside it; then
the default command as one run grows its archive to 1k / 10k / 31k (read while the search bench's every-stage
archive is built, in a process of its own: the speed of each stretch and the peak memory show whether growth is
linear; issue #18 asks for a peak under 1 GB at 31k).

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
    return rows if quick else rows + growth_rows()


#: Archive sizes at which the default command's speed and memory are read while it builds the 31k archive.
GROWTH_POINTS = (1000, 10000)


def vm_rss_mb() -> float:
    """This process's resident memory now, in MB (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def growth_child(path: str, db: str) -> None:
    """Ingest ``path`` into ``db`` with the default settings (every stage), printing as JSON the elapsed seconds,
    memory now and peak memory after the batch that crosses 1k and 10k articles read, and at the end (runs in a
    subprocess; a batch is up to 2,000 articles, so the first point is at 2k)."""
    from marsad.config import Settings
    from marsad.pipeline import ingest
    from marsad.store import open_store

    store = open_store(db)
    points: list[dict] = []
    seen = 0
    started = time.perf_counter()

    def progress(n: int) -> None:
        """Record a checkpoint when the count read crosses the next growth point."""
        nonlocal seen
        before, seen = seen, seen + n
        for point in GROWTH_POINTS:
            if before < point <= seen:
                points.append({"read": seen, "seconds": time.perf_counter() - started, "rss_mb": vm_rss_mb(),
                               "peak_mb": peak_rss_mb()})

    report = ingest([path], store, Settings(), progress)
    points.append({"read": report.read, "seconds": time.perf_counter() - started, "rss_mb": vm_rss_mb(),
                   "peak_mb": peak_rss_mb(), "stored": report.stored})
    store.close()
    print(json.dumps(points))


def growth_rows() -> list[dict]:
    """Rows of the default command at 1k / 10k / 31k articles, read while the search bench's every-stage archive
    was built (``bench/.cache``); built now when missing (~30 min for 31k here)."""
    from bench.bench_search import archive_path, default_archive

    growth = archive_path(len(records())).with_suffix(".growth.json")
    if not growth.is_file():
        default_archive(records(), quick=False)
    if not growth.is_file():  # MARSAD_BENCH_ARCHIVE named an archive built elsewhere
        return []
    points = json.loads(growth.read_text(encoding="utf-8"))
    rows, last = [], {"read": 0, "seconds": 0.0}
    for p in points:
        step = (p["read"] - last["read"]) / max(1e-9, p["seconds"] - last["seconds"])
        rows.append({
            "task": "ingest, every stage (default), one run growing", "system": "marsad", "n": p["read"],
            "seconds": p["seconds"], "rate": p["read"] / p["seconds"], "unit": "articles/s", "peak_mb": p["peak_mb"],
            "note": f"{step:.1f} articles/s since the previous point; {p['rss_mb']:.0f} MB resident now",
        })
        last = p
    return rows


if __name__ == "__main__":
    if sys.argv[1] == "--growth":
        growth_child(sys.argv[2], sys.argv[3])
    else:
        child(sys.argv[1], sys.argv[2], "--all-stages" in sys.argv[3:])
