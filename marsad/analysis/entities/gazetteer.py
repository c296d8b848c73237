"""The shipped gazetteer: Arabic names of countries, cities and curated newsmakers, with ids and English names.

Built by ``scripts/build_gazetteer.py`` into ``data/gazetteer/entries.tsv.gz`` (sources and licences in
``data/gazetteer/README.txt``). Lookup is by exact normalized name first, then by transliteration-aware
``name_key``; when several entries share a name (Tripoli in Libya and in Lebanon) the curated, then the
country, then the most populous entry wins, and ``lookup_all`` returns them all for callers with context.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from marsad.analysis.entities.namekey import PATRONYMICS, data_lines, given_names, name_key, same_spelling, split_name, token_key

#: Version of the shipped gazetteer data; persisted with entities linked to it.
#: v4: a one-word name matches a GeoNames city by its exact spelling only, and never by a not_places.txt spelling;
#: v3: a city's canonical name is its commonest spelling in news.
GAZETTEER_VERSION = "gazetteer.v4"
#: Types a LOC or ORG mention may also take from the gazetteer (metonymy: "the Kremlin said").
COMPATIBLE_TYPES = {"LOC": ("LOC", "ORG"), "ORG": ("ORG", "LOC"), "PER": ("PER",), "MISC": ("MISC",)}
#: Smallest population of a GeoNames city whose name overrides a PER tag from NER (a capital or a big city:
#: Pyongyang 3.2 M); smaller towns share names with people too often (set by hand on the seed articles).
PLACE_OVERRIDE_POPULATION = 500_000
#: Rank of id prefixes when several entries match: curated aliases, then ISO countries, then GeoNames.
SOURCE_RANK = {"q": 0, "iso": 1, "gn": 2}


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entity: canonical Arabic and English names, type, ISO code and/or GeoNames id."""

    gaz_id: str
    type: str
    canonical_ar: str
    english: str
    iso: str | None
    geonames_id: int | None
    population: int
    variants: tuple[str, ...]

    def rank(self) -> tuple[int, int, str]:
        """Return the sort key used to pick one entry among several with the same name."""
        return (SOURCE_RANK.get(self.gaz_id.split(":", 1)[0], 3), -self.population, self.gaz_id)


def _match_form(name: str) -> str:
    """Return the exact-match form of a name: its title-stripped, particle-joined normalized tokens."""
    return " ".join(split_name(name).tokens)


def _stands_for_its_people(entry: GazEntry) -> bool:
    """Whether a place can name the people ruling it ("Moscow said"): a country, curated place or big city.

    A name NER tags as an organization is not read as a small town (Obama in Japan for "the Obama presidency").
    """
    return entry.gaz_id.split(":", 1)[0] != "gn" or entry.population >= PLACE_OVERRIDE_POPULATION


