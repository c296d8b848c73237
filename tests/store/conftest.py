"""The backends every store contract test runs against, and record builders."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.model import Article
from marsad.store import open_store

#: Backends of the contract suite: every test runs on each (PostgreSQL on a throwaway server, tests/pgserver.py).
BACKENDS = ["sqlite-memory", "sqlite-file", "postgresql"]


def make_article(title: str = "t", body: str = "b", source: str | None = "s", url: str | None = "u",
                 external_id: str = "e", published_at: str | None = "2019-04-25") -> Article:
    """An Article with the given display fields (normalized forms equal to them)."""
    return Article(external_id=external_id, source=source, url=url, title=title, byline=None,
                   published_at=published_at, dateline=None, body=body, title_norm=title, body_norm=body,
                   norm_profile="match.v1", content_hash=f"h-{title}-{body}-{source}-{url}")


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path: Path):
    """Each backend under test, fresh (a new database on the test PostgreSQL server)."""
    if request.param == "postgresql":
        s = open_store(request.getfixturevalue("pg_database"))
    else:
        s = open_store(":memory:" if request.param == "sqlite-memory" else tmp_path / "m.db")
    yield s
    s.close()


