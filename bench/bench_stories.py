"""Benchmark: near-duplicates and story clustering over SaudiNewsNet (3k, 10k, all 31,030 articles), with peers.

Rows (one core, articles in ``date_extracted`` order):

* ``dedup`` marsad ``DedupIndex.check_and_add`` vs datasketch ``MinHash`` + ``MinHashLSH`` (same word-5 shingles
  of the same normalized text, num_perm 128, threshold 0.5, both confirming candidates by exact Jaccard);
  ``dedup-recall`` rows give each system's LSH candidate recall of the pairs whose exact Jaccard >= 0.5
  (all pairs, found with a sparse shingle-incidence product).
* ``stories`` marsad ``cluster_documents`` at each size (growth), and the batch peer on the 3k set:
  scikit-learn TF-IDF (same terms) + average-linkage agglomerative clustering on cosine distance.
* ``stories-bcubed`` B-cubed F1 of both on ``evals/gold/stories.jsonl`` when present (as ``rate``).

``peak_mb``: tracemalloc peak for runs of <= 3,000 articles (separate traced pass); otherwise (and in quick
mode, which must stay under 30 s) the growth of resident memory over the run, i.e. the state it keeps.
"""

from __future__ import annotations

import gc
import resource
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.corpus import records
from marsad.analysis.dedup.index import DedupIndex, DedupSettings, shingle_hashes
from marsad.analysis.stories.stories import StoryDoc, StorySettings, cluster_documents
from marsad.analysis.stories.vectors import norm_words, terms

FULL_SIZES, QUICK_SIZES = (3000, 10000, 31030), (1000,)
PEER_MAX_N = 10000  # datasketch rows at sizes up to this (its pure-Python hashing dominates the bench time)
TRACE_MAX_N = 3000
GOLD = Path(__file__).resolve().parent.parent / "evals" / "gold" / "stories.jsonl"


def _row(task: str, system: str, n: int, seconds: float, peak_mb: float, note: str, rate: float | None = None,
         unit: str = "articles/s") -> dict[str, Any]:
    """Return one benchmark row."""
    return {"task": task, "system": system, "n": n, "seconds": round(seconds, 3),
            "rate": round(rate if rate is not None else (n / seconds if seconds else 0.0), 3), "unit": unit,
            "peak_mb": round(peak_mb, 1), "note": note}


def _rss_mb() -> float:
    """Return the current resident set size in MB (Linux /proc), else the process high-water mark."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(fn: Callable[[], Any], n: int, trace: bool = True) -> tuple[Any, float, float]:
    """Run ``fn`` timed; return (result, seconds, MB): traced peak for small ``n``, else RSS growth."""
    gc.collect()
    before = _rss_mb()
    t0 = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t0
    if trace and n <= TRACE_MAX_N:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    else:
        peak = max(0.0, _rss_mb() - before)
    return result, seconds, peak


def _corpus(n: int) -> list[dict]:
    """Return the first ``n`` SaudiNewsNet articles in extraction-time order, with ``norm`` (match.v1 words)."""
    recs = sorted(records(), key=lambda r: r["date_extracted"])[:n]
    return [{**r, "norm": " ".join(norm_words((r.get("title") or "") + "\n" + (r.get("content") or "")))}
            for r in recs]


def _marsad_dedup(arts: list[dict]) -> DedupIndex:
    """Index every article with ``DedupIndex``; return the index."""
    index = DedupIndex()
    for i, a in enumerate(arts):
        index.check_and_add(str(i), a["norm"], a["source"], a["date_extracted"])
    return index


def _datasketch_dedup(arts: list[dict]) -> list[Any]:
    """Query-then-insert every article in datasketch's MinHashLSH, confirming candidates by exact Jaccard."""
    from datasketch import MinHash, MinHashLSH

    settings = DedupSettings()
    lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
    sets: dict[str, set[bytes]] = {}
    hashes = []
    for i, a in enumerate(arts):
        toks = a["norm"].split()
        k = min(settings.shingle_size, len(toks))
        shingles = {" ".join(toks[j : j + k]).encode("utf-8") for j in range(len(toks) - k + 1)} if toks else set()
        m = MinHash(num_perm=settings.num_perm)
        m.update_batch(list(shingles))
        key = str(i)
        if shingles:
            for other in lsh.query(m):
                o = sets[other]
                _ = len(shingles & o) / len(shingles | o) >= settings.threshold
            lsh.insert(key, m)
        sets[key] = shingles
        hashes.append(m.hashvalues)
    hashes.append((lsh.b, lsh.r))
    return hashes


def _true_pairs(arts: list[dict], threshold: float) -> list[tuple[int, int]]:
    """Return every pair with exact shingle Jaccard >= threshold (sparse incidence product, no LSH)."""
    from scipy import sparse

    sets = [shingle_hashes(a["norm"]) for a in arts]
    vocab, inverse = np.unique(np.concatenate(sets), return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, inverse)), shape=(len(sets), len(vocab)))
    inter = sparse.triu(x @ x.T, k=1).tocoo()
    sizes = np.array([len(s) for s in sets])
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    keep = jac >= threshold
    return list(zip(inter.row[keep].tolist(), inter.col[keep].tolist()))


