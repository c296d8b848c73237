"""The JSON API under ``/api/v1``: each endpoint calls the function behind the matching CLI command.

Listings answer ``{"items": [...], "limit", "offset", "next_offset"}``; each item is the object the CLI prints
with ``--json`` (one serializer: ``marsad.retrieval``). Single objects are the CLI's ``--json`` object, with a few
added keys where the page shows more (see ``marsad.retrieval.archive``).
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from marsad import __version__, retrieval
from marsad.interfaces.http.errors import ApiError
from marsad.interfaces.http.settings import MAX_PAGE
from marsad.interfaces.http.stores import StoreDep

router = APIRouter(prefix="/api/v1")

#: An ISO date (time of day allowed after it).
ISO_DATE = r"^\d{4}-\d{2}-\d{2}([T ].*)?$"
#: Request content types read as a JSON Lines batch (anything else JSON is one article or an array of them).
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines")

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"items per page (1..{MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, description="items to skip (paging)")]
Since = Annotated[str | None, Query(pattern=ISO_DATE, description="on or after this date (YYYY-MM-DD)")]
Until = Annotated[str | None, Query(pattern=ISO_DATE, description="on or before this date (YYYY-MM-DD)")]


def page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    """One page of a listing, with the offset of the next page (None after the last one)."""
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(items) == limit else None}


def found(value: dict[str, Any] | None, what: str) -> dict[str, Any]:
    """``value``, or a 404 naming what was missing and where to list the ids."""
    if value is None:
        raise ApiError(404, what)
    return value


@router.get("/healthz")
def healthz(store: StoreDep) -> dict[str, Any]:
    """Liveness and the store's size: ``{"status": "ok", "version", "articles"}``."""
    return {"status": "ok", "version": __version__, "articles": store.count_articles()}


@router.get("/articles")
def list_articles(store: StoreDep, limit: Limit = 50, offset: Offset = 0, source: str | None = None,
                  since: Since = None, until: Until = None, entity: str | None = None,
                  story: str | None = None) -> dict[str, Any]:
    """Stored articles in arrival order (``marsad articles --json`` items), filtered by outlet, dates, entity
    (any spelling) or story."""
    filters = retrieval.ArticleFilters(source, since, until, entity, story)
    return page(retrieval.articles_page(store, filters, limit, offset), limit, offset)


@router.get("/articles/{key:path}")
def get_article(store: StoreDep, key: str) -> dict[str, Any]:
    """One article by Marsad or external id (``marsad show --json``) plus ``duplicates`` and ``story_id``; its
    ``origin`` is the input file's name and line only (the server's folders are not the client's business)."""
    view = found(retrieval.article_view(store, key, detail=True), f"no article {key!r}: list ids at /api/v1/articles")
    if view.get("origin"):
        view["origin"] = public_origin(view["origin"])
    return view


def public_origin(origin: str) -> str:
    """An input's origin without its folders: "/srv/feeds/day.jsonl:537" -> "day.jsonl:537"."""
    return origin.replace("\\", "/").rsplit("/", 1)[-1]


@router.get("/stories")
def list_stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0, since: Since = None,
                 min_size: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
    """Stories, latest first (``marsad stories --json`` items)."""
    return page(retrieval.stories_page(store, since, min_size, limit, offset), limit, offset)


@router.get("/stories/{story_id}")
def get_story(request: Request, store: StoreDep, story_id: str) -> dict[str, Any]:
    """One story (``marsad story --json``): timeline, summary, entities, quotes, duplicates, chapters."""
    return found(retrieval.story_view(store, story_id, detail=True, summaries=request.app.state.summaries),
                 f"no story {story_id!r}: list ids at /api/v1/stories")


