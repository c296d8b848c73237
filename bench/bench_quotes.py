"""Quote attribution throughput on one core (articles/s and characters/s) over SaudiNewsNet articles.

Reads the 2015-08-06..2015-08-11 daily zips from the shared data folder (``MARSAD_SHARED`` overrides its
location); the issue's target is >= 600 articles/s for quotes alone. ``seconds`` is this process's CPU time
(one core), because the development machine's two cores are shared; the wall-clock time is in ``note``.
"""

from __future__ import annotations

import json
import os
import resource
import time
import zipfile
from pathlib import Path

from marsad.analysis.quotes.quotes import QUOTES_VERSION, extract_quotes
from marsad.errors import MarsadError

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
DATASET = SHARED / "data" / "saudinewsnet" / "dataset"
DAYS = ("2015-08-06", "2015-08-07", "2015-08-08", "2015-08-09", "2015-08-10", "2015-08-11")
#: Articles timed in full mode (~2,000, per the issue) and in quick mode (< 30 s budget, typically ~1 s).
FULL_ARTICLES = 2000
QUICK_ARTICLES = 300
#: "qala masdar inna al-amr wadih" ("a source said the matter is clear"), run once before timing.
WARM_UP = "\u0642\u0627\u0644 \u0645\u0635\u062f\u0631 \u0625\u0646 \u0627\u0644\u0623\u0645\u0631 \u0648\u0627\u0636\u062d"


def _peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_articles(limit: int) -> list[tuple[str, str]]:
    """Return up to ``limit`` (title, body) pairs with a non-empty body, in file order."""
    out: list[tuple[str, str]] = []
    for day in DAYS:
        path = DATASET / f"{day}.zip"
        if not path.exists():
            raise MarsadError(f"bench_quotes: {path} is missing; set MARSAD_SHARED to the shared data folder")
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    if art.get("content"):
                        out.append((art.get("title") or "", art["content"]))
                        if len(out) >= limit:
                            return out
    return out


def run(quick: bool = False) -> list[dict]:
    """Time ``extract_quotes`` on title and body of each article; one row."""
    arts = load_articles(QUICK_ARTICLES if quick else FULL_ARTICLES)
    extract_quotes(WARM_UP, "body")  # loads the lexicons outside the timing
    n_chars = sum(len(t) + len(b) for t, b in arts)
    n_quotes = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for title, body in arts:
        n_quotes += len(extract_quotes(title, "title")) + len(extract_quotes(body, "body"))
    secs, wall = time.process_time() - c0, time.perf_counter() - t0
    return [
        {
            "task": "quotes",
            "system": "marsad",
            "n": len(arts),
            "seconds": round(secs, 3),
            "rate": round(len(arts) / secs, 1),
            "unit": "articles/s",
            "peak_mb": round(_peak_mb(), 1),
            "note": f"{QUOTES_VERSION}; {n_quotes} quotes; {n_chars / secs / 1e6:.2f} M chars/s; CPU time on one core"
            f" (wall {wall:.2f} s); titles and bodies, no mentions",
        }
    ]


if __name__ == "__main__":
    for row in run(quick=False):
        print(row)
