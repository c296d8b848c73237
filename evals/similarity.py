"""Article similarity (``marsad similarity --pairs``) against hand-graded pairs, beside a stemmed TF-IDF baseline.

Gold: ``evals/gold/similarity_dev.jsonl`` (issue #19): 220 pairs from SaudiNewsNet 2015-08-04 (10 outlets) and ANT
v2.1 (5 outlets), graded by reading on the SemEval-2022 Task 8 "Overall" scale, 1 = very similar (same event) ..
4 = very dissimilar, half points allowed; labelled without consulting the system (see ``evals/gold/README.md``).
Each line's ``a`` / ``b`` objects are fed unchanged through ``score_pairs``, the code behind the CLI.

Metrics (Pearson is unchanged by the affine map, so correlating with ``5 - overall`` equals correlating with
``-overall``):

* ``similarity_dev_pearson``: Marsad's score against ``5 - overall`` (floored);
* ``similarity_dev_pearson_tfidf``: the baseline in the same run: cosine of TF-IDF vectors over Marsad's own
  ``normalize`` + ``light_stem`` tokens of title and text (title once, no stopword list, sublinear tf), IDF fitted on
  the dev-set articles only;
* ``similarity_dev_pearson_tune`` / ``_check``: Pearson on each half of the pairs (the parity of the SHA-1 of the
  pair id, as ``evals/times.py`` ``dev_half``). Every weight and threshold of the similarity score is chosen on the
  tune half only; the check half is the figure no choice saw (both floored);
* ``similarity_dev_spearman`` and ``_snn`` / ``_ant`` Pearson splits, for reading, not floored;
* ``similarity_dev_ms_per_pair``: wall milliseconds per pair through ``score_pairs`` (JSON in, JSON out, one warm-up
  pair first so resource loading is not counted), on whatever machine runs the eval.

``python -m evals.similarity --worst 10`` also prints the pairs where Marsad's score and the label disagree most, from
the tune half only unless ``--half check`` or ``--half all`` is given (reading check pairs spends the check half).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import time
from collections import Counter
from pathlib import Path

from marsad.analysis.stories.similarity import score_pairs
from marsad.errors import MarsadError
from marsad.text.normalize import normalize
from marsad.text.stem import light_stem
from marsad.text.tokenize import words

GOLD = Path(__file__).parent / "gold" / "similarity_dev.jsonl"


def load_gold(path: Path = GOLD) -> list[dict]:
    """Return the graded pairs, or raise naming the missing file."""
    if not path.is_file():
        raise MarsadError(f"{path} not found: restore evals/gold/similarity_dev.jsonl from the repository")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation of two equal-length sequences (0.0 when either is constant)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def _ranks(xs: list[float]) -> list[float]:
    """Average ranks (ties share the mean rank)."""
    order = sorted(range(len(xs)), key=xs.__getitem__)
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman rank correlation."""
    return pearson(_ranks(xs), _ranks(ys))


def marsad_scores(pairs: list[dict]) -> tuple[list[float], float]:
    """Marsad's score per pair through ``score_pairs`` and the milliseconds per pair (after one warm-up pair)."""
    lines = [json.dumps({"id": p["id"], "a": p["a"], "b": p["b"]}, ensure_ascii=False) for p in pairs]
    list(score_pairs(lines[:1]))  # load the IDF table, stopwords and caches outside the timed run
    started = time.perf_counter()
    out = {json.loads(line)["id"]: json.loads(line)["score"] for line in score_pairs(lines)}
    ms = (time.perf_counter() - started) * 1000 / len(lines)
    return [out[p["id"]] for p in pairs], ms


def stem_tokens(text: str) -> list[str]:
    """Baseline tokens: Marsad's ``normalize`` then ``light_stem`` of every word (no stopword list)."""
    return [light_stem(w) for w in words(normalize(text))]


