"""``marsad copy``: an archive moves between SQLite and PostgreSQL with its ids, records and search; re-runs add
nothing."""

from __future__ import annotations

from pathlib import Path

from marsad.config import Settings
from marsad.pipeline import ingest
from marsad.retrieval import search
from marsad.store import open_store
from marsad.store.copying import copy_store

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
KIM = "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646"


def _snapshot(store) -> dict:
    """What a user sees of an archive: articles (and when they arrived), each one's analysis, entities, stories,
    and a search."""
    articles = store.list_articles(limit=1000)
    return {
        "articles": sorted((a["id"], a["title"]) for a in articles),
        "ingested_at": sorted((r["id"], r["ingested_at"]) for r in store.table_rows("articles")),
        "analysis": {a["id"]: store.analysis(a["id"]) for a in articles},
        "entities": sorted((e["id"], e["canonical"], e["mentions"]) for e in store.list_entities(limit=1000)),
        "stories": sorted((s["id"], s["size"]) for s in store.list_stories(limit=1000)),
        "search": sorted(h["id"] for h in search(store, KIM)),
    }


def test_copy_sqlite_to_postgresql_and_back_keeps_everything(tmp_path: Path, pg_database: str, cli) -> None:
    """SQLite -> PostgreSQL -> SQLite gives the same archive; a second copy adds nothing."""
    first = open_store(tmp_path / "a.db")
    ingest([str(SEEDS)], first, Settings())
    want = _snapshot(first)
    first.close()
    res = cli("copy", "--from", tmp_path / "a.db", "--to", pg_database)
    assert res.code == 0 and "copied 2 articles" in res.out
    assert cli("copy", "--from", tmp_path / "a.db", "--to", pg_database).out.startswith("copied 0 articles (2 already")
    pg = open_store(pg_database)
    assert _snapshot(pg) == want
    back = open_store(tmp_path / "b.db")
    report = copy_store(pg, back)
    assert report.articles == 2 and _snapshot(back) == want
    pg.close()
    back.close()


def test_copy_refuses_a_missing_source(tmp_path: Path, cli) -> None:
    """A source that does not exist is refused, and no destination is created."""
    res = cli("copy", "--from", tmp_path / "none.db", "--to", tmp_path / "out.db")
    assert res.code == 1 and not (tmp_path / "out.db").exists()
