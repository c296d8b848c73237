"""Shared fixtures: the seed articles, a fresh in-memory store, default settings, a CLI runner."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.store import open_store

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
SEED_2019 = SEEDS / "000_fc13acc477961b1c.txt"
SEED_2018 = SEEDS / "003_9e8d747f78e969ee.txt"


@pytest.fixture
def settings() -> Settings:
    """Default settings."""
    return Settings()


@pytest.fixture
def memory_store():
    """A fresh, migrated in-memory SQLite store."""
    store = open_store(":memory:")
    yield store
    store.close()


@pytest.fixture
def seeds_dir() -> Path:
    """The folder holding the two seed articles."""
    return SEEDS


class CliResult:
    """What a CLI call printed and returned."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json_lines(self) -> list[dict]:
        """stdout parsed as JSON Lines."""
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


@pytest.fixture
def cli():
    """Run ``marsad ARGS`` in-process and capture its output."""
    from marsad.interfaces.cli import main

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the session (tests/pgserver.py); skipped when none can run here, unless
    MARSAD_REQUIRE_POSTGRES=1 (``.ci/run`` sets it after installing PostgreSQL), when its absence fails."""
    import os

    from tests.pgserver import PgServer

    try:
        import psycopg  # noqa: F401

        server = PgServer().start()
    except Exception as exc:  # no server programs, no psycopg, or no permission to start one
        if os.environ.get("MARSAD_REQUIRE_POSTGRES") == "1":
            raise
        pytest.skip(f"no PostgreSQL server for the tests ({exc}); install postgresql and psycopg")
    yield server
    server.stop()


@pytest.fixture
def pg_database(pg_server, request) -> str:
    """The URL of a new, empty database on the test server."""
    import re
    import uuid

    name = re.sub(r"[^a-z0-9_]", "_", f"t_{request.node.name[:30]}_{uuid.uuid4().hex[:8]}".lower())
    return pg_server.create_database(name)
