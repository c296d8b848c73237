"""Per-article analysis throughput on one core: quotes + times together (issue 4 target >= 300 articles/s),
and the whole annotator (NER + entity resolution + quotes + times) as used by ``marsad ingest``.

``seconds`` is CPU time of this process (the machine's cores are shared); wall time is in ``note``.
"""

from __future__ import annotations

import resource
import time

from bench.bench_quotes import load_articles
from marsad.analysis.annotate import AnnotateSettings, Annotator

FULL_ARTICLES = 2000
QUICK_ARTICLES = 200


def _time(annotator: Annotator, arts: list[tuple[str, str]]) -> tuple[float, float]:
    """CPU and wall seconds to annotate every article."""
    annotator.annotate("\u0642\u0627\u0644 \u0628\u0648\u062a\u064a\u0646", "\u0642\u0627\u0644 \u0628\u0648\u062a\u064a\u0646 \u0623\u0645\u0633 \u0625\u0646", "2015-08-06")
    t0, c0 = time.perf_counter(), time.process_time()
    for title, body in arts:
        annotator.annotate(title, body, "2015-08-06")
    return time.process_time() - c0, time.perf_counter() - t0


def run(quick: bool = False) -> list[dict]:
    """One row for quotes+times, one for the full annotator."""
    arts = load_articles(QUICK_ARTICLES if quick else FULL_ARTICLES)
    rows = []
    for task, settings in (
        ("quotes+times", AnnotateSettings(entities=False)),
        ("ner+resolve+quotes+times", AnnotateSettings()),
    ):
        cpu, wall = _time(Annotator(settings=settings), arts)
        rows.append({
            "task": task, "system": "marsad", "n": len(arts), "seconds": cpu, "rate": len(arts) / cpu,
            "unit": "articles/s", "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "note": f"wall {wall:.1f} s",
        })
    return rows
