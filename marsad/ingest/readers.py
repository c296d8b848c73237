"""Read files, folders and archives into :class:`RawDocument` records, reporting each unreadable input by name.

Formats: ``.txt`` (one article), ``.html``/``.htm`` (one page), ``.json`` (object or array of objects),
``.jsonl``, ``.xml``/``.rss``/``.atom`` feeds, and ``.zip`` archives of any of these. JSON Lines and zip archives
are streamed; other files are read whole, up to a size limit (``IngestSettings``).
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from marsad.config import IngestSettings
from marsad.errors import IngestError
from marsad.ingest.decode import decode_bytes, decode_line, line_decoding
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


#: A UTF-16 surrogate code point: JSON may escape one ("\\udc00"), but no text encoding can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input (file or record) that could not be read, with the reason and fix."""

    origin: str
    reason: str


Item = RawDocument | ReadError


def iter_paths(paths: list[str | os.PathLike[str]]) -> Iterator[Path | ReadError]:
    """Yield supported files under ``paths`` (folders recursively, sorted), or a ReadError for a missing path or a
    folder holding no file Marsad reads."""
    for p in map(Path, paths):
        if p.is_dir():
            found = [f for f in sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith("."))
                     if f.suffix.lower() in SUPPORTED]
            if not found:
                kinds = ", ".join(sorted(SUPPORTED))
                yield ReadError(str(p), f"no file Marsad reads in this folder: give {kinds} files")
            yield from found
        elif p.is_file():
            yield p
        else:
            yield ReadError(str(p), "no such file or folder: check the path")


def read_paths(paths: list[str | os.PathLike[str]], settings: IngestSettings) -> Iterator[Item]:
    """Yield a RawDocument for every article in ``paths``, or a ReadError for each input that fails.

    JSON Lines files and zip archives are streamed (a line, a member at a time); other files are read whole,
    up to ``settings.max_file_bytes``.
    """
    for entry in iter_paths(paths):
        if isinstance(entry, ReadError):
            yield entry
            continue
        suffix = entry.suffix.lower()
        try:
            if suffix in ZIP_SUFFIXES:
                yield from _read_zip(entry, str(entry), settings, _Budget(settings.max_archive_bytes), 0)
                continue
            if suffix in JSONL_SUFFIXES:
                with entry.open("rb") as f:
                    yield from _read_jsonl(f, entry.stem, str(entry), settings)
                continue
            _check_size(entry.stat().st_size, str(entry), settings, "file")
            data = entry.read_bytes()
        except OSError as exc:
            yield ReadError(str(entry), f"cannot read: {exc.strerror or exc}")
            continue
        except IngestError as exc:
            yield ReadError(exc.origin, exc.reason)
            continue
        yield from read_bytes(data, entry.name, str(entry), settings)


def _check_size(size: int, origin: str, settings: IngestSettings, what: str) -> None:
    """Raise IngestError when ``size`` bytes are over the limit on what is read whole."""
    if size > settings.max_file_bytes:
        raise IngestError(
            origin,
            f"{what} is {size / 2**20:.0f} MiB, over the {settings.max_file_bytes / 2**20:.0f} MiB limit: "
            "split it (e.g. JSONL in chunks, which is streamed) or raise IngestSettings.max_file_bytes",
        )


def read_bytes(data: bytes, name: str, origin: str, settings: IngestSettings) -> Iterator[Item]:
    """Yield the articles in one file's bytes, dispatching on the suffix of ``name``."""
    suffix = PurePosixPath(name).suffix.lower()
    stem = PurePosixPath(name).stem
    try:
        if suffix in ZIP_SUFFIXES:
            yield from _read_zip(data, origin, settings, _Budget(settings.max_archive_bytes), 0)
            return
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(io.BytesIO(data), stem, origin, settings)
            return
        text = decode_bytes(data, origin)
        if suffix in JSON_SUFFIXES:
            yield from _read_json(text, stem, origin)
        elif suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and looks_like_feed(text)):
            yield from read_feed(text, stem, origin)
        elif suffix in HTML_SUFFIXES:
            yield RawDocument(external_id=stem, origin=origin, text=text, is_html=True)
        else:
            yield RawDocument(external_id=stem, origin=origin, text=text, is_html=_looks_like_html(text))
    except IngestError as exc:
        yield ReadError(exc.origin, exc.reason)


@dataclass
class _Budget:
    """Uncompressed bytes one archive (with the archives inside it) may still yield."""

    left: int


#: What reading a damaged, encrypted or exotic zip member raises (CRC, truncation, compression method).
_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError, OSError)


def _read_zip(
    source: Path | bytes, origin: str, settings: IngestSettings, budget: _Budget, depth: int
) -> Iterator[Item]:
    """Yield the articles of every supported member of a zip archive, in name order.

    Each member is bounded by ``max_file_bytes`` (its JSON Lines streamed), all of them together by
    ``max_archive_bytes`` and nesting by ``max_archive_depth``; a member that fails is reported, the rest read.
    """
    try:
        archive = zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise IngestError(origin, "not a valid zip archive (truncated or corrupt): re-download or re-create it") \
            from None
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            member = PurePosixPath(info.filename)
            suffix = member.suffix.lower()
            if info.is_dir() or member.name.startswith(".") or suffix not in SUPPORTED:
                continue
            where = f"{origin}!{info.filename}"
            try:
                _check_member(info, where, settings, budget, depth)
                if suffix in JSONL_SUFFIXES:
                    with archive.open(info) as f:
                        yield from _read_jsonl(f, member.stem, where, settings)
                elif suffix in ZIP_SUFFIXES:
                    yield from _read_zip(archive.read(info), where, settings, budget, depth + 1)
                else:
                    yield from read_bytes(archive.read(info), member.name, where, settings)
            except IngestError as exc:
                yield ReadError(exc.origin, exc.reason)
            except _MEMBER_ERRORS as exc:
                yield ReadError(where, f"damaged or unsupported zip member ({exc}): re-create the archive")