def tfidf_scores(pairs: list[dict]) -> list[float]:
    """Baseline: cosine of sublinear-tf x IDF vectors, IDF fitted on the dev-set articles only."""
    docs: dict[str, Counter] = {}
    for p in pairs:
        for side in (p["a"], p["b"]):
            if side["id"] not in docs:
                docs[side["id"]] = Counter(stem_tokens(f"{side.get('title', '')}\n{side.get('text', '')}"))
    n = len(docs)
    df = Counter(t for counts in docs.values() for t in counts)
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}

    def vector(doc_id: str) -> dict[str, float]:
        vec = {t: (1 + math.log(c)) * idf[t] for t, c in docs[doc_id].items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    vectors = {doc_id: vector(doc_id) for doc_id in docs}
    out = []
    for p in pairs:
        va, vb = vectors[p["a"]["id"]], vectors[p["b"]["id"]]
        if len(va) > len(vb):
            va, vb = vb, va
        out.append(sum(v * vb.get(t, 0.0) for t, v in va.items()))
    return out


def dev_half(pair: dict) -> str:
    """``tune`` or ``check``: which half of the dev pairs a pair is in (the parity of its id's SHA-1)."""
    return "tune" if int(hashlib.sha1(str(pair["id"]).encode("utf-8")).hexdigest(), 16) % 2 == 0 else "check"


def evaluate(pairs: list[dict]) -> tuple[dict[str, float], list[float], list[float]]:
    """Return the metrics and the per-pair Marsad and baseline scores."""
    gold = [5.0 - p["overall"] for p in pairs]
    ours, ms = marsad_scores(pairs)
    base = tfidf_scores(pairs)
    metrics = {
        "similarity_dev_pearson": pearson(ours, gold),
        "similarity_dev_pearson_tfidf": pearson(base, gold),
        "similarity_dev_spearman": spearman(ours, gold),
        "similarity_dev_spearman_tfidf": spearman(base, gold),
    }
    for half in ("tune", "check"):
        idx = [i for i, p in enumerate(pairs) if dev_half(p) == half]
        metrics[f"similarity_dev_pearson_{half}"] = pearson([ours[i] for i in idx], [gold[i] for i in idx])
        metrics[f"similarity_dev_pearson_tfidf_{half}"] = pearson([base[i] for i in idx], [gold[i] for i in idx])
    for pool in ("snn", "ant"):
        idx = [i for i, p in enumerate(pairs) if p["a"]["id"].startswith(pool)]
        if len(idx) > 2:
            metrics[f"similarity_dev_pearson_{pool}"] = pearson([ours[i] for i in idx], [gold[i] for i in idx])
    metrics["similarity_dev_ms_per_pair"] = ms
    return metrics, ours, base


def run() -> dict[str, float]:
    """Metrics for ``evals.run``."""
    return evaluate(load_gold())[0]


def worst(pairs: list[dict], ours: list[float], k: int) -> list[tuple[float, dict, float]]:
    """The ``k`` pairs whose rank by Marsad's score is furthest from their rank by label (ties share ranks)."""
    rs, rg = _ranks(ours), _ranks([5.0 - p["overall"] for p in pairs])
    rows = [(abs(a - b), p, s) for a, b, p, s in zip(rs, rg, pairs, ours)]
    return sorted(rows, key=lambda r: -r[0])[:k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worst", type=int, default=0, help="also list the N largest disagreements")
    parser.add_argument("--half", choices=("tune", "check", "all"), default="tune", help="which pairs --worst lists")
    args = parser.parse_args(argv)
    pairs = load_gold()
    metrics, ours, _ = evaluate(pairs)
    for name, value in metrics.items():
        print(f"{name:<34} {value:8.4f}")
    keep = [i for i, p in enumerate(pairs) if args.half == "all" or dev_half(p) == args.half]
    for gap, p, s in worst([pairs[i] for i in keep], [ours[i] for i in keep], args.worst):
        print(f"{p['id']}  overall={p['overall']:.1f}  marsad={s:.3f}  rank_gap={gap:.0f}  {p['a']['title'][:50]} | "
              f"{p['b']['title'][:50]}\n    {p['notes']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
