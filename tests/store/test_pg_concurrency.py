"""Two ``marsad ingest`` processes writing one PostgreSQL database at once store every article exactly once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.store import open_store

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "saudinewsnet" / "sample.json"


@pytest.mark.parametrize("skip", [pytest.param((), id="every-stage"), pytest.param(("entities",), id="no-ner")])
def test_pg_two_ingest_processes_store_each_article_once(pg_database: str, tmp_path: Path, skip: tuple) -> None:
    """The two processes read the same two halves in opposite orders; the database ends with each article once,
    as many as one process alone stores, and both processes exit 0."""
    rows = json.loads(SAMPLE.read_text("utf-8"))
    half = len(rows) // 2
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(rows[:half], ensure_ascii=False), "utf-8")
    b.write_text(json.dumps(rows[half:], ensure_ascii=False), "utf-8")
    open_store(pg_database).close()  # migrated once, before both start
    flags = [x for stage in skip for x in ("--skip", stage)]
    procs = [
        subprocess.Popen([sys.executable, "-m", "marsad", "ingest", *order, "--db", pg_database, "--quiet", *flags],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for order in ((str(a), str(b)), (str(b), str(a)))
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    single = open_store(tmp_path / "single.db")
    from marsad.config import ANALYSIS_STAGES, AnalysisSettings, Settings
    from marsad.pipeline import ingest

    expected = ingest([str(a), str(b)], single, Settings(analysis=AnalysisSettings(**{s: False for s in ANALYSIS_STAGES})))
    single.close()
    store = open_store(pg_database)
    try:
        ids = [r["id"] for r in store.list_articles(limit=10_000)]
        assert len(ids) == len(set(ids)) == expected.stored
        assert store.search_index_version() is not None
    finally:
        store.close()
