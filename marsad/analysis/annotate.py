"""Per-article analysis: entities (NER + resolution), quotes and times, composed in dependency order.

Stages declare what they need and provide; the entity registry (cross-article state) comes in from the caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from marsad.analysis.quotes.quotes import QUOTES_VERSION, extract_quotes
from marsad.analysis.entities.registry import EntityRegistry
from marsad.analysis.entities.titles import resolve_with_offices
from marsad.analysis.times.times import TIMES_VERSION, extract_times
from marsad.model import Analysis, Mention
from marsad.text.doc import FIELDS, Doc
from marsad.text.tokenize import TOKENS_VERSION


@dataclass(frozen=True)
class AnnotateSettings:
    """Which per-article analyses run."""

    entities: bool = True
    quotes: bool = True
    times: bool = True


@dataclass
class Annotator:
    """Holds the loaded NER tagger and the entity registry for one run; ``annotate`` one article at a time."""

    registry: EntityRegistry | None = None  # created on first use when entities are on (loading costs ~1 s)
    settings: AnnotateSettings = field(default_factory=AnnotateSettings)

    @cached_property
    def tagger(self):  # noqa: ANN201 - the tagger type lives in the optional ner package
        """The shipped NER tagger, loaded on first use."""
        from marsad.analysis.entities.ner import load_tagger

        return load_tagger()

    @property
    def versions(self) -> dict[str, str]:
        """The rule and model versions this annotator stamps on what it produces."""
        from marsad.analysis.entities.gazetteer import GAZETTEER_VERSION
        from marsad.analysis.entities.ner import MODEL_VERSION
        from marsad.analysis.entities.registry import RESOLVE_VERSION
        from marsad.analysis.entities.titles import TITLES_VERSION

        out = {}
        if self.settings.entities or self.settings.quotes or self.settings.times:
            out["tokens"] = TOKENS_VERSION
        if self.settings.entities:
            out["ner"] = MODEL_VERSION
            out["resolve"] = RESOLVE_VERSION
            out["gazetteer"] = GAZETTEER_VERSION
            out["offices"] = TITLES_VERSION
        if self.settings.quotes:
            out["quotes"] = QUOTES_VERSION
        if self.settings.times:
            out["times"] = TIMES_VERSION
        return out

    def annotate(self, title: str, body: str, published: str | None) -> Analysis:
        """Find the entities, quotes and times of one article (offsets into its display title and body).

        Each field is read once into a ``Doc`` (fold, sentences, tokens) that every stage shares.
        """
        docs = {"title": Doc(title, "title"), "body": Doc(body, "body")}
        mentions: list[Mention] = []
        if self.settings.entities:
            from marsad.analysis.entities.ner import find_article_mentions

            if self.registry is None:
                self.registry = EntityRegistry()
            raw = find_article_mentions({f: docs[f] for f in FIELDS}, self.tagger)  # one batch: one document
            # bare office titles ("ولي العهد") become mentions of the person who holds the office
            mentions = resolve_with_offices(raw, self.registry, {f: docs[f].text for f in FIELDS}, published)
        quotes = []
        if self.settings.quotes:
            for f in FIELDS:
                quotes.extend(extract_quotes(docs[f], f, [m for m in mentions if m.field == f]))
        times = []
        if self.settings.times:
            day = parse_iso_date(published)
            for f in FIELDS:
                times.extend(extract_times(docs[f], f, day))
        return Analysis(entities=tuple(mentions), quotes=tuple(quotes), times=tuple(times))


def parse_iso_date(value: str | None) -> dt.date | None:
    """The date of an ISO 8601 date or date-time string, or None."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
