"""NER tagging throughput of the shipped tagger (and each of its two models) on one core (tokens/s) and peak memory, on the ANERcorp dev split.

``seconds`` is this process's CPU time (one core), because the development machine's two cores are shared; the
wall-clock time is in ``note``. Each setting is timed ``REPEATS`` times and the fastest run is reported (as
``timeit`` does: slower runs measure the neighbours' load, not the code). "Cold" runs start with every per-word
cache emptied (tagger scores, extractor features, ``normalize_word``), so every distinct word is computed anew.
"""

from __future__ import annotations

import resource
import time

from evals.ner import ANERCORP
from marsad.analysis.entities.ner import EnsembleTagger, load_crf_tagger, load_tagger
from marsad.analysis.entities.ner.scoring import read_conll_file, split_dev
from marsad.analysis.entities.ner.neural import NeuralTagger
from marsad.analysis.entities.ner.tagger import Tagger
from marsad.errors import MarsadError
from marsad.text.normalize import normalize_word
from marsad.text.tokenize import sentences, tokens

#: Sentences decoded per batch: about one news article (find_mentions batches an article's sentences).
ARTICLE_SENTENCES = 20
#: News articles of the stream row (SaudiNewsNet, file order): a day's feed of one outlet group, enough for the
#: per-word caches to reach the hit rate of a running ingest (quick mode: a fifth).
STREAM_ARTICLES = 1000
#: Timed runs per setting; the fastest is reported. Quick mode times the same 12k-token split once (~3 s in all):
#: a shorter sample has a higher share of new words and would not be comparable.
REPEATS = 3
QUICK_REPEATS = 1


def _peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_once(tagger: Tagger | EnsembleTagger | NeuralTagger, sents: list[list[str]], cold: bool) -> tuple[float, float]:
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
    shipped = load_tagger()
    shipped.tag(["warm", "up"])  # loads clusters, gazetteer and both models outside the timing
    systems = (
        ("marsad", shipped, f"{shipped.version} ({shipped.crf.version} + {shipped.neural.version})"),
        ("marsad-crf-two-pass", load_crf_tagger(), "ner-crf.v2 alone (the tagger shipped before the ensemble)"),
        ("marsad-bilstm-only", shipped.neural, f"{shipped.neural.version} alone"),
    )
    for system, tagger, what in systems:
        for label, cold in (("cold", True), ("warm", False)):
            if system != "marsad" and not cold:
                continue
            secs, wall = min(_time_once(tagger, sents, cold) for _ in range(repeats))
            note = (
                f"{what}, ANERcorp dev split ({distinct} distinct words), per-word caches {label},"
                f" {ARTICLE_SENTENCES}-sentence batches; CPU time on one core (wall {wall:.2f} s), best of {repeats}"
            )
            rows.append(_row("ner-tag", system, n, secs, note))
    rows.append(_stream_row(shipped, quick))
    return rows


def _stream_row(tagger: EnsembleTagger, quick: bool) -> dict:
    """Time the shipped tagger over a stream of news articles from empty caches (what ``marsad ingest`` sees)."""
    from bench.corpus import records

    count = STREAM_ARTICLES // 5 if quick else STREAM_ARTICLES
    articles = [
        [[t.text for t in tokens(s.text)] for s in sentences(r.get("content") or "")] for r in records()[:count]
    ]
    n = sum(len(s) for art in articles for s in art)
    tagger.clear_caches()
    normalize_word.cache_clear()
    t0, c0 = time.perf_counter(), time.process_time()
    for art in articles:
        tagger.tag_sentences(art)
    secs, wall = time.process_time() - c0, time.perf_counter() - t0
    note = (
        f"{tagger.version}, first {count} SaudiNewsNet articles, one batch per article, caches empty at the start;"
        f" CPU time on one core (wall {wall:.2f} s), one run"
    )
    return _row("ner-tag-stream", "marsad", n, secs, note)


def _row(task: str, system: str, n: int, secs: float, note: str) -> dict:
    """Return one result row of the benchmark table (tokens/s)."""
    return {
        "task": task,
        "system": system,
        "n": n,
        "seconds": round(secs, 3),
        "rate": round(n / secs, 1),
        "unit": "tokens/s",
        "peak_mb": round(_peak_mb(), 1),
        "note": note,
    }

if __name__ == "__main__":
    for row in run():
        print(row)
