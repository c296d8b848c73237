"""Story, summary and similarity commands: shapes, idempotence across batches, the seeds as chapters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "saudinewsnet" / "sample.json"
STORY_KEYS = {"id", "title", "first_seen", "last_seen", "size", "sources", "entities", "earlier_chapter",
              "later_chapters", "articles"}


@pytest.fixture(scope="module")
def sample_days(tmp_path_factory) -> list[Path]:
    """The demo sample split into one JSON file per day (about 120 articles, to keep the test fast)."""
    recs = json.loads(SAMPLE.read_text("utf-8"))[:120]
    folder = tmp_path_factory.mktemp("days")
    days: dict[str, list] = {}
    for r in recs:
        days.setdefault(r["date_extracted"][:10], []).append(r)
    paths = []
    for day, items in sorted(days.items()):
        p = folder / f"{day}.json"
        p.write_text(json.dumps(items, ensure_ascii=False), "utf-8")
        paths.append(p)
    return paths


def story_map(cli, db: Path) -> dict[str, str]:
    """external id -> story id of every stored article."""
    out = {}
    for story in cli("stories", "--db", db, "--json", "--limit", "100000").json_lines():
        for a in story["articles"]:
            out[a["external_id"]] = story["id"]
    return out


def test_cli_stories_one_run_equals_daily_batches(cli, sample_days: list[Path], tmp_path: Path) -> None:
    one, daily = tmp_path / "one.db", tmp_path / "daily.db"
    folder = tmp_path / "all"
    folder.mkdir()
    for p in sample_days:
        shutil.copy(p, folder / p.name)
    assert cli("ingest", folder, "--db", one, "--quiet").code == 0
    for p in sample_days:
        assert cli("ingest", p, "--db", daily, "--quiet").code == 0
    a, b = story_map(cli, one), story_map(cli, daily)
    assert a == b and len(set(a.values())) < len(a)


def test_cli_story_json_shape_and_detail(cli, sample_days: list[Path], tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    cli("ingest", *sample_days, "--db", db, "--quiet")
    stories = cli("stories", "--db", db, "--json", "--min-size", "2").json_lines()
    assert stories and STORY_KEYS <= stories[0].keys()
    assert {"id", "external_id", "why"} <= stories[0]["articles"][0].keys()
    [detail] = cli("story", stories[0]["id"], "--db", db, "--json").json_lines()
    assert detail["summary"] and {"quotes", "duplicates"} <= detail.keys()
    assert len(detail["summary_sources"]) == len(detail["summary"]) and all(detail["summary_sources"])
    assert cli("story", "S-none", "--db", db).code == 1


def test_cli_story_shows_why_each_article_joined(cli, sample_days: list[Path], tmp_path: Path) -> None:
    """The plain story view prints, under every article after the first, why it joined (similarity, names)."""
    db = tmp_path / "m.db"
    cli("ingest", *sample_days, "--db", db, "--quiet")
    story = cli("stories", "--db", db, "--json", "--min-size", "3").json_lines()[0]
    out = cli("story", story["id"], "--db", db).out
    assert out.count("joined: similarity") >= 1
    assert any(a["why"].get("shared_names") for a in story["articles"][1:])


def test_cli_stories_seed_articles_are_linked_chapters(cli, seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    cli("ingest", seeds_dir, "--db", db, "--quiet", "--published", "2019-04-25")
    stories = {s["id"]: s for s in cli("stories", "--db", db, "--json").json_lines()}
    assert len(stories) == 2
    later = next(s for s in stories.values() if s["earlier_chapter"])
    assert later["first_seen"].startswith("2019") and stories[later["earlier_chapter"]]["later_chapters"] == [later["id"]]


def test_cli_summarize_shape_and_length(cli, seeds_dir: Path) -> None:
    res = cli("summarize", seeds_dir, "--sentences", "2", "--json")
    rows = res.json_lines()
    assert res.code == 0 and [set(r) for r in rows] == [{"id", "summary"}] * 2
    assert all(len(r["summary"]) == 2 for r in rows)
    assert cli("summarize", seeds_dir, "--ratio", "3").code == 1


def test_cli_similarity_pairs(cli, tmp_path: Path) -> None:
    a = {"title": "\u0642\u0645\u0629 \u0628\u0648\u062a\u064a\u0646 \u0648\u0643\u064a\u0645", "text": "\u0627\u0644\u062a\u0642\u0649 \u0628\u0648\u062a\u064a\u0646 \u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646 \u0641\u064a \u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643"}
    b = {"title": "\u0623\u0633\u0639\u0627\u0631 \u0627\u0644\u0646\u0641\u0637", "text": "\u0627\u0631\u062a\u0641\u0639\u062a \u0623\u0633\u0639\u0627\u0631 \u0627\u0644\u0646\u0641\u0637 \u0641\u064a \u0627\u0644\u0623\u0633\u0648\u0627\u0642 \u0627\u0644\u0639\u0627\u0644\u0645\u064a\u0629"}
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (
        {"id": "same", "a": a, "b": a}, {"id": "diff", "a": a, "b": b})), "utf-8")
    res = cli("similarity", "--pairs", pairs)
    scores = {r["id"]: r["score"] for r in res.json_lines()}
    assert res.code == 0 and scores["same"] > 0.9 and scores["diff"] < 0.2
    pairs.write_text('{"id": "x"}\n', "utf-8")
    bad = cli("similarity", "--pairs", pairs)
    assert bad.code == 1 and "line 1" in bad.err
