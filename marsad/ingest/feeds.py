"""RSS 2.0 / RSS 1.0 / Atom feeds to RawDocuments (one per item, with its title, link, date and author)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from marsad.errors import IngestError
from marsad.model import RawDocument

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_RSS1_ITEM = "{http://purl.org/rss/1.0/}item"


def looks_like_feed(text: str) -> bool:
    """True when ``text`` opens like an RSS or Atom document."""
    head = text.lstrip()[:500].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(text: str, stem: str, origin: str) -> Iterator[RawDocument]:
    """Yield one RawDocument per feed item; raise IngestError naming the parse error."""
    try:
        root = ET.fromstring(text.lstrip().encode("utf-8"))
    except ET.ParseError as exc:
        raise IngestError(origin, f"malformed XML feed ({exc}): check it is a complete RSS or Atom file") from None
    feed_title = _text(root.find("channel/title")) or _text(root.find(f"{_ATOM}title"))
    items = root.findall(".//item") + root.findall(f".//{_RSS1_ITEM}")
    if items:
        for i, item in enumerate(items):
            yield _rss_item(item, i, stem, origin, feed_title)
        return
    entries = root.findall(f"{_ATOM}entry")
    if not entries:
        raise IngestError(origin, "feed has no <item> or <entry>: nothing to ingest")
    for i, entry in enumerate(entries):
        yield _atom_entry(entry, i, stem, origin, feed_title)


def _rss_item(item: ET.Element, i: int, stem: str, origin: str, feed_title: str | None) -> RawDocument:
    """Map an RSS <item> to a RawDocument."""
    body = _text(item.find(_CONTENT)) or _text(item.find("description")) or _text(
        item.find("{http://purl.org/rss/1.0/}description")
    )
    link = _text(item.find("link")) or _text(item.find("{http://purl.org/rss/1.0/}link"))
    guid = _text(item.find("guid"))
    return RawDocument(
        external_id=guid or link or f"{stem}#{i}",
        origin=f"{origin}#{i}",
        text=body or "",
        is_html="<" in (body or ""),
        source=feed_title,
        url=link,
        title=_text(item.find("title")) or _text(item.find("{http://purl.org/rss/1.0/}title")),
        byline=_text(item.find("author")) or _text(item.find(_DC_CREATOR)),
        published=_rfc822_to_iso(_text(item.find("pubDate"))) or _text(item.find(_DC_DATE)),
    )


def _atom_entry(entry: ET.Element, i: int, stem: str, origin: str, feed_title: str | None) -> RawDocument:
    """Map an Atom <entry> to a RawDocument."""
    link_el = entry.find(f"{_ATOM}link[@rel='alternate']")
    if link_el is None:
        link_el = entry.find(f"{_ATOM}link")
    link = link_el.get("href") if link_el is not None else None
    body = _text(entry.find(f"{_ATOM}content")) or _text(entry.find(f"{_ATOM}summary"))
    return RawDocument(
        external_id=_text(entry.find(f"{_ATOM}id")) or link or f"{stem}#{i}",
        origin=f"{origin}#{i}",
        text=body or "",
        is_html="<" in (body or ""),
        source=feed_title,
        url=link,
        title=_text(entry.find(f"{_ATOM}title")),
        byline=_text(entry.find(f"{_ATOM}author/{_ATOM}name")),
        published=_text(entry.find(f"{_ATOM}published")) or _text(entry.find(f"{_ATOM}updated")),
    )


def _text(el: ET.Element | None) -> str | None:
    """Return the stripped text of an element, or None."""
    if el is None or el.text is None:
        return None
    return el.text.strip() or None


def _rfc822_to_iso(value: str | None) -> str | None:
    """Convert an RSS pubDate (RFC 822) to ISO 8601, or None."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return None
