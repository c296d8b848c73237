"""Read files, folders and archives into :class:`RawDocument` records, reporting each unreadable input by name.

Formats: ``.txt`` (one article), ``.html``/``.htm`` (one page), ``.json`` (object or array of objects),
``.jsonl``, ``.xml``/``.rss``/``.atom`` feeds, and ``.zip`` archives of any of these.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from marsad.config import IngestSettings
from marsad.errors import IngestError
from marsad.ingest.decode import decode_bytes
from marsad.ingest.feeds import looks_like_feed, read_feed
from marsad.model import RawDocument

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
ZIP_SUFFIXES = frozenset({".zip"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | ZIP_SUFFIXES

#: JSON field names of common corpora (SaudiNewsNet, ANT, news-please, trafilatura JSON, CommonCrawl dumps),
#: first match wins.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "article_id", "doc_id", "guid"),
    "url": ("url", "link", "source_url", "href"),
    "source": ("source", "source_name", "site", "sitename", "outlet", "publisher", "domain"),
    "title": ("title", "headline", "heading"),
    "byline": ("author", "byline", "authors", "writer"),
    "published": ("date", "published", "published_at", "date_publish", "pubdate", "datetime", "date_extracted",
                  "publish_date", "created_at", "time"),
    "text": ("text", "content", "body", "article", "maintext", "raw_text"),
    "html": ("html", "raw_html", "content_html"),
}


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input (file or record) that could not be read, with the reason and fix."""

    origin: str
    reason: str


Item = RawDocument | ReadError


def iter_paths(paths: list[str | os.PathLike[str]]) -> Iterator[Path | ReadError]:
    """Yield supported files under ``paths`` (folders recursively, sorted), or a ReadError for a missing path."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")):
                if f.suffix.lower() in SUPPORTED:
                    yield f
        elif p.is_file():
            yield p
        else:
            yield ReadError(str(p), "no such file or folder: check the path")


def read_paths(paths: list[str | os.PathLike[str]], settings: IngestSettings) -> Iterator[Item]:
    """Yield a RawDocument for every article in ``paths``, or a ReadError for each input that fails."""
    for entry in iter_paths(paths):
        if isinstance(entry, ReadError):
            yield entry
            continue
        try:
            size = entry.stat().st_size
            if size > settings.max_file_bytes:
                raise IngestError(
                    str(entry),
                    f"file is {size / 2**20:.0f} MiB, over the {settings.max_file_bytes / 2**20:.0f} MiB limit: "
                    "split it (e.g. JSONL in chunks) or raise IngestSettings.max_file_bytes",
                )
            data = entry.read_bytes()
        except OSError as exc:
            yield ReadError(str(entry), f"cannot read: {exc.strerror}")
            continue
        except IngestError as exc:
            yield ReadError(exc.origin, exc.reason)
            continue
        yield from read_bytes(data, entry.name, str(entry), settings)


def read_bytes(data: bytes, name: str, origin: str, settings: IngestSettings) -> Iterator[Item]:
    """Yield the articles in one file's bytes, dispatching on the suffix of ``name``."""
    suffix = PurePosixPath(name).suffix.lower()
    stem = PurePosixPath(name).stem
    try:
        if suffix in ZIP_SUFFIXES:
            yield from _read_zip(data, origin, settings)
            return
        text = decode_bytes(data, origin)
        if suffix in JSON_SUFFIXES:
            yield from _read_json(text, stem, origin)
        elif suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(text, stem, origin)
        elif suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and looks_like_feed(text)):
            yield from read_feed(text, stem, origin)
        elif suffix in HTML_SUFFIXES:
            yield RawDocument(external_id=stem, origin=origin, text=text, is_html=True)
        else:
            yield RawDocument(external_id=stem, origin=origin, text=text, is_html=_looks_like_html(text))
    except IngestError as exc:
        yield ReadError(exc.origin, exc.reason)


def _read_zip(data: bytes, origin: str, settings: IngestSettings) -> Iterator[Item]:
    """Yield the articles of every supported member of a zip archive, in name order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise IngestError(origin, "not a valid zip archive (truncated or corrupt): re-download or re-create it") from None
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            member = PurePosixPath(info.filename)
            if info.is_dir() or member.name.startswith(".") or member.suffix.lower() not in SUPPORTED:
                continue
            if info.file_size > settings.max_file_bytes:
                yield ReadError(f"{origin}!{info.filename}", "member over the size limit: extract and split it")
                continue
            yield from read_bytes(archive.read(info), member.name, f"{origin}!{info.filename}", settings)


def _read_json(text: str, stem: str, origin: str) -> Iterator[Item]:
    """Yield the articles of a JSON object or array."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(origin, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if isinstance(value, dict) and not _pick(value, "text") and not _pick(value, "html"):
        # a wrapper such as {"articles": [...]} or {"data": [...]}
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) == 1:
            value = lists[0]
    records = value if isinstance(value, list) else [value]
    multi = isinstance(value, list)
    for i, rec in enumerate(records):
        yield _record(rec, f"{stem}#{i}" if multi else stem, f"{origin}#{i}" if multi else origin)


def _read_jsonl(text: str, stem: str, origin: str) -> Iterator[Item]:
    """Yield the articles of a JSON Lines file; a bad line is reported and the rest still read."""
    index = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"malformed JSON line: {exc.msg} at column {exc.colno}")
            index += 1
            continue
        yield _record(rec, f"{stem}#{index}", where)
        index += 1


def _record(rec: object, default_id: str, origin: str) -> Item:
    """Map one JSON record to a RawDocument by the common field names."""
    if not isinstance(rec, dict):
        return ReadError(origin, f"expected a JSON object per article, got {type(rec).__name__}")
    text, html = _pick(rec, "text"), _pick(rec, "html")
    body = text or html
    if not body:
        return ReadError(origin, "record has no text: give one of the fields " + ", ".join(FIELD_NAMES["text"]))
    ext_id = _pick(rec, "id") or default_id
    return RawDocument(
        external_id=str(ext_id),
        origin=origin,
        text=body,
        is_html=bool(html and not text) or _looks_like_html(body),
        source=_pick(rec, "source"),
        url=_pick(rec, "url"),
        title=_pick(rec, "title"),
        byline=_pick(rec, "byline"),
        published=_pick(rec, "published"),
    )


def _pick(rec: dict, key: str) -> str | None:
    """Return the first non-empty value among the names of ``key``, as a string."""
    for name in FIELD_NAMES[key]:
        v = rec.get(name)
        if isinstance(v, list):
            v = ", ".join(str(x) for x in v if x)
        if v not in (None, ""):
            return str(v) if not isinstance(v, str) else v
    return None


def _looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document or fragment."""
    head = text.lstrip()[:300].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p "))
