"""Publication date and author of a news page, read from its markup before its visible text.

Sources, most trusted first (how news sites publish them; trafilatura's guess comes after all of these):

* JSON-LD ``NewsArticle`` (and ``Article``, ``ReportageNewsArticle``, ``BlogPosting``..., also inside ``@graph``):
  ``datePublished`` / ``dateCreated`` and ``author`` (people only, ``@id`` references followed; organisations
  and the publisher are not authors);
* meta tags: OpenGraph ``article:published_time``, ``itemprop=datePublished``, Dublin Core, sailthru, parse.ly and
  ``pubdate`` dates; ``author``, ``article:author``, ``sailthru.author``, ``parsely-author`` names (not URLs);
* ``<time datetime>`` (``itemprop=datePublished`` first);
* visible page chrome: elements whose class or id names a date (``date``, ``time``, ``publish``...) read with
  Arabic, Levantine and transliterated month names (a double Hijri / Gregorian line gives its Gregorian date), and
  elements that name an author (``author``, ``byline``, ``writer``, ``rel=author``...), their Arabic byline
  openers and datelines taken off (:mod:`marsad.ingest.bylines`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from marsad.ingest.bylines import clean_author
from marsad.ingest.dates import parse_date_string

#: JSON-LD types that describe the article itself.
ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                           "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "WebPage", "Report"})
#: JSON-LD types that are not a person (an author of these types is the outlet, not a writer).
NON_PERSON_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "WebSite", "Brand"})
#: Meta tags (property, name or itemprop; lower case) holding the publication date, most specific first.
DATE_META = ("article:published_time", "og:published_time", "datepublished", "publishdate", "publish-date",
             "publish_date", "pubdate", "article.published", "original-publish-date", "parsely-pub-date",
             "sailthru.date", "mediator_published_time", "dc.date.issued", "dcterms.issued", "dcterms.created",
             "dc.date", "date")
#: Meta tags holding the author's name.
AUTHOR_META = ("author", "article:author", "sailthru.author", "parsely-author", "byl", "dc.creator", "twitter:creator")
#: Class or id words of elements that show the date in the page chrome (matched case-insensitively).
_DATE_CLASS = re.compile(r"date|time|publish|posted|timestamp|stamp", re.I)
#: Class or id words of elements that show the author.
_AUTHOR_CLASS = re.compile(r"author|byline|writer|writeby|kateb|journalist|reporter", re.I)
#: Year.month.day with dots ("2023.03.16"), used by some sites' chrome.
_YMD_DOTS = re.compile(r"\b(\d{4})\.(\d{1,2})\.(\d{1,2})\b")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the markup says about an article: publication date (ISO 8601), author, its own address and outlet."""

    date: str | None = None
    author: str | None = None
    credited: bool = False  # the page has a byline, even if it names only an agency or the outlet
    outlets: tuple[str, ...] = ()  # the names the page gives its own outlet
    url: str | None = None  # <link rel="canonical">, else og:url (absolute http(s) only)
    site: str | None = None  # og:site_name (or application-name): the outlet, when the input names none


def page_metadata(tree: object) -> PageMeta:
    """Read the publication date and author of a parsed page (an ``lxml.html`` element tree)."""
    ld = list(_json_ld(tree))
    outlets = tuple(_outlet_names(tree, ld))
    date = next((d for d in _dates(tree, ld) if d), None)
    credits = [c for c in _author_candidates(tree, ld) if c and c.strip()]
    author = next((a for a in (clean_author(c, outlets) for c in credits) if a), None)
    urls = [*tree.xpath('//link[@rel="canonical"]/@href'), *_meta(tree, ("og:url",))]
    url = next((u.strip() for u in urls if u.strip().lower().startswith(("http://", "https://"))), None)
    site = next((n for n in _meta(tree, ("og:site_name", "application-name")) if n), None)
    return PageMeta(date=date, author=author, credited=bool(credits), outlets=outlets, url=url, site=site)


