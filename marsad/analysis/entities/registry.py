"""The cross-article entity registry: resolved entities, their variants and counts, and the linking rules.

The registry is the only state of entity resolution. It is passed in (one per run, or reloaded from the
store with ``from_rows``) and never kept in a module global. Entity ids are derived from the entity's
gazetteer id, or else from its type and the ``name_key`` of its first full name, so one corpus processed in
one run or in batches (in the same order) gets the same ids.
"""

from __future__ import annotations

import datetime as dt

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from marsad.analysis.entities.gazetteer import GAZETTEER_VERSION, GazEntry, Gazetteer, load_gazetteer
from marsad.analysis.entities.namekey import (
    NAMEKEY_VERSION,
    can_reach,
    drops_middle_name,
    extends_lineage,
    name_key,
    split_name,
    token_key,
    token_similarity,
)
from marsad.errors import ConfigError

#: Version of the resolution rules, persisted with every registry row.
#: v5: a proclitic is cut only where it is written first (not from al-walaya), a mention is not its own clipped form
#: ("لليونيل ميسي"), a town spelled whole yields to the bigger place its proclitic-free form names ("وجدة": and Jeddah);
#: v4: no proclitic is cut from a known given name; v3: an al- name is not a clipped wa-/bi- name; a name takes its article majority type
RESOLVE_VERSION = "resolve.v5"
#: Name similarity at or above which two names are one entity (tuned on evals/gold/entity_groups.tsv:
#: the highest value that keeps \u0643\u064a\u0645 \u064a\u0648\u0646\u062c \u0623\u0648\u0646 (0.89) with Kim Jong Un;
#: look-alikes in the gold set score <= 0.67).
LINK_THRESHOLD = 0.85
#: Look-ups remembered with the versions of the buckets they read (about 150 bytes each); cleared when full.
FIND_MEMO_SIZE = 65536
#: Variants of one entity compared against a new name (the most frequent ones; bounds the cost per link).
MAX_COMPARED_VARIANTS = 24


@dataclass(frozen=True)
class ResolveSettings:
    """Thresholds of entity linking."""

    link_threshold: float = LINK_THRESHOLD
    max_compared_variants: int = MAX_COMPARED_VARIANTS
    # A bare office title ("ولي العهد") names its holder when, within ``office_window_days`` of the holder's first
    # and last titled mentions, one holder has ``office_min_count`` of them and ``office_dominance`` of all, and at
    # most ``office_max_holders`` entities held the title then (generic titles such as "رئيس مجلس الإدارة" have many).
    # Set by hand before evals/gold/titles_dev.jsonl was labelled; not tuned on it.
    office_window_days: int = 365
    office_min_count: int = 3
    office_dominance: float = 0.75
    office_max_holders: int = 2

    def __post_init__(self) -> None:
        """Reject impossible values with the fix."""
        if self.office_window_days < 0 or self.office_min_count < 1 or self.office_max_holders < 1:
            raise ConfigError(
                f"ResolveSettings(office_window_days={self.office_window_days}, office_min_count="
                f"{self.office_min_count}, office_max_holders={self.office_max_holders}): use days >= 0 and counts "
                ">= 1, e.g. 365, 3 and 2"
            )
        if not 0 < self.office_dominance <= 1:
            raise ConfigError(f"office_dominance={self.office_dominance}: give a share in (0, 1], e.g. 0.75")
        if not 0 < self.link_threshold <= 1:
            raise ConfigError(f"link_threshold={self.link_threshold}: give a similarity in (0, 1], e.g. 0.85")
        if self.max_compared_variants < 1:
            raise ConfigError(f"max_compared_variants={self.max_compared_variants}: give 1 or more, e.g. 24")


