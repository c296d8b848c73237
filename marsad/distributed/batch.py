"""``marsad batch``: analyse an archive on a dask.distributed cluster and write Parquet tables.

The run, in four steps (numbered in ``run_batch`` too):

1. the driver reads and extracts the inputs in ``marsad ingest``'s batches and cuts the new articles, in input
   order, into partitions of ``partition_size`` (``inputs.partitions``);
2. each partition is one task on the cluster: NER, entity resolution, quotes and times with a partition registry
   (``worker.analyse_partition``); at most ``in_flight`` tasks are out at once, so memory stays bounded;
3. the driver takes the results back in partition order, merges each partition registry into the archive registry
   (``merge.ArchiveRegistry``) and feeds the articles to the sequential near-duplicate and story pass
   (``crosspass.CrossPass``), writing every row as it goes (``tables.TableWriter``);
4. at the end it writes the entities, the stories and the state ``marsad load`` needs.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from marsad.analysis.annotate import AnnotateSettings, Annotator
from marsad.config import Settings
from marsad.distributed.crosspass import CrossPass, TextSpill
from marsad.distributed.inputs import InputReport, Partition, partitions
from marsad.distributed.merge import ArchiveRegistry
from marsad.distributed.tables import TableWriter, json_cell, require_batch
from marsad.distributed.worker import PartitionResult, analyse_partition, tag_partition, warm_up
from marsad.errors import ConfigError
from marsad.pipeline import ENTITY_KEYS, QUOTE_KEYS, TIME_KEYS, article_json

#: Articles per task: large enough that a task's overhead (~10 ms) and its fresh registry matter little,
#: small enough that two workers get many tasks from a 2,000-article day.
PARTITION_SIZE = 250
#: Where mentions are resolved: on the driver against the archive registry (exactly ``marsad ingest``'s rows) or on
#: the workers against partition registries merged afterwards (scales further; see ``worker``).
RESOLVE_MODES = ("driver", "partition")
#: Name of the run's description file in the output folder.
META_FILE = "_state/meta.json"


@dataclass(frozen=True)
class BatchSettings:
    """Where a batch run computes and how it cuts the work."""

    workers: int | None = None  # local cluster worker processes (one thread each); default: the CPU count
    scheduler: str | None = None  # address of an existing scheduler, e.g. tcp://10.0.0.5:8786
    partition_size: int = PARTITION_SIZE
    in_flight: int | None = None  # tasks out at once; default: twice the cluster's threads
    resolve: str = "driver"  # where entity mentions are resolved: one of RESOLVE_MODES

    def __post_init__(self) -> None:
        """Reject impossible settings with the fix."""
        if self.workers is not None and self.workers < 1:
            raise ConfigError(f"--workers {self.workers}: give 1 or more worker processes, e.g. --workers 2")
        if self.workers is not None and self.scheduler:
            raise ConfigError("give --workers (a local cluster) or --scheduler ADDRESS (an existing one), not both")
        if self.partition_size < 1:
            raise ConfigError(f"partition_size={self.partition_size}: give 1 or more articles per task, e.g. 250")
        if self.resolve not in RESOLVE_MODES:
            raise ConfigError(f"resolve={self.resolve!r}: give one of {', '.join(RESOLVE_MODES)}")
        if self.in_flight is not None and self.in_flight < 1:
            raise ConfigError(f"in_flight={self.in_flight}: give 1 or more tasks, e.g. 4")


@dataclass
class BatchReport:
    """What a batch run did: counts per table, repeats skipped, rejected inputs, workers and time."""

    articles: int = 0
    repeats: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)
    workers: int = 0
    partitions: int = 0
    seconds: float = 0.0


def connect(settings: BatchSettings) -> tuple[Any, Any]:
    """A dask.distributed client and the local cluster it owns (None when connected to ``scheduler``)."""
    require_batch()
    from dask.distributed import Client, LocalCluster

    if settings.scheduler:
        try:
            return Client(settings.scheduler, timeout="30s"), None
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {settings.scheduler}: {exc}; start one with "
                              "`dask scheduler` and workers with `dask worker ADDRESS`") from None
    n = settings.workers or os.cpu_count() or 1
    env = {var: "1" for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, env=env)
    return Client(cluster), cluster


def run_batch(paths: list[str], out_dir: str | os.PathLike[str], settings: Settings,
              batch: BatchSettings = BatchSettings(), progress: Callable[[int], None] | None = None) -> BatchReport:
    """Analyse every article under ``paths`` on a Dask cluster; write the Parquet tables to ``out_dir``."""
    started = time.perf_counter()
    out = Path(out_dir)
    writer = TableWriter(out)
    client, cluster = connect(batch)
    try:
        n_threads = sum(client.nthreads().values()) or 1
        client.run(warm_up)  # models loaded before the first task, on every worker
        run = _Run(settings, writer, TextSpill(out / "_state" / "texts.dbm"))
        report = BatchReport(workers=n_threads)
        inputs = InputReport()
        limit = batch.in_flight or 2 * n_threads
        pending: deque[tuple[Partition, Any]] = deque()
        for part in partitions(paths, settings, batch.partition_size, inputs):  # 1. read, extract, cut
            task = analyse_partition if batch.resolve == "partition" else tag_partition
            pending.append((part, client.submit(task, part.texts(), settings.analysis, pure=False)))  # 2.
            while len(pending) > limit:
                run.take(*_result(pending.popleft()), progress)  # 3. in partition order
            report.partitions += 1
        while pending:
            run.take(*_result(pending.popleft()), progress)
        run.finish(out)  # 4.
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    writer.close()
    report.articles, report.repeats, report.rejected = inputs.taken, inputs.repeats, inputs.rejected
    report.tables = {k: v for k, v in writer.counts.items() if not k.startswith("_")}
    report.seconds = time.perf_counter() - started
    _write_meta(out, run, report)
    return report


def _result(item: tuple[Partition, Any]) -> tuple[Partition, PartitionResult]:
    """Wait for one partition's task."""
    part, future = item
    return part, future.result()


