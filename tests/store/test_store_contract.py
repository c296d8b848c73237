"""The store contract: every backend passes these (the ``store`` fixture of ``tests/store/conftest.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import StoreError
from marsad.store import open_store
from tests.store.conftest import make_article
from marsad.store.migrations import SQLITE_MIGRATIONS, Migration


_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")  # ingest drops NUL (U+0000): no text holds it, PostgreSQL refuses it


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(_TEXT, min_size=1, max_size=50), body=st.text(_TEXT, max_size=300),
       source=st.none() | st.text(_TEXT, max_size=10))
def test_store_round_trips_any_text(store, title: str, body: str, source: str | None) -> None:
    aid = f"a{abs(hash((title, body, source)))}"
    if store.has_article(aid):
        return
    with store.transaction():
        store.insert_article(aid, make_article(title, body, source, url=None))
    row = store.get_article(aid)
    assert (row["title"], row["body"], row["source"]) == (title, body, source)


def test_store_finds_same_outlet_copy_by_url_or_text(store) -> None:
    a = make_article()
    with store.transaction():
        store.insert_article("a1", a)
    assert store.find_same("s", "u", "other") == "a1"
    assert store.find_same("s", None, a.content_hash) == "a1"
    assert store.find_same("other-outlet", "u", "other") is None


def test_store_migrations_are_recorded_once(store) -> None:
    from marsad.store.pg_migrations import POSTGRES_MIGRATIONS

    own = POSTGRES_MIGRATIONS if store.backend == "postgresql" else SQLITE_MIGRATIONS
    assert store.applied_migrations() == [m.name for m in own]
    assert [m.name for m in own][: len(SQLITE_MIGRATIONS)] == [m.name for m in SQLITE_MIGRATIONS]
    assert store.migrate() == []


def test_store_failed_migration_leaves_nothing_behind(store) -> None:
    from marsad.store.pg_migrations import POSTGRES_MIGRATIONS

    own = POSTGRES_MIGRATIONS if store.backend == "postgresql" else SQLITE_MIGRATIONS
    bad = Migration("9999_broken", ("CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL"))
    with pytest.raises(Exception):
        store.migrate([*own, bad])
    assert "9999_broken" not in store.applied_migrations()
    with pytest.raises(Exception):
        store.db.execute("SELECT count(*) FROM half_done")


def test_store_transaction_rolls_back_on_error(store) -> None:
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.insert_article("a1", make_article())
            raise RuntimeError("boom")
    assert store.count_articles() == 0


def test_store_state_namespace_round_trip(store) -> None:
    with store.transaction():
        store.save_state("stories", {"S1": {"terms": {"\u0628\u0648\u062a\u064a\u0646": 2.5}}})
    assert store.load_state("stories") == {"S1": {"terms": {"\u0628\u0648\u062a\u064a\u0646": 2.5}}}


@pytest.mark.parametrize(
    "target, message",
    [
        pytest.param("/no/such/folder/x.db", "does not exist", id="missing-folder"),
        pytest.param("postgresql://postgres@127.0.0.1:1/marsad", "check the server runs", id="postgres-unreachable"),
    ],
)
def test_store_open_errors_name_the_fix(target: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(target)


def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        open_store(junk)
    assert junk.read_bytes() == b"this is not sqlite" * 100


def test_store_refuses_another_programs_sqlite_database_unchanged(tmp_path: Path) -> None:
    """A SQLite file holding other tables and no Marsad migrations is refused, byte for byte as it was."""
    import sqlite3

    other = tmp_path / "notes.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.execute("INSERT INTO notes VALUES ('keep me')")
    con.commit()
    con.close()
    before = other.read_bytes()
    with pytest.raises(StoreError, match="another program's SQLite database \\(tables: notes\\)"):
        open_store(other)
    assert other.read_bytes() == before
