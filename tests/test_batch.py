"""``marsad batch`` / ``marsad load`` on a dask.distributed LocalCluster with 2 workers, against ``marsad ingest``.

Parity sample: the repository fixtures (``data/sample``: 302 articles, every stage on), so the test stays under
two minutes on a 2-core machine (a 2,000-article all-stages ingest alone takes ~100 s here). With the shared
SaudiNewsNet data present, ``MARSAD_PARITY_ARTICLES=2000`` runs it on the first 2,000 articles of one day instead;
``bench/bench_batch.py`` reports that 2,000-article parity in ``make bench``.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")

from marsad.config import Settings  # noqa: E402
from marsad.distributed import BatchSettings, load_tables, run_batch  # noqa: E402
from marsad.distributed.merge import ArchiveRegistry  # noqa: E402
from marsad.distributed.tables import read_rows  # noqa: E402
from marsad.errors import ConfigError  # noqa: E402
from marsad.pipeline import ENTITY_KEYS, QUOTE_KEYS, TIME_KEYS, ingest  # noqa: E402
from marsad.store import open_store  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "evals"))
from bcubed import bcubed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED_DAY = ROOT.parent / "shared" / "data" / "saudinewsnet" / "dataset" / "2015-08-04.zip"
ROW_KEYS = {"entities": ("field", "start", "end", "text", "type", "entity_id", "canonical"),
            "quotes": ("speaker", "speaker_entity_id", "cue", "text", "field", "start", "end", "direct"),
            "times": ("text", "field", "start", "end", "value", "calendar")}


def _corpus(tmp: Path) -> list[str]:
    """The parity corpus: data/sample, or the first MARSAD_PARITY_ARTICLES articles of one shared day."""
    n = int(os.environ.get("MARSAD_PARITY_ARTICLES", "0"))
    if not n or not SHARED_DAY.exists():
        return [str(ROOT / "data" / "sample")]
    import zipfile

    with zipfile.ZipFile(SHARED_DAY) as z:
        records = json.loads(z.read(z.namelist()[0]).decode("utf-8"))
    path = tmp / "parity.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records[:n]), encoding="utf-8")
    return [str(path)]


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of 2 single-threaded worker processes for the module's runs."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def runs(tmp_path_factory, cluster) -> dict[str, Path]:
    """The same corpus through ``marsad ingest`` and through ``marsad batch`` (both resolve modes), loaded."""
    tmp = tmp_path_factory.mktemp("batch")
    paths = _corpus(tmp)
    settings = Settings()
    ingest(paths, (s := open_store(str(tmp / "ingest.db"))), settings)
    s.close()
    out = {"ingest": tmp / "ingest.db"}
    for mode in ("driver", "partition"):
        run_batch(paths, tmp / mode, settings,
                  BatchSettings(scheduler=cluster.scheduler_address, partition_size=60, resolve=mode))
        load_tables(tmp / mode, (s := open_store(str(tmp / f"{mode}.db"))))
        s.close()
        out[mode], out[f"{mode}.out"] = tmp / f"{mode}.db", tmp / mode
    return out


def _rows(store, aid: str, kind: str) -> list[tuple]:
    """One article's rows of one kind, as comparable tuples."""
    return sorted((tuple(r[k] for k in ROW_KEYS[kind]) for r in store.analysis(aid)[kind]), key=repr)


def _duplicate_pairs(store) -> set[tuple[str, str]]:
    """(copy, original) pairs of a store."""
    return {(r["article_id"], r["duplicate_of"]) for r in store.table_rows("duplicates")}


@pytest.mark.parametrize("mode", ["driver", "partition"])
def test_batch_finds_the_same_duplicate_pairs_as_ingest(runs, mode) -> None:
    a, b = open_store(str(runs["ingest"])), open_store(str(runs[mode]))
    assert _duplicate_pairs(a) and _duplicate_pairs(a) == _duplicate_pairs(b)


@pytest.mark.parametrize("mode", ["driver", "partition"])
def test_batch_stories_agree_with_ingest_by_bcubed(runs, mode) -> None:
    gold, got = open_store(str(runs["ingest"])).article_story_ids(), open_store(str(runs[mode])).article_story_ids()
    assert bcubed(gold, got)[2] >= 0.95


def test_batch_gives_every_article_the_rows_of_ingest(runs) -> None:
    a, b = open_store(str(runs["ingest"])), open_store(str(runs["driver"]))
    ids = [r["id"] for r in a.table_rows("articles")]
    assert ids and sorted(ids) == sorted(r["id"] for r in b.table_rows("articles"))
    for aid, kind in itertools.product(ids, ROW_KEYS):
        assert _rows(a, aid, kind) == _rows(b, aid, kind), (aid, kind)


