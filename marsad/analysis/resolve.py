"""Entity resolution: give every mention of one article an ``entity_id`` and a ``canonical`` name.

Two steps. Within the article, mentions of one type are clustered: the same name in any spelling
(``name_key`` / ``token_similarity``), a person's partial name joined to the full name it is the first or
last part of (\u0628\u0648\u062a\u064a\u0646 -> \u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631
\u0628\u0648\u062a\u064a\u0646), titles stripped, and a one-letter proclitic (\u0648\u0628\u0648\u062a\u064a\u0646,
\u0644\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c) dropped when the rest is a name known in the
article, the registry or the gazetteer. Across articles, each cluster is linked to the registry: by gazetteer
id, else by key and similarity with guards (different gazetteer ids, different known given names stay apart).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from marsad.analysis.gazetteer import GazEntry
from marsad.analysis.namekey import PATRONYMICS, NameParts, split_name, strip_proclitic, token_similarity
from marsad.analysis.registry import (
    Entity,
    EntityRegistry,
    ResolveSettings,
    make_entity_id,
)
from marsad.model import Mention

__all__ = ["Entity", "EntityRegistry", "ResolveSettings", "make_entity_id", "resolve_mentions"]


@dataclass
class _Cluster:
    """Mentions of one entity within one article."""

    type: str
    tokens: tuple[str, ...]
    display: str
    gaz: GazEntry | None
    members: list[int] = field(default_factory=list)
    variants: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Parsed:
    """A mention's name as written, and without a one-letter proclitic when it may carry one."""

    index: int
    type: str
    parts: NameParts
    bare: NameParts | None


def _without_proclitic(parts: NameParts) -> NameParts | None:
    """Return ``parts`` with a proclitic dropped from the first token, or None when there is none."""
    if not parts.tokens:
        return None
    first = strip_proclitic(parts.tokens[0])
    if first is None:
        return None
    display = parts.display[1:] if parts.display else parts.display
    return NameParts(role=parts.role, display=display, tokens=(first, *parts.tokens[1:]))


def _is_part_of(short: tuple[str, ...], full: tuple[str, ...], threshold: float) -> bool:
    """True when person name ``short`` is the first or last part of ``full`` (not a bin/bint patronymic)."""
    n = len(short)
    if n >= len(full):
        return False
    ends = [full[:n]]
    if not PATRONYMICS.intersection(full):
        ends.append(full[-n:])
    elif n == 1:
        return False  # "Salman" alone is not "Mohammed bin Salman"
    return any(token_similarity(short, end) >= threshold for end in ends)


class _ArticleResolver:
    """Clusters one article's mentions, then links the clusters to the registry."""

    def __init__(self, registry: EntityRegistry) -> None:
        """Resolve against ``registry`` (and its gazetteer)."""
        self.registry = registry
        self.threshold = registry.settings.link_threshold
        self.clusters: list[_Cluster] = []

    def _gaz(self, parts: NameParts, type_: str) -> GazEntry | None:
        """Return the gazetteer entry for a name (surnames of known people included), or None."""
        if not parts.tokens:
            return None
        name = " ".join(parts.tokens)
        entry = self.registry.gazetteer.lookup(name, type_)
        if entry is None and type_ == "PER" and len(parts.tokens) == 1:
            entry = self.registry.gazetteer.lookup_surname(parts.tokens[0])
        return entry

    def _match(self, parts: NameParts, type_: str, gaz: GazEntry | None) -> _Cluster | None:
        """Return the cluster this name belongs to: same name, or (persons) a part of a fuller name."""
        same: list[_Cluster] = []
        partial: list[_Cluster] = []
        for cluster in self.clusters:
            if cluster.type != type_:
                continue
            if gaz is not None and cluster.gaz is not None:
                if gaz.gaz_id == cluster.gaz.gaz_id:
                    same.append(cluster)
                continue
            if token_similarity(parts.tokens, cluster.tokens) >= self.threshold:
                same.append(cluster)
            elif type_ == "PER" and _is_part_of(parts.tokens, cluster.tokens, self.threshold):
                partial.append(cluster)
        found = same or partial
        return max(found, key=lambda c: len(c.members)) if found else None

    def add(self, parsed: _Parsed) -> None:
        """Put one mention into a cluster (existing or new), dropping a proclitic when the rest is a known name."""
        parts, gaz = parsed.parts, self._gaz(parsed.parts, parsed.type)
        cluster = None
        if gaz is None and parsed.bare is not None:
            # a proclitic is dropped only when the rest is a known name: not in \u0648\u0644\u064a\u062f (Walid)
            bare_gaz = self._gaz(parsed.bare, parsed.type)
            bare_cluster = self._match(parsed.bare, parsed.type, bare_gaz)
            known = bare_gaz is not None or self.registry.find(parsed.bare.display, parsed.type) is not None
            if bare_cluster is not None or known:
                parts, gaz, cluster = parsed.bare, bare_gaz, bare_cluster
        if cluster is None and parts is parsed.parts:
            cluster = self._match(parts, parsed.type, gaz)
        if cluster is None:
            cluster = _Cluster(type=parsed.type, tokens=parts.tokens, display=parts.display, gaz=gaz)
            self.clusters.append(cluster)
        cluster.members.append(parsed.index)
        cluster.variants[parts.display] += 1
        if parts.role:
            cluster.roles[parts.role] += 1
        if cluster.gaz is None and gaz is not None:
            cluster.gaz = gaz
        if len(parts.tokens) > len(cluster.tokens):
            cluster.tokens, cluster.display = parts.tokens, parts.display

    def link(self, cluster: _Cluster) -> Entity:
        """Return the registry entity of ``cluster`` (found or created) and record its variants."""
        registry = self.registry
        if cluster.gaz is not None:
            entity = registry.for_gazetteer(cluster.gaz)
        else:
            entity = registry.find(cluster.display, cluster.type)
            if entity is None:
                entity = registry.create(cluster.type, cluster.display)
        for variant, count in cluster.variants.items():
            registry.observe(entity, variant, count)
        for role, count in cluster.roles.items():
            entity.roles[role] += count
        return entity


def _parse(index: int, mention: Mention) -> _Parsed:
    """Split a mention's name, and its proclitic-free alternative."""
    parts = split_name(mention.text)
    return _Parsed(index=index, type=mention.type, parts=parts, bare=_without_proclitic(parts))


def resolve_mentions(mentions: list[Mention], registry: EntityRegistry) -> list[Mention]:
    """Return ``mentions`` (one article) with ``entity_id`` and ``canonical`` filled, updating ``registry``."""
    resolver = _ArticleResolver(registry)
    parsed = [_parse(i, m) for i, m in enumerate(mentions)]
    # full names first, so partial names find them; names that may carry a proclitic last, so the plain
    # spelling of the same name ("\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c") is there to join
    order = sorted(
        (p for p in parsed if p.parts.tokens),
        key=lambda p: (p.bare is not None and resolver._gaz(p.parts, p.type) is None, -len(p.parts.tokens), p.index),
    )
    for p in order:
        resolver.add(p)
    entity_of: dict[int, Entity] = {}
    for cluster in resolver.clusters:
        entity = resolver.link(cluster)
        for index in cluster.members:
            entity_of[index] = entity
    out: list[Mention] = []
    for i, mention in enumerate(mentions):
        entity = entity_of.get(i)
        if entity is None:  # a mention with no name token (empty text): its own entity
            entity = registry.create(mention.type, mention.text or "?")
        out.append(replace(mention, entity_id=entity.entity_id, canonical=entity.canonical))
    return out