def _json_ld(tree: object) -> Iterator[dict]:
    """Every JSON-LD object of the page (``@graph`` members and list items flattened); broken blocks skipped."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(reversed(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]]))
                yield item


def _types(obj: dict) -> set[str]:
    """The ``@type`` of a JSON-LD object as a set."""
    t = obj.get("@type")
    return set(t) if isinstance(t, list) else {t} if isinstance(t, str) else set()


def _articles(ld: list[dict]) -> list[dict]:
    """The JSON-LD objects that describe the article (news types first)."""
    found = [o for o in ld if _types(o) & ARTICLE_TYPES]
    return sorted(found, key=lambda o: "WebPage" in _types(o))


def _meta(tree: object, names: tuple[str, ...]) -> Iterator[str]:
    """Contents of the meta tags named ``names`` (property, name or itemprop), in the order of ``names``."""
    found: dict[str, list[str]] = {}
    for el in tree.xpath("//meta[@content]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in names:
            found.setdefault(key, []).append(el.get("content").strip())
    for name in names:
        yield from found.get(name, [])


def _dates(tree: object, ld: list[dict]) -> Iterator[str | None]:
    """Candidate publication dates, most trusted first (lazily: later sources are read only when needed)."""
    for obj in _articles(ld):
        for key in ("datePublished", "dateCreated"):
            if isinstance(obj.get(key), str):
                yield parse_date_string(obj[key])
    for value in _meta(tree, DATE_META):
        yield parse_date_string(value)
    times = tree.xpath("//time[@itemprop='datePublished']") + tree.xpath("//time")
    for el in times:
        yield parse_date_string(el.get("datetime")) or visible_date(el.text_content())
    for el in tree.xpath("//body//*[@class or @id]"):
        if _DATE_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            yield visible_date(el.text_content())


def visible_date(text: str) -> str | None:
    """The Gregorian date written in a page's chrome ("\u0627\u0644\u062e\u0645\u064a\u0633 16 \u0622\u0630\u0627\u0631 2023", "2023.03.16 | 10:31"), or None."""
    text = " ".join(text.split())
    if not text or len(text) > 200:
        return None
    m = _YMD_DOTS.search(text)
    if m:
        return parse_date_string(f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
    return parse_date_string(text.replace(" ,", " ").replace(",", " "))


def _author_candidates(tree: object, ld: list[dict]) -> Iterator[str]:
    """Candidate author strings, most trusted first (people in JSON-LD, meta tags, then page elements)."""
    by_id = {o["@id"]: o for o in ld if isinstance(o.get("@id"), str)}
    for obj in _articles(ld):
        authors = obj.get("author")
        for a in authors if isinstance(authors, list) else [authors]:
            if isinstance(a, dict) and "@id" in a and "name" not in a:
                a = by_id.get(a["@id"], a)
            if isinstance(a, str):
                yield a
            elif isinstance(a, dict) and not (_types(a) & NON_PERSON_TYPES) and isinstance(a.get("name"), str):
                yield a["name"]
    yield from _meta(tree, AUTHOR_META)
    for el in tree.xpath("//*[@rel='author'] | //*[@itemprop='author']"):
        yield el.text_content()
    for el in tree.xpath("//body//*[@class or @id]"):
        if _AUTHOR_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}") and len(el.text_content()) < 120:
            yield el.text_content()


def _outlet_names(tree: object, ld: list[dict]) -> Iterator[str]:
    """Names the page gives its own outlet (og:site_name, the JSON-LD publisher, the title after its last "|")."""
    yield from _meta(tree, ("og:site_name", "application-name"))
    for obj in ld:
        pub = obj.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            yield pub["name"]
        if _types(obj) & NON_PERSON_TYPES and isinstance(obj.get("name"), str):
            yield obj["name"]
    title = tree.findtext(".//title") or ""
    for sep in ("|", " - ", "\u2013"):
        if sep in title:
            yield title.rsplit(sep, 1)[1].strip()
            break
