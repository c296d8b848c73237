"""``create_app(settings)``: the FastAPI app of ``marsad serve`` (API, web pages, static files, error handling)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from marsad import __version__, retrieval
from marsad.interfaces.http import api, web
from marsad.interfaces.http.errors import install_handlers
from marsad.interfaces.http.middleware import BodyLimit, SecurityHeaders
from marsad.interfaces.http.settings import ServeSettings
from marsad.interfaces.http.stores import StorePool

HERE = Path(__file__).parent
#: Arabic names of the entity types, as pages show them.
TYPE_NAMES = {"PER": "\u0634\u062e\u0635", "LOC": "\u0645\u0643\u0627\u0646", "ORG": "\u0645\u0646\u0638\u0645\u0629",
              "MISC": "\u0623\u062e\u0631\u0649"}  # shakhs, makan, munazzama, ukhra


def when(value: str | None) -> str:
    """An ISO timestamp as a page shows it: ``YYYY-MM-DD HH:MM`` (no seconds or zone)."""
    return (value or "")[:16].replace("T", " ")


def web_url(value: str | None) -> str | None:
    """``value`` when it is an http(s) URL, else None (a ``javascript:`` or other link is never rendered)."""
    text = (value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def templates() -> Jinja2Templates:
    """The page templates: autoescaped (article text is untrusted), with the filters the pages use."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters.update(when=when, web_url=web_url, typename=lambda t: TYPE_NAMES.get(t or "", t or ""))
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def _tracker_cache() -> object:
    """An empty ``pipeline.TrackerCache`` (imported here: the read-only pages never load the pipeline)."""
    from marsad.pipeline import TrackerCache

    return TrackerCache()


def create_app(settings: ServeSettings) -> FastAPI:
    """The app serving ``settings.db``: JSON API under ``/api/v1``, web pages, static files."""
    pool = StorePool(settings.db, settings.pool_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Close the store connections when the server stops."""
        yield
        pool.close()

    app = FastAPI(title="Marsad", version=__version__, lifespan=lifespan, openapi_url="/api/v1/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Arabic news archive: articles, stories, entities, quotes and full-text search. "
                              "Shapes equal the `marsad` CLI's `--json` output.")
    app.state.settings = settings
    app.state.pool = pool
    app.state.trackers = _tracker_cache()  # near-duplicate, story and entity state kept between posts
    app.state.summaries = retrieval.SummaryCache()  # story summaries, recomputed when a story grows
    app.state.templates = templates()
    install_handlers(app)
    app.include_router(api.router)
    app.include_router(web.router)
    app.add_api_route("/healthz", api.healthz, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"])
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app

