"""Bad input: the readers, extraction and analysis never raise or hang on any bytes (hypothesis), and a batch that
mixes bad inputs with good articles stores the good ones and reports each bad one with its reason."""

from __future__ import annotations

import io
import json
import struct
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.config import ANALYSIS_STAGES, AnalysisSettings, IngestSettings, Settings
from marsad.ingest.readers import ReadError, read_bytes
from marsad.model import RawDocument
from marsad.pipeline import annotate, extract_batch, ingest, make_annotator
from marsad.store import open_store
from tests.corpus import saudi_like_articles

SUFFIXES = (".txt", ".html", ".json", ".jsonl", ".xml", ".zip")
SMALL = IngestSettings(max_file_bytes=2**20, max_article_chars=200_000, max_archive_bytes=4 * 2**20)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- strategies ------------------------------------------------------------------------------------------------
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MARKS = st.sampled_from(list("\u200e\u200f\u202b\u202e\u0640\ufeff\u064b\u0651\n\r\t <>&\"'{}[]:,.\u061f\u00a0"))
#: Arabic, any other script (CJK, emoji, surrogate-free Unicode), direction marks, markup and JSON punctuation.
MIXED = st.text(st.one_of(ARABIC, st.characters(codec="utf-8"), MARKS), max_size=300)