@router.get("/entities")
def list_entities(store: StoreDep, limit: Limit = 50, offset: Offset = 0,
                  type: Literal["PER", "LOC", "ORG", "MISC"] | None = None,  # noqa: A002 - the public name
                  min_mentions: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """Entities by mentions (``marsad entities --json`` items), of one type, with at least ``min_mentions``."""
    return page(retrieval.entities_page(store, type, limit, offset, min_mentions), limit, offset)


@router.get("/entities/{key:path}")
def get_entity(store: StoreDep, key: str) -> dict[str, Any]:
    """One entity by id or any spelling (``marsad entity --json``) plus ``mentions_per_day`` and ``quotes``."""
    ids = retrieval.resolve_entity(store, key)
    return found(retrieval.entity_view(store, ids[0], detail=True) if ids else None,
                 f"no entity {key!r}: list them at /api/v1/entities")


@router.get("/quotes")
def list_quotes(store: StoreDep, limit: Limit = 50, offset: Offset = 0,
                speaker: Annotated[str | None, Query(description="any spelling of the speaker's name")] = None,
                ) -> dict[str, Any]:
    """Statements, newest first (``marsad quotes --json`` items), of one speaker under any spelling."""
    rows = retrieval.quotes_page(store, speaker, limit, offset)
    if rows is None:
        raise ApiError(404, f"no speaker named {speaker!r}: list people at /api/v1/entities?type=PER")
    return page(rows, limit, offset)


@router.get("/search")
def search(store: StoreDep, q: Annotated[str, Query(description='words, "phrase", OR, -exclude, prefix*')],
           limit: Limit = 20, offset: Offset = 0, source: str | None = None, since: Since = None,
           until: Until = None, entity: str | None = None, story: str | None = None,
           sort: Literal["relevance", "date"] = "relevance") -> dict[str, Any]:
    """Full-text search (``marsad search --json`` hits, best first; copies collapsed); 400 on a query that
    cannot run."""
    options = retrieval.SearchOptions(limit, offset, source, since, until, entity, story, sort)
    return page(retrieval.search(store, q, options), limit, offset)


def check_token(request: Request) -> None:
    """Let the request write only with the server's bearer token; a server without one is read-only (403)."""
    token = request.app.state.settings.token
    if token is None:
        raise ApiError(403, "this server is read-only: start marsad serve with --token-file FILE to accept articles")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "send the server's token: Authorization: Bearer <the token in --token-file>",
                       {"WWW-Authenticate": "Bearer"})


def ingest_upload(request: Request, body: bytes, name: str) -> Any:
    """Ingest the posted bytes into the store, one write at a time (``marsad ingest``'s readers and pipeline)."""
    from marsad import pipeline

    state = request.app.state
    with state.pool.write_lock, state.pool.borrow() as store:
        return pipeline.ingest_bytes(body, name, store, state.settings.ingest, state.trackers)


@router.post("/articles", status_code=201, responses={200: {"description": "every article was already stored"}})
async def post_articles(request: Request) -> JSONResponse:
    """Ingest one article (a JSON object, or an array of them) or a JSON Lines batch (``application/x-ndjson``)
    with the readers of ``marsad ingest``; needs ``Authorization: Bearer <token>``."""
    check_token(request)
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if kind not in ("application/json", "text/plain", *JSONL_TYPES):
        raise ApiError(415, f"content type {kind!r}: send application/json (one article) or application/x-ndjson")
    body = await request.body()
    if not body.strip():
        raise ApiError(400, 'empty body: send an article such as {"title": "...", "text": "...", "source": "..."}')
    name = "upload.jsonl" if kind in JSONL_TYPES else "upload.json"
    report = await run_in_threadpool(ingest_upload, request, body, name)
    rejected = [{"origin": origin, "reason": reason} for origin, reason in report.rejected]
    if report.stored + report.duplicates == 0:
        raise ApiError(422, "nothing could be ingested: " + "; ".join(f"{r['origin']}: {r['reason']}" for r in rejected[:5]))
    return JSONResponse({"stored": report.stored, "duplicates": report.duplicates,
                         "near_duplicates": report.near_duplicates, "ids": report.stored_ids, "rejected": rejected},
                        status_code=201 if report.stored else 200)