class _Run:
    """The driver's state of one run: archive registry, cross-article pass, story metadata, writer."""

    def __init__(self, settings: Settings, writer: TableWriter, spill: TextSpill) -> None:
        """Start a run writing to ``writer``."""
        self.settings = settings
        self.writer = writer
        self.registry = ArchiveRegistry()
        self.cross = CrossPass(settings.analysis, spill)
        a = settings.analysis
        self.versions = Annotator(settings=AnnotateSettings(entities=a.entities, quotes=a.quotes, times=a.times)).versions
        self.meta: dict[str, tuple[Any, ...]] = {}  # article id -> what the stories table shows of it
        self.duplicates: dict[str, dict[str, Any]] = {}  # article id -> its duplicates row (re-pointed ones replaced)

    def take(self, part: Partition, result: PartitionResult, progress: Callable[[int], None] | None) -> None:
        """Merge one partition's registry, run the cross-article pass over its articles, write their rows."""
        mapping = self.registry.merge(result.registry_rows)
        w = self.writer
        for aid, article, found in zip(part.ids, part.articles, result.analyses):
            if not result.resolved:
                found = self.registry.resolve(found, article.title, article.body, self.settings.analysis.quotes,
                                              article.published_at)
            else:
                found = self.registry.remap(found, mapping)
            w.add("articles", [{**article_json(article, aid), "external_id": article.external_id}])
            w.add("_state/norms", [{"id": aid, "title_norm": article.title_norm, "body_norm": article.body_norm,
                                    "norm_profile": article.norm_profile, "origin": article.origin,
                                    "content_hash": article.content_hash}])
            w.add("mentions", ({"article_id": aid, **{k: getattr(m, k) for k in ENTITY_KEYS}}
                               for m in found.entities))
            w.add("quotes", ({"article_id": aid, **{k: getattr(q, k) for k in QUOTE_KEYS},
                              "speaker_start": q.speaker_start, "speaker_end": q.speaker_end} for q in found.quotes))
            w.add("times", ({"article_id": aid, **{k: getattr(t, k) for k in TIME_KEYS}} for t in found.times))
            for row in self.cross.add(aid, article, {m.entity_id for m in found.entities if m.entity_id}):
                self.duplicates[row["article_id"]] = row
            if self.cross.stories is not None:
                self.meta[aid] = (article.external_id, article.source, article.url, article.published_at,
                                  article.title)
        if progress:
            progress(len(part.ids))

    def finish(self, out: Path) -> None:
        """Write the entities, stories and the state tables ``marsad load`` reads."""
        w, reg = self.writer, self.registry
        rows = reg.rows()
        w.add("_state/registry", ({"entity_id": r["entity_id"], "row": json_cell(r)} for r in rows))
        w.add("entities", (_entity_row(r, reg.articles[r["entity_id"]]) for r in rows))
        if self.cross.dedup is not None:
            w.add("duplicates", self.duplicates.values())
            w.add("_state/dedup", self.cross.dedup.to_rows())
        for row, summary in self.cross.story_rows():
            w.add("_state/stories", [{"story_id": row["story_id"], "row": json_cell(row),
                                      "summary": json_cell(summary)}])
            w.add("stories", [self._story_row(row, summary)])
        self.cross.spill.close()

    def _story_row(self, row: dict[str, Any], summary: dict[str, Any]) -> dict[str, Any]:
        """One story as ``marsad story --json`` shows it (its articles in time order, with why each joined)."""
        reg = self.registry.registry
        entities = []
        for eid, n in summary["top_entities"]:
            e = reg.get(eid)
            entities.append({"entity_id": eid, "canonical": e.canonical if e else None, "type": e.type if e else None,
                             "articles": n})
        articles = []
        for _, _, aid in row["articles"]:
            ext, source, url, published, title = self.meta[aid]
            why = row["members"][aid]
            articles.append({"id": aid, "external_id": ext, "source": source, "url": url, "published_at": published,
                             "title": title, "similarity": why.get("similarity"), "why": why,
                             "duplicate_of": (self.duplicates.get(aid) or {}).get("duplicate_of")})
        return {"id": row["story_id"], "title": row["title"], "size": len(articles),
                "first_seen": row["first_seen"], "last_seen": row["last_seen"],
                "sources": [s for s, _ in summary["sources"]], "entities": entities,
                "earlier_chapter": row["chapter_of"], "later_chapters": row["chapters"], "articles": articles}


def _entity_row(row: dict[str, Any], articles: int) -> dict[str, Any]:
    """One entity as ``marsad entities --json`` shows it."""
    return {"id": row["entity_id"], "type": row["type"], "canonical": row["canonical"], "english": row["english"],
            "iso": row["iso"], "geonames_id": row["geonames_id"], "mentions": row["mentions"], "articles": articles,
            "variants": list(row["variants"])[:8]}


def _write_meta(out: Path, run: _Run, report: BatchReport) -> None:
    """Write the run's description: versions, settings, counts (``marsad load`` reads the versions)."""
    meta = {"versions": run.versions, "analysis": asdict(run.settings.analysis), "story_meta": run.cross.story_meta(),
            "report": asdict(report)}
    (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
