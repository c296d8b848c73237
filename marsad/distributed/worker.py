"""The task each Dask worker runs: the per-article analysis (NER and entity resolution, quotes, times) of a partition.

This is the expensive part of a run, and it needs no state from other partitions except the entity registry.
Two modes (``BatchSettings.resolve``):

* ``"driver"`` (default, ``tag_partition``): the worker runs NER and times (~75 % of the per-article time on
  SaudiNewsNet); the driver resolves the mentions against the one archive registry in input order and finds the
  quotes (``merge.ArchiveRegistry.resolve``). Every article gets exactly the rows ``marsad ingest`` gives it: entity
  resolution repairs NER spans with what the registry knows (two known names in one span become two mentions), so
  its result depends on every earlier article.
* ``"partition"`` (``analyse_partition``): the worker also resolves, against a registry of its own, and the driver
  merges the partition registries in partition order (``merge.ArchiveRegistry.merge``): it scales with the workers,
  but an article whose spans the registry repairs may differ from ``marsad ingest`` (9 of 302 sample articles).

The NER tagger and gazetteer are loaded once per worker process (``load_tagger`` and ``load_gazetteer`` are cached).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.analysis.annotate import AnnotateSettings, Annotator, parse_iso_date
from marsad.analysis.entities.registry import EntityRegistry
from marsad.analysis.times.times import extract_times
from marsad.config import AnalysisSettings
from marsad.model import Analysis
from marsad.text.doc import FIELDS, Doc


@dataclass(frozen=True)
class PartitionResult:
    """What a worker returns: one ``Analysis`` per article (partition entity ids), the partition's registry rows
    (in creation order) and the rule versions stamped on the analyses."""

    analyses: tuple[Analysis, ...]
    registry_rows: tuple[dict[str, Any], ...]
    versions: dict[str, str]
    resolved: bool = True  # False: mentions still to be resolved (and quotes found) on the driver


def analyse_partition(texts: list[tuple[str, str, str | None]], analysis: AnalysisSettings) -> PartitionResult:
    """Annotate every (title, body, published) of one partition with a fresh entity registry."""
    registry = EntityRegistry() if analysis.entities else None
    annotator = Annotator(registry, AnnotateSettings(entities=analysis.entities, quotes=analysis.quotes,
                                                     times=analysis.times))
    found = tuple(annotator.annotate(title, body, published) for title, body, published in texts)
    rows = tuple(annotator.registry.to_rows()) if annotator.registry is not None else ()
    return PartitionResult(found, rows, annotator.versions)


def tag_partition(texts: list[tuple[str, str, str | None]], analysis: AnalysisSettings) -> PartitionResult:
    """Find the unresolved NER mentions and the times of every (title, body, published) of one partition."""
    from marsad.analysis.entities.ner import find_article_mentions, load_tagger

    tagger = load_tagger() if analysis.entities else None
    out = []
    for title, body, published in texts:
        docs = {"title": Doc(title, "title"), "body": Doc(body, "body")}
        raw = find_article_mentions({f: docs[f] for f in FIELDS}, tagger) if tagger is not None else []
        day = parse_iso_date(published)
        times = [t for f in FIELDS for t in extract_times(docs[f], f, day)] if analysis.times else []
        out.append(Analysis(entities=tuple(raw), times=tuple(times)))
    return PartitionResult(tuple(out), (), {}, resolved=False)


def warm_up() -> bool:
    """Load the NER tagger and gazetteer in this worker process (run once per worker before timing)."""
    from marsad.analysis.entities.gazetteer import load_gazetteer
    from marsad.analysis.entities.ner import load_tagger

    load_gazetteer()
    load_tagger()
    return True
