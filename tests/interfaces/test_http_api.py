"""The HTTP JSON API (``marsad serve``), in process: every endpoint, its shape against the CLI's ``--json`` on the
same database, paging, writes with the token, and the error envelope on every failing path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "test-token-0123456789abcdef"
KIM = "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646"  # Kim Jong Un, jeem spelling
PUTIN = "\u0628\u0648\u062a\u064a\u0646"
MARIA = "\u0645\u0627\u0631\u064a\u0627"  # (di) Maria


def make_client(db: Path, **settings):
    """A TestClient of an app over ``db`` (server errors answered, not raised)."""
    from fastapi.testclient import TestClient

    from marsad.interfaces.http import ServeSettings, create_app

    return TestClient(create_app(ServeSettings(db=str(db), **settings)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(demo_db: Path):
    """A read-only server over the shared demo archive."""
    with make_client(demo_db) as c:
        yield c


@pytest.fixture
def writable(demo_db: Path, tmp_path: Path):
    """A server with a write token over a private copy of the demo archive."""
    db = tmp_path / "w.db"
    shutil.copy(demo_db, db)
    with make_client(db, token=TOKEN, max_body_bytes=64 * 1024) as c:
        yield c


def assert_envelope(response, status: int, code: str) -> None:
    """The one error shape: ``{"error": {"code", "message"}}``, the status, no trace of the server's insides."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]
    for leak in ("Traceback", "SELECT", "sqlite", "File \""):
        assert leak not in response.text


def story_id(client) -> str:
    """The id of the largest recent story of the demo archive."""
    return client.get("/api/v1/stories", params={"min_size": 2, "limit": 1}).json()["items"][0]["id"]


@pytest.mark.parametrize("path", [pytest.param("/healthz", id="root"), pytest.param("/api/v1/healthz", id="api")])
def test_http_api_healthz_reports_the_archive(client, path: str) -> None:
    body = client.get(path).json()
    assert body["status"] == "ok" and body["articles"] == 122


@pytest.mark.parametrize(
    ("url", "args"),
    [
        pytest.param("/api/v1/articles?limit=30&offset=5", ["articles", "--limit", "30", "--offset", "5"], id="articles"),
        pytest.param("/api/v1/articles?source=alriyadh", ["articles", "--source", "alriyadh"], id="articles-source"),
        pytest.param(f"/api/v1/articles?entity={MARIA}&since=2015-08-06&until=2015-08-06",
                     ["articles", "--entity", MARIA, "--since", "2015-08-06", "--until", "2015-08-06"],
                     id="articles-entity-dates"),
        pytest.param("/api/v1/entities?type=PER&limit=10", ["entities", "--type", "PER", "--limit", "10"], id="entities"),
        pytest.param(f"/api/v1/quotes?speaker={PUTIN}", ["quotes", "--speaker", PUTIN], id="quotes-speaker"),
        pytest.param("/api/v1/quotes?limit=10", ["quotes", "--limit", "10"], id="quotes"),
        pytest.param("/api/v1/stories?min_size=2&limit=5", ["stories", "--min-size", "2", "--limit", "5"], id="stories"),
        pytest.param(f"/api/v1/search?q={KIM}", ["search", KIM], id="search"),
        pytest.param(f"/api/v1/search?q={MARIA}&sort=date&limit=3&offset=1&since=2015-08-06",
                     ["search", MARIA, "--sort", "date", "--limit", "3", "--offset", "1", "--since", "2015-08-06"],
                     id="search-filters"),
    ],
)
def test_http_api_listing_items_equal_the_cli_json(client, cli, demo_db: Path, url: str, args: list[str]) -> None:
    """Each listed item is the object the CLI prints with ``--json`` for the same parameters."""
    body = client.get(url).json()
    expected = cli(*args, "--db", demo_db, "--json").json_lines()
    assert expected and body["items"] == expected


def test_http_api_story_equals_the_cli_json(client, cli, demo_db: Path) -> None:
    sid = story_id(client)
    [expected] = cli("story", sid, "--db", demo_db, "--json").json_lines()
    got = client.get(f"/api/v1/stories/{sid}").json()
    assert got == expected and {"summary", "quotes", "duplicates"} <= got.keys()


