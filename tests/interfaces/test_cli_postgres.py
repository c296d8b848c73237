"""Every command that takes ``--db`` works with a ``postgresql://`` URL, with the same JSON as on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

KIM = "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646"


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("articles", "--json"), id="articles"),
        pytest.param(("entities", "--type", "PER", "--json"), id="entities"),
        pytest.param(("entity", KIM, "--json"), id="entity"),
        pytest.param(("quotes", "--json"), id="quotes"),
        pytest.param(("stories", "--json"), id="stories"),
        pytest.param(("search", KIM, "--json"), id="search"),
    ],
)
def test_cli_postgresql_url_gives_the_sqlite_answers(cli, seeds_dir: Path, tmp_path: Path, pg_database: str,
                                                     command: tuple[str, ...]) -> None:
    """The same seeds ingested into SQLite and PostgreSQL answer each read command with the same JSON."""
    lite = tmp_path / "seeds.db"
    for db in (lite, pg_database):
        assert cli("ingest", seeds_dir, "--db", db, "--quiet").code == 0
    on_sqlite = cli(*command[:1], *command[1:], "--db", lite)
    on_pg = cli(*command[:1], *command[1:], "--db", pg_database)
    assert on_sqlite.code == on_pg.code == 0
    strip = {"score"}  # BM25 and ts_rank differ in scale; the hits and their order of ids are compared
    lite_rows = [{k: v for k, v in r.items() if k not in strip} for r in on_sqlite.json_lines()]
    pg_rows = [{k: v for k, v in r.items() if k not in strip} for r in on_pg.json_lines()]
    if command[0] == "search":
        lite_rows, pg_rows = sorted(lite_rows, key=lambda r: r["id"]), sorted(pg_rows, key=lambda r: r["id"])
    assert pg_rows == lite_rows
