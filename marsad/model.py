"""Frozen dataclasses that cross stage boundaries. Validation only, no behaviour."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Field = Literal["title", "body"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from an input, before extraction.

    ``text`` is plain text or HTML (``is_html``). Metadata fields are what the input carried, or ``None``.
    """

    external_id: str
    origin: str  # the path (and member) it was read from, for error messages and provenance
    text: str
    is_html: bool = False
    source: str | None = None
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None  # as found in metadata, not yet parsed


@dataclass(frozen=True, slots=True)
class Article:
    """An extracted article: display fields, and their ``norm_profile`` normalized forms for matching."""

    external_id: str
    source: str | None
    url: str | None
    title: str
    byline: str | None
    published_at: str | None  # ISO 8601 (date or date-time), or None
    dateline: str | None
    body: str
    title_norm: str
    body_norm: str
    norm_profile: str
    origin: str = ""
    content_hash: str = ""  # sha1 of title_norm + body_norm: the idempotency key with the URL


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention in one field of an article; offsets point into that field's display text."""

    text: str
    field: Field
    start: int
    end: int
    type: str  # PER | LOC | ORG | MISC
    entity_id: str | None = None
    canonical: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement and its speaker; offsets of the quoted content in the field's display text."""

    speaker: str | None
    speaker_entity_id: str | None
    cue: str
    text: str
    field: Field
    start: int
    end: int
    direct: bool
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression resolved against the publication date (``value`` None when it cannot be)."""

    text: str
    field: Field
    start: int
    end: int
    value: str | None  # YYYY-MM-DD | YYYY-MM | YYYY | YYYY-Www
    calendar: Literal["gregorian", "hijri"] = "gregorian"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analysis stages found in one article."""

    entities: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def to_dict(obj: Any) -> dict[str, Any]:
    """Return a JSON-ready dict of a dataclass instance."""
    return asdict(obj)