@pytest.mark.parametrize("by", [pytest.param("id", id="marsad-id"), pytest.param("external_id", id="external-id")])
def test_http_api_article_is_the_cli_json_plus_duplicates_and_story(client, cli, demo_db: Path, by: str) -> None:
    """``GET /articles/{id}`` takes either id; it is ``marsad show --json`` plus ``duplicates`` and ``story_id``."""
    copy = next(a for a in client.get(f"/api/v1/stories/{story_id(client)}").json()["articles"] if a["duplicate_of"])
    [expected] = cli("show", copy[by], "--db", demo_db, "--json").json_lines()
    got = client.get(f"/api/v1/articles/{quote(copy[by], safe='')}").json()  # external ids hold '#'

    assert {k: v for k, v in got.items() if k not in ("duplicates", "story_id", "origin")} == {
        k: v for k, v in expected.items() if k != "origin"}
    assert got["origin"] == expected["origin"].rsplit("/", 1)[-1] and "/" not in got["origin"]  # no server folders
    assert got["duplicates"][0]["duplicate_of"] == copy["duplicate_of"] and got["story_id"] == story_id(client)
    assert {"entities", "quotes", "times"} <= got.keys()


def test_http_api_entity_is_the_cli_json_plus_chart_and_quotes(client, cli, demo_db: Path) -> None:
    """``GET /entities/{any spelling}`` is ``marsad entity --json`` plus mentions per day and the person's quotes."""
    [expected, *_] = cli("entity", PUTIN, "--db", demo_db, "--json").json_lines()
    got = client.get(f"/api/v1/entities/{PUTIN}").json()
    assert {k: v for k, v in got.items() if k not in ("mentions_per_day", "quotes")} == expected
    assert client.get(f"/api/v1/entities/{got['id']}").json() == got
    assert sum(d["mentions"] for d in got["mentions_per_day"]) == sum(a["mentions"] for a in got["articles"])
    assert got["quotes"] and all(q["speaker_entity_id"] == got["id"] for q in got["quotes"])


@pytest.mark.parametrize(
    ("path", "limit"),
    [pytest.param("/api/v1/articles", 7, id="articles"), pytest.param("/api/v1/entities", 5, id="entities"),
     pytest.param("/api/v1/quotes", 4, id="quotes"), pytest.param("/api/v1/stories", 6, id="stories")],
)
def test_http_api_offset_paging_walks_the_listing(client, path: str, limit: int) -> None:
    """Two pages of ``limit`` are the first ``2 * limit`` items; ``next_offset`` points at the next page."""
    whole = client.get(path, params={"limit": 2 * limit}).json()["items"]
    first = client.get(path, params={"limit": limit}).json()
    second = client.get(path, params={"limit": limit, "offset": first["next_offset"]}).json()
    assert first["next_offset"] == limit and first["items"] + second["items"] == whole


def test_http_api_article_filters_select_story_and_dates(client) -> None:
    sid = story_id(client)
    members = {a["id"] for a in client.get(f"/api/v1/stories/{sid}").json()["articles"]}
    got = client.get("/api/v1/articles", params={"story": sid, "limit": 200}).json()["items"]
    assert {a["id"] for a in got} == members
    dated = client.get("/api/v1/articles", params={"since": "2019-01-01", "limit": 200}).json()["items"]
    assert [a["external_id"] for a in dated] == ["000_fc13acc477961b1c"]


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        pytest.param("GET", "/api/v1/articles/nope", 404, "not_found", id="unknown-article"),
        pytest.param("GET", "/api/v1/stories/S000", 404, "not_found", id="unknown-story"),
        pytest.param("GET", "/api/v1/entities/zzzz", 404, "not_found", id="unknown-entity"),
        pytest.param("GET", "/api/v1/quotes?speaker=zzzz", 404, "not_found", id="unknown-speaker"),
        pytest.param("GET", "/api/v1/nothing", 404, "not_found", id="unknown-endpoint"),
        pytest.param("DELETE", "/api/v1/articles", 405, "method_not_allowed", id="wrong-method"),
        pytest.param("GET", "/api/v1/articles?limit=201", 422, "invalid_request", id="page-over-maximum"),
        pytest.param("GET", "/api/v1/articles?limit=0", 422, "invalid_request", id="page-zero"),
        pytest.param("GET", "/api/v1/articles?offset=-1", 422, "invalid_request", id="negative-offset"),
        pytest.param("GET", "/api/v1/articles?since=yesterday", 422, "invalid_request", id="bad-date"),
        pytest.param("GET", "/api/v1/articles?since=2019-02-30", 400, "bad_request", id="impossible-date"),
        pytest.param("GET", "/api/v1/stories?since=2015-13-45", 400, "bad_request", id="stories-impossible-date"),
        pytest.param("GET", "/api/v1/search?q=x&since=2015-99-99", 400, "bad_request", id="search-impossible-date"),
        pytest.param("GET", "/api/v1/entities?type=PERSON", 422, "invalid_request", id="bad-type"),
        pytest.param("GET", "/api/v1/stories?min_size=0", 422, "invalid_request", id="bad-min-size"),
        pytest.param("GET", "/api/v1/search", 422, "invalid_request", id="search-without-q"),
        pytest.param("GET", "/api/v1/search?q=x&sort=best", 422, "invalid_request", id="search-bad-sort"),
        pytest.param("GET", "/api/v1/search?q=", 400, "bad_request", id="search-empty-query"),
        pytest.param("GET", f"/api/v1/search?q=-{PUTIN}", 400, "bad_request", id="search-only-exclusions"),
        pytest.param("GET", "/api/v1/search?q=" + "x" * 1001, 400, "bad_request", id="search-too-long"),
        pytest.param("POST", "/api/v1/articles", 403, "forbidden", id="write-to-read-only-server"),
    ],
)
def test_http_api_errors_use_the_envelope(client, method: str, url: str, status: int, code: str) -> None:
    assert_envelope(client.request(method, url, json={"title": "t", "text": "x"}), status, code)


