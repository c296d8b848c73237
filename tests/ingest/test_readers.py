"""Readers: every input format yields RawDocuments with external ids; bad inputs yield named ReadErrors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.config import IngestSettings
from marsad.ingest.readers import ReadError, read_paths
from marsad.model import RawDocument

TITLE = "\u0628\u0648\u062a\u064a\u0646 \u064a\u0633\u062a\u0642\u0628\u0644 \u0643\u064a\u0645"  # Putin receives Kim
BODY = "\u0627\u0633\u062a\u0642\u0628\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a \u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646 \u0627\u0644\u0632\u0639\u064a\u0645 \u0643\u064a\u0645."
SETTINGS = IngestSettings()


def read(*paths: Path) -> list[RawDocument | ReadError]:
    """Read ``paths`` with default settings."""
    return list(read_paths(list(paths), SETTINGS))


def test_readers_plain_text_id_is_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "kim.txt").write_text(f"{TITLE}\n{BODY}", "utf-8")
    [doc] = read(tmp_path / "kim.txt")
    assert doc.external_id == "kim" and TITLE in doc.text and not doc.is_html


def test_readers_json_array_of_saudinewsnet_records(tmp_path: Path) -> None:
    recs = [{"source": "was", "url": f"http://x/{i}", "date_extracted": "2015-08-06 10:00:00", "title": TITLE,
             "author": "\u0648\u0627\u0633", "content": BODY} for i in range(2)]
    (tmp_path / "day.json").write_text(json.dumps(recs, ensure_ascii=False), "utf-8")
    docs = read(tmp_path / "day.json")
    assert [d.external_id for d in docs] == ["day#0", "day#1"]
    assert docs[0].source == "was" and docs[0].published == "2015-08-06 10:00:00" and docs[0].byline


@pytest.mark.parametrize(
    "record, field, value",
    [
        pytest.param({"id": "n-1", "text": BODY}, "external_id", "n-1", id="id-field"),
        pytest.param({"link": "http://a/b", "body": BODY}, "url", "http://a/b", id="link-body"),
        pytest.param({"headline": TITLE, "content": BODY}, "title", TITLE, id="headline"),
        pytest.param({"published": "2019-04-25", "article": BODY}, "published", "2019-04-25", id="published"),
        pytest.param({"html": f"<html><body><p>{BODY}</p></body></html>"}, "is_html", True, id="html-field"),
    ],
)
def test_readers_json_field_names_are_recognised(tmp_path: Path, record: dict, field: str, value: object) -> None:
    (tmp_path / "one.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    [doc] = read(tmp_path / "one.json")
    assert getattr(doc, field) == value


def test_readers_jsonl_bad_line_is_reported_and_rest_read(tmp_path: Path) -> None:
    lines = [json.dumps({"text": BODY}, ensure_ascii=False), "{not json", json.dumps({"text": BODY + "2"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), "utf-8")
    items = read(tmp_path / "feed.jsonl")
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadError", "RawDocument"]
    assert "feed.jsonl:2" in items[1].origin


@pytest.mark.parametrize("files", [pytest.param([], id="empty"), pytest.param(["a.pdf", "b.docx"], id="only-unread-kinds")])
def test_readers_folder_with_nothing_readable_is_named(tmp_path: Path, files: list[str]) -> None:
    """A folder holding no file Marsad reads is an error naming the folder and the kinds it reads, not silence."""
    for name in files:
        (tmp_path / name).write_bytes(b"x")
    [item] = read(tmp_path)
    assert isinstance(item, ReadError) and item.origin == str(tmp_path) and ".jsonl" in item.reason


def test_readers_zip_and_folder_recursive(tmp_path: Path) -> None:
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / "one.txt").write_text(f"{TITLE}\n{BODY}", "utf-8")
    with zipfile.ZipFile(tmp_path / "a" / "arch.zip", "w") as z:
        z.writestr("inner/two.txt", f"{TITLE}\n{BODY}")
        z.writestr("three.jsonl", json.dumps({"id": "z3", "text": BODY}))
    ids = sorted(d.external_id for d in read(tmp_path))
    assert ids == ["one", "two", "z3"]


RSS = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Sabq</title>
<item><title>{TITLE}</title><link>http://sabq/1</link><guid>g1</guid>
<pubDate>Thu, 25 Apr 2019 10:00:00 +0300</pubDate><description>{BODY}</description></item></channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Outlet</title>
<entry><title>{TITLE}</title><id>tag:1</id><link rel="alternate" href="http://o/1"/>
<published>2019-04-25T10:00:00Z</published><author><name>X</name></author><content>{BODY}</content></entry></feed>"""


@pytest.mark.parametrize(
    "name, text, ext_id",
    [pytest.param("feed.xml", RSS, "g1", id="rss"), pytest.param("feed.atom", ATOM, "tag:1", id="atom")],
)
def test_readers_feeds_yield_one_document_per_item(tmp_path: Path, name: str, text: str, ext_id: str) -> None:
    (tmp_path / name).write_text(text, "utf-8")
    [doc] = read(tmp_path / name)
    assert doc.external_id == ext_id and doc.title == TITLE and doc.published.startswith("2019-04-25")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        pytest.param("empty.txt", b"", "empty", id="empty"),
        pytest.param("bin.txt", bytes(range(256)) * 50, "binary", id="binary"),
        pytest.param("bad.json", b'{"text": "x",', "malformed JSON", id="malformed-json"),
        pytest.param("bad.zip", b"PK\x03\x04garbage", "zip", id="corrupt-zip"),
        pytest.param("bad.xml", b"<rss><channel><item>", "malformed XML", id="malformed-feed"),
        pytest.param("bom16.txt", b"\xff\xfe\xfd" * 3 + b"\x00\xd8" * 3, "decode", id="broken-utf16"),
        pytest.param("latin.txt", b"\xf4\xf9\xfb\xfc\xe0 " * 50, "decode", id="undecodable"),
    ],
)
def test_readers_bad_input_is_a_named_error(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(data)
    [item] = read(tmp_path / name)
    assert isinstance(item, ReadError) and name in item.origin and reason.lower() in item.reason.lower()


def test_readers_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.json"
    with big.open("wb") as f:  # a sparse 100 MB file: created instantly, never read
        f.truncate(100 * 2**20)
    [item] = read(big)
    assert isinstance(item, ReadError) and "100 MiB" in item.reason and "split" in item.reason


def test_readers_missing_path_is_reported(tmp_path: Path) -> None:
    [item] = read(tmp_path / "nope")
    assert isinstance(item, ReadError) and "no such file" in item.reason
