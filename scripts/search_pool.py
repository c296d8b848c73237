"""Pool the candidates of a search relevance set for judging by reading (``evals/gold/search_judgments2.jsonl``).

Usage: ``python scripts/search_pool.py DAY QUERIES.tsv OUT_DIR``. Runs every system of ``evals.search`` over the
day (Marsad top 25 with its copies, FTS5 ``unicode61``, LIKE and PostgreSQL ``arabic`` top 15 each) and writes one
``<query id>.json`` per query: the query, its kind and the pooled articles (ref, outlet, title, body), sorted by ref
so that a judge sees neither which system found an article nor at what rank.
"""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals.dedup import load_day  # noqa: E402
from evals.search import load_queries, systems_for  # noqa: E402

DEPTHS = {"marsad": 25, "marsad_postgresql": 0, "fts5_unicode61": 15, "like": 15, "pg_arabic": 15}


def main(day: str, queries_file: str, out_dir: str) -> None:
    """Write the pools of one query file."""
    rows = {f"{day}#{i}": r for i, r in enumerate(load_day(day))}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        systems = systems_for(day, stack)
        for qid, kind, query in load_queries(Path(queries_file).name):
            pool: set[str] = set()
            for name, rank in systems.items():
                pool.update(rank(query)[: DEPTHS.get(name, 15)])
            arts = [{"ref": ref, "source": rows[ref].get("source"), "title": rows[ref].get("title") or "",
                     "body": rows[ref].get("content") or ""} for ref in sorted(pool, key=lambda r: int(r.split("#")[1]))]
            (out / f"{qid}.json").write_text(json.dumps({"query_id": qid, "kind": kind, "query": query, "articles": arts},
                                                        ensure_ascii=False, indent=1), "utf-8")
            print(qid, kind, query, len(arts))


if __name__ == "__main__":
    main(*sys.argv[1:4])
