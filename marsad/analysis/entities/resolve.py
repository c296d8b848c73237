"""Entity resolution: give every mention of one article an ``entity_id`` and a ``canonical`` name.

Two steps. Within the article, mentions of one type are clustered: the same name in any spelling
(``name_key`` / ``token_similarity``), a person's partial name joined to the full name it is the first or
last part of (\u0628\u0648\u062a\u064a\u0646 -> \u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631
\u0628\u0648\u062a\u064a\u0646), titles stripped, and a one-letter proclitic (\u0648\u0628\u0648\u062a\u064a\u0646,
\u0644\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c) dropped when the rest is a name known in the
article, the registry or the gazetteer. Across articles, each cluster is linked to the registry: by gazetteer
id, else by key and similarity with guards (different gazetteer ids, different known given names stay apart).

Before clustering, NER span errors are repaired (``_repair``): religious formulae (``non_entities.txt``) are
dropped; a mention whose words split into two known names (\u0628\u0648\u062a\u064a\u0646
\u0643\u064a\u0645 in "between Putin and Kim") becomes two mentions with exact offsets; a name that spells a
country or big city takes the LOC type whatever NER said; and a name whose first letter NER cut off as a
proclitic (\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c from \u0648\u0628\u064a\u0648\u0646\u062c
\u064a\u0627\u0646\u062c) is resolved as the known name it ends.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

from marsad.analysis.entities.gazetteer import GazEntry
from marsad.analysis.entities.namekey import (
    PATRONYMICS,
    PROCLITICS,
    NameParts,
    can_reach,
    data_lines,
    drops_middle_name,
    extends_lineage,
    given_names,
    has_definite,
    split_name,
    strip_proclitic,
    token_similarity,
)
from marsad.analysis.entities.registry import (
    Entity,
    EntityRegistry,
    ResolveSettings,
    make_entity_id,
)
from marsad.model import Mention
from marsad.text.normalize import normalize_word
from marsad.text.tokenize import word_spans

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


#: Types whose NER spans are split or retyped when their words are known names of other types; ORG names
#: legitimately contain place and person names (King Saud University), so they are left whole.
REPAIRED_TYPES = frozenset({"PER", "LOC", "MISC"})
#: Letters NER may cut off a name's start, taking them for a proclitic (\u0628\u064a\u0648\u0646\u062c ->
#: \u064a\u0648\u0646\u062c): the one-letter proclitics of namekey.
CLIPPED_LETTERS = PROCLITICS


@cache
def non_entities() -> frozenset[str]:
    """Return the match forms of the shipped non-entity names (God, religious formulae), normalized on load."""
    return frozenset(" ".join(split_name(line).tokens) for line in data_lines("non_entities.txt"))


def is_non_entity(text: str) -> bool:
    """True when ``text`` (with or without a one-letter proclitic) is a religious formula, not an entity."""
    parts = split_name(text)
    bare = _without_proclitic(parts)
    return any(p is not None and " ".join(p.tokens) in non_entities() for p in (parts, bare))


def _without_proclitic(parts: NameParts) -> NameParts | None:
    """Return ``parts`` with a proclitic dropped from the first token, or None when there is none."""
    if not parts.tokens:
        return None
    first = strip_proclitic(parts.tokens[0])
    if first is None or parts.display[:1] != parts.tokens[0][:1]:
        return None  # not written first: al-walaya (the state) has lost al- to the token, it has no wa- to lose
    display = parts.display[1:]
    return NameParts(role=parts.role, display=display, tokens=(first, *parts.tokens[1:]))


def _is_part_of(short: tuple[str, ...], full: tuple[str, ...], threshold: float, family: bool = False) -> bool:
    """True when person name ``short`` is the first or last part of ``full`` (not a bin/bint patronymic).

    ``family``: ``full`` ends in an al- family name, so its last two words are the father's name, another person.
    """
    n = len(short)
    if n >= len(full):
        return False
    ends = [full[:n]]
    if not PATRONYMICS.intersection(full) and not (family and n > 1):
        ends.append(full[-n:])
    elif n == 1:  # "Salman" alone is King Salman bin Abdulaziz (the bearer's given name), not Mohammed bin Salman
        return token_similarity(short, full[:1]) >= threshold
    return any(token_similarity(short, end) >= threshold for end in ends) or extends_lineage(short, full, threshold)


def _is_known_part(short: tuple[str, ...], full: tuple[str, ...], threshold: float) -> bool:
    """True when ``short`` is a part of person name ``full`` that names its bearer: the surname, or 2+ words.

    A lone first name (\u062c\u0648\u0631\u062c of George Bush) does not: "George Washington" is no
    span error made of George Bush and Washington.
    """
    if len(short) == 1 and not PATRONYMICS.intersection(full) and len(full) > 1:
        return token_similarity(short, full[-1:]) >= threshold
    return len(short) > 1 and _is_part_of(short, full, threshold)


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
            elif type_ == "PER" and (
                _is_part_of(parts.tokens, cluster.tokens, self.threshold, has_definite(cluster.display))
                or drops_middle_name(parts.display, cluster.display, self.threshold)
            ):
                partial.append(cluster)
        if not same and len(parts.tokens) == 1 and len(partial) > 1:
            return None  # a lone name shared by two fuller names of the article (two Abdullahs) names neither
        found = same or partial
        return max(found, key=lambda c: len(c.members)) if found else None

    def add(self, parsed: _Parsed) -> None:
        """Put one mention into a cluster (existing or new), dropping a proclitic when the rest is a known name."""
        parts, gaz = parsed.parts, self._gaz(parsed.parts, parsed.type)
        cluster = None
        if gaz is None and parsed.bare is not None and parts.tokens[:1] and parts.tokens[0] not in given_names():
            # a proclitic is dropped only when the rest is a known name: not in \u0648\u0644\u064a\u062f (Walid), and never from
            # a known given name (\u0648\u0627\u0626\u0644 Wael is no "and" + the surname \u0625\u064a\u0644 of Kim Jong Il)
            bare_gaz = self._gaz(parsed.bare, parsed.type)
            bare_cluster = self._match(parsed.bare, parsed.type, bare_gaz)
            known = bare_gaz is not None or self.registry.find(parsed.bare.display, parsed.type) is not None
            if bare_cluster is not None or known:
                parts, gaz, cluster = parsed.bare, bare_gaz, bare_cluster
        elif gaz is not None and parsed.bare is not None and _outranked(
                gaz, bare_gaz := self._gaz(parsed.bare, parsed.type)):
            # "al-Riyadh wa-Jeddah": not Oujda spelled whole but "and Jeddah", a far bigger city
            parts, gaz = parsed.bare, bare_gaz
            cluster = self._match(parts, parsed.type, gaz)
        if cluster is None and parts is parsed.parts:
            cluster = self._match(parts, parsed.type, gaz)
        if cluster is None:
            cluster = _Cluster(type=parsed.type, tokens=parts.tokens, display=parts.display, gaz=gaz)
            self.clusters.append(cluster)
        cluster.members.append(parsed.index)
        cluster.variants[parts.display] += 1
        if parts.role:
            cluster.roles[parts.role] += 1
        if cluster.gaz is None and gaz is not None and len(parts.tokens) >= len(cluster.tokens):
            cluster.gaz = gaz  # a shorter name (a surname) does not pin a fuller one to its gazetteer guess
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


def _outranked(whole: GazEntry, bare: GazEntry | None) -> bool:
    """True when a town spelled whole is less likely than the place its proclitic-free form names (a country, a
    curated place or a more populous city)."""
    return whole.gaz_id.startswith("gn:") and bare is not None and (
        not bare.gaz_id.startswith("gn:") or bare.population > whole.population)


def _parse(index: int, mention: Mention, name: str) -> _Parsed:
    """Split a mention's name (``name``: its text, or the repaired name), and its proclitic-free alternative."""
    parts = split_name(name)
    return _Parsed(index=index, type=mention.type, parts=parts, bare=_without_proclitic(parts))


