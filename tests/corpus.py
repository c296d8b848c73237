"""Generated SaudiNewsNet-like corpora for the fault and memory tests: the bundled sample's sentences recombined.

Always available (the sample ships in the repository), seeded, and each generated article distinct, with its own
URL, so an ingest stores every one of them.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "saudinewsnet" / "sample.json"

_SENTENCE_END = re.compile(r"(?<=[.!\u061f])\s+|\n+")


@lru_cache(maxsize=1)
def _sample() -> tuple[list[dict], list[str]]:
    """The bundled SaudiNewsNet records and their sentences of four words or more."""
    rows = json.loads(SAMPLE.read_text("utf-8"))
    sentences = [s.strip() for r in rows for s in _SENTENCE_END.split(r["content"]) if len(s.split()) >= 4]
    return rows, sentences


def saudi_like_articles(n: int, seed: int = 0, sentences: tuple[int, int] = (6, 14)) -> Iterator[dict]:
    """``n`` SaudiNewsNet records (fields as the corpus has them): a sample record's outlet, date and title over a
    body of ``sentences`` (min, max) sentences drawn from the whole sample, with a distinct URL and id."""
    rows, pool = _sample()
    rng = random.Random(seed)
    for i in range(n):
        row = rows[rng.randrange(len(rows))]
        body = "\n".join(rng.sample(pool, rng.randint(*sentences)))
        yield {"id": f"gen-{seed}-{i}", "source": row["source"], "url": f"https://example.org/{seed}/{i}",
               "date_extracted": row["date_extracted"], "title": row["title"], "author": row["author"],
               "content": f"{body}\n\u0631\u0642\u0645 {i}"}  # "number i": no two bodies alike


def write_jsonl(path: Path, records: Iterator[dict]) -> int:
    """Write ``records`` as JSON Lines (UTF-8, Arabic unescaped); return the bytes written."""
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path.stat().st_size
