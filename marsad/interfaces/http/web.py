"""The Arabic web UI: server-rendered pages (Jinja2, autoescaped), each the twin of an API endpoint.

A page calls the same ``marsad.retrieval`` function as its JSON twin (linked from the page) and only arranges the
result for reading: copies folded in timelines, highlights, the mentions chart.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from marsad import retrieval
from marsad.errors import ConfigError, QueryError
from marsad.interfaces.http.errors import ApiError
from marsad.interfaces.http.marks import analysis_spans, match_spans, mentions_chart, pieces, quote_runs
from marsad.interfaces.http.settings import MAX_PAGE
from marsad.interfaces.http.stores import StoreDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

#: Stories on the home page, and the smallest shown there (single articles are stories too, but many).
HOME_STORIES, HOME_MIN_SIZE = 30, 2
#: Hits per search page, and the search filters a page passes on.
SEARCH_PAGE = 20
SEARCH_FILTERS = ("source", "since", "until", "entity", "story", "sort")


def render(request: Request, template: str, json_url: str, status: int = 200, **context: Any) -> Response:
    """Render a page with the link to its JSON twin."""
    return request.app.state.templates.TemplateResponse(
        request, template, {"json_url": json_url, **context}, status_code=status)


def timeline(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A story's articles in time order, each copy folded under the article of the story it copies."""
    rows = {a["id"]: {"article": a, "copies": []} for a in articles}
    out = []
    for a in articles:
        root = a.get("duplicate_of")
        if root in rows and root != a["id"]:
            rows[root]["copies"].append(a)
        else:
            out.append(rows[a["id"]])
    return out


@router.get("/")
def home(request: Request, store: StoreDep) -> Response:
    """Latest stories (size, sources, time span), the most mentioned entities, and the search box."""
    stories = retrieval.stories_page(store, None, HOME_MIN_SIZE, HOME_STORIES)
    min_size = HOME_MIN_SIZE if stories else 1
    stories = stories or retrieval.stories_page(store, None, 1, HOME_STORIES)
    return render(request, "home.html", f"/api/v1/stories?min_size={min_size}&limit={HOME_STORIES}",
                  stories=stories, articles=store.count_articles(),
                  people=retrieval.entities_page(store, "PER", 12), places=retrieval.entities_page(store, "LOC", 12))


@router.get("/stories/{story_id}")
def story(request: Request, store: StoreDep, story_id: str) -> Response:
    """One story: summary, timeline with copies folded, entities, quotes, earlier and later chapters."""
    view = retrieval.story_view(store, story_id, detail=True, summaries=request.app.state.summaries)
    if view is None:
        raise ApiError(404, f"no story {story_id!r}")
    chapters = [c for c in [view["earlier_chapter"], *view["later_chapters"]] if c]
    titles = {c: (retrieval.story_view(store, c) or {}).get("title") for c in chapters}
    return render(request, "story.html", f"/api/v1/stories/{story_id}", story=view,
                  timeline=timeline(view["articles"]), chapter_titles=titles)


@router.get("/entities/{key:path}")
def entity(request: Request, store: StoreDep, key: str) -> Response:
    """One entity: every spelling, mentions per day, co-occurring entities, articles, quotes by it."""
    ids = retrieval.resolve_entity(store, key)
    view = retrieval.entity_view(store, ids[0], detail=True) if ids else None
    if view is None:
        raise ApiError(404, f"no entity {key!r}")
    return render(request, "entity.html", f"/api/v1/entities/{view['id']}", entity=view,
                  chart=mentions_chart(view["mentions_per_day"]))


def marked_field(view: dict[str, Any], field: str) -> list[Any]:
    """An article field cut into highlighted pieces, grouped by quote (what the ``marked`` macro draws)."""
    text = view[field] or ""
    return quote_runs(pieces(text, analysis_spans(text, field, view)))


@router.get("/articles/{key:path}")
def article(request: Request, store: StoreDep, key: str) -> Response:
    """One article: its original text with entities, quotes and dates highlighted."""
    view = retrieval.article_view(store, key, detail=True)
    if view is None:
        raise ApiError(404, f"no article {key!r}")
    title, body = marked_field(view, "title"), marked_field(view, "body")
    names = {e["entity_id"]: e for e in view["entities"] if e.get("entity_id")}
    return render(request, "article.html", f"/api/v1/articles/{view['id']}", article=view, title_pieces=title,
                  body_pieces=body, named=sorted(names.values(), key=lambda e: e["type"]))


def _search_args(params: dict[str, str], offset: int) -> str:
    """The query string of a search page (empty filters left out)."""
    return urlencode({k: v for k, v in {**params, "offset": str(offset) if offset else ""}.items() if v})


@router.get("/search")
def search(request: Request, store: StoreDep, q: str = "", offset: int = 0, source: str = "", since: str = "",
           until: str = "", entity: str = "", story: str = "", sort: str = "relevance") -> Response:
    """Search with filters; hits with highlighted snippets, copies counted, paging."""
    params = {"q": q, "source": source, "since": since, "until": until, "entity": entity, "story": story,
              "sort": sort}
    hits: list[dict[str, Any]] = []
    error, status = None, 200
    if q.strip():
        try:
            options = retrieval.SearchOptions(SEARCH_PAGE, max(0, min(offset, 100 * MAX_PAGE)), source or None,
                                              since or None, until or None, entity or None, story or None, sort)
            hits = retrieval.search(store, q, options)
        except (QueryError, ConfigError) as exc:
            error, status = str(exc), 400
    shown = [{**h, "pieces": quote_runs(pieces(h["snippet"], match_spans(h["snippet_matches"])))} for h in hits]
    return render(request, "search.html", "/api/v1/search?" + _search_args(params, offset), status, params=params,
                  hits=shown, error=error, offset=offset,
                  prev_url="/search?" + _search_args(params, max(0, offset - SEARCH_PAGE)) if offset else None,
                  next_url="/search?" + _search_args(params, offset + SEARCH_PAGE) if len(hits) == SEARCH_PAGE else None)


@router.get("/api/v1/docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI document (no script, nothing fetched)."""
    spec = request.app.openapi()
    return render(request, "docs.html", "/api/v1/openapi.json", spec=spec)