def test_batch_partition_mode_gives_one_entity_per_name(runs) -> None:
    ids_of: dict[tuple[str, str], set[str]] = {}
    for r in read_rows(runs["partition.out"], "mentions"):
        ids_of.setdefault((r["type"], r["text"]), set()).add(r["entity_id"])
    split = [k for k, v in ids_of.items() if len(v) > 1]
    assert len(split) <= 0.02 * len(ids_of), split[:5]  # lone ambiguous names (two Abdullahs) may stay apart


def test_batch_tables_carry_the_json_contract_fields(runs) -> None:
    import pyarrow.parquet as pq

    out = runs["driver.out"]
    names = {t: pq.read_schema(out / f"{t}.parquet").names for t in ("articles", "mentions", "quotes", "times")}
    assert {"id", "source", "url", "title", "byline", "published_at", "dateline", "body"} <= set(names["articles"])
    for table, keys in (("mentions", ENTITY_KEYS), ("quotes", QUOTE_KEYS), ("times", TIME_KEYS)):
        assert {"article_id", *keys} <= set(names[table])
    story = next(read_rows(out, "stories"))
    assert {"id", "title", "size", "first_seen", "last_seen", "sources", "entities", "earlier_chapter",
            "later_chapters", "articles"} <= set(story)
    assert {"similarity", "shared_entities", "shared_terms", "chapter_of"} <= set(story["articles"][0]["why"])


def test_load_run_again_adds_nothing(runs) -> None:
    store = open_store(str(runs["driver"]))
    before = {t: sum(1 for _ in store.table_rows(t)) for t in ("articles", "mentions", "duplicates", "stories")}
    report = load_tables(runs["driver.out"], store)
    after = {t: sum(1 for _ in store.table_rows(t)) for t in before}
    assert report.stored == 0 and report.skipped == before["articles"] and after == before


def test_load_into_postgresql_stores_what_sqlite_stores(runs, pg_database) -> None:
    pg, lite = open_store(pg_database), open_store(str(runs["driver"]))
    load_tables(runs["driver.out"], pg)
    assert pg.count_articles() == lite.count_articles()
    assert _duplicate_pairs(pg) == _duplicate_pairs(lite)
    assert pg.article_story_ids() == lite.article_story_ids()


def test_batch_reads_parquet_inputs(tmp_path, cluster) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = json.loads((ROOT / "data" / "sample" / "saudinewsnet" / "sample.json").read_text(encoding="utf-8"))
    pq.write_table(pa.Table.from_pylist(records[:20]), tmp_path / "in.parquet")
    report = run_batch([str(tmp_path / "in.parquet")], tmp_path / "out", Settings(),
                       BatchSettings(scheduler=cluster.scheduler_address, partition_size=8))
    assert report.articles == 20 and report.partitions == 3


def test_merge_joins_one_name_from_two_partitions() -> None:
    from marsad.analysis.entities.registry import EntityRegistry

    rows = []
    for _ in range(2):  # the same new name in two partitions: two partition registries
        reg = EntityRegistry()
        reg.observe(reg.create("PER", "\u0633\u0644\u0645\u0627\u0646 \u0627\u0644\u0639\u0648\u0627\u062f\u064a"),
                    "\u0633\u0644\u0645\u0627\u0646 \u0627\u0644\u0639\u0648\u0627\u062f\u064a", 2)
        rows.append(reg.to_rows())
    archive = ArchiveRegistry()
    first, second = archive.merge(rows[0]), archive.merge(rows[1])
    assert list(first.values()) == list(second.values()) and len(archive.rows()) == 1
    assert archive.rows()[0]["mentions"] == 4


@pytest.mark.parametrize("kwargs, fix", [
    pytest.param({"workers": 0}, "--workers 2", id="no-workers"),
    pytest.param({"workers": 2, "scheduler": "tcp://x:8786"}, "not both", id="both"),
    pytest.param({"partition_size": 0}, "e.g. 250", id="empty-partitions"),
    pytest.param({"resolve": "worker"}, "driver, partition", id="unknown-mode"),
])
def test_batch_settings_reject_bad_values_with_the_fix(kwargs, fix) -> None:
    with pytest.raises(ConfigError, match=fix):
        BatchSettings(**kwargs)


def test_batch_names_the_extra_when_dask_is_missing(monkeypatch, cli) -> None:
    import builtins

    real = builtins.__import__

    def no_dask(name, *args, **kwargs):  # noqa: ANN001, ANN202 - the import hook's own signature
        """Fail the import of dask as if it were not installed."""
        if name.startswith("dask"):
            raise ImportError("no dask", name=name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    result = cli("batch", str(ROOT / "data" / "sample"), "--out", "unused")
    assert result.code == 1 and 'pip install "marsad[batch]"' in result.err
