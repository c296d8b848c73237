"""Memory: a 50 MB JSON Lines file is streamed a line at a time by the reader, and ingested a batch at a time, so
memory stays far below the file's size."""

from __future__ import annotations

import itertools
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from marsad.config import IngestSettings
from marsad.ingest.readers import read_paths
from marsad.model import RawDocument
from tests.corpus import saudi_like_articles, write_jsonl

MB = 2**20


def jsonl_of(path: Path, size: int, seed: int = 50) -> int:
    """Write SaudiNewsNet-like JSON Lines of about ``size`` bytes (at least); return the article count."""
    per_article = 3_900  # bytes of one generated record, on average
    count = size // per_article + 1
    while write_jsonl(path, saudi_like_articles(count, seed=seed)) < size:
        count += count // 10
    return count


@pytest.fixture(scope="module")
def big_jsonl(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A 50 MB JSON Lines file of generated articles, and its article count."""
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    return path, jsonl_of(path, 50 * MB)


@pytest.mark.parametrize("suffix", [pytest.param(".jsonl", id="jsonl")])
def test_readers_jsonl_of_50_mb_is_streamed(big_jsonl: tuple[Path, int], suffix: str) -> None:
    path, count = big_jsonl
    assert path.suffix == suffix and path.stat().st_size >= 50 * MB
    tracemalloc.start()
    try:
        read = sum(isinstance(item, RawDocument) for item in read_paths([path], IngestSettings()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read == count
    assert peak < 2 * MB  # one line (~4 kB) and the read buffer, not the file


PEAK_RSS = """
import resource, sys
from marsad import open_store
from marsad.config import ANALYSIS_STAGES, AnalysisSettings, Settings
from marsad.pipeline import ingest
store = open_store(sys.argv[2])
report = ingest([sys.argv[1]], store, Settings(analysis=AnalysisSettings(**{s: False for s in ANALYSIS_STAGES})))
store.close()
print(report.stored, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def ingest_peak_rss(path: Path, db: Path) -> tuple[int, int]:
    """Ingest ``path`` (analysis skipped) in a fresh process; return (articles stored, peak RSS in MiB)."""
    done = subprocess.run([sys.executable, "-c", PEAK_RSS, str(path), str(db)], capture_output=True, text=True,
                          timeout=600, check=True)
    stored, rss = done.stdout.split()
    return int(stored), int(rss)


@pytest.mark.slow
@pytest.mark.parametrize("small_mb", [pytest.param(5, id="50-mb-vs-5-mb")])
def test_pipeline_ingest_of_50_mb_jsonl_holds_one_batch_at_a_time(
    big_jsonl: tuple[Path, int], tmp_path: Path, small_mb: int
) -> None:
    """Peak RSS of ingesting the 50 MB file exceeds that of a 5 MB file by far less than the 45 MB between them:
    one batch (2,000 articles, ~8 MB here) is held, not the file (measured: 57 and 72 MiB)."""
    path, count = big_jsonl
    small = tmp_path / "small.jsonl"
    small_count = jsonl_of(small, small_mb * MB, seed=5)
    stored_small, small_rss = ingest_peak_rss(small, tmp_path / "small.db")
    assert stored_small == small_count
    stored, big_rss = ingest_peak_rss(path, tmp_path / "big.db")
    assert stored == count
    assert big_rss - small_rss < 25, (big_rss, small_rss)  # the file whole would add 80+ MiB


def test_readers_jsonl_line_over_the_limit_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    records = list(itertools.islice(saudi_like_articles(3, seed=9), 3))
    write_jsonl(path, iter(records))
    with path.open("r+b") as f:  # a 3 MB line between the records
        lines = f.read().splitlines(keepends=True)
        f.seek(0)
        f.write(lines[0] + b'{"text": "' + b"x" * 3 * MB + b'"}\n' + b"".join(lines[1:]))
    items = list(read_paths([path], IngestSettings(max_file_bytes=MB)))
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadError", "RawDocument", "RawDocument"]
    assert "over the 1 MiB limit" in items[1].reason and items[1].origin.endswith(":2")
