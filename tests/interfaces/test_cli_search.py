"""``marsad search`` and ``marsad reindex``: the public JSON shape, marked snippets, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

KIM = "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646"  # Kim Jong Un, jeem spelling
HIT_KEYS = {"id", "external_id", "title", "source", "published_at", "story_id", "score", "snippet", "snippet_matches",
            "copies"}


@pytest.fixture
def db(cli, seeds_dir: Path, tmp_path: Path) -> Path:
    """A database holding the two seed articles."""
    path = tmp_path / "seeds.db"
    assert cli("ingest", seeds_dir, "--db", path, "--quiet").code == 0
    return path


def test_cli_search_json_hits_have_the_public_shape(cli, db: Path) -> None:
    """``--json`` prints one hit per line, best first, with the documented keys; matches index the snippet."""
    res = cli("search", KIM, "--db", db, "--json")
    hits = res.json_lines()
    assert res.code == 0 and len(hits) == 2
    assert all(set(h) == HIT_KEYS for h in hits)
    assert hits[0]["score"] >= hits[1]["score"]
    for h in hits:
        assert all(h["snippet"][a:b] for a, b in h["snippet_matches"])


def test_cli_search_plain_output_marks_matches(cli, db: Path) -> None:
    """Plain output shows the snippet with matched words in [[ ]]."""
    res = cli("search", KIM, "--db", db)
    assert res.code == 0 and "[[" in res.out and "]]" in res.out


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("",), id="empty-query"),
        pytest.param(("--", "-\u062a\u0631\u0627\u0645\u0628"), id="only-exclusions-after-double-dash"),
        pytest.param(("\u0628\u0648\u062a\u064a\u0646", "--limit", "0"), id="bad-limit"),
        pytest.param(("\u0628\u0648\u062a\u064a\u0646", "--since", "2015-13-01"), id="impossible-date"),
    ],
)
def test_cli_search_bad_query_exits_2_naming_the_fix(cli, db: Path, args: tuple[str, ...]) -> None:
    """A query that cannot run exits 2 with a message, never a traceback."""
    res = cli("search", "--db", db, *args)
    assert res.code == 2 and "marsad search:" in res.err and "Traceback" not in res.err


def test_cli_search_missing_database_is_refused(cli, tmp_path: Path) -> None:
    """Searching a database that does not exist does not create it."""
    res = cli("search", KIM, "--db", tmp_path / "none.db")
    assert res.code == 1 and not (tmp_path / "none.db").exists()


def test_cli_reindex_rebuilds_and_keeps_hits(cli, db: Path) -> None:
    """``marsad reindex`` reports the articles indexed; the same search gives the same hits."""
    before = cli("search", KIM, "--db", db, "--json").json_lines()
    res = cli("reindex", "--db", db)
    assert res.code == 0 and "reindexed 2 articles" in res.out
    assert cli("search", KIM, "--db", db, "--json").json_lines() == before
