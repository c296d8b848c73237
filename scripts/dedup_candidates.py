"""Draw candidate article pairs for the near-duplicate dev gold (``evals/gold/dedup_pairs.jsonl``).

Pairs come from one SaudiNewsNet day that no rule or threshold was fitted to (default 2015-08-04). Every pair of
articles is scored by the containment of the shorter one's word-5-shingles in the other (brute force over an
inverted index) and by a TF-IDF cosine of their words; pairs are then drawn at random from containment strata
(so the hard 0.1-0.5 zone is well covered) and from high-cosine pairs that share almost no shingles (same event,
own words). The labels are written by reading the two texts, not from these scores (see the gold README).

``python scripts/dedup_candidates.py [DAY] > /tmp/candidates.jsonl``
"""

from __future__ import annotations

import json
import math
import random
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.tokenize import words  # noqa: E402

DATASET = ROOT.parent / "shared" / "data" / "saudinewsnet" / "dataset"
#: (low, high, how many) containment strata; the last row is same-event pairs by cosine.
STRATA = ((0.7, 1.01, 30), (0.4, 0.7, 35), (0.2, 0.4, 40), (0.08, 0.2, 30))
SAME_EVENT = 35
SEED = 20150804


def load_day(day: str) -> list[dict]:
    """Return the articles of one SaudiNewsNet day with their index in the zip."""
    with zipfile.ZipFile(DATASET / f"{day}.zip") as z:
        rows = json.loads(z.read(f"{day}.json"))
    return [dict(r, ref=f"{day}#{i}") for i, r in enumerate(rows)]


def shingles(text: str, k: int = 5) -> set[str]:
    """Word-5-shingles of the normalized text."""
    toks = words(normalize(text))
    return {" ".join(toks[i : i + k]) for i in range(max(1, len(toks) - k + 1))}


def main() -> int:
    """Print candidate pairs as JSON Lines."""
    day = sys.argv[1] if len(sys.argv) > 1 else "2015-08-04"
    if not (DATASET / f"{day}.zip").is_file():
        print(f"missing {DATASET / (day + '.zip')}: give a SaudiNewsNet day (YYYY-MM-DD) and keep ../shared/data "
              "beside the checkout", file=sys.stderr)
        return 1
    rows = [r for r in load_day(day) if len(r.get("content") or "") > 200]
    sh = [shingles(r["content"]) for r in rows]
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sh):
        for x in s:
            index[x].append(i)
    shared: Counter = Counter()
    for posting in index.values():
        if 1 < len(posting) < 50:
            for a in range(len(posting)):
                for b in range(a + 1, len(posting)):
                    shared[(posting[a], posting[b])] += 1
    cont = {p: n / min(len(sh[p[0]]), len(sh[p[1]])) for p, n in shared.items()}
    toks = [Counter(words(normalize(r["title"] + " " + r["content"]))) for r in rows]
    df = Counter(t for c in toks for t in c)
    vec = []
    for c in toks:
        v = {t: (1 + math.log(n)) * math.log(len(rows) / df[t]) for t, n in c.items() if df[t] > 1}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        vec.append({t: w / norm for t, w in v.items()})
    rng = random.Random(SEED)
    chosen: list[tuple[int, int, str]] = []
    for low, high, n in STRATA:
        pool = sorted(p for p, c in cont.items() if low <= c < high)
        chosen += [(a, b, f"containment {low}-{high}") for a, b in rng.sample(pool, min(n, len(pool)))]
    same: list[tuple[float, int, int]] = []
    for a in range(len(rows)):
        for b in range(a + 1, len(rows)):
            if cont.get((a, b), 0.0) >= 0.08:
                continue
            va, vb = vec[a], vec[b]
            cos = sum(w * vb.get(t, 0.0) for t, w in va.items())
            if cos >= 0.3:
                same.append((cos, a, b))
    chosen += [(a, b, "cosine>=0.3") for _, a, b in rng.sample(same, min(SAME_EVENT, len(same)))]
    rng.shuffle(chosen)
    for k, (a, b, stratum) in enumerate(chosen):
        ra, rb = rows[a], rows[b]
        print(json.dumps({
            "pair": f"{day}-p{k:03d}", "stratum": stratum,
            "a": {"ref": ra["ref"], "source": ra["source"], "title": ra["title"], "text": ra["content"]},
            "b": {"ref": rb["ref"], "source": rb["source"], "title": rb["title"], "text": rb["content"]},
        }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
