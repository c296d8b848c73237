"""End to end on small inputs: idempotent ingest, provenance of copies, bad inputs never harm the store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.pipeline import STAGES, Stage, check_stages, ingest

BODY = "\u0627\u0633\u062a\u0642\u0628\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a \u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646 \u0627\u0644\u0632\u0639\u064a\u0645 \u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646."

#: The seed articles' bodies (all but the title line): the 2019 report as wire copy, the 2018 piece as other text.
SEED_BODY = (Path(__file__).parent / "data/seeds/000_fc13acc477961b1c.txt").read_text("utf-8").split("\n", 1)[1]
SEED_2018_BODY = (Path(__file__).parent / "data/seeds/003_9e8d747f78e969ee.txt").read_text("utf-8").split("\n", 1)[1]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """Write records as JSON Lines."""
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def test_pipeline_ingest_twice_stores_once(memory_store, seeds_dir: Path, settings: Settings) -> None:
    first = ingest([str(seeds_dir)], memory_store, settings)
    second = ingest([str(seeds_dir)], memory_store, settings)
    assert (first.stored, second.stored, second.duplicates) == (2, 0, 2)
    assert memory_store.count_articles() == 2


def test_pipeline_same_text_from_another_outlet_is_stored(memory_store, tmp_path: Path, settings: Settings) -> None:
    recs = [{"source": "was", "url": "http://spa/1", "title": "t", "content": BODY},
            {"source": "okaz", "url": "http://okaz/9", "title": "t", "content": BODY},
            {"source": "was", "title": "t", "content": BODY}]  # same outlet, same text, no URL: a repeat
    report = ingest([str(write_jsonl(tmp_path / "wire.jsonl", recs))], memory_store, settings)
    assert (report.stored, report.duplicates) == (2, 1)


def test_pipeline_same_url_is_a_repeat_even_if_text_changed(memory_store, tmp_path: Path, settings: Settings) -> None:
    ingest([str(write_jsonl(tmp_path / "a.jsonl", [{"source": "s", "url": "http://s/1", "content": BODY}]))],
           memory_store, settings)
    report = ingest([str(write_jsonl(tmp_path / "b.jsonl", [{"source": "s", "url": "http://s/1", "content": BODY + "!"}]))],
                    memory_store, settings)
    assert (report.stored, report.duplicates) == (0, 1)


def test_pipeline_bad_inputs_are_reported_and_stored_articles_survive(
    memory_store, tmp_path: Path, seeds_dir: Path, settings: Settings
) -> None:
    ingest([str(seeds_dir)], memory_store, settings)
    before = [memory_store.get_article(r["id"]) for r in memory_store.list_articles()]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 30)
    (bad / "broken.json").write_text('[{"content": "x"', "utf-8")
    (bad / "broken.html").write_bytes(b"<html><body><div><p>\x00\x01</div>")
    with (bad / "huge.jsonl").open("wb") as f:
        f.truncate(100 * 2**20)
    shutil.copy(seeds_dir / "000_fc13acc477961b1c.txt", bad / "again.txt")
    report = ingest([str(bad)], memory_store, settings)
    rejected = {Path(o).name for o, _ in report.rejected}
    assert {"empty.txt", "binary.txt", "broken.json", "broken.html", "huge.jsonl"} <= rejected
    assert report.duplicates == 1 and report.stored == 0
    assert [memory_store.get_article(r["id"]) for r in memory_store.list_articles()] == before


def test_pipeline_published_default_applies_to_undated_inputs(memory_store, seeds_dir: Path) -> None:
    from marsad.config import IngestSettings

    ingest([str(seeds_dir)], memory_store, Settings(ingest=IngestSettings(default_published="2019-04-25")))
    dates = sorted(r["published_at"] for r in memory_store.list_articles())
    assert dates == ["2018-06-01T13:10", "2019-04-25"]


def test_pipeline_stage_order_is_checked() -> None:
    check_stages(STAGES)
    with pytest.raises(RuntimeError, match="needs"):
        check_stages((Stage("late", frozenset({"raw"}), frozenset()),))


def test_pipeline_edited_copy_from_another_outlet_is_marked_with_its_match(
    memory_store, tmp_path: Path, settings: Settings
) -> None:
    """An outlet's copy with its own opening paragraph points at the wire original, with the match stored."""
    wire = SEED_BODY
    own = " ".join(SEED_2018_BODY.split()[: len(wire.split()) // 3])
    recs = [{"source": "was", "url": "http://spa/1", "title": "t", "date": "2019-04-25", "content": wire},
            {"source": "okaz", "url": "http://okaz/2", "title": "u", "date": "2019-04-25", "content": f"{own}\n{wire}"}]
    report = ingest([str(write_jsonl(tmp_path / "wire.jsonl", recs))], memory_store, settings)
    assert (report.stored, report.near_duplicates) == (2, 1)
    row = memory_store.db.execute("SELECT duplicate_of, match FROM duplicates").fetchone()
    assert json.loads(row["match"])["part"] == "ending"


def test_pipeline_copies_stored_before_their_original_are_re_pointed(
    memory_store, tmp_path: Path, settings: Settings
) -> None:
    """A day's file sorted by outlet stores the reprints first: once the earlier wire text arrives, every copy row
    points at it and names its source, and the wire text itself is no copy (issue #13: the earliest copy)."""
    recs = [{"source": "okaz", "url": "http://okaz/2", "title": "u", "date": "2019-04-25T12:00", "content": SEED_BODY},
            {"source": "riyadh", "url": "http://riyadh/3", "title": "v", "date": "2019-04-25T10:00",
             "content": SEED_BODY},
            {"source": "was", "url": "http://spa/1", "title": "t", "date": "2019-04-25T08:00", "content": SEED_BODY}]
    report = ingest([str(write_jsonl(tmp_path / "day.jsonl", recs))], memory_store, settings)
    rows = memory_store.db.execute(
        "SELECT a.source AS copy, o.source AS original, d.first_source FROM duplicates d"
        " JOIN articles a ON a.id = d.article_id JOIN articles o ON o.id = d.duplicate_of").fetchall()
    assert sorted(tuple(r) for r in rows) == [("okaz", "was", "was"), ("riyadh", "was", "was")]
    assert report.near_duplicates == 2


def test_pipeline_page_downloaded_again_with_new_menus_is_a_repeat(memory_store, tmp_path: Path, settings: Settings) -> None:
    """A page saved again after its site changed a menu is the same article: its canonical address says so."""
    paras = "".join(f"<p>{line}</p>" for line in SEED_BODY.split("\n") if line.strip())
    page = ('<html><head><title>t</title><link rel="canonical" href="https://portal.example.com/news/123"></head>'
            f"<body><nav>{{nav}}</nav><article>{paras}</article></body></html>")
    (tmp_path / "a.html").write_text(page.format(nav="\u0627\u0642\u062a\u0635\u0627\u062f"), "utf-8")
    (tmp_path / "b.html").write_text(page.format(nav="\u0627\u0642\u062a\u0635\u0627\u062f | \u062a\u0642\u0646\u064a\u0629"), "utf-8")
    first = ingest([str(tmp_path / "a.html")], memory_store, settings)
    again = ingest([str(tmp_path / "b.html")], memory_store, settings)
    assert (first.stored, again.stored, again.duplicates) == (1, 0, 1), (first.rejected, again.rejected)


def test_pipeline_story_of_a_caption_has_a_summary(memory_store, tmp_path: Path, settings: Settings) -> None:
    """A story whose articles hold no summary sentence (a cartoon: a title and a two-word caption) still shows one."""
    from marsad import retrieval

    rec = {"source": "alyaum", "url": "http://alyaum/1", "title": "\u0643\u0627\u0631\u064a\u0643\u0627\u062a\u064a\u0631",
           "date": "2015-08-04", "content": "\u062e\u0627\u062f\u0645 \u0627\u0644\u062d\u0631\u0645\u064a\u0646"}
    ingest([str(write_jsonl(tmp_path / "c.jsonl", [rec]))], memory_store, settings)
    [story] = memory_store.list_stories(None, 5, 1)
    view = retrieval.story_view(memory_store, story["id"], detail=True)
    assert view["summary"] == ["\u062e\u0627\u062f\u0645 \u0627\u0644\u062d\u0631\u0645\u064a\u0646"] and view["summary_sources"] == [["alyaum"]]


def test_pipeline_old_dedup_rows_are_rebuilt_on_the_next_ingest(memory_store, tmp_path: Path, settings: Settings) -> None:
    """Index rows written under an older layout are re-hashed from the stored text: copies are still found."""
    recs = [{"source": "was", "url": "http://spa/1", "title": "t", "date": "2019-04-25", "content": SEED_BODY}]
    ingest([str(write_jsonl(tmp_path / "a.jsonl", recs))], memory_store, settings)
    memory_store.db.execute("UPDATE dedup_index SET version = 'minhash-128-word5.v1', anchors = NULL")
    again = [{"source": "okaz", "url": "http://okaz/2", "title": "u", "date": "2019-04-25", "content": SEED_BODY}]
    report = ingest([str(write_jsonl(tmp_path / "b.jsonl", again))], memory_store, settings)
    assert (report.stored, report.near_duplicates) == (1, 1)


def test_pipeline_ingest_leaves_the_collector_as_it_found_it(memory_store, seeds_dir: Path, settings: Settings) -> None:
    """An ingest tunes the cyclic collector for its run and restores thresholds and state after, even on error."""
    import gc

    before = gc.get_threshold()
    ingest([str(seeds_dir)], memory_store, settings)
    assert gc.get_threshold() == before and gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        ingest_items_failing(memory_store, settings)
    assert gc.get_threshold() == before and gc.isenabled()


def ingest_items_failing(store, settings: Settings) -> None:
    """Ingest a stream that fails while the ingest runs."""
    from marsad.pipeline import ingest_items

    def items():
        """Yield nothing, then fail."""
        yield from ()
        raise ZeroDivisionError

    ingest_items(items(), store, settings)
