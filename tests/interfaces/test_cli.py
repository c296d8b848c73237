"""The CLI contract: commands, exit codes and the JSON shapes external evaluations rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

ANALYZE_KEYS = {"id", "source", "url", "title", "byline", "published_at", "dateline", "body"}


def test_cli_analyze_json_shape_for_each_seed(cli, seeds_dir: Path) -> None:
    res = cli("analyze", seeds_dir / "000_fc13acc477961b1c.txt", seeds_dir / "003_9e8d747f78e969ee.txt", "--json")
    assert res.code == 0
    a2019, a2018 = res.json_lines()
    assert ANALYZE_KEYS <= a2019.keys()
    assert a2019["byline"] == "\u062d\u0633\u0627\u0645 \u0627\u0644\u062c\u0628\u0627\u0644\u064a" and a2019["published_at"] is None
    assert a2018["published_at"] == "2018-06-01T13:10"
    assert "\u0645\u0642\u0627\u0644\u0627\u062a \u0630\u0627\u062a \u0635\u0644\u0629" not in a2019["body"]


def test_cli_analyze_published_flag_fills_missing_dates(cli, seeds_dir: Path) -> None:
    res = cli("analyze", seeds_dir, "--published", "2019-04-25", "--json")
    assert sorted(a["published_at"] for a in res.json_lines()) == ["2018-06-01T13:10", "2019-04-25"]


def test_cli_analyze_bad_published_date_is_a_clear_error(cli, seeds_dir: Path) -> None:
    res = cli("analyze", seeds_dir, "--published", "25/04/2019")
    assert res.code == 1 and "2019-04-25" in res.err


def test_cli_ingest_summary_and_idempotence(cli, seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    first = cli("ingest", seeds_dir, "--db", db, "--quiet")
    again = cli("ingest", seeds_dir, "--db", db, "--quiet")
    assert first.code == again.code == 0
    assert "2 stored" in first.out and "0 stored, 2 duplicates" in again.out


def test_cli_ingest_exits_nonzero_only_when_nothing_ingested(cli, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    res = cli("ingest", tmp_path, "--db", tmp_path / "m.db", "--quiet")
    assert res.code == 1 and "empty.txt" in res.out and "empty file" in res.out


def test_cli_articles_and_show(cli, seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    cli("ingest", seeds_dir, "--db", db, "--quiet")
    rows = cli("articles", "--db", db, "--json").json_lines()
    assert len(rows) == 2 and {"id", "external_id", "title"} <= rows[0].keys()
    shown = cli("show", "000_fc13acc477961b1c", "--db", db, "--json").json_lines()[0]
    assert shown["id"] == rows[0]["id"] and "body_norm" not in shown
    assert cli("show", "nope", "--db", db).code == 1


@pytest.mark.parametrize("command", ["ingest", "analyze", "articles", "show"])
def test_cli_every_command_has_help(cli, command: str) -> None:
    with pytest.raises(SystemExit) as done:
        cli(command, "--help")
    assert done.value.code == 0


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["articles"], id="articles"),
        pytest.param(["show", "x"], id="show"),
        pytest.param(["entities"], id="entities"),
        pytest.param(["entity", "x"], id="entity"),
        pytest.param(["quotes"], id="quotes"),
        pytest.param(["stories"], id="stories"),
        pytest.param(["story", "S1"], id="story"),
    ],
)
def test_cli_read_commands_refuse_a_missing_database(cli, tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "none.db"
    res = cli(*args, "--db", db)
    assert res.code == 1 and "marsad ingest" in res.err and not db.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["articles", "--limit", "-1"], "-1 is too small: use 1 or more", id="negative-limit"),
        pytest.param(["articles", "--offset", "-5"], "-5 is too small: use 0 or more", id="negative-offset"),
        pytest.param(["entities", "--limit", "0"], "0 is too small: use 1 or more", id="zero-limit"),
        pytest.param(["stories", "--since", "garbage"], "'garbage' is not an ISO date", id="stories-bad-date"),
        pytest.param(["quotes", "--limit", "ten"], "'ten' is not a whole number", id="word-for-number"),
    ],
)
def test_cli_bad_paging_and_dates_are_refused_before_reading(cli, tmp_path: Path, args: list[str], message: str) -> None:
    """A page size, offset or date that cannot be served is an error naming the fix (SQLite would read -1 as 'all')."""
    with pytest.raises(SystemExit) as exc:
        cli(*args, "--db", tmp_path / "none.db")
    assert exc.value.code == 2


def test_cli_search_words_given_apart_are_one_query(cli, seeds_dir: Path, tmp_path: Path) -> None:
    """`marsad search كيم جونغ --db DB` (unquoted words, as the README shows) searches both words."""
    db = tmp_path / "a.db"
    assert cli("ingest", seeds_dir, "--db", db, "--quiet").code == 0
    apart = cli("search", "\u0643\u064a\u0645", "\u0628\u0648\u062a\u064a\u0646", "--db", db, "--json")
    joined = cli("search", "\u0643\u064a\u0645 \u0628\u0648\u062a\u064a\u0646", "--db", db, "--json")
    assert apart.code == 0 and apart.out == joined.out and apart.out.count("\n") == 2
