"""Store connections for request threads: each request borrows one open store and gives it back."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request

from marsad.store import Store, open_store


class StorePool:
    """Open stores of one database URL, reused across requests; at most ``size`` are kept idle.

    A request never waits for a store: under load more are opened and closed again when given back. Writes are
    serialized by ``write_lock`` (one ingest at a time in this process, as one ``marsad ingest`` would run).
    """

    def __init__(self, url: str, size: int) -> None:
        """Remember the URL; open nothing yet."""
        self.url = url
        self.size = size
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self.write_lock = threading.Lock()

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        """An open store for the block, given back (or closed, when enough are idle) afterwards."""
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = open_store(self.url)
        try:
            yield store
        finally:
            if self._idle.qsize() < self.size:
                self._idle.put(store)
            else:
                store.close()

    def close(self) -> None:
        """Close every idle store."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


def store_of(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a store borrowed from the app's pool for one request."""
    with request.app.state.pool.borrow() as store:
        yield store


#: A path operation's store parameter.
StoreDep = Annotated[Store, Depends(store_of)]