@st.composite
def nasty_text(draw: st.DrawFn) -> str:
    """Random mixed-script text, a huge line, deeply nested HTML or nested JSON brackets."""
    kind = draw(st.sampled_from(["mixed", "huge-line", "nested-html", "nested-json"]))
    text = draw(MIXED)
    if kind == "huge-line":
        return (text.replace("\n", " ") or "\u0628") * (50_000 // max(1, len(text)) + 1)
    depth = draw(st.integers(100, 5000))
    if kind == "nested-html":
        tag = draw(st.sampled_from(["div", "p", "span", "table", "b"]))
        return f"<html><body>{f'<{tag}>' * depth}{text}{f'</{tag}>' * draw(st.integers(0, depth))}</body></html>"
    if kind == "nested-json":
        return "[" * depth + json.dumps(text) + "]" * draw(st.integers(0, depth))
    return text


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """A file's bytes: nasty text in some encoding, possibly with invalid bytes spliced in, or raw binary."""
    if draw(st.booleans()) and draw(st.booleans()):
        return draw(st.binary(max_size=3000))
    text = draw(nasty_text())
    if draw(st.booleans()):  # wrapped as a JSON record, the commonest input
        text = json.dumps({"title": draw(MIXED), "text": text}, ensure_ascii=draw(st.booleans()))
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1256", "iso-8859-6"])), "ignore")
    junk = draw(st.binary(max_size=8))
    at = draw(st.integers(0, len(data)))
    return data[:at] + junk + data[at:]


def check_items(items: list) -> list[RawDocument]:
    """Assert every item is an article or an error with its reason; return the articles."""
    for item in items:
        assert isinstance(item, RawDocument | ReadError)
        if isinstance(item, ReadError):
            assert item.origin and item.reason
    return [i for i in items if isinstance(i, RawDocument)]


# -- readers, extraction, analysis: never an exception ---------------------------------------------------------
@FUZZ
@given(data=file_bytes(), suffix=st.sampled_from(SUFFIXES))
def test_readers_any_bytes_give_articles_or_named_errors(data: bytes, suffix: str) -> None:
    check_items(list(read_bytes(data, f"fuzz{suffix}", f"fuzz{suffix}", SMALL)))


@FUZZ
@given(members=st.lists(st.tuples(st.sampled_from(SUFFIXES), file_bytes()), max_size=4))
def test_readers_any_zip_members_give_articles_or_named_errors(members: list[tuple[str, bytes]]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (suffix, data) in enumerate(members):
            z.writestr(f"m{i}{suffix}", data)
    check_items(list(read_bytes(buf.getvalue(), "fuzz.zip", "fuzz.zip", SMALL)))


@pytest.fixture(scope="module")
def annotator():
    """One every-stage annotator for the module (loading the NER models costs ~1 s)."""
    return make_annotator(Settings())


@FUZZ
@given(data=file_bytes(), suffix=st.sampled_from(SUFFIXES))
def test_pipeline_extraction_and_analysis_of_any_input_never_raise(annotator, data: bytes, suffix: str) -> None:
    batch = list(read_bytes(data, f"fuzz{suffix}", f"fuzz{suffix}", SMALL))
    fast = Settings(ingest=IngestSettings(article_seconds=5.0))
    for item in extract_batch(batch, fast):
        if not isinstance(item, ReadError):
            found = annotate(item, annotator, fast)
            assert not isinstance(found, ReadError) or "failed" not in found.reason, found.reason


# -- limits: zip bombs, big articles, time -------------------------------------------------------------------
def zip_of(members: dict[str, bytes]) -> bytes:
    """A deflated zip archive of ``members``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def lying_zip() -> bytes:
    """A zip whose directory declares a 2 MiB member 100 bytes long (a bomb dodging the size check)."""
    data = bytearray(zip_of({"a.txt": b"\xd8\xa8" * 2**20}))
    at = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, 100)  # uncompressed size in the central directory
    return bytes(data)


#: "The minister said the meeting succeeded."
ARTICLE = ("\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 "
           "\u0627\u0644\u0627\u062c\u062a\u0645\u0627\u0639 \u0646\u062c\u062d.\n")


@pytest.mark.parametrize(
    "archive, reason",
    [
        pytest.param(zip_of({"bomb.txt": b"\x00" * (2 * 2**20)}), "over the 1 MiB limit", id="member-over-limit"),
        pytest.param(zip_of({f"m{i}.txt": ARTICLE.encode() * 15_000 for i in range(8)}), "zip bomb",
                     id="members-over-archive-budget"),
        pytest.param(lying_zip(), "damaged", id="size-header-lies"),
        pytest.param(zip_of({"a.zip": zip_of({"b.zip": zip_of({"c.zip": zip_of({"d.txt": ARTICLE.encode()})})})}),
                     "nested", id="nested-archives"),
    ],
)
def test_readers_zip_bomb_is_refused_within_the_limits(archive: bytes, reason: str) -> None:
    started = time.perf_counter()
    items = list(read_bytes(archive, "bomb.zip", "bomb.zip", SMALL))
    check_items(items)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert any(reason in e.reason for e in errors), errors
    assert time.perf_counter() - started < 5


def mixed_folder(folder: Path) -> dict[str, str]:
    """Write good articles beside one bad input of each kind; return {bad file name: expected reason}."""
    good = list(saudi_like_articles(12, seed=3))
    (folder / "good.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in good), "utf-8")
    huge = {"id": "huge", "title": "\u0639\u0646\u0648\u0627\u0646", "text": ARTICLE * 100_000}  # ~5 MB
    bad = {
        "binary.txt": (bytes(range(256)) * 40, "binary"),
        "broken.json": (b'{"text": "\xd8\xa8', "malformed JSON"),
        "bomb.zip": (zip_of({"bomb.txt": b"\x00" * (80 * 2**20)}), "over the"),
        "five-mb.jsonl": (json.dumps(huge, ensure_ascii=False).encode(), "over the 2,000,000 limit"),
        "deep.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        "cp1252.txt": (b"\xf4\xf9\xfb\xfc\xe0 " * 50, "decode"),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    return {name: reason for name, (_, reason) in bad.items()}


def test_pipeline_bad_inputs_are_reported_and_the_rest_of_the_batch_stored(tmp_path: Path) -> None:
    expected = mixed_folder(tmp_path)
    store = open_store(":memory:")
    quick = Settings(analysis=AnalysisSettings(**{s: False for s in ANALYSIS_STAGES}))
    report = ingest([str(tmp_path)], store, quick)
    assert report.stored == store.count_articles() == 12
    for name, reason in expected.items():
        got = [r for origin, r in report.rejected if name in origin]
        assert got and any(reason in r for r in got), (name, report.rejected)


def test_pipeline_article_over_its_time_limit_is_rejected_and_leaves_no_rows(tmp_path: Path) -> None:
    good = list(saudi_like_articles(3, seed=4))
    slow = {"id": "slow", "title": "\u0639\u0646\u0648\u0627\u0646", "text": "\n".join(r["content"] for r in
                                                                                   saudi_like_articles(150, seed=5))}
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [good[0], slow, *good[1:]]), "utf-8")
    store = open_store(":memory:")
    report = ingest([str(path)], store, Settings(ingest=IngestSettings(article_seconds=3.0)))
    assert report.stored == 3 and [o.split(":")[-1] for o, _ in report.rejected] == ["2"]
    assert "took over 3 s" in report.rejected[0][1]
    assert store.get_article("slow") is None and store.count_articles() == 3