class _Known:
    """Says whether a name is known, and as what type: gazetteer, the article's other mentions, the registry."""

    def __init__(self, mentions: list[Mention], registry: EntityRegistry) -> None:
        """Index the article's mention names (and their proclitic-free forms) for ``known_type``."""
        self.registry = registry
        self.gazetteer = registry.gazetteer
        self.threshold = registry.settings.link_threshold
        self.article: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []  # (type, as written, name)
        self._types: dict[tuple[str, tuple[str, ...]], str | None] = {}  # known_type's answers: names recur
        for m in mentions:
            parts = split_name(m.text)
            for p in (parts, _without_proclitic(parts)):
                if p is not None and p.tokens:
                    self.article.append((m.type, parts.tokens, p.tokens))

    def _own_type(self, parts: NameParts, skip: tuple[str, ...]) -> str | None:
        """Return the type ``parts`` is known as (not counting article mentions spelled ``skip``), or None."""
        tokens = parts.tokens
        name = " ".join(tokens)
        if not tokens:
            return None
        if self.gazetteer.place(name) is not None:
            return "LOC"
        for type_, written, other in self.article:
            if written == skip:
                continue
            if can_reach(tokens, other, self.threshold) and token_similarity(tokens, other) >= self.threshold:
                return type_
            if type_ == "PER" and (
                _is_known_part(tokens, other, self.threshold) or extends_lineage(tokens, other, self.threshold)
            ):
                return type_
        entry = self.gazetteer.lookup(name)
        if entry is None and len(tokens) == 1:
            entry = self.gazetteer.lookup_surname(tokens[0])
        if entry is not None and not entry.gaz_id.startswith("gn:"):  # small towns: see Gazetteer.place
            return entry.type
        for type_ in ("PER", "LOC", "ORG"):
            found = self.registry.find(parts.display, type_)
            if found is not None and (len(tokens) > 1 or found.gaz_id or len(split_name(found.canonical).tokens) > 1):
                return type_
        return None

    def known_type(self, text: str, skip: tuple[str, ...] = ()) -> str | None:
        """Return the type ``text`` (or it without a proclitic) is known as, or None (memoized per article)."""
        key = (text, skip)
        if key not in self._types:
            parts = split_name(text)
            found = None
            for p in (parts, _without_proclitic(parts)):
                found = self._own_type(p, skip) if p is not None else None
                if found is not None:
                    break
            self._types[key] = found
        return self._types[key]

    def in_gazetteer(self, text: str) -> bool:
        """True when the gazetteer knows ``text`` (or it without a proclitic) as any entity."""
        parts = split_name(text)
        return any(
            p is not None and p.tokens and self.gazetteer.lookup(" ".join(p.tokens)) is not None
            for p in (parts, _without_proclitic(parts))
        )

    def restored(self, text: str) -> tuple[str, str] | None:
        """Return (name, type) when ``text`` is a known place or article name with its first letter cut off."""
        tokens = split_name(text).tokens
        for letter in CLIPPED_LETTERS if len(tokens) >= 2 else ():
            candidate = letter + text
            full = split_name(candidate).tokens
            if full == tokens:  # wa- + al-: the same name with a conjunction, not a clipped one
                continue
            place = self.gazetteer.place(candidate)
            if place is not None:
                return candidate, "LOC"
            for type_, written, other in self.article:
                if other == full and written != tokens:  # not the mention's own proclitic-free form
                    return candidate, type_
        return None


