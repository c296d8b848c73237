"""RawDocument to Article: title, byline, publication date, dateline and a clean body, without site boilerplate.

Plain text is parsed line by line:
 1. boilerplate lines dropped (phrase list in ``data/boilerplate.tsv``; per-source repeated lines);
 2. title = metadata title, else the first line when it reads as a headline (else a title derived from the
    first sentence, the whole text staying in the body); hard-wrapped text is joined back into paragraphs
    (:mod:`marsad.ingest.layout`);
 3. byline lines ("\u0643\u062a\u0628 :", "\u0628\u0642\u0644\u0645", ...) and in-text date lines lifted out of the body;
 4. a dateline ("\u0627\u0644\u0631\u064a\u0627\u0636 - \u0648\u0627\u0633") taken from the start of the body.
HTML goes through trafilatura first, then the same steps on its text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from functools import cache
from importlib import resources

from marsad.config import IngestSettings
from marsad.errors import IngestError
from marsad.ingest.bylines import clean_author
from marsad.ingest.dates import parse_date_line, parse_date_string
from marsad.ingest.pagemeta import PageMeta, page_metadata
from marsad.model import Article, RawDocument
from marsad.text.normalize import normalize
from marsad.ingest.layout import (
    derive_title,
    ends_sentence,
    first_line_stands_alone,
    is_hard_wrapped,
    is_title_line,
    unwrap,
)

#: Bylines: "kataba :", "katabat", "biqalam", "i'dad", "bi-wasitat", "taqrir", "kataba wa-hawwar" openers.
_BYLINE_RE = re.compile(
    r"^\s*(?:\u0643\u062a\u0628(?:\u062a)?|\u0628\u0642\u0644\u0645|\u0625\u0639\u062f\u0627\u062f|"
    r"\u0628\u0648\u0627\u0633\u0637\u0629|\u062a\u0642\u0631\u064a\u0631|\u062d\u0648\u0627\u0631)\s*[:\uff1a\-\u2013]?\s*(?P<name>.{2,60}?)\s*$"
)
#: Known agencies and outlets named in datelines ("\u0648\u0627\u0633" SPA, Reuters, AFP, dpa, AP, KUNA, MENA, QNA ...).
_AGENCIES = (
    "\u0648\u0627\u0633", "\u0631\u0648\u064a\u062a\u0631\u0632", "\u0623 \u0641 \u0628", "\u0627 \u0641 \u0628",
    "\u0623\u0641 \u0628", "\u062f \u0628 \u0623", "\u062f\u0628 \u0623", "\u0623 \u0628", "\u064a\u0648\u0646\u0627",
    "\u0643\u0648\u0646\u0627", "\u0642\u0646\u0627", "\u0633\u0628\u0642", "\u0648\u0627\u0645",
    "\u0628\u0646\u0627", "\u0633\u0627\u0646\u0627", "\u0645\u062d\u0631\u0631 \u0627\u0644\u0634\u0624\u0648\u0646",
    "\u0633\u0628\u0648\u062a\u0646\u064a\u0643", "\u0627\u0644\u0623\u0646\u0627\u0636\u0648\u0644",
)
_AGENCY_ALT = "|".join(re.escape(a) for a in sorted(_AGENCIES, key=len, reverse=True))
_PLACE = r"[\u0621-\u064a][\u0621-\u064a\u064b-\u0652]+(?:\s[\u0621-\u064a][\u0621-\u064a\u064b-\u0652]+){0,2}"
#: A dateline's dash: hyphen, en and em dashes, or a tatweel standing for one ("موسكو ـ").
_DASH = "[-\u2013\u2014\u0640]"
#: "PLACE - AGENCY", "PLACE - (AGENCY)", "PLACE (AGENCY)", "PLACE - «OUTLET»:", "PLACE - REPORTER NAME:" at the very
#: start of the body.
_DATELINE_RE = re.compile(
    rf"^(?P<dl>{_PLACE}\s*(?:{_DASH}\s*(?:\(\s*)?(?:{_AGENCY_ALT})(?:\s*\))?|\((?:{_AGENCY_ALT})\))"
    rf"|{_PLACE}\s*{_DASH}\s*[\u00ab\u201c\"][^\u00bb\u201d\"\n]{{2,40}}[\u00bb\u201d\"]\s*:"
    rf"|{_PLACE}\s*{_DASH}\s*[\u0621-\u064a]+(?:\s[\u0621-\u064a]+){{0,3}}\s*:)"
    r"\s*[:\-\u2013\u2014]?\s*"
)


@cache
def boilerplate_table() -> dict[str, tuple[str, ...]]:
    """Return the boilerplate phrases by kind (stop, drop, lead), normalized (``data/boilerplate.tsv``)."""
    table: dict[str, list[str]] = {"stop": [], "drop": [], "lead": []}
    text = resources.files("marsad.ingest").joinpath("data/boilerplate.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, phrase = line.split("\t", 1)
        table[kind].append(normalize(phrase).strip())
    return {kind: tuple(phrases) for kind, phrases in table.items()}


def boilerplate_phrases() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the (stop, drop) boilerplate phrases, normalized."""
    table = boilerplate_table()
    return table["stop"], table["drop"]


