"""Crash safety: ``marsad ingest`` killed with SIGKILL at random points, then run again to the end, leaves every
article stored exactly once, no orphan rows, an intact database and a search index in step with the articles.

Each batch is one transaction, so a kill loses at most the batch in flight and the next run stores it (what is
already stored is skipped). The cross-article state (entities, near-duplicates, stories) is re-read from the store
at the start of each run, so an interrupted-and-resumed ingest ends with the same stories and copies as one run.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.config import ANALYSIS_STAGES
from tests.corpus import saudi_like_articles, write_jsonl

#: ``marsad ingest`` through the Python API with a chosen batch size (``IngestSettings.batch_size`` has no
#: command-line flag): argv = PATH DB BATCH_SIZE STAGES ("all" or "none").
DRIVER = """
import sys
from marsad import open_store
from marsad.config import ANALYSIS_STAGES, AnalysisSettings, IngestSettings, Settings
from marsad.pipeline import ingest
path, db, batch, stages = sys.argv[1:5]
analysis = AnalysisSettings(**{s: stages == "all" for s in ANALYSIS_STAGES})
store = open_store(db)
report = ingest([path], store, Settings(IngestSettings(batch_size=int(batch)), analysis))
store.close()
print(report.stored, report.duplicates, len(report.rejected))
"""

#: Tables whose rows belong to one article (``article_id``), and other references that must resolve.
ARTICLE_TABLES = ("mentions", "quotes", "times", "analysis_versions", "duplicates", "story_articles", "dedup_index")
REFERENCES = (
    ("duplicates", "duplicate_of", "articles", "id"),
    ("story_articles", "story_id", "stories", "id"),
    ("mentions", "entity_id", "entities", "id"),
    ("entity_variants", "entity_id", "entities", "id"),
    ("entity_keys", "entity_id", "entities", "id"),
)


def ingest_command(path: Path, db: str, batch_size: int | None, stages: str) -> list[str]:
    """``python -m marsad ingest`` (default batches), or the driver above when a batch size is given."""
    if batch_size is None:
        skips = [x for s in ANALYSIS_STAGES for x in ("--skip", s)] if stages == "none" else []
        return [sys.executable, "-m", "marsad", "ingest", str(path), "--db", db, "--quiet", *skips]
    return [sys.executable, "-c", DRIVER, str(path), db, str(batch_size), stages]


def kill_at_random_points(command: list[str], kills: int, window: tuple[float, float], seed: int) -> int:
    """Start ``command`` ``kills`` times, each killed with SIGKILL after a seeded random delay in ``window``
    seconds; return how many runs were still going when their kill came (the others had finished)."""
    rng = random.Random(seed)
    landed = 0
    for _ in range(kills):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(*window))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            landed += 1
        proc.communicate(timeout=120)
    return landed


def run_to_end(command: list[str]) -> str:
    """Run ``command`` to completion; return its stdout (it must succeed)."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def check_consistent(db, expected_ids: set[str], backend: str = "sqlite") -> None:
    """Assert the invariants on a DB-API connection: each article once, no orphan rows, index in step."""
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    assert one("SELECT count(*) FROM articles") == len(expected_ids)
    assert {r[0] for r in db.execute("SELECT external_id FROM articles")} == expected_ids
    assert one("SELECT count(DISTINCT content_hash) FROM articles") == len(expected_ids)
    assert one("SELECT count(DISTINCT seq) FROM articles") == len(expected_ids)
    for table in ARTICLE_TABLES:
        assert one(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)") == 0, table
    for table, column, target, key in REFERENCES:
        orphans = f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT {key} FROM {target})"
        assert one(orphans) == 0, (table, column)
    key = "rowid" if backend == "sqlite" else "seq"  # FTS5 rows are keyed by the article's seq
    indexed = {r[0] for r in db.execute(f"SELECT {key} FROM search_index")}
    assert indexed == {r[0] for r in db.execute("SELECT seq FROM articles")}


def outcome(db) -> tuple[set, set]:
    """The stories (story, article) and near-duplicate (copy, original) pairs stored."""
    stories = set(db.execute("SELECT story_id, article_id FROM story_articles").fetchall())
    copies = set(db.execute("SELECT article_id, duplicate_of FROM duplicates").fetchall())
    return {tuple(r) for r in stories}, {tuple(r) for r in copies}


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to a SQLite store file."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


@pytest.mark.slow
@pytest.mark.parametrize(
    "articles, batch_size, stages, kills, window",
    [
        pytest.param(2000, 100, "none", 10, (0.5, 1.5), id="2000-articles-batches-of-100-no-analysis-10-kills"),
        pytest.param(2000, None, "none", 2, (0.8, 2.0), id="2000-articles-marsad-ingest-cli-no-analysis-2-kills"),
        pytest.param(150, 25, "all", 2, (1.5, 5.0), id="150-articles-batches-of-25-every-stage-2-kills"),
    ],
)
def test_pipeline_faults_sigkill_then_rerun_stores_each_article_once(
    tmp_path: Path, articles: int, batch_size: int | None, stages: str, kills: int, window: tuple[float, float]
) -> None:
    """Most kills land in ingests with the analysis stages skipped (fast, so many batches commit between kills);
    two land in a default every-stage ingest of a smaller file, whose stories and near-duplicates must then equal
    those of one uninterrupted run. The CLI row runs ``python -m marsad ingest`` itself (one 2,000-article batch)."""
    path = tmp_path / "articles.jsonl"
    write_jsonl(path, saudi_like_articles(articles, seed=articles))
    expected = {r["id"] for r in saudi_like_articles(articles, seed=articles)}
    db = tmp_path / "killed.db"
    command = ingest_command(path, str(db), batch_size, stages)
    landed = kill_at_random_points(command, kills, window, seed=kills)
    assert landed >= 1  # at least one kill hit a running ingest
    run_to_end(command)
    with read_only(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check_consistent(con, expected)
        if stages == "all":
            clean = tmp_path / "clean.db"
            run_to_end(ingest_command(path, str(clean), batch_size, stages))
            with read_only(clean) as ref:
                assert outcome(con) == outcome(ref)
    again = run_to_end(command)  # a third run finds everything stored
    if batch_size is not None:
        assert again.split() == ["0", str(articles), "0"]


@pytest.mark.slow
def test_pipeline_faults_sigkill_then_rerun_on_postgresql(pg_database: str, tmp_path: Path) -> None:
    """The same on the server store (fewer kills: 500 articles in batches of 50, analysis skipped)."""
    import psycopg

    path = tmp_path / "articles.jsonl"
    write_jsonl(path, saudi_like_articles(500, seed=5))
    expected = {r["id"] for r in saudi_like_articles(500, seed=5)}
    command = ingest_command(path, pg_database, 50, "none")
    run_to_end([sys.executable, "-c", "import sys, marsad; marsad.open_store(sys.argv[1]).close()", pg_database])
    assert kill_at_random_points(command, 3, (1.0, 3.0), seed=3) >= 1
    run_to_end(command)
    with psycopg.connect(pg_database) as con:
        check_consistent(con, expected, backend="postgresql")
    assert run_to_end(command).split() == ["0", "500", "0"]