#: Name words that cannot end the first part or start the second part of a split (bin, abd, abu, al).
_GLUE = frozenset(
    {
        "\u0628\u0646",  # BEH NOON: bin
        "\u0627\u0628\u0646",  # ALEF BEH NOON: ibn
        "\u0628\u0646\u062a",  # BEH NOON TEH: bint
        "\u0639\u0628\u062f",  # AIN BEH DAL: abd
        "\u0627\u0628\u0648",  # ALEF BEH WAW: abu
        "\u0627\u0644",  # ALEF LAM: al
    }
)


def _split(mention: Mention, known: _Known, own: tuple[str, ...]) -> list[Mention] | None:
    """Return ``mention`` as two mentions when its words split into two known names, else None."""
    spans = word_spans(mention.text)
    for cut in range(1, len(spans)):
        if normalize_word(spans[cut - 1].text) in _GLUE or normalize_word(spans[cut].text) in _GLUE:
            continue
        left = mention.text[spans[0].start : spans[cut - 1].end]
        right = mention.text[spans[cut].start : spans[-1].end]
        if cut == len(spans) - 1 and PATRONYMICS.intersection(split_name(left).tokens) and has_definite(right):
            continue  # "A bin B al-C": al-C is the family name of A, not another person
        left_type = known.known_type(left, own)
        right_type = known.known_type(right, own) if left_type else None
        if left_type and right_type:
            base = mention.start
            return [
                replace(mention, text=left, start=base + spans[0].start, end=base + spans[cut - 1].end, type=left_type),
                replace(mention, text=right, start=base + spans[cut].start, end=base + spans[-1].end, type=right_type),
            ]
    return None


