"""The settings of one ``marsad serve`` process: a frozen dataclass built once, at the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from marsad.config import Settings
from marsad.errors import ConfigError

#: Largest request body accepted (bytes); bigger uploads get 413. 10 MB holds a JSONL batch of ~2,000 articles.
MAX_BODY_BYTES = 10 * 1024 * 1024
#: Most items one page of an API listing holds (``?limit=`` above this is refused with 422).
MAX_PAGE = 200
#: Idle store connections kept open between requests (more are opened under load, then closed).
POOL_SIZE = 8
#: Shortest token accepted from ``--token-file`` (a guessable token is no protection).
MIN_TOKEN_CHARS = 16


@dataclass(frozen=True)
class ServeSettings:
    """What one server serves and how: the store, the address, the write token, the limits."""

    db: str
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = field(default=None, repr=False)  # None: read-only, POST /articles is refused
    max_body_bytes: int = MAX_BODY_BYTES
    pool_size: int = POOL_SIZE
    cors_origins: tuple[str, ...] = ()  # empty: no CORS headers (browsers refuse cross-origin reads)
    ingest: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        """Refuse limits that cannot work, naming the fix."""
        if self.max_body_bytes < 1024:
            raise ConfigError(f"max_body_bytes={self.max_body_bytes}: give at least 1024, e.g. {MAX_BODY_BYTES}")
        if self.pool_size < 1:
            raise ConfigError(f"pool_size={self.pool_size}: give 1 or more, e.g. {POOL_SIZE}")
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port={self.port}: give a TCP port in 0..65535, e.g. 8000")


def read_token(path: str | Path) -> str:
    """The bearer token in ``path`` (its first line, stripped); refuse a missing, empty or short one with the fix."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read --token-file {path}: {exc.strerror}") from None
    token = lines[0].strip() if lines else ""
    if len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(f"--token-file {path}: the token is shorter than {MIN_TOKEN_CHARS} characters; "
                          "write a long random one, e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'")
    return token
