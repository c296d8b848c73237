"""Inputs of a batch run: the readers of ``marsad ingest`` plus Parquet, extracted in ingest's batches, in order.

Extraction runs on the driver in exactly the batches ``marsad ingest`` uses (``pipeline.batches``: the repeated
boilerplate-line pass is per batch), so every article gets the same title, body and normalized text as in a
single-machine ingest. It is cheap (~7,000 articles/s); the expensive analysis runs on the workers. Articles an
ingest would skip as repeats (same outlet and URL, same outlet and normalized text, same Marsad id) are skipped here
too, remembered as 8-byte digests (bounded: ~50 bytes per article).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad import pipeline
from marsad.config import Settings
from marsad.ingest.readers import ReadError, read_bytes, read_paths
from marsad.model import Article, RawDocument

PARQUET_SUFFIX = ".parquet"
#: Parquet rows turned into JSON Lines and read per chunk (the JSON Lines reader maps the field names).
PARQUET_CHUNK = 1000


def read_inputs(paths: list[str], settings: Settings) -> Iterator[RawDocument | ReadError]:
    """Read every path as ``marsad ingest`` does, and Parquet files (given, or inside folders) as JSON Lines rows."""
    for path in map(Path, paths):
        if path.suffix.lower() == PARQUET_SUFFIX:
            yield from read_parquet(path, settings)
            continue
        yield from read_paths([str(path)], settings.ingest)
        if path.is_dir():
            for found in sorted(path.rglob(f"*{PARQUET_SUFFIX}")):
                yield from read_parquet(found, settings)


def read_parquet(path: Path, settings: Settings) -> Iterator[RawDocument | ReadError]:
    """Read a Parquet file of articles whose columns use the JSON field names (``id``, ``title``, ``text``, ...)."""
    from marsad.distributed.tables import require_batch

    require_batch()
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        yield ReadError(str(path), f"cannot read Parquet: {exc}")
        return
    index = 0
    with handle:
        for batch in handle.iter_batches(batch_size=PARQUET_CHUNK):
            rows = batch.to_pylist()
            for row in rows:  # the default id, as for a JSON Lines file: the file name and the row number
                row.setdefault("id", None)
                row["id"] = row["id"] if row["id"] not in (None, "") else f"{path.stem}#{index}"
                index += 1
            data = "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in rows).encode("utf-8")
            yield from read_bytes(data, f"{path.stem}.jsonl", str(path), settings.ingest)


@dataclass
class SeenKeys:
    """The repeat keys of the articles taken so far (what ``store.find_same`` and ``has_article`` would find)."""

    keys: set[bytes] = field(default_factory=set)

    @staticmethod
    def _digest(*parts: str | None) -> bytes:
        """An 8-byte digest of a key."""
        return hashlib.blake2b("\x1f".join(p or "" for p in parts).encode("utf-8"), digest_size=8).digest()

    def take(self, aid: str, article: Article) -> bool:
        """Remember an article; False when it repeats one taken before (same id, outlet+URL or outlet+text)."""
        keys = [self._digest("id", aid), self._digest("text", article.source, article.content_hash)]
        if article.url:
            keys.append(self._digest("url", article.source, article.url))
        if any(k in self.keys for k in keys):
            return False
        self.keys.update(keys)
        return True


@dataclass
class Partition:
    """Consecutive articles of the input stream (in input order), analysed together by one worker task."""

    number: int
    ids: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def texts(self) -> list[tuple[str, str, str | None]]:
        """What a worker needs per article: title, body and publication date."""
        return [(a.title, a.body, a.published_at) for a in self.articles]


@dataclass
class InputReport:
    """Counts of the driver's reading: articles taken, repeats skipped, inputs rejected with their reasons."""

    taken: int = 0
    repeats: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)


def partitions(paths: list[str], settings: Settings, size: int, report: InputReport) -> Iterator[Partition]:
    """Yield the new articles under ``paths`` in input order, ``size`` per partition."""
    seen = SeenKeys()
    part = Partition(0)
    for batch in pipeline.batches(read_inputs(paths, settings)):
        for item in pipeline.extract_batch(batch, settings):
            if isinstance(item, ReadError):
                report.rejected.append((item.origin, item.reason))
                continue
            aid = pipeline.article_id(item)
            if not seen.take(aid, item):
                report.repeats += 1
                continue
            report.taken += 1
            part.ids.append(aid)
            part.articles.append(item)
            if len(part.ids) >= size:
                yield part
                part = Partition(part.number + 1)
    if part.ids:
        yield part