def _repair(mentions: list[Mention], registry: EntityRegistry) -> list[tuple[Mention, str]]:
    """Return the article's mentions with NER span errors repaired, each with the name to resolve it by."""
    kept = [m for m in mentions if not is_non_entity(m.text)]
    known = _Known(kept, registry)
    out: list[tuple[Mention, str]] = []
    for mention in kept:
        own = split_name(mention.text).tokens
        if mention.type not in REPAIRED_TYPES or not own:
            out.append((mention, mention.text))
            continue
        restored = None if known.in_gazetteer(mention.text) else known.restored(mention.text)
        if restored is not None:
            out.append((replace(mention, type=restored[1]), restored[0]))
            continue
        whole = known.known_type(mention.text, own)
        pieces = _split(mention, known, own) if whole is None and len(own) >= 2 else None
        for piece in pieces or [mention]:
            type_ = "LOC" if known.gazetteer.place(" ".join(split_name(piece.text).tokens)) else piece.type
            if _bare_place(piece.text, known):
                type_ = "LOC"
            out.append((replace(piece, type=type_), piece.text))
    return _majority_types(out)


def _majority_types(repaired: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """Give each name the type most of its mentions in the article carry (one sense per discourse).

    NER sometimes tags one occurrence of a name otherwise tagged alike as another type ("the Obama presidency"
    as ORG among seven PER): that one would become another entity (here the town of Obama in Japan). A type
    wins only with strictly more mentions than the mention's own; ties keep what each mention has.
    """
    counts: dict[tuple[str, ...], Counter[str]] = {}
    for mention, name in repaired:
        tokens = split_name(name).tokens
        if tokens:
            counts.setdefault(tokens, Counter())[mention.type] += 1
    out: list[tuple[Mention, str]] = []
    for mention, name in repaired:
        by_type = counts.get(split_name(name).tokens)
        if by_type:
            best, n = by_type.most_common(1)[0]
            if best != mention.type and n > by_type[mention.type]:
                mention = replace(mention, type=best)
        out.append((mention, name))
    return out


def _bare_place(text: str, known: _Known) -> bool:
    """True when ``text`` without a one-letter proclitic is a country or big city."""
    bare = _without_proclitic(split_name(text))
    return bare is not None and known.gazetteer.place(" ".join(bare.tokens)) is not None


def resolve_mentions(mentions: list[Mention], registry: EntityRegistry) -> list[Mention]:
    """Return ``mentions`` (one article) resolved: ``entity_id`` and ``canonical`` filled, ``registry`` updated.

    NER span errors are repaired first, so the result may differ from the input: religious formulae are
    dropped, a span covering two known names becomes two mentions, and a mis-typed place takes the LOC type;
    every mention's offsets still slice its text out of its field exactly.
    """
    resolver = _ArticleResolver(registry)
    repaired = _repair(mentions, registry)
    mentions = [m for m, _ in repaired]
    parsed = [_parse(i, m, name) for i, (m, name) in enumerate(repaired)]
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