def test_http_api_unexpected_error_is_a_generic_500(client, monkeypatch) -> None:
    """A failure inside is logged by the server; the client gets the envelope, no trace and no SQL."""
    from marsad import retrieval

    def broken(*args, **kwargs):
        """Fail like a broken store would."""
        raise RuntimeError('sqlite3.OperationalError near "SELECT id FROM articles"')

    monkeypatch.setattr(retrieval, "articles_page", broken)
    assert_envelope(client.get("/api/v1/articles"), 500, "internal_error")


def test_http_api_store_error_is_a_500_without_details(client, monkeypatch) -> None:
    from marsad import retrieval
    from marsad.errors import StoreError

    def broken(*args, **kwargs):
        """Fail like a store that lost its database."""
        raise StoreError("/secret/path.db is not a usable database (SELECT failed)")

    monkeypatch.setattr(retrieval, "stories_page", broken)
    response = client.get("/api/v1/stories")
    assert_envelope(response, 500, "internal_error")
    assert "/secret" not in response.text


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        pytest.param({}, 401, "unauthorized", id="no-token"),
        pytest.param({"Authorization": "Bearer wrong-token-0123456789"}, 401, "unauthorized", id="wrong-token"),
        pytest.param({"Authorization": f"Basic {TOKEN}"}, 401, "unauthorized", id="wrong-scheme"),
    ],
)
def test_http_api_post_needs_the_token(writable, headers: dict, status: int, code: str) -> None:
    response = writable.post("/api/v1/articles", json={"title": "t", "text": "x"}, headers=headers)
    assert_envelope(response, status, code)
    assert response.headers["www-authenticate"] == "Bearer"


AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"id": "post-1", "source": "test", "url": "https://example.org/1", "published": "2019-04-26",
           "title": "\u0628\u0648\u062a\u064a\u0646 \u064a\u0633\u062a\u0642\u0628\u0644 \u0643\u064a\u0645",
           "text": "\u0627\u0633\u062a\u0642\u0628\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 \u0628\u0648\u062a\u064a\u0646 "
                   "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646 \u0641\u064a "
                   "\u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643."}


def test_http_api_post_one_article_stores_and_serves_it(writable) -> None:
    response = writable.post("/api/v1/articles", json=ARTICLE, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["stored"] == 1 and body["rejected"] == []
    shown = writable.get(f"/api/v1/articles/{body['ids'][0]}").json()
    assert shown["external_id"] == "post-1" and shown["entities"]
    again = writable.post("/api/v1/articles", json=ARTICLE, headers=AUTH)
    assert again.status_code == 200 and again.json()["duplicates"] == 1


def test_http_api_post_jsonl_batch_reports_each_line(writable) -> None:
    lines = [json.dumps({**ARTICLE, "id": f"b{i}", "source": f"outlet{i}"}) for i in range(2)]
    body = "\n".join([*lines, "{not json"]).encode()
    response = writable.post("/api/v1/articles", content=body,
                             headers={**AUTH, "Content-Type": "application/x-ndjson"})
    got = response.json()
    assert response.status_code == 201 and got["stored"] == 2
    assert [r["origin"] for r in got["rejected"]] == ["upload.jsonl:3"]


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        pytest.param(b"", {}, 400, "bad_request", id="empty-body"),
        pytest.param(b"{broken", {}, 422, "invalid_request", id="malformed-json"),
        pytest.param(b'{"title": "no text"}', {}, 422, "invalid_request", id="no-text"),
        pytest.param(b"<p>x</p>", {"Content-Type": "text/html"}, 415, "unsupported_media_type", id="html-body"),
        pytest.param(b"x" * 70_000, {}, 413, "payload_too_large", id="over-the-limit"),
    ],
)
def test_http_api_post_refuses_bad_bodies(writable, content: bytes, headers: dict, status: int, code: str) -> None:
    response = writable.post("/api/v1/articles", content=content,
                             headers={**AUTH, "Content-Type": "application/json", **headers})
    assert_envelope(response, status, code)


