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


SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "saudinewsnet" / "sample.json"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A small demo archive built by the pipeline, shared read-only by a session: the two seed articles (one story
    in two chapters) and the first 120 SaudiNewsNet sample articles (stories, copies, quotes). Copy it to write."""
    from marsad.pipeline import ingest
    from marsad.config import IngestSettings

    folder = tmp_path_factory.mktemp("demo")
    sample = folder / "sample.json"
    sample.write_text(json.dumps(json.loads(SAMPLE.read_text("utf-8"))[:120], ensure_ascii=False), "utf-8")
    db = folder / "demo.db"
    store = open_store(db)
    try:
        ingest([str(SEEDS), str(sample)], store, Settings(ingest=IngestSettings(default_published="2019-04-25")))
    finally:
        store.close()
    return db


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of Debian's Chromium for the browser tests; skipped when missing, unless MARSAD_REQUIRE_BROWSER=1
    (``.ci/run`` sets it after ``scripts/ensure_chromium.sh``), when its absence fails."""
    import os
    import shutil

    path = os.environ.get("MARSAD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    missing = [] if Path(path).exists() else [f"no Chromium at {path}"]
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("no playwright package (pip install -e '.[test]')")
    if missing:
        if os.environ.get("MARSAD_REQUIRE_BROWSER") == "1":
            pytest.fail("MARSAD_REQUIRE_BROWSER=1 but " + "; ".join(missing) + ": run scripts/ensure_chromium.sh")
        pytest.skip("; ".join(missing) + ": run scripts/ensure_chromium.sh to enable the browser tests")
    return path
