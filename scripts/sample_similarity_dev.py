"""Draw the candidate pairs for the article-similarity dev gold (``evals/gold/similarity_dev.jsonl``, issue #19).

Reproducible: fixed seed, fixed inputs, and a throwaway TF-IDF of its own (simple letter folding, the article
prefix "ال" and its clitic forms cut, sublinear tf, IDF fitted on the pool, headline words counted twice) that is
deliberately NOT Marsad's similarity, so the strata do not lean on the system under test. Pools:

* SaudiNewsNet ``2015-08-04.zip`` (10 outlets; ``published`` = the ``date_extracted`` day). The held-out days
  2015-07-21..2015-08-03 are never read; no similarity weight was fitted on 2015-08-04.
* ANT v2.1 multi-source (alarabia, skynews, BBC, CNN, france24), articles of ``ANT_DAYS`` days drawn with the seed
  among the 2018 days that have at least 120 articles; ``published`` = the feed day. ANT lines are
  "<title> <abstract> <text>" run together, so ``title`` is empty here and ``text`` is the whole line; the
  annotator splits the headline off while reading (see ``evals/gold/README.md``).

Articles of 250-3500 characters, deduplicated by body. Candidate pairs join two different articles; for ANT the two
must be at most one day apart (except in the random stratum). Each pool is cut into strata by the throwaway cosine:

* ``high``   cosine >= 0.45, two different outlets; half drawn from >= 0.70, half from 0.45-0.70
* ``medium`` 0.25 <= cosine < 0.45, two different outlets
* ``low``    0.10 <= cosine < 0.25
* ``random`` two articles drawn uniformly (any cosine)

and ``PER_STRATUM[pool]`` pairs are drawn from each with ``random.Random(SEED)``; an article takes part in at most two
pairs overall. The output is shuffled (same generator) so strata are interleaved, and carries the stratum and the
throwaway cosine for the record; the annotator labels with both hidden.

    python scripts/sample_similarity_dev.py --out /tmp/similarity_dev_candidates.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import gzip
import json
import math
import random
import re
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SNN_DAY = "2015-08-04"
HELD_OUT = ("2015-07-21", "2015-08-03")  # inclusive; never read
SEED = 19
ANT_DAYS = 8
MIN_LEN, MAX_LEN = 250, 3500
PER_STRATUM = {"snn": 42, "ant": 13}
MAX_PAIRS_PER_ARTICLE = 2

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_ARTICLE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال)(?=\w{2})")
_STOP = frozenset(
    "في من على الى عن ان او ما مع هذا هذه ذلك التي الذي الذين كان كانت قد لم لن لا و ثم حتى بين عند بعد قبل كل"
    " اي هو هي هم انه انها الا اذا كما وقد وفي ومن وان واضاف وقال قال اكد اضاف يوم امس اليوم خلال منذ".split()
)


def _terms(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(_MARKS.sub("", text).translate(_FOLD).lower()):
        if w in _STOP:
            continue
        w = _ARTICLE.sub("", w)
        if len(w) > 1 and w not in _STOP:
            out.append(w)
    return out


def snn_articles() -> list[dict]:
    """SaudiNewsNet articles of ``SNN_DAY`` (never a held-out day)."""
    assert not (HELD_OUT[0] <= SNN_DAY <= HELD_OUT[1]), "held-out day"
    with zipfile.ZipFile(DATA / "saudinewsnet" / "dataset" / f"{SNN_DAY}.zip") as zf:
        rows = json.loads(zf.read(f"{SNN_DAY}.json"))
    return [
        {"id": f"snn-{SNN_DAY}-{i}", "source": r["source"], "url": r["url"], "published": r["date_extracted"][:10],
         "title": (r.get("title") or "").strip(), "text": (r.get("content") or "").strip()}
        for i, r in enumerate(rows)
    ]


def _ant_day(raw: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(raw.strip()).date().isoformat()
    except (ValueError, TypeError, IndexError):
        return None


def ant_articles(rng: random.Random) -> list[dict]:
    """ANT v2.1 articles of ``ANT_DAYS`` seeded days of 2018."""
    with gzip.open(DATA / "ant-news" / "ant_multisource_v2.1.articles.txt.gz", "rt", encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    with gzip.open(DATA / "ant-news" / "ant_multisource_v2.1.meta.tsv.gz", "rt", encoding="utf-8") as fh:
        meta = [row.split("\t") for row in fh.read().split("\n")[1:] if row.strip()]
    rows = []
    for line, docno, source, _cat, time, url in (m[:6] for m in meta):
        day = _ant_day(time)
        if day and day.startswith("2018"):
            rows.append({"id": f"ant-{docno}", "source": source.lower(), "url": url, "published": day,
                         "title": "", "text": lines[int(line) - 1].strip()})
    per_day = Counter(r["published"] for r in rows)
    days = sorted(d for d, n in per_day.items() if n >= 120)
    chosen = set(rng.sample(days, ANT_DAYS))
    return [r for r in rows if r["published"] in chosen]


def pool(articles: list[dict]) -> list[dict]:
    """Length filter and body dedup, in input order."""
    seen, out = set(), []
    for a in articles:
        if MIN_LEN <= len(a["text"]) <= MAX_LEN and a["text"] not in seen:
            seen.add(a["text"])
            out.append(a)
    return out


def cosine_matrix(articles: list[dict]) -> np.ndarray:
    """Dense cosine matrix of the throwaway TF-IDF vectors."""
    docs = [Counter(_terms(a["title"]) * 2 + _terms(a["text"])) for a in articles]
    df = Counter(t for d in docs for t in d)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    n = len(docs)
    rows, cols, vals = [], [], []
    for r, d in enumerate(docs):
        for t, c in d.items():
            rows.append(r)
            cols.append(vocab[t])
            vals.append((1 + math.log(c)) * math.log((n + 1) / (df[t] + 1)))
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1))).ravel()
    norms[norms == 0] = 1
    m = sparse.diags(1 / norms) @ m
    return (m @ m.T).toarray()


def _day_gap(a: dict, b: dict) -> int:
    return abs((dt.date.fromisoformat(a["published"]) - dt.date.fromisoformat(b["published"])).days)


def draw(name: str, articles: list[dict], rng: random.Random, uses: Counter) -> list[dict]:
    """Draw ``PER_STRATUM[name]`` pairs per stratum from one pool."""
    sims = cosine_matrix(articles)
    n, k = len(articles), PER_STRATUM[name]
    strata: dict[str, list[tuple[int, int]]] = {"high_top": [], "high": [], "medium": [], "low": []}
    for i in range(n):
        for j in range(i + 1, n):
            s = sims[i, j]
            if s < 0.10 or (name == "ant" and _day_gap(articles[i], articles[j]) > 1):
                continue
            cross = articles[i]["source"] != articles[j]["source"]
            if s >= 0.70 and cross:
                strata["high_top"].append((i, j))
            elif s >= 0.45 and cross:
                strata["high"].append((i, j))
            elif 0.25 <= s < 0.45 and cross:
                strata["medium"].append((i, j))
            elif s < 0.25:
                strata["low"].append((i, j))
    out: list[dict] = []

    def take(cands: list[tuple[int, int]], want: int, stratum: str) -> None:
        cands = list(cands)
        rng.shuffle(cands)
        got = 0
        for i, j in cands:
            if got >= want:
                break
            a, b = articles[i], articles[j]
            if uses[a["id"]] >= MAX_PAIRS_PER_ARTICLE or uses[b["id"]] >= MAX_PAIRS_PER_ARTICLE:
                continue
            uses[a["id"]] += 1
            uses[b["id"]] += 1
            out.append({"pool": name, "stratum": stratum, "tfidf_cosine": round(float(sims[i, j]), 4), "a": a, "b": b})
            got += 1

    take(strata["high_top"], k // 2, "high")
    take(strata["high"], k - k // 2 + max(0, k // 2 - sum(p["stratum"] == "high" for p in out)), "high")
    take(strata["medium"], k, "medium")
    take(strata["low"], k, "low")
    randoms = []
    while len(randoms) < 50 * k:
        i, j = rng.sample(range(n), 2)
        randoms.append((min(i, j), max(i, j)))
    take(randoms, k, "random")
    return out


def sample() -> list[dict]:
    rng = random.Random(SEED)
    uses: Counter = Counter()
    pairs = draw("snn", pool(snn_articles()), rng, uses) + draw("ant", pool(ant_articles(rng)), rng, uses)
    rng.shuffle(pairs)
    for n, p in enumerate(pairs, 1):
        p["id"] = f"simdev-{n:03d}"
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("/tmp/similarity_dev_candidates.jsonl"))
    args = parser.parse_args()
    pairs = sample()
    with args.out.open("w", encoding="utf-8") as fh:
        for p in pairs:
            fh.write(json.dumps({"id": p.pop("id"), **p}, ensure_ascii=False) + "\n")
    strata = Counter((p["pool"], p["stratum"]) for p in pairs)
    outlets = Counter(side["source"] for p in pairs for side in (p["a"], p["b"]))
    print(f"{len(pairs)} pairs -> {args.out}; strata {dict(sorted(strata.items()))}; {len(outlets)} outlets")


if __name__ == "__main__":
    main()
