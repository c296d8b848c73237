"""The one door to storage: ``Store``, the typed methods the rest of Marsad may call on any backend.

A backend (``SQLiteStore`` today; PostgreSQL next) implements every method; ``tests/store`` runs one contract suite
against each backend, and ``tests/test_architecture.py`` checks that ``SQLiteStore`` provides the protocol and
that no SQL is written outside ``marsad/store/``. Records go in as ``marsad.model`` objects or plain rows and come
out as dicts of display fields (the normalized text only through ``norm_text`` / ``iter_search_sources``,
for matching).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from marsad.model import Article, Mention, Quote, TimeExpr
from marsad.store.match import Node


@dataclass(frozen=True, slots=True)
class HitFilters:
    """Filters of a search: outlet, publication dates (inclusive ISO dates), entities, story."""

    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity_ids: tuple[str, ...] | None = None
    story_id: str | None = None


@runtime_checkable
class Store(Protocol):
    """Everything the pipeline, search and interfaces need from a store."""

    # -- schema and transactions --------------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        """Names of the migrations already applied, in order."""

    def migrate(self) -> list[str]:
        """Apply pending migrations, each atomically with its record; return the names applied."""

    def transaction(self) -> AbstractContextManager[None]:
        """A block stored whole or not at all (nested blocks join the outer one)."""

    def close(self) -> None:
        """Release the connection."""

    # -- articles ------------------------------------------------------------------------------------------
    def find_same(self, source: str | None, url: str | None, content_hash: str) -> str | None:
        """Id of an article from the same outlet with the same URL or the same normalized text."""

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this Marsad id is stored."""

    def insert_article(self, article_id: str, article: Article, ingested_at: str | None = None) -> int | None:
        """Store one article, stamped now (or ``ingested_at``, when an archive is copied); return its arrival
        sequence number, or None when a concurrent writer stored the same article (same id or outlet and URL) first."""

    def count_articles(self) -> int:
        """Number of stored articles."""

    def list_articles(self, limit: int = 50, offset: int = 0, source: str | None = None) -> list[dict[str, Any]]:
        """Stored articles in arrival order, display fields only, one page."""

    def filter_articles(self, filters: HitFilters, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles in arrival order (``list_articles``'s fields), filtered as search hits are."""

    def get_article(self, key: str) -> dict[str, Any] | None:
        """One article by Marsad or external id, display text only."""

    def norm_text(self, article_id: str) -> str | None:
        """The normalized title and body of one article (matching only)."""

    def search_index_version(self) -> str | None:
        """The terms version the search index was built with, or None."""

    def iter_search_sources(self) -> Iterator[tuple[int, str, str]]:
        """(seq, title_norm, body_norm) of every article, in arrival order."""

    def rebuild_search_index(self, rows: Iterable[tuple[int, Mapping[str, str]]], version: str) -> int:
        """Replace the whole index by ``(seq, columns)`` rows and record ``version``."""

    def index_search_terms(self, seq: int, columns: Mapping[str, str]) -> None:
        """Add one article's index columns under its arrival sequence number."""

    def search_hits(self, match: Node, weights: Sequence[float], filters: HitFilters, limit: int,
                    order: str = "relevance") -> list[dict[str, Any]]:
        """Articles matching an index expression, best first (or newest first), with filters."""

    def copy_roots(self, ids: Sequence[str]) -> dict[str, str]:
        """``{article id: the earliest article it copies}`` for the given ids that are copies."""

    def article_bodies(self, ids: Sequence[str]) -> dict[str, str]:
        """``{article id: display body}`` of the given articles."""

    # -- analyses and entities -----------------------------------------------------------------------------
    def save_analysis(self, article_id: str, mentions: Iterable[Mention], quotes: Iterable[Quote],
                      times: Iterable[TimeExpr], versions: dict[str, str]) -> None:
        """Replace the stored entities, quotes and times of one article, with the rule versions."""

    def analysis(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        """The stored entities, quotes and times of one article."""

    def save_entities(self, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert resolved entities (registry rows)."""

    def entity_rows(self) -> list[dict[str, Any]]:
        """Every stored entity as a registry row."""

    def entities_by_id(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """``{id: {id, type, canonical}}`` of the stored entities among ``ids``."""

    def save_entity_keys(self, entity_id: str, keys: Iterable[str]) -> None:
        """Replace the name keys of one entity."""

    def entity_ids_by_keys(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """``{key: [entity ids]}`` of the entities having any of the name ``keys``."""

    def variants_of(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """``{entity id: [canonical name and every spelling]}``."""

    def variant_counts(self, ids: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
        """``{entity id: [(spelling, mentions)]}``, most used first."""

    def count_term_articles(self, term: str) -> int:
        """How many articles have ``term`` among their indexed base forms."""

    def list_entities(self, type_: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Entities by mention count, with articles and variants."""

    def entities_matching(self, keys: Sequence[str]) -> list[str]:
        """Ids of entities whose canonical name or a variant is one of ``keys``."""

    def entity_detail(self, entity_id: str, limit: int = 20) -> dict[str, Any] | None:
        """One entity: fields, variants, articles, co-occurring entities."""

    def list_quotes(self, speaker_ids: Sequence[str] | None = None, limit: int = 50, offset: int = 0
                    ) -> list[dict[str, Any]]:
        """Statements, newest first, of ``speaker_ids`` when given."""

    def quotes_of_articles(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The quotes of the given articles with their speakers' canonical names."""

    def story_ids_of_articles(self, ids: Sequence[str]) -> dict[str, str]:
        """``{article id: story id}`` of the given articles that belong to a story."""

    # -- near-duplicates, stories, state -------------------------------------------------------------------
    def save_dedup_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert near-duplicate index rows."""

    def dedup_rows(self) -> Iterator[dict[str, Any]]:
        """Every near-duplicate index row, in arrival order."""

    def save_duplicate(self, article_id: str, duplicate_of: str, similarity: float, first_source: str | None,
                       method: str, match: dict[str, Any] | None = None) -> None:
        """Record that ``article_id`` copies the earlier ``duplicate_of`` (``match`` explains how)."""

    def duplicates_of_articles(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The near-duplicate records of the given articles."""

    def save_story(self, row: dict[str, Any], summary: dict[str, Any]) -> None:
        """Upsert one story's clustering state row and display summary."""

    def story_state_rows(self) -> Iterator[dict[str, Any]]:
        """The clustering state: the meta row first, then every story row."""

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        """One stored story row (``data`` decoded), or None."""

    def list_stories(self, since: str | None = None, limit: int = 50, min_size: int = 1, offset: int = 0
                     ) -> list[dict[str, Any]]:
        """Stories last seen on or after ``since``, latest and largest first."""

    def story_articles(self, story_id: str) -> list[dict[str, Any]]:
        """A story's articles in time order, with why each joined and what it copies."""

    def chapter_links(self, limit: int = 3) -> list[dict[str, Any]]:
        """Stories that continue an earlier one, longest gap first."""

    def article_story_ids(self) -> dict[str, str]:
        """``{external id: story id}`` of every article assigned to a story."""

    def table_rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of one of Marsad's tables, as stored (copying between stores)."""

    def put_rows(self, table: str, rows: Iterable[dict[str, Any]], replace: bool) -> int:
        """Insert (``replace``: upsert) rows into one of Marsad's tables; return the rows written."""

    def load_state(self, namespace: str) -> dict[str, Any]:
        """All (key -> JSON value) rows of one state namespace."""

    def save_state(self, namespace: str, rows: dict[str, Any]) -> None:
        """Upsert (key -> JSON value) rows of one state namespace."""