#: Letters a normalized phrase stands for in display text (``match.v1`` folds them): heh, alef, yeh.
_LOOSE = {"\u0647": "[\u0647\u0629]", "\u0627": "[\u0627\u0623\u0625\u0622]", "\u064a": "[\u064a\u0649]"}
#: What ends the sentence before a trailing footer (full stop, question and exclamation marks, closing quotes).
_SENTENCE_END = "(?<=[.!?\u061f\u00bb\"\u201d])"


def _loose(phrase: str) -> str:
    """A pattern of a normalized phrase that matches its display spellings (any space run between words)."""
    return r"\s+".join("".join(_LOOSE.get(ch, re.escape(ch)) for ch in word) for word in phrase.split())


def strip_footer(line: str) -> str:
    """Drop a footer glued to the last line of a body after its last sentence: a ``lead`` phrase and whatever
    follows it ("... بالموقع.   رابط الخبر بصحيفة الوئام: <title>")."""
    for phrase in boilerplate_table()["lead"]:
        m = re.search(rf"{_SENTENCE_END}\s+{_loose(phrase)}", line)
        if m:
            return line[: m.start()]
    return line


def line_key(line: str) -> str:
    """The key a line is counted under when finding lines repeated across a source's articles (space-folded)."""
    return hashlib.blake2b(" ".join(line.split()).encode("utf-8"), digest_size=8).hexdigest()


def is_boilerplate(norm_line: str) -> str | None:
    """Return "stop" or "drop" when a ``match.v1``-normalized line is site boilerplate, else None."""
    norm = norm_line.strip(" .:\u060c-|")
    if not norm:
        return None
    if any(norm.startswith(phrase) for phrase in boilerplate_table()["lead"]):
        return "drop"
    stop, drop = boilerplate_phrases()
    for phrase in stop:
        if norm.startswith(phrase) and len(norm) <= len(phrase) + 3:
            return "stop"
    words = len(norm.split())
    for phrase in drop:
        if norm == phrase or (norm.startswith(phrase) and words <= len(phrase.split()) + 3):
            return "drop"
    return None


