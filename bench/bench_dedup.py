"""Near-duplicate marking quality and speed against datasketch on the labelled pairs of ``evals/gold``.

The 1,345 articles of SaudiNewsNet 2015-08-04 are indexed by each system; every labelled pair
(``evals/gold/dedup_pairs.jsonl``, positive = ``dup``) is then marked or not, and precision / recall come from the
labels. Systems, on the same ``match.v1`` words:

* marsad ``DedupIndex`` (default settings: MinHash LSH + anchors, confirmed by Jaccard or 3-shingle containment);
* datasketch ``MinHashLSH`` on word-5-shingles (128 permutations) at several Jaccard thresholds: a pair is marked
  when either article's query returns the other (datasketch's own decision);
* datasketch ``MinHashLSHEnsemble`` on word-3-shingles (containment of the query in an indexed set) at several
  containment thresholds, queried both ways.

Each row's rate is articles/s for indexing and querying the day; the note gives P / R / F1 on the pairs.
"""

from __future__ import annotations

import time
from typing import Any

from evals.dedup import day_texts, index_day, linked, load_gold
from marsad.analysis.dedup.index import DedupSettings
from marsad.text.tokenize import words

DAY = "2015-08-04"
NUM_PERM = 128


def _texts() -> list[str]:
    """The day's articles as normalized title and body, in corpus order (outside every timing)."""
    return day_texts(DAY)


def _shingles(toks: list[str], k: int) -> set[bytes]:
    """The ``k``-word shingles of a word list (the whole list when shorter)."""
    k = min(k, len(toks))
    return {" ".join(toks[i : i + k]).encode("utf-8") for i in range(len(toks) - k + 1)} if toks else set()


def _prf(marked: dict[str, bool], gold: list[dict]) -> tuple[float, float, float]:
    """Precision, recall and F1 of marked pairs against the labels."""
    tp = sum(1 for p in gold if marked[p["pair"]] and p["label"] == "dup")
    fp = sum(1 for p in gold if marked[p["pair"]] and p["label"] != "dup")
    fn = sum(1 for p in gold if not marked[p["pair"]] and p["label"] == "dup")
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def _row(system: str, n: int, seconds: float, prf: tuple[float, float, float], note: str) -> dict[str, Any]:
    """One table row: speed as articles/s, quality in the note."""
    p, r, f = prf
    return {"task": "dedup-pairs", "system": system, "n": n, "seconds": seconds, "rate": n / seconds if seconds else None,
            "unit": "articles/s", "peak_mb": None, "note": f"P {p:.3f} R {r:.3f} F1 {f:.3f}; {note}"}


def _idx(ref: str) -> int:
    """The corpus index of a ``DAY#INDEX`` reference."""
    return int(ref.split("#")[1])


def _marsad(texts: list[str], gold: list[dict]) -> dict[str, Any]:
    """Index the day with ``DedupIndex`` exactly as ``evals/dedup.py`` does, and mark the labelled pairs."""
    t0 = time.perf_counter()
    index = index_day(DAY, DedupSettings(), texts)
    seconds = time.perf_counter() - t0
    marked = {p["pair"]: linked(index, p["a"], p["b"]) for p in gold}
    return _row("marsad", len(texts), seconds, _prf(marked, gold), "LSH + anchors; Jaccard>=0.5 or containment3>=0.37")


def _minhashes(sets: list[set[bytes]]) -> list[Any]:
    """datasketch MinHash of every shingle set."""
    from datasketch import MinHash

    out = []
    for s in sets:
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(list(s))
        out.append(m)
    return out


def _datasketch_lsh(texts: list[str], gold: list[dict], threshold: float) -> dict[str, Any]:
    """datasketch MinHashLSH at a Jaccard threshold: insert the day, query the labelled pairs' articles."""
    from datasketch import MinHashLSH

    t0 = time.perf_counter()
    mh = _minhashes([_shingles(words(t), 5) for t in texts])
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    found: dict[int, set[int]] = {}
    for i, m in enumerate(mh):
        found[i] = set(lsh.query(m))
        lsh.insert(i, m)
    seconds = time.perf_counter() - t0
    marked = {p["pair"]: _idx(p["a"]) in found[_idx(p["b"])] or _idx(p["b"]) in found[_idx(p["a"])] for p in gold}
    return _row("datasketch-lsh", len(texts), seconds, _prf(marked, gold), f"MinHashLSH word5 t={threshold}")


def _datasketch_ensemble(texts: list[str], gold: list[dict], threshold: float) -> dict[str, Any]:
    """datasketch MinHashLSHEnsemble at a containment threshold, queried both ways."""
    from datasketch import MinHashLSHEnsemble

    t0 = time.perf_counter()
    sets = [_shingles(words(t), 3) for t in texts]
    mh = _minhashes(sets)
    ens = MinHashLSHEnsemble(threshold=threshold, num_perm=NUM_PERM, num_part=16)
    ens.index((i, m, max(1, len(s))) for i, (m, s) in enumerate(zip(mh, sets)))
    found = {i: set(ens.query(m, max(1, len(s)))) for i, (m, s) in enumerate(zip(mh, sets))}
    seconds = time.perf_counter() - t0
    marked = {p["pair"]: _idx(p["a"]) in found[_idx(p["b"])] or _idx(p["b"]) in found[_idx(p["a"])] for p in gold}
    return _row("datasketch-ensemble", len(texts), seconds, _prf(marked, gold),
                f"MinHashLSHEnsemble word3 containment t={threshold}")


def run(quick: bool = False) -> list[dict]:
    """Marsad and datasketch on the labelled pairs; ``quick`` runs one threshold of each peer."""
    gold = load_gold()
    texts = _texts()
    out = [_marsad(texts, gold)]
    for t in (0.5,) if quick else (0.1, 0.2, 0.3, 0.5):
        out.append(_datasketch_lsh(texts, gold, t))
    for t in (0.4,) if quick else (0.3, 0.4, 0.5, 0.7):
        out.append(_datasketch_ensemble(texts, gold, t))
    return out
