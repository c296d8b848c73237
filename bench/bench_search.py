"""Search latency and index size on the whole SaudiNewsNet corpus (31,030 articles), one core.

Two archives: the one the default ``marsad ingest`` builds (every stage on, so queries naming entities expand to
their spellings; built once and kept, see ``default_archive``), and one built with the analysis stages skipped
(the index alone: its build speed). Each is searched on SQLite and, copied, on a throwaway PostgreSQL server, with
200 mixed queries in turn: the 40 judged queries, 80 single frequent title words, 80 title bigrams (seeded).
Rows: index build (articles/s), index size beside the rest of the database, p50 / p95 query latency.
"""

from __future__ import annotations

import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import DATASET, records, write_jsonl

QUERIES = 200
SEED = 31
#: Where the archive of the default command is kept between runs (git-ignored).
CACHE = Path(__file__).resolve().parent / ".cache"


def _queries(recs: tuple[dict, ...], n: int) -> list[str]:
    """The judged queries plus frequent title words and bigrams, ``n`` in all (seeded)."""
    from evals.search import load_queries

    judged = [q for _, _, q in load_queries()]
    rng = random.Random(SEED)
    titles = [r.get("title") or "" for r in rng.sample(list(recs), 2000)]
    words = [w for t in titles for w in re.findall(r"[\u0621-\u064a]{4,}", t)]
    singles = [rng.choice(words) for _ in range((n - len(judged)) // 2)]
    pairs = []
    while len(pairs) < n - len(judged) - len(singles):
        t = re.findall(r"[\u0621-\u064a]{3,}", rng.choice(titles))
        if len(t) >= 2:
            i = rng.randrange(len(t) - 1)
            pairs.append(f"{t[i]} {t[i + 1]}")
    return judged + singles + pairs


def _timed(store, queries: list[str]) -> tuple[list[float], int]:  # noqa: ANN001 - a marsad Store
    """Seconds per query (after one warm-up query) and how many queries found nothing."""
    from marsad.retrieval import SearchOptions, search

    search(store, queries[0], SearchOptions())  # warm-up: module imports and name tables load once per process
    times, empty = [], 0
    for q in queries:
        t0 = time.perf_counter()
        empty += not search(store, q, SearchOptions())
        times.append(time.perf_counter() - t0)
    return times, empty


def _latency_row(system: str, archive: str, times: list[float], empty: int, how: str) -> dict:
    """One latency row: p50 as the rate, p95 and max in the note."""
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"task": f"search-latency ({archive})", "system": system, "n": len(times), "seconds": sum(times),
            "rate": statistics.median(ms), "unit": "ms p50", "peak_mb": None,
            "note": f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms; {empty} queries with no hit; {how}"}


def _sqlite_sizes(db: Path) -> tuple[int, int]:
    """(search index bytes, other bytes) of a SQLite archive."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sizes = dict(con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
    con.close()
    index = sum(v for k, v in sizes.items() if k.startswith("search_index"))
    return index, sum(sizes.values()) - index


def _postgres_rows(lite, queries: list[str], archive: str) -> list[dict]:  # noqa: ANN001 - a marsad Store
    """The same archive copied into a throwaway PostgreSQL server, and the same queries timed there."""
    try:
        from tests.pgserver import PgServer

        server = PgServer().start()
    except Exception as exc:  # no server programs here
        return [{"task": f"search-latency ({archive})", "system": "marsad-postgresql", "note": f"skipped: {exc}"}]
    from marsad.store import open_store
    from marsad.store.copying import copy_store

    try:
        pg = open_store(server.create_database("bench"))
        started = time.perf_counter()
        report = copy_store(lite, pg)
        copy_s = time.perf_counter() - started
        pg.db.execute("VACUUM ANALYZE")
        index, total = pg.db.execute(
            "SELECT pg_total_relation_size('search_index'), pg_database_size(current_database())").fetchone()
        times, empty = _timed(pg, queries)
        pg.close()
    finally:
        server.stop()
    rest = total - index
    return [
        {"task": f"search-index ({archive})", "system": "marsad-postgresql", "n": report.articles, "seconds": copy_s,
         "rate": report.articles / copy_s, "unit": "articles/s", "peak_mb": None,
         "note": f"marsad copy from SQLite, index rebuilt; index {index / 2**20:.1f} MB beside {rest / 2**20:.1f} MB of "
                 f"the rest ({index / rest:.2f}x)"},
        _latency_row("marsad-postgresql", archive, times, empty, "one tsvector + GIN, best 300 by title ranked (ts_rank)"),
    ]


def default_archive(recs: tuple[dict, ...], quick: bool) -> Path:
    """The archive ``marsad ingest`` builds by default (every stage) from the corpus, built once and kept.

    Kept under ``bench/.cache`` per package version and corpus size (31k articles take ~35 min on 2 cores);
    ``MARSAD_BENCH_ARCHIVE`` names one built elsewhere with the default command.
    """
    import os

    if os.environ.get("MARSAD_BENCH_ARCHIVE") and not quick:
        return Path(os.environ["MARSAD_BENCH_ARCHIVE"])
    path = archive_path(len(recs))
    if not path.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.db")
        partial.unlink(missing_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "corpus.jsonl"
            if quick:
                write_jsonl(recs, source)
            # a process of its own, so its peak memory is the default command's alone (bench_ingest's growth rows)
            out = subprocess.run(
                [sys.executable, "-m", "bench.bench_ingest", "--growth", str(source if quick else DATASET), str(partial)],
                capture_output=True, text=True, check=True,
            )
        path.with_suffix(".growth.json").write_text(out.stdout.strip().splitlines()[-1] + "\n", encoding="utf-8")
        partial.rename(path)
    return path


def archive_path(n: int) -> Path:
    """Where the every-stage archive of the first ``n`` corpus articles is kept (per package version)."""
    from marsad import __version__

    return CACHE / f"saudinewsnet-{n}-all-stages-{__version__}.db"


def run(quick: bool = False) -> list[dict]:
    """Time the queries on the archive of the default command (every stage) and on an index-only archive.

    ``quick``: 2,000 articles and 50 queries.
    """
    from marsad.config import ANALYSIS_STAGES, AnalysisSettings, Settings
    from marsad.pipeline import ingest
    from marsad.store import open_store

    recs = records()[:2000] if quick else records()
    queries = _queries(recs, 50 if quick else QUERIES)
    rows: list[dict] = []
    archive = default_archive(recs, quick)
    store = open_store(archive)
    times, empty = _timed(store, queries)
    rows += _postgres_rows(store, queries, "every stage")
    store.close()
    index, rest = _sqlite_sizes(archive)
    rows += [
        {"task": "search-index (every stage)", "system": "marsad", "n": len(recs), "seconds": None, "rate": None,
         "unit": None, "peak_mb": None, "note": f"the default ingest's archive; index {index / 2**20:.1f} MB beside "
                                                f"{rest / 2**20:.1f} MB of the rest ({index / rest:.2f}x)"},
        _latency_row("marsad", "every stage", times, empty, "SQLite FTS5 (bm25), entity names expanded"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        if quick:
            path = Path(tmp) / "corpus.jsonl"
            write_jsonl(recs, path)
        else:  # the daily zips as distributed (one JSONL of 31k articles is over the 64 MiB input limit)
            path = DATASET
        db = Path(tmp) / "search.db"
        store = open_store(db)
        started = time.perf_counter()
        report = ingest([str(path)], store, Settings(analysis=AnalysisSettings(**{s: False for s in ANALYSIS_STAGES})))
        build = time.perf_counter() - started
        store.close()
        if not report.stored:
            raise RuntimeError(f"nothing was ingested from {path}: {report.rejected[:3]}")
        index, rest = _sqlite_sizes(db)
        store = open_store(db)
        times, empty = _timed(store, queries)
        rows += _postgres_rows(store, queries, "analysis skipped")
        store.close()
    return rows + [
        {"task": "search-index (analysis skipped)", "system": "marsad", "n": report.stored, "seconds": build,
         "rate": report.stored / build, "unit": "articles/s", "peak_mb": None,
         "note": f"ingest with the index, analysis skipped; index {index / 2**20:.1f} MB beside "
                 f"{rest / 2**20:.1f} MB of other tables ({index / rest:.2f}x)"},
        _latency_row("marsad", "analysis skipped", times, empty, "SQLite FTS5 (bm25), no entities to expand"),
    ]
