"""``marsad batch`` on a dask.distributed LocalCluster: 1 worker vs 2 workers (speed-up), every stage on, beside
``marsad ingest`` on one core, with the parity of the 2-worker run against the ingest (duplicate pairs, story
B-cubed F1, articles whose entity/quote/time rows differ).

Size: the first ``FULL_SIZE`` SaudiNewsNet articles (``MARSAD_BENCH_BATCH_N`` overrides; 31030 = all of them). All
31k articles with every stage on take ~30 min per configuration on this 2-core machine (~17 articles/s a core),
so the default is 2,000, the size of the parity sample. ``--quick``: 300 articles. Each configuration runs in a
fresh subprocess; peak memory is the driver's max RSS and the largest worker's (``RUSAGE_CHILDREN``).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_ingest import peak_rss_mb
from bench.corpus import records, write_jsonl

FULL_SIZE = int(os.environ.get("MARSAD_BENCH_BATCH_N", "2000"))
QUICK_SIZE = 300


def child(mode: str, path: str, target: str) -> None:
    """Run one configuration (``ingest`` or ``batch-N``) and print seconds, counts and peak memory as JSON."""
    from marsad.config import Settings
    from marsad.store import open_store

    started = time.perf_counter()
    if mode == "ingest":
        from marsad.pipeline import ingest

        n = ingest([path], open_store(target), Settings()).stored
    else:
        from marsad.distributed import BatchSettings, run_batch

        n = run_batch([path], target, Settings(), BatchSettings(workers=int(mode.split("-")[1]))).articles
    seconds = time.perf_counter() - started
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "n": n, "peak_mb": peak_rss_mb(), "workers_mb": workers_mb}))


def parity(ingest_db: Path, out_dir: Path, db: Path) -> str:
    """Load a batch output and compare it with the ingest store: duplicate pairs, story B-cubed, article rows."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "evals"))
    from bcubed import bcubed

    from marsad.distributed import load_tables
    from marsad.store import open_store

    a, b = open_store(str(ingest_db)), open_store(str(db))
    load_tables(out_dir, b)
    pairs = [{(r["article_id"], r["duplicate_of"]) for r in s.table_rows("duplicates")} for s in (a, b)]
    f1 = bcubed(a.article_story_ids(), b.article_story_ids())[2]
    ids = [r["id"] for r in a.table_rows("articles")]
    differ = sum(a.analysis(i) != b.analysis(i) for i in ids)
    return (f"parity vs ingest: {len(pairs[0])} duplicate pairs, same={pairs[0] == pairs[1]}; stories B-cubed F1 "
            f"{f1:.3f}; {differ} of {len(ids)} articles with other entity/quote/time rows")


def _run(mode: str, path: Path, target: Path) -> dict:
    """Run one configuration in a fresh subprocess; return its JSON line."""
    out = subprocess.run([sys.executable, "-m", "bench.bench_batch", mode, str(path), str(target)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> list[dict]:
    """Benchmark ingest (1 core) and batch with 1 and 2 workers on one sample; one row each."""
    size = QUICK_SIZE if quick else FULL_SIZE
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"snn-{size}.jsonl"
        write_jsonl(records()[:size], path)
        results = {mode: _run(mode, path, Path(tmp) / mode) for mode in ("ingest", "batch-1", "batch-2")}
        note = parity(Path(tmp) / "ingest", Path(tmp) / "batch-2", Path(tmp) / "loaded.db")
        for mode, res in results.items():
            speedup = results["batch-1"]["seconds"] / res["seconds"]
            rows.append({
                "task": "ingest, every stage (1 core)" if mode == "ingest" else f"batch, every stage, {mode[6:]} worker(s)",
                "system": "marsad" if mode == "ingest" else "marsad+dask", "n": res["n"], "seconds": res["seconds"],
                "rate": res["n"] / res["seconds"], "unit": "articles/s", "peak_mb": res["peak_mb"],
                "note": (f"{size} SaudiNewsNet articles; " + ("" if mode == "ingest" else
                         f"speed-up vs 1 worker x{speedup:.2f}; largest worker {res['workers_mb']:.0f} MB; ")
                         + (note if mode == "batch-2" else "")),
            })
    return rows


if __name__ == "__main__":
    child(*sys.argv[1:4])
