"""Throwaway aids for the story dev gold (``evals/gold/stories_dev.jsonl``); not part of the product.

The dev gold labels articles of one SaudiNewsNet day that no story rule was fitted to (2015-08-04). These helpers
only choose which articles get read and suggest which ones might belong together; every label is decided by a person
reading titles and leads (full bodies when unsure), and Marsad's story clustering is never run or consulted.

Sub-commands (all deterministic; seed ``SEED``):

``sample``      print the random sample: ``SAMPLE_SIZE`` articles drawn with ``random.Random(SEED)`` from the day's
                non-empty articles (index order), one JSON line each with title and a body lead, for reading.
``candidates``  TF-IDF (sublinear tf, min_df 2, max_df 5 %) over ``light_stem(normalize(...))`` tokens of the title
                (twice) and the first 1,200 body characters, fitted on the whole day; sampled articles linked when
                cosine >= ``LINK``, connected components printed largest first (loose groups to be split by reading).
``expand IDX..`` for the listed seed articles (indexes in the day's array, one event) print every other article of
                the day whose best cosine to a seed reaches ``EXPAND`` (ranked), to be read and accepted or rejected.
``show IDX..``  print full title and body of the listed articles.

``python scripts/sample_stories_dev.py sample > /tmp/sample.jsonl``
"""

from __future__ import annotations

import json
import random
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad.text.normalize import normalize  # noqa: E402
from marsad.text.stem import light_stem  # noqa: E402
from marsad.text.tokenize import words  # noqa: E402

DATASET = ROOT.parent / "shared" / "data" / "saudinewsnet" / "dataset"
DAY = "2015-08-04"
SEED = 20150804
SAMPLE_SIZE = 450
LINK = 0.30
EXPAND = 0.20


def load_day(day: str = DAY) -> list[dict]:
    """Return the day's articles (every one, empty ones included, so indexes match the zip's array)."""
    path = DATASET / f"{day}.zip"
    if not path.is_file():
        raise SystemExit(f"missing {path}: keep ../shared/data beside the checkout")
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read(f"{day}.json"))


def sample_indexes(rows: list[dict]) -> list[int]:
    """The fixed random sample of non-empty articles, as sorted indexes."""
    nonempty = [i for i, r in enumerate(rows) if (r.get("content") or "").strip()]
    return sorted(random.Random(SEED).sample(nonempty, SAMPLE_SIZE))


def _doc(r: dict) -> str:
    """Stemmed, normalized tokens of title (twice) and the body lead."""
    text = f"{r.get('title') or ''} {r.get('title') or ''} {(r.get('content') or '')[:1200]}"
    return " ".join(light_stem(w) for w in words(normalize(text)))


def _matrix(rows: list[dict]):
    """L2-normalized TF-IDF rows for every article of the day."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # throwaway aid: dev dependency only

    vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.05, token_pattern=r"\S+")
    return vec.fit_transform([_doc(r) for r in rows])


def _line(i: int, r: dict, lead: int = 260) -> dict:
    """A compact reading line."""
    body = " ".join((r.get("content") or "").split())
    return {"i": i, "src": r["source"], "title": (r.get("title") or "").strip(), "lead": body[:lead]}


def main(argv: list[str]) -> int:
    """Dispatch the sub-command."""
    rows = load_day()
    cmd = argv[0] if argv else "sample"
    if cmd == "sample":
        for i in sample_indexes(rows):
            print(json.dumps(_line(i, rows[i]), ensure_ascii=False))
    elif cmd == "candidates":
        import numpy as np
        from scipy.sparse.csgraph import connected_components

        x = _matrix(rows)
        idx = sample_indexes(rows)
        sim = (x[idx] @ x[idx].T).toarray()
        n, comp = connected_components(sim >= LINK, directed=False)
        groups = sorted((list(np.flatnonzero(comp == c)) for c in range(n)), key=len, reverse=True)
        for g in groups:
            if len(g) < 2:
                continue
            members = [idx[k] for k in g]
            print(json.dumps({"size": len(g), "members": [_line(i, rows[i], 120) for i in members]},
                             ensure_ascii=False))
    elif cmd == "expand":
        seeds = [int(a) for a in argv[1:]]
        x = _matrix(rows)
        best = (x @ x[seeds].T).toarray().max(axis=1)
        for i in sorted(range(len(rows)), key=lambda k: -best[k]):
            if best[i] < EXPAND:
                break
            if i not in seeds:
                print(json.dumps(dict(_line(i, rows[i], 200), cos=round(float(best[i]), 3)), ensure_ascii=False))
    elif cmd == "show":
        for a in argv[1:]:
            r = rows[int(a)]
            print(f"== {a} {r['source']} {r['date_extracted']} | {r['title']}\n{r['content']}\n")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