def test_http_api_post_streamed_body_over_the_limit_is_413(writable) -> None:
    """A body sent without Content-Length is counted as it is read."""

    def chunks():
        """64 KiB and more, in pieces."""
        for _ in range(20):
            yield b"x" * 8192

    response = writable.post("/api/v1/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert_envelope(response, 413, "payload_too_large")


@pytest.mark.parametrize("path", ["/api/v1/stories", "/", "/api/v1/nothing"])
def test_http_api_security_headers_on_every_response(client, path: str) -> None:
    headers = client.get(path).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("origins", "allowed"),
    [pytest.param((), None, id="off-by-default"),
     pytest.param(("https://news.example",), "https://news.example", id="configured")],
)
def test_http_api_cors_is_off_unless_configured(demo_db: Path, origins: tuple, allowed: str | None) -> None:
    with make_client(demo_db, cors_origins=origins) as c:
        response = c.get("/api/v1/healthz", headers={"Origin": "https://news.example"})
    assert response.headers.get("access-control-allow-origin") == allowed


def test_http_api_openapi_documents_every_endpoint(client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert set(spec["paths"]) >= {"/api/v1/articles", "/api/v1/articles/{key}", "/api/v1/stories",
                                  "/api/v1/stories/{story_id}", "/api/v1/entities", "/api/v1/entities/{key}",
                                  "/api/v1/quotes", "/api/v1/search", "/api/v1/healthz"}
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and "/api/v1/search" in docs.text and "<script" not in docs.text


def test_http_api_serves_a_postgresql_store_like_sqlite(client, demo_db: Path, pg_database: str) -> None:
    """The same endpoints over the archive copied into PostgreSQL give the same articles, filters included."""
    from marsad.store import open_store
    from marsad.store.copying import copy_store

    src, dst = open_store(demo_db), open_store(pg_database)
    copy_store(src, dst)
    src.close()
    dst.close()
    sid = story_id(client)
    with make_client(pg_database) as pg:
        for url in ("/api/v1/articles?limit=20", f"/api/v1/articles?story={sid}&since=2015-08-01",
                    f"/api/v1/articles/{client.get('/api/v1/articles').json()['items'][3]['id']}",
                    f"/api/v1/stories/{sid}"):
            got, want = (comparable(c.get(url).json()) for c in (pg, client))
            assert got == want, url


def comparable(body: dict) -> dict:
    """An answer without what differs between stores by design: the copy's ingest time, unordered duplicates."""
    out = {**body, "ingested_at": None}
    if "duplicates" in out:
        out["duplicates"] = sorted(out["duplicates"], key=lambda d: d["article_id"])
    return out


def test_http_api_serve_command_refuses_a_missing_database(cli, tmp_path: Path) -> None:
    res = cli("serve", "--db", tmp_path / "none.db")
    assert res.code == 1 and "marsad ingest" in res.err and not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("token", [pytest.param("", id="empty"), pytest.param("short", id="short")])
def test_http_api_serve_command_refuses_a_weak_token(cli, demo_db: Path, tmp_path: Path, token: str) -> None:
    path = tmp_path / "token"
    path.write_text(token + "\n")
    res = cli("serve", "--db", demo_db, "--token-file", path)
    assert res.code == 1 and "token" in res.err


def test_http_api_posts_reuse_the_archive_state_until_another_writer_comes(writable, monkeypatch) -> None:
    """Posts keep the near-duplicate, story and entity state in memory; it is read again only after another
    writer changed the store (here a ``marsad ingest`` into the same file between two posts)."""
    from marsad import pipeline
    from marsad.config import Settings
    from marsad.store import open_store

    loads = []
    real = pipeline.Trackers.load
    monkeypatch.setattr(pipeline.Trackers, "load", classmethod(lambda cls, *a: loads.append(1) or real(*a)))
    for i in range(3):
        article = {**ARTICLE, "id": f"keep-{i}", "url": f"https://example.org/keep/{i}", "source": f"outlet{i}"}
        assert writable.post("/api/v1/articles", json=article, headers=AUTH).status_code == 201
    assert len(loads) == 1
    db = writable.app.state.settings.db
    other = {**ARTICLE, "id": "outside", "url": "https://example.org/outside", "source": "elsewhere"}
    store = open_store(db)
    try:
        pipeline.ingest_bytes(json.dumps(other).encode(), "outside.json", store, Settings())
    finally:
        store.close()
    loads.clear()
    article = {**ARTICLE, "id": "after", "url": "https://example.org/after", "source": "outlet9"}
    assert writable.post("/api/v1/articles", json=article, headers=AUTH).status_code == 201
    assert len(loads) == 1
