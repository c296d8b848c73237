"""The Python API: the same results as the CLI, without a subprocess."""

from __future__ import annotations

from pathlib import Path

import marsad


def test_api_ingest_and_analyze_seeds(seeds_dir: Path) -> None:
    store = marsad.open_store(":memory:")
    report = marsad.process([seeds_dir], store)
    assert report.stored == 2 and store.count_articles() == 2
    arts = list(marsad.analyze([seeds_dir / "003_9e8d747f78e969ee.txt"]))
    assert arts[0]["published_at"] == "2018-06-01T13:10" and arts[0]["entities"]


def test_api_normalize_and_settings() -> None:
    assert marsad.normalize("\u0623\u0639\u0644\u0646\u064e") == "\u0627\u0639\u0644\u0646"
    assert marsad.Settings().norm_profile == "match.v1"
