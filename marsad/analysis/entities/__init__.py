"""Entities: people, places, organizations found by NER and resolved to one id across spellings and articles.

Provides ``resolve_mentions`` (a mention's entity id and canonical name), the ``EntityRegistry`` (entities known
across the archive), ``load_gazetteer`` (known places and newsmakers) and ``name_key`` / ``name_similarity`` (the
spelling-insensitive key of a name). The tagger itself is ``marsad.analysis.entities.ner`` (imported on demand:
it loads the shipped models). Needs ``marsad.text`` and ``marsad.model``.
"""

from marsad.analysis.entities.gazetteer import GAZETTEER_VERSION, Gazetteer, load_gazetteer
from marsad.analysis.entities.namekey import NAMEKEY_VERSION, name_key, name_similarity
from marsad.analysis.entities.registry import RESOLVE_VERSION, EntityRegistry
from marsad.analysis.entities.resolve import resolve_mentions

__all__ = [
    "GAZETTEER_VERSION", "NAMEKEY_VERSION", "RESOLVE_VERSION", "EntityRegistry", "Gazetteer", "load_gazetteer",
    "name_key", "name_similarity", "resolve_mentions",
]
