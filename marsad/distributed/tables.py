"""The Parquet tables of a batch run: their schemas, a streaming writer and a streaming reader.

Public tables (one ``<name>.parquet`` file each in the output folder) carry the field names of the JSON contracts
(``marsad analyze --json``, ``marsad entities --json``, ``marsad quotes --json``, ``marsad story --json``), with
``article_id`` added where a row belongs to an article:

* ``articles``: ``id, external_id, source, url, title, byline, published_at, dateline, body``
* ``mentions``: ``article_id, text, field, start, end, type, entity_id, canonical``
* ``quotes``: ``article_id, speaker, speaker_entity_id, cue, text, field, start, end, direct``
* ``times``: ``article_id, text, field, start, end, value, calendar``
* ``entities``: ``id, type, canonical, english, iso, geonames_id, mentions, articles, variants``
* ``duplicates``: ``article_id, duplicate_of, similarity, first_source, match`` (``match`` a struct)
* ``stories``: ``id, title, size, first_seen, last_seen, sources, entities, earlier_chapter, later_chapters,
  articles`` (``entities`` and ``articles`` lists of structs, ``articles[].why`` a struct)

``_state/`` holds what ``marsad load`` needs beyond them, in the store's own row shapes: the normalized text of
each article (``norms``), the entity registry rows, the near-duplicate index rows and the story state rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError

#: What to install when the batch engine's libraries are missing.
INSTALL_HINT = 'pip install "marsad[batch]"'
#: Rows buffered per table before a Parquet row group is written (bounds the writer's memory).
ROW_GROUP = 5000


def require_batch() -> Any:
    """Return the ``pyarrow`` module, or raise a ConfigError naming the extra to install."""
    try:
        import dask.distributed  # noqa: F401 - checked here so the error names both libraries at once
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            f"`marsad batch` and `marsad load` need dask.distributed and pyarrow ({exc.name} is missing): "
            f"run {INSTALL_HINT}"
        ) from None
    return pyarrow


def schemas() -> dict[str, Any]:
    """The Arrow schema of every table, public and ``_state/``, by name."""
    pa = require_batch()
    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    why = pa.struct([("similarity", f), ("shared_entities", pa.list_(s)), ("shared_terms", pa.list_(s)),
                     ("chapter_of", s)])
    match = pa.struct([("jaccard", f), ("containment", f), ("shared", f), ("part", s), ("words", pa.list_(i)),
                       ("numbers", f)])
    fields = {
        "articles": [("id", s), ("external_id", s), ("source", s), ("url", s), ("title", s), ("byline", s),
                     ("published_at", s), ("dateline", s), ("body", s)],
        "mentions": [("article_id", s), ("text", s), ("field", s), ("start", i), ("end", i), ("type", s),
                     ("entity_id", s), ("canonical", s)],
        "quotes": [("article_id", s), ("speaker", s), ("speaker_entity_id", s), ("cue", s), ("text", s),
                   ("field", s), ("start", i), ("end", i), ("direct", b), ("speaker_start", i), ("speaker_end", i)],
        "times": [("article_id", s), ("text", s), ("field", s), ("start", i), ("end", i), ("value", s),
                  ("calendar", s)],
        "entities": [("id", s), ("type", s), ("canonical", s), ("english", s), ("iso", s), ("geonames_id", i),
                     ("mentions", i), ("articles", i), ("variants", pa.list_(s))],
        "duplicates": [("article_id", s), ("duplicate_of", s), ("similarity", f), ("first_source", s),
                       ("match", match), ("method", s)],
        "stories": [("id", s), ("title", s), ("size", i), ("first_seen", s), ("last_seen", s),
                    ("sources", pa.list_(s)),
                    ("entities", pa.list_(pa.struct([("entity_id", s), ("canonical", s), ("type", s),
                                                     ("articles", i)]))),
                    ("earlier_chapter", s), ("later_chapters", pa.list_(s)),
                    ("articles", pa.list_(pa.struct([("id", s), ("external_id", s), ("source", s), ("url", s),
                                                     ("published_at", s), ("title", s), ("similarity", f),
                                                     ("why", why), ("duplicate_of", s)])))],
        "_state/norms": [("id", s), ("title_norm", s), ("body_norm", s), ("norm_profile", s), ("origin", s),
                         ("content_hash", s)],
        "_state/registry": [("entity_id", s), ("row", s)],
        "_state/dedup": [("article_id", s), ("source", s), ("published", s), ("seq", i), ("group", s),
                         ("group_first", s), ("duplicate_of", s), ("similarity", f), ("signature", pa.binary()),
                         ("shingles", pa.binary()), ("anchors", pa.binary()), ("words", pa.binary()),
                         ("match", s), ("version", s)],
        "_state/stories": [("story_id", s), ("row", s), ("summary", s)],
    }
    return {name: pa.schema(cols) for name, cols in fields.items()}


class TableWriter:
    """Appends rows to every table of one output folder, a row group at a time."""

    def __init__(self, out_dir: Path) -> None:
        """Create ``out_dir`` (and ``_state/``); existing table files there are replaced."""
        require_batch()
        self.out_dir = out_dir
        (out_dir / "_state").mkdir(parents=True, exist_ok=True)
        self.schemas = schemas()
        self._buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in self.schemas}
        self._writers: dict[str, Any] = {}
        self.counts: dict[str, int] = dict.fromkeys(self.schemas, 0)

    def add(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        """Buffer rows of ``table``; flush a row group when the buffer is full."""
        buf = self._buffers[table]
        for row in rows:
            buf.append(row)
            self.counts[table] += 1
        if len(buf) >= ROW_GROUP:
            self._flush(table)

    def _flush(self, table: str) -> None:
        """Write the buffered rows of ``table`` as one row group."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        buf = self._buffers[table]
        if not buf and table in self._writers:
            return
        if table not in self._writers:
            self._writers[table] = pq.ParquetWriter(self.out_dir / f"{table}.parquet", self.schemas[table])
        if buf:
            self._writers[table].write_table(pa.Table.from_pylist(buf, schema=self.schemas[table]))
        buf.clear()

    def close(self) -> None:
        """Flush every table (an empty file for a table with no rows) and close the files."""
        for table in self.schemas:
            self._flush(table)
            self._writers.pop(table).close()


def read_rows(out_dir: Path, table: str, batch_rows: int = ROW_GROUP) -> Iterator[dict[str, Any]]:
    """Yield the rows of one table of a batch output folder, a record batch at a time."""
    require_batch()
    import pyarrow.parquet as pq

    path = Path(out_dir) / f"{table}.parquet"
    if not path.exists():
        raise ConfigError(f"{path} is missing: is {out_dir} the --out folder of a finished `marsad batch` run?")
    with pq.ParquetFile(path) as f:
        for batch in f.iter_batches(batch_size=batch_rows):
            yield from batch.to_pylist()


def json_cell(value: Any) -> str:
    """A JSON text cell (Arabic unescaped) for a ``_state`` table."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
