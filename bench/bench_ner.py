"""NER tagging throughput of the shipped CRF on one core (tokens/s) and peak memory, on the ANERcorp dev split."""

from __future__ import annotations

import resource
import time

from evals.ner import ANERCORP
from marsad.analysis.ner.scoring import read_conll_file, split_dev
from marsad.analysis.ner.resources import data_path
from marsad.analysis.ner.tagger import FIRST_PASS_FILE, MODEL_FILE, Tagger, default_extractor
from marsad.errors import MarsadError

#: Sentences tagged in quick mode (about 4k tokens: well under the 30 s quick budget).
QUICK_SENTENCES = 120
#: Sentences decoded per batch: about one news article (find_mentions batches an article's sentences).
ARTICLE_SENTENCES = 20


def _peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(quick: bool = False) -> list[dict]:
    """Time tagging of the dev split with a fresh tagger, first with empty per-word caches, then warm."""
    if not ANERCORP.exists():
        raise MarsadError(f"bench_ner: {ANERCORP} is missing; set MARSAD_SHARED to the shared data folder")
    sents = [[t for t, _ in s] for s in split_dev(read_conll_file(ANERCORP))[1]]
    if quick:
        sents = sents[:QUICK_SENTENCES]
    n = sum(map(len, sents))
    rows: list[dict] = []
    tagger = Tagger(data_path(FIRST_PASS_FILE), default_extractor(), second_path=data_path(MODEL_FILE))
    tagger.tag(["warm", "up"])  # loads clusters and gazetteer outside the timing
    for label in ("cold cache", "warm cache"):
        t0 = time.perf_counter()
        for i in range(0, len(sents), ARTICLE_SENTENCES):
            tagger.tag_sentences(sents[i : i + ARTICLE_SENTENCES])
        secs = time.perf_counter() - t0
        rows.append(
            {
                "task": "ner-tag",
                "system": "marsad",
                "n": n,
                "seconds": round(secs, 3),
                "rate": round(n / secs, 1),
                "unit": "tokens/s",
                "peak_mb": round(_peak_mb(), 1),
                "note": f"{tagger.version} (two passes), ANERcorp dev split, one core, feature cache {label}",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
