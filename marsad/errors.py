"""One exception tree. Every message names the input and the fix."""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every error Marsad raises on purpose."""


class ConfigError(MarsadError, ValueError):
    """A setting is invalid; the message names the setting and a valid value."""


class IngestError(MarsadError):
    """An input could not be read or extracted; the message names the input and the fix."""

    def __init__(self, origin: str, reason: str) -> None:
        """Keep the input's name and the reason apart, for per-file summaries."""
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class StoreError(MarsadError):
    """The store could not be opened, migrated or written; nothing stored was changed."""


class StoreConflict(StoreError):
    """The server store aborted a transaction for a conflict with another writer; it stored nothing of it and the
    caller may run it again."""


class QueryError(MarsadError, ValueError):
    """A search query cannot be run as written; the message says what to change."""
