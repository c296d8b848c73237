"""One entity per name across the archive: the partition registries merged into one, deterministically.

Each worker resolves its partition against a registry of its own, so one person may get an entity in several
partitions. The driver folds the partition registries into the archive registry in partition order, each
partition's entities in their creation order, with the same linking rules ``marsad ingest`` uses:

1. an entity with a gazetteer id becomes the archive's entity of that gazetteer id (its id is derived from the
   gazetteer id, so it is the same in every partition);
2. an entity whose partition id was merged before (same type and name key of its first name: ids are derived from
   them, ``registry.make_entity_id``) joins the archive entity it was merged into;
3. else the archive registry's ``find`` links it by name key and similarity, with its guards (different gazetteer
   ids, different known given names stay apart);
4. else it is created in the archive registry.

Its variants and roles are added to the archive entity. The result depends only on the input order and the
partition size, never on which worker finished first. (In the default ``"driver"`` mode there is nothing to merge:
``resolve`` links each article's mentions to the archive registry directly, in input order, as ``marsad ingest``.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from marsad.analysis.entities.registry import Entity, EntityRegistry
from marsad.analysis.entities.titles import resolve_with_offices
from marsad.analysis.quotes.quotes import extract_quotes
from marsad.model import Analysis
from marsad.text.doc import FIELDS, Doc


class ArchiveRegistry:
    """The archive's entity registry, built by merging partition registries in order."""

    def __init__(self) -> None:
        """Start with an empty registry over the shipped gazetteer."""
        self.registry = EntityRegistry()
        self._merged: dict[str, str] = {}  # partition entity id -> archive entity id (rule 2)
        self.articles: Counter[str] = Counter()  # archive entity id -> articles mentioning it

    def merge(self, rows: Iterable[dict[str, Any]]) -> dict[str, str]:
        """Fold one partition's registry rows in; return ``{partition entity id: archive entity id}``."""
        mapping: dict[str, str] = {}
        for row in rows:
            entity = self._archive_entity(row)
            for variant, count in (row.get("variants") or {}).items():
                self.registry.observe(entity, variant, count)
            entity.roles.update(row.get("roles") or {})
            for key, (count, first, last) in (row.get("offices") or {}).items():
                self.registry.merge_office(entity, key, count, first, last)
            mapping[row["entity_id"]] = self._merged[row["entity_id"]] = entity.entity_id
        return mapping

    def _archive_entity(self, row: dict[str, Any]) -> Entity:
        """The archive entity a partition entity row is (rules 1-4 of the module docstring)."""
        reg = self.registry
        if row.get("gaz_id") and (entry := reg.gazetteer.get(row["gaz_id"])) is not None:
            return reg.for_gazetteer(entry)
        known = self._merged.get(row["entity_id"])
        if known is not None and (entity := reg.get(known)) is not None:
            return entity
        return reg.find(row["canonical"], row["type"]) or reg.create(row["type"], row["canonical"])

    def remap(self, found: Analysis, mapping: dict[str, str]) -> Analysis:
        """An article's analysis with archive entity ids and canonical names; counts the article per entity."""
        reg = self.registry

        def canonical(eid: str | None) -> str | None:
            """The archive canonical name of an archive entity id."""
            entity = reg.get(eid) if eid else None
            return entity.canonical if entity is not None else None

        mentions = tuple(
            replace(m, entity_id=(eid := mapping.get(m.entity_id, m.entity_id)), canonical=canonical(eid) or m.canonical)
            for m in found.entities
        )
        quotes = tuple(
            replace(q, speaker_entity_id=mapping.get(q.speaker_entity_id, q.speaker_entity_id))
            if q.speaker_entity_id else q
            for q in found.quotes
        )
        self.articles.update({m.entity_id for m in mentions if m.entity_id})
        return replace(found, entities=mentions, quotes=quotes)

    def resolve(self, found: Analysis, title: str, body: str, quotes: bool, published: str | None = None) -> Analysis:
        """An article's tagged analysis resolved against the archive registry, with its quotes (``"driver"`` mode:
        the same calls, in the same order, as ``Annotator.annotate`` in ``marsad ingest``)."""
        mentions = resolve_with_offices(found.entities, self.registry, {"title": title, "body": body}, published)
        said = []
        if quotes:
            docs = {"title": Doc(title, "title"), "body": Doc(body, "body")}
            for f in FIELDS:
                said.extend(extract_quotes(docs[f], f, [m for m in mentions if m.field == f]))
        self.articles.update({m.entity_id for m in mentions if m.entity_id})
        return replace(found, entities=tuple(mentions), quotes=tuple(said))

    def rows(self) -> list[dict[str, Any]]:
        """The archive registry's rows (``EntityRegistry.to_rows``), for the store."""
        return self.registry.to_rows()