class Gazetteer:
    """An in-memory index of gazetteer entries by normalized name and by name key."""

    def __init__(self, entries: list[GazEntry], not_places: frozenset[str] = frozenset()) -> None:
        """Index ``entries`` by exact normalized form and by ``name_key`` of every variant.

        ``not_places``: match forms (``_match_form``) that never name a GeoNames city (ordinary words GeoNames
        lists as a city's name: \u0627\u0644\u0633\u064a\u0648\u0644 "the floods" for Seoul).
        """
        self.entries = {e.gaz_id: e for e in entries}
        self._exact: dict[str, list[GazEntry]] = defaultdict(list)
        self._keyed: dict[str, list[GazEntry]] = defaultdict(list)
        self._spellings: dict[str, list[str]] = defaultdict(list)
        self._surnames: dict[str, set[str]] = defaultdict(set)
        for entry in entries:
            if entry.type == "PER":
                self._index_surname(entry)
            for variant in (entry.canonical_ar, *entry.variants):
                if entry.gaz_id.startswith("gn:") and _match_form(variant) in not_places:
                    continue
                for index, form in ((self._exact, _match_form(variant)), (self._keyed, name_key(variant))):
                    if form and entry not in index[form]:
                        index[form].append(entry)
                self._spellings[entry.gaz_id].append(variant)
        for index in (self._exact, self._keyed):
            for found in index.values():
                found.sort(key=GazEntry.rank)

    def _index_surname(self, entry: GazEntry) -> None:
        """Index the family name (last token) of a person entry, unless it is a patronymic (bin Salman)."""
        for variant in (entry.canonical_ar, *entry.variants):
            tokens = split_name(variant).tokens
            if len(tokens) >= 2 and not PATRONYMICS.intersection(tokens):
                self._surnames[token_key(tokens[-1])].add(entry.gaz_id)

    def lookup_surname(self, token: str) -> GazEntry | None:
        """Return the one person whose family name is the normalized ``token`` (None when none or several)."""
        found = self._surnames.get(token_key(token), set())
        return self.entries[next(iter(found))] if len(found) == 1 else None

    def __len__(self) -> int:
        """Return the number of entries."""
        return len(self.entries)

    def lookup_all(self, name: str, type: str | None = None) -> list[GazEntry]:
        """Return every entry whose name matches ``name`` (exact matches first), filtered by compatible type.

        A key match must also be a close spelling of one of the entry's names (``same_spelling``): the key
        drops vowels, so \u0643\u0648\u0631\u064a\u0627 (Korea) and \u0643\u0627\u0631\u0627 (Kara) share one. A
        one-word name matches a GeoNames city only by an exact spelling: by key, ordinary words reached foreign
        towns (\u062c\u0646\u064a\u0647 "pound" -> Konya, \u0627\u0644\u0642\u0631\u0645 Crimea -> Jurm).
        """
        allowed = COMPATIBLE_TYPES.get(type or "", None)
        found = self._exact.get(_match_form(name), [])
        if not found:
            one_word = len(split_name(name).tokens) == 1
            found = [
                e
                for e in self._keyed.get(name_key(name), [])
                if not (one_word and e.gaz_id.startswith("gn:"))
                and any(same_spelling(name, s) for s in self._spellings[e.gaz_id])
            ]
        return [e for e in found if allowed is None or e.type in allowed]

    def place(self, name: str) -> GazEntry | None:
        """Return the country, curated place or big city that ``name`` spells (to retype a mis-tagged name)."""
        tokens = split_name(name).tokens
        given = len(tokens) == 1 and tokens[0] in given_names()  # a city named like a person: keep the tag
        for entry in self.lookup_all(name, "LOC") if tokens else []:
            source = entry.gaz_id.split(":", 1)[0]
            if source != "gn" or (not given and entry.population >= PLACE_OVERRIDE_POPULATION):
                return entry if entry.type == "LOC" else None
        return None

    def lookup(self, name: str, type: str | None = None) -> GazEntry | None:
        """Return the best entry for ``name`` (optionally of a type compatible with ``type``), or None."""
        found = self.lookup_all(name, type)
        if type is not None:
            same = [e for e in found if e.type == type]
            found = same or [e for e in found if _stands_for_its_people(e)]
        return found[0] if found else None

    def get(self, gaz_id: str) -> GazEntry | None:
        """Return the entry with id ``gaz_id``, or None."""
        return self.entries.get(gaz_id)


def _parse(line: str) -> GazEntry:
    """Parse one TSV row of entries.tsv.gz."""
    gid, etype, canonical, english, iso, geonames_id, population, variants = (line.split("\t") + [""] * 8)[:8]
    return GazEntry(
        gaz_id=gid,
        type=etype,
        canonical_ar=canonical,
        english=english,
        iso=iso or None,
        geonames_id=int(geonames_id) if geonames_id else None,
        population=int(population) if population else 0,
        variants=tuple(v for v in variants.split("|") if v),
    )


@cache
def load_gazetteer() -> Gazetteer:
    """Load the shipped gazetteer once (read-only data, cached for the process)."""
    lines = data_lines("entries.tsv.gz")
    not_places = frozenset(_match_form(line) for line in data_lines("not_places.txt"))
    return Gazetteer([_parse(line) for line in lines[1:]], not_places)
