"""Marsad: turns a stream of Arabic news articles into structured, searchable knowledge.

The Python API (the CLI is a thin layer over these)::

    import marsad
    store = marsad.open_store("news.db")
    report = marsad.process(["articles/"], store)             # = marsad ingest: read, analyse, dedup, cluster, store
    for article in marsad.analyze(["article.txt"]):           # the same analysis, no store
        print(article["entities"], article["quotes"], article["times"])
    for hit in marsad.search(store, "كيم جونج أون", limit=5):   # = marsad search
        print(hit["title"], hit["snippet"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Settings", "__version__", "analyze", "normalize", "open_store", "process", "search"]

if TYPE_CHECKING:  # pragma: no cover
    from marsad.config import Settings


def open_store(url: str, **kwargs: Any):  # noqa: ANN201 - the store type lives in marsad.store
    """Open (creating and migrating) a store: a SQLite file path, ``sqlite:///path`` or ``:memory:``."""
    from marsad.store import open_store as _open

    return _open(url, **kwargs)


def process(paths: list[str], store: Any, settings: Settings | None = None):  # noqa: ANN201
    """Ingest files or folders into ``store`` (``marsad ingest``); return the report (stored, duplicates, rejected).

    Named ``process`` because ``marsad.ingest`` is the ingest layer's package.
    """
    from marsad.config import Settings
    from marsad.pipeline import ingest as _ingest

    return _ingest([str(p) for p in paths], store, settings or Settings())


def analyze(paths: list[str], settings: Settings | None = None):  # noqa: ANN201
    """Yield the ``marsad analyze --json`` object of every article under ``paths`` (read errors are skipped)."""
    from marsad.config import Settings
    from marsad.pipeline import ReadError, analyze as _analyze

    for item in _analyze([str(p) for p in paths], settings or Settings()):
        if not isinstance(item, ReadError):
            yield item


def search(store: Any, query: str, **options: Any) -> list[dict[str, Any]]:
    """Search the archive (``marsad search``): hits best first; options are ``limit``, ``offset``, ``source``,
    ``since``, ``until``, ``entity``, ``story``, ``sort`` ("relevance" or "date")."""
    from marsad.retrieval import SearchOptions, search as _search

    return _search(store, query, SearchOptions(**options))


def normalize(text: str, profile: str = "match.v1") -> str:
    """Normalize Arabic text for matching and search (never for display)."""
    from marsad.text.normalize import normalize as _normalize

    return _normalize(text, profile)


def __getattr__(name: str) -> Any:
    """Expose ``marsad.Settings`` without importing the configuration module at package import."""
    if name == "Settings":
        from marsad.config import Settings

        return Settings
    raise AttributeError(f"module 'marsad' has no attribute {name!r}")