def extract(raw: RawDocument, settings: IngestSettings, repeated: Collection[str] = frozenset()) -> Article:
    """Extract an Article from ``raw``; ``repeated`` holds line keys that recur across this source's articles."""
    title, byline, published, text = raw.title, raw.byline, parse_date_string(raw.published), raw.text
    url, source = raw.url, raw.source
    if raw.is_html:
        meta = _extract_html(raw)
        title = title or meta.get("title")
        byline = byline or meta.get("author")
        published = published or meta.get("date")
        text = meta.get("text") or ""
        url, source = url or meta.get("url"), source or meta.get("site")  # a re-download is then known by its URL
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")  # NUL: never text, and no server stores it
    title = title.replace("\x00", "") if title else title
    text_norm = normalize(text)
    lines = _clean_lines(text, text_norm, repeated)
    wrapped = is_hard_wrapped(text)
    raw_title_norm = normalize(raw.title or "")
    if not title and lines:
        if is_title_line(lines[0]) and (first_line_stands_alone(text) or not (wrapped or ends_sentence(lines[0]))):
            title = lines.pop(0)
        else:
            lines = unwrap(lines) if wrapped else lines
            title = derive_title(lines[0])
    elif title and lines and normalize(lines[0]).strip() == normalize(title).strip():
        lines.pop(0)
    if wrapped:
        lines = unwrap(lines)
    body_lines: list[str] = []
    for i, line in enumerate(lines):
        head = i < 4  # bylines and date lines sit right under the title
        m = _BYLINE_RE.match(line) if head and len(line) < 80 else None
        if m and not byline:
            byline = m.group("name").strip()
            continue
        if head and (date := parse_date_line(line)):
            published = published or date
            continue
        body_lines.append(line)
    body, dateline = _split_dateline("\n".join(body_lines))
    title = (title or "").strip()
    if not body and not title:
        raise IngestError(raw.origin, "no article text left after removing boilerplate: check the input is an article")
    published = published or settings.default_published
    title_norm = raw_title_norm.strip() if title == (raw.title or "").strip() else normalize(title)
    body_norm = normalize(body)
    return Article(
        external_id=raw.external_id,
        source=source or settings.default_source,
        url=url,
        title=title,
        byline=byline,
        published_at=published,
        dateline=dateline,
        body=body,
        title_norm=title_norm,
        body_norm=body_norm,
        norm_profile="match.v1",
        origin=raw.origin,
        content_hash=content_hash(raw) if raw.is_html else _hash_norm(raw_title_norm, text_norm),
    )


def content_hash(raw: RawDocument) -> str:
    """The idempotency key of an input: sha1 of its normalized, space-collapsed title and text.

    Taken before extraction, so it does not depend on which other articles were in the batch.
    """
    return _hash_norm(normalize(raw.title or ""), normalize(raw.text.replace("\r\n", "\n").replace("\r", "\n")))


def _hash_norm(title_norm: str, text_norm: str) -> str:
    """sha1 of normalized title and text with all white space folded."""
    return hashlib.sha1(" ".join(f"{title_norm}\n{text_norm}".split()).encode("utf-8")).hexdigest()


def _clean_lines(text: str, text_norm: str, repeated: Collection[str]) -> list[str]:
    """Split into stripped non-empty lines, dropping boilerplate and stopping at a related-links block."""
    out: list[str] = []
    raw_lines, norm_lines = text.split("\n"), text_norm.split("\n")
    if len(raw_lines) != len(norm_lines):  # normalization keeps newlines; guard anyway
        norm_lines = [normalize(x) for x in raw_lines]
    for raw_line, norm_line in zip(raw_lines, norm_lines):
        line = " ".join(raw_line.split())
        if not line:
            continue
        kind = is_boilerplate(norm_line)
        if kind == "stop":
            break
        if kind == "drop" or (repeated and line_key(line) in repeated):
            continue
        out.append(line)
    if out:
        out[-1] = strip_footer(out[-1])
    return [line for line in out if line]


def _split_dateline(body: str) -> tuple[str, str | None]:
    """Split a leading dateline ("PLACE - AGENCY") off the body."""
    m = _DATELINE_RE.match(body)
    if not m or m.end() >= len(body):
        return body, None
    dateline = m.group("dl").strip().rstrip(":").strip()
    return body[m.end():].lstrip(), dateline


def _extract_html(raw: RawDocument) -> dict[str, str | None]:
    """Main text and metadata of an HTML page through trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            raw.text, url=raw.url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise IngestError(raw.origin, f"HTML could not be parsed ({type(exc).__name__}): check the file is a page") from None
    if doc is None:
        raise IngestError(raw.origin, "no main text found in the HTML page: is it an article page?")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    page = _page_meta(raw)  # the page's own markup first; trafilatura's date may be a guess (a bare year: Jan 1)
    return {"title": get("title"), "text": get("text"),
            "author": page.author or (None if page.credited else clean_author(get("author"), page.outlets)),
            "date": page.date or parse_date_string(get("date")), "url": page.url, "site": page.site}


def _page_meta(raw: RawDocument) -> PageMeta:
    """The publication date and author the page's markup states (nothing when it does not parse)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(raw.text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.LxmlError):  # empty or undecodable markup
        return PageMeta()
    return page_metadata(tree)