def _check_member(info: zipfile.ZipInfo, where: str, settings: IngestSettings, budget: _Budget, depth: int) -> None:
    """Raise IngestError for a member over a limit; charge its size to the archive's budget.

    ``file_size`` is the size the archive declares, and reading never yields more than it (zipfile stops there and
    fails the CRC), so a lying header cannot get past the limits.
    """
    _check_size(info.file_size, where, settings, "member")
    if info.file_size > budget.left:
        raise IngestError(
            where,
            f"archive expands to over {settings.max_archive_bytes / 2**20:.0f} MiB (a zip bomb?): extract it and "
            "ingest the files, or raise IngestSettings.max_archive_bytes",
        )
    if PurePosixPath(info.filename).suffix.lower() in ZIP_SUFFIXES and depth >= settings.max_archive_depth:
        raise IngestError(where, f"archive nested over {settings.max_archive_depth} deep: extract it first")
    budget.left -= info.file_size


def _read_json(text: str, stem: str, origin: str) -> Iterator[Item]:
    """Yield the articles of a JSON object or array."""
    value = _parse_json(text, origin, "malformed JSON")
    if isinstance(value, dict) and not _pick(value, "text") and not _pick(value, "html"):
        # a wrapper such as {"articles": [...]} or {"data": [...]}
        lists = [v for v in value.values() if isinstance(v, list)]
        if len(lists) == 1:
            value = lists[0]
    records = value if isinstance(value, list) else [value]
    multi = isinstance(value, list)
    for i, rec in enumerate(records):
        yield _record(rec, f"{stem}#{i}" if multi else stem, f"{origin}#{i}" if multi else origin)


def _parse_json(text: str, origin: str, what: str) -> object:
    """Parse JSON text; raise IngestError naming the place of the error (or the nesting that is too deep)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(origin, f"{what} at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise IngestError(origin, f"{what}: nested too deeply to be an article; check the file") from None


#: Bytes of a JSON Lines file's head that choose how it is decoded (byte-order mark, UTF-16, binary).
HEAD_BYTES = 65536


def _read_jsonl(f: IO[bytes], stem: str, origin: str, settings: IngestSettings) -> Iterator[Item]:
    """Yield the articles of a JSON Lines stream, one line in memory at a time; a bad line is reported and the
    rest still read. UTF-16 files (whose lines are not byte lines) are read whole, under ``max_file_bytes``."""
    head = f.read(HEAD_BYTES)
    if not line_decoding(head, origin):
        rest = f.read(settings.max_file_bytes + 1 - len(head))
        if len(head) + len(rest) > settings.max_file_bytes:
            raise IngestError(origin, f"UTF-16 JSON Lines over the {settings.max_file_bytes / 2**20:.0f} MiB limit "
                              "on files read whole: convert it to UTF-8 (then it is streamed)")
        lines = enumerate(decode_bytes(head + rest, origin).splitlines(), 1)
    else:
        lines = _byte_lines(io.BufferedReader(_Prepend(head, f)), origin, settings)
    index = 0
    for lineno, line in lines:
        where = f"{origin}:{lineno}"
        if isinstance(line, bytes):
            try:
                line = decode_line(line, where)
            except IngestError as exc:
                line = ReadError(where, exc.reason)
        if isinstance(line, ReadError):
            yield line
        elif not line.strip():
            continue
        else:
            try:
                yield _record(_parse_json(line, where, "malformed JSON line"), f"{stem}#{index}", where)
            except IngestError as exc:
                yield ReadError(where, exc.reason)
        index += 1


def _byte_lines(f: IO[bytes], origin: str, settings: IngestSettings) -> Iterator[tuple[int, bytes | ReadError]]:
    """Yield ``(line number, bytes)`` of the non-blank lines; a line over ``max_file_bytes`` is skipped unread
    and reported."""
    limit = settings.max_file_bytes
    for lineno in itertools.count(1):
        line = f.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (more := f.readline(2**20)) and not more.endswith(b"\n"):
                pass
            yield lineno, ReadError(f"{origin}:{lineno}", f"line is over the {limit / 2**20:.0f} MiB limit on "
                                    "one record: split the record or raise IngestSettings.max_file_bytes")
        elif line.strip():
            yield lineno, line


class _Prepend(io.RawIOBase):
    """A read-only byte stream: ``head`` (already read) and then the rest of ``f``."""

    def __init__(self, head: bytes, f: IO[bytes]) -> None:
        """Start with ``head``."""
        self._head, self._f = memoryview(head), f

    def readable(self) -> bool:
        """It is."""
        return True

    def readinto(self, buf: Any) -> int:
        """Fill ``buf`` from the head, then from the stream."""
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._f.read(len(buf))
        buf[: len(data)] = data
        return len(data)


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
            return _no_surrogates(str(v) if not isinstance(v, str) else v)
    return None


def _no_surrogates(text: str) -> str:
    """``text`` with JSON's escaped surrogate pairs joined and lone surrogates (not encodable) as U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document or fragment."""
    head = text.lstrip()[:300].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p "))
