"""Search relevance on judged queries over SaudiNewsNet days, Marsad beside FTS5 ``unicode61``, LIKE and PostgreSQL.

Two sets: the dev set (2015-08-04, below) and the check set (``search_queries2.tsv`` over 2015-08-07, metrics
``search_check_*``), written and judged the same way but pooled from all four systems, after every search rule
was set; see ``evals/gold/README.md``.

Queries: ``evals/gold/search_queries.tsv`` (8 each of five kinds, written before any result was seen); judgments:
``evals/gold/search_judgments.jsonl`` (grade 2 = about it, 1 = mentions it, 0 = neither), made by reading the
articles pooled from the three systems (Marsad top 25, FTS5 and LIKE top 15 each); unjudged articles count as 0.
The day (2015-08-04, 1,345 articles) is ingested once with every stage on into a temporary SQLite store, then
copied into a throwaway PostgreSQL server (``tests/pgserver.py``) for the ``marsad_postgresql`` rows; the
``pg_arabic`` baseline is PostgreSQL's built-in ``arabic`` configuration over the raw text (it was not pooled, so
its unjudged hits count as 0: a bias against it).
Near-duplicate copies collapsed under a hit count right after it (the user reaches them from the hit).
Metrics: mean nDCG@10 (graded), mean recall@100 of articles graded >= 1, and the number of queries that return
nothing while judged-relevant articles exist. The search's name expansion (``search-names.v2``) was tuned on this
day; the check set was not. The issue's baselines are FTS5 ``unicode61`` and PostgreSQL's ``arabic`` configuration
(the latter comes with the PostgreSQL backend); LIKE over normalized text is an extra, stronger reference. Marsad
was pooled deeper (25 against 15), so its unjudged share is smaller: a bias in its favour, stated here.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections import defaultdict
from contextlib import ExitStack
from functools import cache
from pathlib import Path

from evals.dedup import load_day
from evals.search_baselines import build_fts5_unicode61, build_pg_arabic, fts5_search, like_search, pg_arabic_search
from marsad.errors import MarsadError
from marsad.text.normalize import normalize

GOLD = Path(__file__).parent / "gold"
DAY = "2015-08-04"
#: The check set (``search_queries2.tsv``): another day, judged after every search rule was set.
CHECK_DAY = "2015-08-07"
DEPTH = 100
#: (metric prefix, day, queries file, judgments file) of each judged set.
SETS = (("", DAY, "search_queries.tsv", "search_judgments.jsonl"),
        ("check_", CHECK_DAY, "search_queries2.tsv", "search_judgments2.jsonl"))


def load_queries(name: str = "search_queries.tsv") -> list[tuple[str, str, str]]:
    """(id, kind, query) rows of a query file."""
    path = GOLD / name
    rows = [line.rstrip("\n").split("\t") for line in path.read_text("utf-8").splitlines()]
    return [(r[0], r[1], r[2]) for r in rows if len(r) == 3 and not r[0].startswith("#") and r[0] != "id"]


def load_judgments(name: str = "search_judgments.jsonl") -> dict[str, dict[str, int]]:
    """query id -> {ref: grade}, or raise naming the missing file."""
    path = GOLD / name
    if not path.is_file():
        raise MarsadError(f"{path} not found: restore it from the repository")
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[row["query_id"]][row["ref"]] = int(row["grade"])
    return out


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    """Graded nDCG@k (gain 2^g - 1, log2 discount); 1.0 when no article is relevant and nothing... is asked."""
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    if idcg == 0:
        return 1.0
    dcg = sum((2 ** grades.get(r, 0) - 1) / math.log2(i + 2) for i, r in enumerate(ranked[:k]))
    return dcg / idcg


def recall(ranked: list[str], grades: dict[str, int], k: int = DEPTH) -> float:
    """Share of the articles graded >= 1 found in the first ``k``."""
    relevant = {r for r, g in grades.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 1.0


@cache
def marsad_store_path(day: str = DAY) -> str:
    """Ingest a day once (every stage on) into a temporary SQLite file; return its path."""
    from marsad.config import Settings
    from marsad.pipeline import ingest
    from marsad.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="marsad-search-eval-"))
    path = tmp / "day.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, row in enumerate(load_day(day)):
            f.write(json.dumps({**row, "id": f"{day}#{i}"}, ensure_ascii=False) + "\n")
    store = open_store(tmp / "day.db")
    ingest([str(path)], store, Settings())
    store.close()
    return str(tmp / "day.db")


def marsad_ranking(store, query: str) -> list[str]:  # noqa: ANN001 - a marsad Store
    """Marsad's ranked external ids (copies right after their hit), up to ``DEPTH``."""
    from marsad.retrieval import SearchOptions, search

    out: list[str] = []
    for offset in range(0, DEPTH, 50):
        hits = search(store, query, SearchOptions(limit=50, offset=offset))
        for h in hits:
            out.append(h["external_id"])
            out.extend(c["external_id"] for c in h["copies"])
        if len(hits) < 50:
            break
    return list(dict.fromkeys(out))[:DEPTH]


