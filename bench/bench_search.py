"""Search latency and index size on the whole SaudiNewsNet corpus (31,030 articles), one core.

The corpus is ingested once with the analysis stages skipped (the search index is always built at ingest; entity
names then come from no registry, so name expansion is not exercised here), then 200 mixed queries run in turn:
the 40 judged queries, 80 single frequent title words, 80 title bigrams (seeded). Rows: index build (ingest
articles/s), index size beside the database, and p50 / p95 query latency with Marsad's default options.
"""

from __future__ import annotations

import random
import re
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import DATASET, records, write_jsonl

QUERIES = 200
SEED = 31


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


def _postgres_rows(lite, queries: list[str]) -> list[dict]:  # noqa: ANN001 - a marsad Store
    """The same archive copied into a throwaway PostgreSQL server, and the same queries timed there."""
    try:
        from tests.pgserver import PgServer

        server = PgServer().start()
    except Exception as exc:  # no server programs here
        return [{"task": "search-latency", "system": "marsad-postgresql", "note": f"skipped: {exc}"}]
    from marsad.store import open_store
    from marsad.store.copying import copy_store

    try:
        pg = open_store(server.create_database("bench"))
        started = time.perf_counter()
        report = copy_store(lite, pg)
        copy_s = time.perf_counter() - started
        size = pg.db.execute("SELECT pg_total_relation_size('search_index'), pg_database_size(current_database())").fetchone()
        times, empty = _timed(pg, queries)
        pg.close()
    finally:
        server.stop()
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return [
        {"task": "search-index", "system": "marsad-postgresql", "n": report.articles, "seconds": copy_s,
         "rate": report.articles / copy_s, "unit": "articles/s", "peak_mb": None,
         "note": f"marsad copy from SQLite, index rebuilt; index {size[0] / 2**20:.1f} MB of a {size[1] / 2**20:.1f} MB database"},
        {"task": "search-latency", "system": "marsad-postgresql", "n": len(queries), "seconds": sum(times),
         "rate": statistics.median(ms), "unit": "ms p50", "peak_mb": None,
         "note": f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms; {empty} queries with no hit; tsvector + GIN (ts_rank)"},
    ]


def run(quick: bool = False) -> list[dict]:
    """Ingest (index) the corpus, then time the queries; ``quick`` uses 2,000 articles and 50 queries."""
    from marsad.config import ANALYSIS_STAGES, AnalysisSettings, Settings
    from marsad.pipeline import ingest
    from marsad.store import open_store

    recs = records()[:2000] if quick else records()
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
        con = sqlite3.connect(db)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sizes = dict(con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"))
        con.close()
        index = sum(v for k, v in sizes.items() if k.startswith("search_index"))
        rest = sum(sizes.values()) - index
        store = open_store(db)
        queries = _queries(recs, 50 if quick else QUERIES)
        times, empty = _timed(store, queries)
        pg_rows = _postgres_rows(store, queries)
        store.close()
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return pg_rows + [
        {"task": "search-index", "system": "marsad", "n": report.stored, "seconds": build,
         "rate": report.stored / build, "unit": "articles/s", "peak_mb": None,
         "note": f"ingest with the index, analysis skipped; index {index / 2**20:.1f} MB beside "
                 f"{rest / 2**20:.1f} MB of other tables ({index / rest:.2f}x)"},
        {"task": "search-latency", "system": "marsad", "n": len(queries), "seconds": sum(times),
         "rate": statistics.median(ms), "unit": "ms p50", "peak_mb": None,
         "note": f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms; {empty} queries with no hit; SQLite FTS5 (bm25)"},
    ]
