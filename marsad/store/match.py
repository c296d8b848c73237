"""The search expression a store evaluates: a small tree of term look-ups over Marsad's index columns.

``marsad.search`` builds it from a user's query; each backend renders it in its own full-text language (FTS5 for
SQLite, ``tsquery`` for PostgreSQL). ``kind`` names a column family of the index: ``words`` (normalized words),
``bases`` (article and clitics before it stripped) or ``stems`` (light stems), each over title and body.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("words", "bases", "stems")


@dataclass(frozen=True, slots=True)
class Terms:
    """Any one of ``forms`` in the ``kind`` columns."""

    kind: str
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phrase:
    """``tokens`` in this order, adjacent, in the ``kind`` columns."""

    kind: str
    tokens: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prefix:
    """A term starting with ``token`` in the ``kind`` columns."""

    kind: str
    token: str


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one of ``items``."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every one of ``items``."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Without:
    """``keep``, minus the articles matching any of ``drop``."""

    keep: Node
    drop: tuple[Node, ...]


Node = Terms | Phrase | Prefix | AnyOf | AllOf | Without