def postgres_systems(rows: dict[str, dict], stack: ExitStack, day: str = DAY) -> dict:
    """Marsad on PostgreSQL (the SQLite archive copied over) and PostgreSQL's ``arabic`` configuration, on a
    throwaway server; {} when none can start here (unless MARSAD_REQUIRE_POSTGRES=1, when that fails the run)."""
    import os

    try:
        from tests.pgserver import PgServer

        server = PgServer().start()
    except Exception:
        if os.environ.get("MARSAD_REQUIRE_POSTGRES") == "1":
            raise
        return {}
    stack.callback(server.stop)
    from marsad.store import open_store
    from marsad.store.copying import copy_store

    lite = open_store(marsad_store_path(day))
    pg = open_store(server.create_database("marsad_eval"))
    stack.callback(pg.close)
    copy_store(lite, pg)
    lite.close()
    arabic = build_pg_arabic(server.create_database("arabic_eval"), rows)
    stack.callback(arabic.close)
    return {"marsad_postgresql": lambda q: marsad_ranking(pg, q), "pg_arabic": lambda q: pg_arabic_search(arabic, q)}


def systems_for(day: str, stack: ExitStack) -> dict:
    """Every compared system over one day's articles: name -> (query -> ranked refs)."""
    from marsad.store import open_store

    rows = {f"{day}#{i}": r for i, r in enumerate(load_day(day))}
    fts = build_fts5_unicode61((ref, r.get("title") or "", r.get("content") or "") for ref, r in rows.items())
    norm = {ref: normalize(f"{r.get('title') or ''}\n{r.get('content') or ''}") for ref, r in rows.items()}
    store = open_store(marsad_store_path(day))
    stack.callback(store.close)
    return {
        "marsad": lambda q: marsad_ranking(store, q),
        "fts5_unicode61": lambda q: fts5_search(fts, q, DEPTH),
        "like": lambda q: like_search(norm, q, DEPTH),
        **postgres_systems(rows, stack, day),
    }


def score_set(prefix: str, day: str, queries_file: str, judgments_file: str) -> dict[str, float]:
    """nDCG@10, recall@100 and empty-result counts of every system on one judged set (metrics ``search_<prefix>…``)."""
    queries, judged = load_queries(queries_file), load_judgments(judgments_file)
    out: dict[str, float] = {}
    with ExitStack() as stack:
        for name, rank in systems_for(day, stack).items():
            ndcgs, recalls, empty = [], [], 0
            by_kind: dict[str, list[float]] = defaultdict(list)
            for qid, kind, query in queries:
                ranked = rank(query)
                grades = judged.get(qid, {})
                ndcgs.append(ndcg(ranked, grades))
                recalls.append(recall(ranked, grades))
                by_kind[kind].append(ndcgs[-1])
                empty += not ranked and any(g >= 1 for g in grades.values())
            key = f"search_{prefix}{name}"
            out[f"{key}_ndcg10"] = round(sum(ndcgs) / len(ndcgs), 4)
            out[f"{key}_recall100"] = round(sum(recalls) / len(recalls), 4)
            out[f"{key}_empty_with_relevant"] = float(empty)
            if name.startswith("marsad"):
                out[f"{key}_no_empty"] = 1.0 if empty == 0 else 0.0
            if name == "marsad":
                for kind, values in sorted(by_kind.items()):
                    out[f"{key}_ndcg10_{kind}"] = round(sum(values) / len(values), 4)
    marsad = out[f"search_{prefix}marsad_ndcg10"]
    baselines = [out[f"search_{prefix}{b}_ndcg10"] for b in ("fts5_unicode61", "pg_arabic") if f"search_{prefix}{b}_ndcg10" in out]
    out[f"search_{prefix}marsad_ndcg10_gain"] = round(marsad - max(baselines), 4)
    out[f"search_{prefix}marsad_ndcg10_gain_over_fts5"] = round(marsad - out[f"search_{prefix}fts5_unicode61_ndcg10"], 4)
    out[f"search_{prefix}marsad_ndcg10_gain_over_like"] = round(marsad - out[f"search_{prefix}like_ndcg10"], 4)
    return out


def run() -> dict[str, float]:
    """Every judged set whose judgments exist: Marsad (SQLite and PostgreSQL) beside the baselines."""
    out: dict[str, float] = {}
    for prefix, day, queries_file, judgments_file in SETS:
        if prefix and not (GOLD / judgments_file).is_file():
            continue
        out.update(score_set(prefix, day, queries_file, judgments_file))
    return out


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<40} {value:.4f}")
