"""Views over the store for the CLI and API: entities by any spelling, stories as shown to users."""

from __future__ import annotations

from typing import Any

from marsad.store import Store

def find_entity_ids(store: Store, name: str, type_: str | None = None) -> list[str]:
    """Ids of the stored entities a user's NAME refers to: exact variants first, else the same name key.

    Spelling variants and transliterations match through ``name_key`` (e.g. any spelling of Kim Jong Un).
    """
    from marsad.analysis.entities.namekey import name_key

    exact = store.entities_matching([name.strip()])
    if exact:
        return _of_type(store, exact, type_)
    key = name_key(name)
    if not key:
        return []
    rows = store.entity_rows()  # one read; every name keyed once
    keys = {r["entity_id"]: {name_key(n) for n in (r["canonical"], *(r.get("variants") or {}))} for r in rows}
    hits = [eid for eid, ks in keys.items() if key in ks]
    if not hits and len(key) >= 3:  # a surname or given name alone: entities whose full-name key ends or starts so
        full = {r["entity_id"]: name_key(r["canonical"]) for r in rows}
        hits = [eid for eid, k in full.items() if k != key and (k.endswith(key) or k.startswith(key))]
    return _of_type(store, hits, type_)


def _of_type(store: Store, ids: list[str], type_: str | None) -> list[str]:
    """Keep the ids whose entity has ``type_`` (all when None)."""
    if not type_ or not ids:
        return ids
    found = store.entities_by_id(ids)
    return [i for i in ids if i in found and found[i]["type"] == type_]


class SummaryCache:
    """The latest story summaries computed, keyed by story and its size and last article (so a grown story is
    summarized again); at most ``size`` kept, least recently used dropped. For a server showing stories repeatedly."""

    def __init__(self, size: int = 256) -> None:
        """Start empty; keep at most ``size`` summaries."""
        from collections import OrderedDict

        self.size = size
        self._items: OrderedDict[tuple, tuple[list[str], list[list[str]]]] = OrderedDict()

    def get(self, key: tuple) -> tuple[list[str], list[list[str]]] | None:
        """The summary and its sources for ``key``, or None."""
        if key in self._items:
            self._items.move_to_end(key)
        return self._items.get(key)

    def put(self, key: tuple, value: tuple[list[str], list[list[str]]]) -> None:
        """Keep ``value`` for ``key``, dropping the least recently used beyond ``size``."""
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


def story_view(store: Store, story_id: str, detail: bool = False,
               summaries: SummaryCache | None = None) -> dict[str, Any] | None:
    """One story as shown to users: timeline (Marsad and external ids), sources, entities, chapters.

    With ``detail``: also a multi-document summary (taken from ``summaries`` when it has this state of the story),
    the quotes of its articles and its near-duplicates.
    """
    row = store.get_story(story_id)
    if row is None:
        return None
    data = row["data"]
    articles = store.story_articles(story_id)
    names = store.entities_by_id([e for e, _ in data.get("top_entities", [])])
    view: dict[str, Any] = {
        "id": story_id, "title": row["title"], "first_seen": row["first_seen"], "last_seen": row["last_seen"],
        "size": row["size"], "sources": [s for s, _ in data.get("sources", [])],
        "entities": [{"entity_id": e, "canonical": names.get(e, {}).get("canonical"), "type": names.get(e, {}).get("type"),
                      "articles": n} for e, n in data.get("top_entities", [])],
        "earlier_chapter": row["chapter_of"], "later_chapters": data.get("later_chapters", []),
        "articles": [{"id": a["id"], "external_id": a["external_id"], "source": a["source"], "url": a["url"],
                      "published_at": a["published_at"], "title": a["title"], "similarity": a["similarity"],
                      "why": a["why"], "duplicate_of": a["duplicate_of"]} for a in articles],
    }
    _name_shared(store, view["articles"])
    if detail:
        key = (story_id, row["size"], row["last_seen"], tuple(a["id"] for a in articles))
        view.update(_story_detail(store, articles, summaries, key))
    return view


def _name_shared(store: Store, articles: list[dict[str, Any]]) -> None:
    """Add ``shared_names`` (display names of the shared entities) to each article's ``why`` of joining its story."""
    ids = {e for a in articles if isinstance(a.get("why"), dict) for e in a["why"].get("shared_entities") or ()}
    names = store.entities_by_id(sorted(ids)) if ids else {}
    for a in articles:
        why = a.get("why")
        if isinstance(why, dict) and why.get("shared_entities"):
            a["why"] = {**why, "shared_names": [names[e]["canonical"] for e in why["shared_entities"] if e in names]}


def _story_detail(store: Store, articles: list[dict[str, Any]], summaries: SummaryCache | None = None,
                  key: tuple = ()) -> dict[str, Any]:
    """Summary (with the outlets carrying each sentence), quotes and near-duplicate groups of a story's articles."""
    ids = [a["id"] for a in articles]
    cached = summaries.get(key) if summaries is not None else None
    summary, sources = cached if cached is not None else _summarize(store, articles)
    if summaries is not None and cached is None:
        summaries.put(key, (summary, sources))
    return {"summary": list(summary), "summary_sources": [list(s) for s in sources],
            "quotes": store.quotes_of_articles(ids), "duplicates": store.duplicates_of_articles(ids)}


def _summarize(store: Store, articles: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """A story's summary sentences and the outlets carrying each (its articles' texts read from ``store``)."""
    from marsad.analysis.summaries.summarize import SummarySettings, fallback_summary, summarize_story_sources

    texts = [(a["title"], (store.get_article(a["id"]) or {}).get("body") or "") for a in articles]
    picked = summarize_story_sources(texts, SummarySettings(sentences=min(5, 1 + len(texts)))) if texts else []
    if not picked:  # no sentence qualified (a caption, a cartoon's title): the first article's own summary
        picked = next(([(s, (i,)) for s in found] for i, (t, b) in enumerate(texts) if (found := fallback_summary(t, b))),
                      [])
    sources = [list(dict.fromkeys(articles[i].get("source") or "?" for i in carriers)) for _, carriers in picked]
    return [text for text, _ in picked], sources
