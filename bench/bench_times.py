"""Benchmark: articles/s of ``extract_times`` on SaudiNewsNet, with dateparser's ``search_dates`` as the peer."""

from __future__ import annotations

import datetime as dt
import json
import time
import tracemalloc
import zipfile
from pathlib import Path

from marsad.analysis.times.times import extract_times

DATASET = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet" / "dataset"
DAYS = ("2015-08-06", "2015-08-07", "2015-08-08", "2015-08-09", "2015-08-10", "2015-08-11")
FULL_N, QUICK_N = 2000, 300
PEAK_N = 100  # articles traced for peak memory
PEER_FULL_N, PEER_QUICK_N = 20, 5  # dateparser takes ~0.1-2 s per article: a small subset is enough


def load_articles(n: int) -> list[dict]:
    """Return ``n`` non-empty SaudiNewsNet articles from 2015-08-06..11, or raise naming the missing data."""
    if not DATASET.is_dir():
        raise FileNotFoundError(f"{DATASET}: SaudiNewsNet not found; the benchmark needs ../shared beside the checkout")
    out: list[dict] = []
    for day in DAYS:
        with zipfile.ZipFile(DATASET / f"{day}.zip") as zf:
            for name in zf.namelist():
                out.extend(a for a in json.loads(zf.read(name)) if a.get("content"))
        if len(out) >= n:
            break
    return out[:n]


def _row(task: str, system: str, n: int, seconds: float, peak: int, note: str) -> dict:
    """Return one benchmark row."""
    return {
        "task": task,
        "system": system,
        "n": n,
        "seconds": round(seconds, 4),
        "rate": round(n / seconds, 2) if seconds else 0.0,
        "unit": "articles/s",
        "peak_mb": round(peak / 2**20, 2),
        "note": note,
    }


def _extract_all(articles: list[dict]) -> int:
    """Run ``extract_times`` on title and body of each article; return the number of expressions."""
    found = 0
    for a in articles:
        pub = dt.date.fromisoformat(a["date_extracted"][:10])
        found += len(extract_times(a.get("title") or "", "title", pub))
        found += len(extract_times(a["content"], "body", pub))
    return found


def _marsad(articles: list[dict]) -> dict:
    """Time ``extract_times`` over title and body of each article."""
    extract_times("\u0623\u0645\u0633", "body", dt.date(2015, 8, 6))  # warm the lexicon and grammar caches
    t0 = time.perf_counter()
    found = _extract_all(articles)
    seconds = time.perf_counter() - t0
    tracemalloc.start()  # peak memory on a separate pass: tracing slows the timed loop several-fold
    _extract_all(articles[:PEAK_N])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return _row("times", "marsad", len(articles), seconds, peak, f"{found} expressions, title+body, one core")


def _dateparser(articles: list[dict]) -> dict:
    """Time dateparser's ``search_dates(text, languages=['ar'])`` on the bodies."""
    from dateparser.search import search_dates

    search_dates("\u0623\u0645\u0633", languages=["ar"])  # warm its language data
    tracemalloc.start()
    t0 = time.perf_counter()
    found = 0
    for a in articles:
        pub = dt.datetime.fromisoformat(a["date_extracted"])
        found += len(search_dates(a["content"], languages=["ar"], settings={"RELATIVE_BASE": pub}) or [])
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return _row("times", "dateparser", len(articles), seconds, peak, f"{found} dates, body only, search_dates")


def run(quick: bool = False) -> list[dict]:
    """Return the marsad row over 2,000 articles (quick: 300) and the dateparser row over a small subset."""
    articles = load_articles(QUICK_N if quick else FULL_N)
    peer = articles[: PEER_QUICK_N if quick else PEER_FULL_N]
    return [_marsad(articles), _dateparser(peer)]


if __name__ == "__main__":
    for row in run(quick=True):
        print(row)