def _band_recall(pairs: list[tuple[int, int]], sigs: list[np.ndarray], bands: int, rows: int) -> float:
    """Share of ``pairs`` whose signatures agree on at least one whole LSH band."""
    if not pairs:
        return 1.0
    hit = 0
    for i, j in pairs:
        eq = (np.asarray(sigs[i])[: bands * rows] == np.asarray(sigs[j])[: bands * rows]).reshape(bands, rows)
        hit += bool(eq.all(axis=1).any())
    return hit / len(pairs)


def _docs(arts: list[dict]) -> list[StoryDoc]:
    """Return StoryDocs for corpus articles (date_extracted as publication time)."""
    return [StoryDoc(str(i), datetime.fromisoformat(a["date_extracted"]), a.get("title") or "",
                     a.get("content") or "", (), a["source"]) for i, a in enumerate(arts)]


def _sklearn_stories(titles: list[str], bodies: list[str], distance: float) -> list[int]:
    """Batch peer: TF-IDF (marsad terms, title x3) + average-linkage agglomerative clustering on cosine distance."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    texts = [(t + "\n") * 3 + b for t, b in zip(titles, bodies)]
    x = TfidfVectorizer(analyzer=terms, sublinear_tf=True, min_df=1).fit_transform(texts)
    dist = cosine_distances(x)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=distance)
    return model.fit_predict(dist).tolist()


def _bcubed_rows() -> list[dict]:
    """B-cubed F1 of marsad and the sklearn peer on the gold set (peer: best of a few distance thresholds)."""
    if not GOLD.is_file():
        return []
    from evals.bcubed import bcubed
    from evals.stories import load_gold, story_scores

    rows = load_gold()
    t0 = time.perf_counter()
    f1 = story_scores(rows)["story_bcubed_f1"]
    out = [_row("stories-bcubed", "marsad", len(rows), time.perf_counter() - t0, 0.0,
                "B-cubed F1 on evals/gold/stories.jsonl (rate column)", rate=f1, unit="F1")]
    gold = {r["id"]: r["story"] for r in rows}
    best = (0.0, 0.0, 0.0)
    for distance in (0.5, 0.6, 0.7, 0.8):
        t0 = time.perf_counter()
        labels = _sklearn_stories([r["title"] or "" for r in rows], [r["body"] or "" for r in rows], distance)
        seconds = time.perf_counter() - t0
        score = bcubed(gold, {r["id"]: str(lab) for r, lab in zip(rows, labels)})[2]
        best = max(best, (score, distance, seconds))
    out.append(_row("stories-bcubed", "sklearn-agglomerative", len(rows), best[2], 0.0,
                    f"B-cubed F1, best distance_threshold={best[1]} of 0.5-0.8 chosen on the gold itself",
                    rate=best[0], unit="F1"))
    return out


def run(quick: bool = False) -> list[dict]:
    """Run the dedup and story benchmarks; ``quick`` uses 1,000 articles and skips the full sizes."""
    sizes = QUICK_SIZES if quick else FULL_SIZES
    arts_all = _corpus(max(sizes))
    out: list[dict] = []
    settings = DedupSettings()
    for n in sizes:
        arts = arts_all[:n]
        index, sec, peak = _measure(lambda: _marsad_dedup(arts), n, not quick)
        n_dup = sum(1 for r in index.storage.records() if r.duplicate_of)
        out.append(_row("dedup", "marsad", n, sec, peak, f"{n_dup} duplicates, {len(index.groups())} groups"))
        if n <= PEER_MAX_N:
            ds, sec, peak = _measure(lambda: _datasketch_dedup(arts), n, not quick)
            out.append(_row("dedup", "datasketch", n, sec, peak, "MinHash+MinHashLSH t=0.5, same shingles + confirm"))
            pairs = _true_pairs(arts, settings.threshold)
            sigs = [r.signature for r in index.storage.records()]
            (b, r) = ds[-1]
            out.append(_row("dedup-recall", "marsad", len(pairs), 0.0, 0.0, "LSH candidate recall of J>=0.5 pairs",
                            rate=_band_recall(pairs, sigs, settings.bands, settings.rows), unit="recall"))
            out.append(_row("dedup-recall", "datasketch", len(pairs), 0.0, 0.0, f"LSH candidate recall, b={b} r={r}",
                            rate=_band_recall(pairs, ds[:-1], b, r), unit="recall"))
        docs = _docs(arts)
        assigned, sec, peak = _measure(lambda: cluster_documents(docs, StorySettings()), n, not quick)
        n_stories = len({a.story_id for a in assigned})
        n_chapters = sum(1 for a in assigned if a.chapter_of)
        out.append(_row("stories", "marsad", n, sec, peak, f"{n_stories} stories, {n_chapters} chapter links"))
        if n == min(sizes):
            _, sec, peak = _measure(
                lambda: _sklearn_stories([d.title for d in docs], [d.body for d in docs], 0.7), n, not quick
            )
            out.append(_row("stories", "sklearn-agglomerative", n, sec, peak, "TF-IDF + average linkage, batch"))
    out.extend(_bcubed_rows())
    return out


if __name__ == "__main__":
    for row in run(quick=True):
        print(row)
