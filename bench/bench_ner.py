"""NER tagging throughput of the shipped CRF on one core (tokens/s) and peak memory, on the ANERcorp dev split.

``seconds`` is this process's CPU time (one core), because the development machine's two cores are shared; the
wall-clock time is in ``note``. Each setting is timed ``REPEATS`` times and the fastest run is reported (as
``timeit`` does: slower runs measure the neighbours' load, not the code). "Cold" runs start with every per-word
cache emptied (tagger scores, extractor features, ``normalize_word``), so every distinct word is computed anew.
"""

from __future__ import annotations

import resource
import time

from evals.ner import ANERCORP
from marsad.analysis.ner.resources import data_path
from marsad.analysis.ner.scoring import read_conll_file, split_dev
from marsad.analysis.ner.tagger import FIRST_PASS_FILE, MODEL_FILE, Tagger, default_extractor
from marsad.errors import MarsadError
from marsad.text.normalize import normalize_word

#: Sentences decoded per batch: about one news article (find_mentions batches an article's sentences).
ARTICLE_SENTENCES = 20
#: Timed runs per setting; the fastest is reported. Quick mode times the same 12k-token split once (~3 s in all):
#: a shorter sample has a higher share of new words and would not be comparable.
REPEATS = 3
QUICK_REPEATS = 1


def _peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_once(tagger: Tagger, sents: list[list[str]], cold: bool) -> tuple[float, float]:
    """Tag ``sents`` article by article; return (CPU seconds, wall seconds)."""
    if cold:
        tagger.clear_caches()
        normalize_word.cache_clear()
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(sents), ARTICLE_SENTENCES):
        tagger.tag_sentences(sents[i : i + ARTICLE_SENTENCES])
    return time.process_time() - c0, time.perf_counter() - t0


def run(quick: bool = False) -> list[dict]:
    """Time tagging of the dev split, first with empty per-word caches, then warm; one row each."""
    if not ANERCORP.exists():
        raise MarsadError(f"bench_ner: {ANERCORP} is missing; set MARSAD_SHARED to the shared data folder")
    sents = [[t for t, _ in s] for s in split_dev(read_conll_file(ANERCORP))[1]]
    repeats = QUICK_REPEATS if quick else REPEATS
    n = sum(map(len, sents))
    distinct = len({t for s in sents for t in s})
    rows: list[dict] = []
    tagger = Tagger(data_path(FIRST_PASS_FILE), default_extractor(), second_path=data_path(MODEL_FILE))
    tagger.tag(["warm", "up"])  # loads clusters and gazetteer outside the timing
    for label, cold in (("cold", True), ("warm", False)):
        secs, wall = min(_time_once(tagger, sents, cold) for _ in range(repeats))
        rows.append(
            {
                "task": "ner-tag",
                "system": "marsad",
                "n": n,
                "seconds": round(secs, 3),
                "rate": round(n / secs, 1),
                "unit": "tokens/s",
                "peak_mb": round(_peak_mb(), 1),
                "note": f"{tagger.version} (two passes), ANERcorp dev split ({distinct} distinct words),"
                f" per-word caches {label}, {ARTICLE_SENTENCES}-sentence batches; CPU time on one core"
                f" (wall {wall:.2f} s), best of {repeats}",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