@dataclass
class Entity:
    """One resolved entity with its canonical name, gazetteer ids and every variant seen with its count."""

    entity_id: str
    type: str
    canonical: str
    english: str | None = None
    iso: str | None = None
    geonames_id: int | None = None
    gaz_id: str | None = None
    variants: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    #: Offices the entity was named with ("خادم الحرمين الشريفين", "ولي العهد"): key -> [count, first day, last day].
    offices: dict[str, list[Any]] = field(default_factory=dict)
    #: The names a look-up compares (``compared_names``), kept until a mention changes them.
    _compared: tuple[tuple[str, tuple[str, ...]], ...] | None = field(default=None, repr=False, compare=False)

    @property
    def mentions(self) -> int:
        """Return how many mentions were resolved to this entity."""
        return sum(self.variants.values())

    def recompute_canonical(self) -> None:
        """Keep the gazetteer name, else pick the fullest, then most frequent, variant."""
        if self.gaz_id or not self.variants:
            return
        self.canonical = max(self.variants, key=lambda v: (len(split_name(v).tokens), self.variants[v], v))

    def compared_names(self, limit: int) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Return ``(name, tokens)`` of the canonical name and the ``limit`` most frequent variants, cached."""
        if self._compared is None:
            names = dict.fromkeys([self.canonical] + [v for v, _ in self.variants.most_common(limit)])
            self._compared = tuple((n, split_name(n).tokens) for n in names)
        return self._compared

    def refresh_compared(self, limit: int) -> bool:
        """Recompute the compared names after a mention; return whether their set changed (or was not known)."""
        before = self._compared
        self._compared = None
        return before is None or {n for n, _ in before} != {n for n, _ in self.compared_names(limit)}


class _Bucket(set):
    """The ids of the entities indexed under one key, with a version moved whenever a look-up through it could
    answer differently (an entity entered it, or one of its entities' compared names changed)."""

    __slots__ = ("version",)

    def __init__(self, ids: Iterable[str] = ()) -> None:
        """Start with ``ids`` (none by default) at version 0."""
        super().__init__(ids)
        self.version = 0


def _shift_day(day: str, days: int) -> str:
    """The ISO date ``days`` after ``day`` (an ISO date or date-time; its date part is used)."""
    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()


def make_entity_id(type_: str, basis: str) -> str:
    """Return the stable id ``TYPE:<10 hex>`` of an entity from its type and a basis string."""
    return f"{type_}:{hashlib.sha1(f'{type_}|{basis}'.encode()).hexdigest()[:10]}"


class EntityRegistry:
    """Entities resolved so far, indexed for linking new names by key, token and gazetteer id."""

    def __init__(self, gazetteer: Gazetteer | None = None, settings: ResolveSettings | None = None) -> None:
        """Start an empty registry over ``gazetteer`` (default: the shipped one)."""
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.settings = settings or ResolveSettings()
        self.entities: dict[str, Entity] = {}
        self._by_key: dict[str, _Bucket] = defaultdict(_Bucket)
        self._by_token: dict[str, _Bucket] = defaultdict(_Bucket)
        self._by_gaz: dict[str, str] = {}
        # Look-up memo: a find's answer depends only on the entities in the name's key and token buckets and on
        # their compared names, so each bucket carries a version moved when either changes.
        self._buckets_of: dict[str, list[_Bucket]] = defaultdict(list)  # an entity enters each bucket once
        self._found: dict[tuple[str, str, str | None], tuple[tuple[int, ...], str | None]] = {}
        self._by_office: dict[str, set[str]] = defaultdict(set)  # office key -> ids of the entities that held it
        self._office_heads: set[str] = set()  # the first word of every office key (a cheap test before a look-up)

    def __len__(self) -> int:
        """Return the number of entities."""
        return len(self.entities)

    def __iter__(self) -> Iterator[Entity]:
        """Iterate over entities in insertion order."""
        return iter(self.entities.values())

    def get(self, entity_id: str) -> Entity | None:
        """Return the entity with ``entity_id``, or None."""
        return self.entities.get(entity_id)

    def _index(self, entity: Entity, variant: str) -> None:
        """Index ``variant`` of ``entity`` by name key and by its first and last token keys."""
        tokens = split_name(variant).tokens
        if not tokens:
            return
        self._enter(self._by_key[name_key(variant)], entity.entity_id)
        for tok in {tokens[0], tokens[-1]}:
            self._enter(self._by_token[token_key(tok)], entity.entity_id)

    def _enter(self, bucket: _Bucket, entity_id: str) -> None:
        """Put ``entity_id`` in ``bucket``, moving the bucket's version when it is new there."""
        if entity_id not in bucket:
            bucket.add(entity_id)
            bucket.version += 1
            self._buckets_of[entity_id].append(bucket)

    def _touch(self, entity: Entity) -> None:
        """Move the version of every bucket holding ``entity``: its compared names changed."""
        for bucket in self._buckets_of.get(entity.entity_id, ()):
            bucket.version += 1

    def for_gazetteer(self, entry: GazEntry) -> Entity:
        """Return the entity of gazetteer ``entry``, creating it on first use."""
        if entry.gaz_id in self._by_gaz:
            return self.entities[self._by_gaz[entry.gaz_id]]
        entity = Entity(
            entity_id=make_entity_id(entry.type, entry.gaz_id),
            type=entry.type,
            canonical=entry.canonical_ar,
            english=entry.english or None,
            iso=entry.iso,
            geonames_id=entry.geonames_id,
            gaz_id=entry.gaz_id,
        )
        self._add(entity)
        return entity

    def create(self, type_: str, name: str) -> Entity:
        """Create a new entity named ``name`` (id from type and name key; disambiguated on a clash, never replacing one)."""
        basis = name_key(name)
        entity_id = make_entity_id(type_, basis)
        if entity_id in self.entities:  # same key, judged a different entity (two known given names)
            basis += "|" + " ".join(split_name(name).tokens)
            entity_id = make_entity_id(type_, basis)
        n = 1
        while entity_id in self.entities:  # a third bearer of the key: number it, never replace a stored entity
            n += 1
            entity_id = make_entity_id(type_, f"{basis}|{n}")
        entity = Entity(entity_id=entity_id, type=type_, canonical=split_name(name).display or name)
        self._add(entity)
        return entity

    def _add(self, entity: Entity) -> None:
        """Insert ``entity`` and index its names."""
        self.entities[entity.entity_id] = entity
        if entity.gaz_id:
            self._by_gaz[entity.gaz_id] = entity.entity_id
        self._index(entity, entity.canonical)
        for variant in entity.variants:
            self._index(entity, variant)
        for key in entity.offices:
            self._by_office[key].add(entity.entity_id)
            self._office_heads.add(key.split(" ", 1)[0])

    def observe_office(self, entity: Entity, key: str, day: str | None) -> None:
        """Record that ``entity`` was named with office ``key`` in an article of ``day`` (ISO date or None)."""
        self.merge_office(entity, key, 1, day, day)

    def merge_office(self, entity: Entity, key: str, count: int, first: str | None, last: str | None) -> None:
        """Add ``count`` mentions of ``entity`` holding office ``key`` between ``first`` and ``last`` (ISO days)."""
        row = entity.offices.setdefault(key, [0, first, last])
        self._by_office[key].add(entity.entity_id)
        self._office_heads.add(key.split(" ", 1)[0])
        row[0] += count
        row[1] = min(d for d in (row[1], first) if d) if row[1] or first else None
        row[2] = max(d for d in (row[2], last) if d) if row[2] or last else None

    def knows_office(self, key: str) -> bool:
        """True when some entity was named with office ``key``."""
        return key in self._by_office

    def may_start_office(self, word: str) -> bool:
        """True when some known office key begins with the normalized ``word`` (no office starts with any other)."""
        return word in self._office_heads

    def office_holder(self, key: str, day: str | None) -> Entity | None:
        """The entity an office ``key`` names on ``day``: the holder most often named with it near that day, when
        the evidence is clear (``ResolveSettings.office_*``), else None."""
        s = self.settings
        held = []
        for entity_id in sorted(self._by_office.get(key, ())):
            entity = self.entities.get(entity_id)
            if entity is None or key not in entity.offices:
                continue
            count, first, last = entity.offices[key]
            if day and first and last and not (_shift_day(first, -s.office_window_days) <= day
                                               <= _shift_day(last, s.office_window_days)):
                continue
            held.append((count, entity_id))
        if not held or len(held) > s.office_max_holders:
            return None
        count, best = max(held)
        if count < s.office_min_count or count < s.office_dominance * sum(c for c, _ in held):
            return None
        return self.entities[best]

    def observe(self, entity: Entity, variant: str, count: int = 1, role: str = "") -> None:
        """Record ``count`` mentions of ``entity`` written as ``variant`` (and the role they carried)."""
        new = variant not in entity.variants
        if new:
            self._index(entity, variant)
        entity.variants[variant] += count
        if role:
            entity.roles[role] += count
        canonical = entity.canonical
        entity.recompute_canonical()
        limit = self.settings.max_compared_variants
        compared = entity._compared
        if (new or canonical != entity.canonical or compared is None
                or (len(entity.variants) > limit and all(n != variant for n, _ in compared))):
            if entity.refresh_compared(limit):  # a new name, or a frequent one entering the compared few
                self._touch(entity)

    def find(self, name: str, type_: str, gaz_id: str | None = None) -> Entity | None:
        """Return the registered entity that ``name`` most likely spells, or None (guards included)."""
        tokens = split_name(name).tokens
        if not tokens:
            return None
        buckets = [self._by_key.get(name_key(name))] + [self._by_token.get(token_key(t)) for t in {tokens[0], tokens[-1]}]
        versions = tuple(b.version if b is not None else 0 for b in buckets)
        memo = self._found.get((name, type_, gaz_id))
        if memo is not None and memo[0] == versions:
            return self.entities[memo[1]] if memo[1] is not None else None
        found = self._find(name, tokens, type_, gaz_id)
        if len(self._found) >= FIND_MEMO_SIZE:
            self._found.clear()
        self._found[(name, type_, gaz_id)] = (versions, found.entity_id if found is not None else None)
        return found

    def _find(self, name: str, tokens: tuple[str, ...], type_: str, gaz_id: str | None) -> Entity | None:
        """Score the entities of the name's buckets (``find`` without its memo)."""
        candidates = set(self._by_key.get(name_key(name), ()))
        for tok in {tokens[0], tokens[-1]}:
            candidates |= self._by_token.get(token_key(tok), set())
        best: tuple[float, str] | None = None
        lineage: list[str] = []
        matched = 0
        for entity_id in sorted(candidates):
            entity = self.entities[entity_id]
            if entity.type != type_ or (gaz_id and entity.gaz_id and entity.gaz_id != gaz_id):
                continue
            score = self._score(tokens, entity)
            if score >= self.settings.link_threshold:
                matched += 1
                if best is None or score > best[0]:
                    best = (score, entity_id)
            elif type_ == "PER" and self._extends(name, tokens, entity):
                lineage.append(entity_id)
        if type_ == "PER" and len(tokens) == 1 and matched > 1:
            return None  # a lone name that two known people bear (Abdullah) names neither of them
        if best is None and len(lineage) == 1:  # one known name that this one extends (or is extended by)
            return self.entities[lineage[0]]
        return self.entities[best[1]] if best else None

    def _extends(self, name: str, tokens: tuple[str, ...], entity: Entity) -> bool:
        """True when ``name`` and one of the entity's names differ by a "bin X" lineage or a middle name only."""
        threshold = self.settings.link_threshold
        k = len(tokens)
        return any(
            len(known) > 1  # a lone given name is nobody's lineage
            and (
                (abs(len(known) - k) >= 2 and extends_lineage(tokens, known, threshold))
                or ({k, len(known)} == {2, 3} and drops_middle_name(name, n, threshold))
            )
            for n, known in entity.compared_names(self.settings.max_compared_variants)
        )

    def _score(self, tokens: tuple[str, ...], entity: Entity) -> float:
        """Return the best similarity of ``tokens`` to the entity's canonical name and frequent variants.

        Names that cannot reach the link threshold (``namekey.can_reach``) are not scored: they count as 0.
        """
        threshold = self.settings.link_threshold
        return max(
            (token_similarity(tokens, known) for _, known in entity.compared_names(self.settings.max_compared_variants)
             if can_reach(tokens, known, threshold)),
            default=0.0,
        )

    def to_rows(self, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Return one JSON-ready row per entity (variants and roles with counts, the ``name_key`` of every
        spelling for look-ups by any spelling) for the store: of every entity, or of those in ``ids`` only."""
        wanted = None if ids is None else set(ids)
        chosen = (e for e in self.entities.values() if wanted is None or e.entity_id in wanted)  # insertion order
        return [
            {
                "entity_id": e.entity_id,
                "type": e.type,
                "canonical": e.canonical,
                "english": e.english,
                "iso": e.iso,
                "geonames_id": e.geonames_id,
                "gaz_id": e.gaz_id,
                "mentions": e.mentions,
                "variants": dict(e.variants.most_common()),
                "roles": dict(e.roles.most_common()),
                "offices": e.offices,
                "version": f"{RESOLVE_VERSION}+{NAMEKEY_VERSION}+{GAZETTEER_VERSION}",
                "keys": sorted({k for k in map(name_key, (e.canonical, *e.variants)) if k}),
            }
            for e in chosen
        ]

    @classmethod
    def from_rows(
        cls, rows: list[dict[str, Any]], gazetteer: Gazetteer | None = None, settings: ResolveSettings | None = None
    ) -> EntityRegistry:
        """Rebuild a registry from rows written by ``to_rows``."""
        registry = cls(gazetteer, settings)
        for row in rows:
            registry._add(
                Entity(
                    entity_id=row["entity_id"],
                    type=row["type"],
                    canonical=row["canonical"],
                    english=row.get("english"),
                    iso=row.get("iso"),
                    geonames_id=row.get("geonames_id"),
                    gaz_id=row.get("gaz_id"),
                    variants=Counter(row.get("variants") or {}),
                    roles=Counter(row.get("roles") or {}),
                    offices={k: list(v) for k, v in (row.get("offices") or {}).items()},
                )
            )
        return registry
