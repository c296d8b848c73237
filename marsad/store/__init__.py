"""Storage layer: ``open_store(url)`` picks a backend behind the one ``Store`` protocol; SQLite is the default."""

from __future__ import annotations

from pathlib import Path

from marsad.errors import StoreError
from marsad.store.protocol import Store
from marsad.store.sqlite import SQLiteStore


def open_store(url: str | Path, **kwargs: object) -> Store:
    """Open a store: a SQLite file path or ``sqlite:///path`` (the default), ``:memory:`` for tests, or a
    ``postgresql://USER@HOST:PORT/DB`` URL (needs ``pip install 'marsad[postgres]'``)."""
    text = str(url)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    elif text.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(text)
    elif "://" in text:
        raise StoreError(f"{text}: unknown store URL; give a SQLite file path such as marsad.db")
    return SQLiteStore(text, **kwargs)  # type: ignore[arg-type]


__all__ = ["Store", "SQLiteStore", "open_store"]
