"""Arabic full-text search over the store: query -> index expression -> ranked, collapsed hits with snippets.

Matching (``search-terms.v1`` forms, :mod:`marsad.text.searchterms`):

* a run of query words that is the name of a stored entity under any spelling (``name_key``) matches every
  spelling the archive has for that entity, as phrases of base forms (no stemming of names);
* another word matches any word with its light stem or its base, with or without one-letter clitics;
* ``"a phrase"`` matches the base forms in order; ``word*`` matches bases and words starting so; ``-word``
  excludes; ``OR`` joins alternatives.

Ranking is BM25 with the title weighted ``TITLE_WEIGHT`` times the body. Near-duplicate copies are collapsed under
the earliest copy among the hits, which lists them in ``copies``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.errors import ConfigError
from marsad.retrieval.archive import check_date
from marsad.retrieval.names import name_spellings, run_key
from marsad.retrieval.query import Query, Term, parse_query
from marsad.retrieval.snippets import make_snippet
from marsad.store import Store
from marsad.store.protocol import HitFilters
from marsad.store.indexing import ensure_index
from marsad.store.match import AllOf, AnyOf, Node, Phrase, Prefix, Terms, Without
from marsad.text.searchterms import base_form, clitic_forms, stem_form

#: How much more a title match weighs than a body match in BM25 (by hand: a headline names the story).
TITLE_WEIGHT = 3.0
#: Longest run of query words tried as an entity name.
MAX_NAME_WORDS = 4
#: Most hits a search returns at once (``--limit`` above this is refused).
MAX_LIMIT = 200


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """Paging, filters and order of a search."""

    limit: int = 20
    offset: int = 0
    source: str | None = None
    since: str | None = None
    until: str | None = None
    entity: str | None = None
    story: str | None = None
    sort: str = "relevance"

    def __post_init__(self) -> None:
        """Refuse paging and order that cannot be served, naming the fix."""
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ConfigError(f"limit={self.limit}: use 1..{MAX_LIMIT}, e.g. --limit 20")
        if self.offset < 0:
            raise ConfigError(f"offset={self.offset}: use 0 or more")
        if self.sort not in ("relevance", "date"):
            raise ConfigError(f"sort={self.sort!r}: use 'relevance' or 'date'")
        for name in ("since", "until"):
            if (value := getattr(self, name)) is not None:
                check_date(name, value)


@dataclass
class Compiled:
    """A query compiled to the store's match tree, and the word forms a snippet should mark."""

    node: Node
    marks: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)


def _forms(forms: Iterable[str]) -> tuple[str, ...]:
    """Distinct non-empty forms, in order."""
    return tuple(dict.fromkeys(f for f in forms if f))


def _word(word: str, marks: set[str]) -> Node:
    """Match one ordinary word: its stem or its base, each with or without one-letter clitics."""
    base, stem = base_form(word), stem_form(word)
    marks.update((word, base, stem))
    return AnyOf((Terms("stems", _forms(clitic_forms(stem))), Terms("bases", _forms(clitic_forms(base)))))


def _phrase(tokens: Iterable[str], marks: set[str]) -> Node:
    """Match words in order (base forms); one word with or without one-letter clitics."""
    bases = tuple(base_form(t) for t in tokens)
    marks.update(bases)
    if len(bases) == 1:
        return Terms("bases", _forms(clitic_forms(bases[0])))
    return Phrase("bases", bases)


def _term(term: Term, marks: set[str], prefixes: set[str]) -> Node:
    """Match one parsed term (word, phrase or prefix)."""
    if term.prefix:
        base = base_form(term.words[0])
        prefixes.update((base, term.words[0]))
        return AnyOf((Prefix("bases", base), Prefix("words", term.words[0])))
    if term.phrase:
        return _phrase(term.words, marks)
    return _word(term.words[0], marks)


def _plain(group: tuple[Term, ...]) -> str | None:
    """The word of a group that is one plain word (no phrase, prefix or alternatives), else None."""
    if len(group) == 1 and not (group[0].phrase or group[0].prefix):
        return group[0].words[0]
    return None


def find_names(store: Store, groups: tuple[tuple[Term, ...], ...]) -> dict[int, tuple[int, list[str]]]:
    """Find runs of plain query words naming a stored entity (any spelling): start -> (run length, spellings).

    Longest runs first, left to right; a word belongs to one run at most; which entities a run names and which of
    their spellings are added is decided by :func:`marsad.retrieval.names.name_spellings`.
    """
    toks = [_plain(g) for g in groups]
    runs = {(i, n): run_key(toks[i : i + n])  # type: ignore[arg-type]
            for n in range(min(MAX_NAME_WORDS, len(toks)), 0, -1) for i in range(len(toks) - n + 1)
            if all(toks[i : i + n])}
    found = store.entity_ids_by_keys(sorted({k for k in runs.values() if k}))
    out: dict[int, tuple[int, list[str]]] = {}
    taken: set[int] = set()
    for (i, n), key in runs.items():  # longest runs first, left to right
        if key in found and not taken & set(range(i, i + n)):
            spellings = name_spellings(store, toks[i : i + n], found[key])  # type: ignore[arg-type]
            if spellings is not None:
                out[i] = (n, spellings)
                taken.update(range(i, i + n))
    return out


def _alternative(store: Store, term: Term, marks: set[str], prefixes: set[str]) -> Node:
    """Match one alternative of an ``OR`` group: a known name matches its spellings, unstemmed."""
    names = {} if term.phrase or term.prefix else find_names(store, ((term,),))
    if not names:
        return _term(term, marks, prefixes)
    return _named(names[0][1], (term,), marks)


def _named(spellings: list[str], typed: tuple[Term, ...], marks: set[str]) -> Node:
    """Match a run of words naming an entity: the words as typed (bases) or any of its spellings."""
    from marsad.text.normalize import normalize_word
    from marsad.text.tokenize import words

    own = AllOf(tuple(_phrase(t.words, marks) for t in typed))
    phrases = [_phrase([normalize_word(w) for w in words(sp)], marks) for sp in spellings if words(sp)]
    return AnyOf((own, *phrases))


def compile_query(query: Query, store: Store) -> Compiled:
    """Compile a parsed query into the store's match tree (entity names expanded to all their spellings)."""
    marks: set[str] = set()
    prefixes: set[str] = set()
    parts: list[Node] = []
    names = find_names(store, query.groups)
    i = 0
    while i < len(query.groups):
        if i in names:
            n, spellings = names[i]
            parts.append(_named(spellings, tuple(g[0] for g in query.groups[i : i + n]), marks))
            i += n
            continue
        parts.append(AnyOf(tuple(_alternative(store, t, marks, prefixes) for t in query.groups[i])))
        i += 1
    node: Node = AllOf(tuple(parts))
    if query.excluded:
        node = Without(node, tuple(_term(t, set(), set()) for t in query.excluded))
    return Compiled(node, marks, prefixes)


def search(store: Store, text: str, options: SearchOptions = SearchOptions()) -> list[dict[str, Any]]:
    """Search the archive: ranked hits (copies collapsed) with snippets of the original text, best first.

    Each hit: ``{id, external_id, title, source, published_at, story_id, score, snippet, snippet_matches, copies}``;
    ``snippet_matches`` are ``[start, end]`` offsets of matched words in ``snippet``.
    """
    ensure_index(store)
    compiled = compile_query(parse_query(text), store)
    entity_ids = None
    if options.entity:
        from marsad.retrieval.views import find_entity_ids

        entity_ids = tuple(find_entity_ids(store, options.entity))
    filters = HitFilters(options.source, options.since, options.until, entity_ids, options.story)
    want = options.offset + options.limit
    weights = (TITLE_WEIGHT, 1.0, TITLE_WEIGHT, 1.0, TITLE_WEIGHT, 1.0)
    rows = store.search_hits(compiled.node, weights, filters, want * 3 + 50, options.sort)
    hits = collapse_copies(rows, store.copy_roots([r["id"] for r in rows]))
    out = []
    page = hits[options.offset : want]
    bodies = store.article_bodies([row["id"] for row in page])
    for row in page:
        body = bodies.get(row["id"]) or ""
        snippet, matches = make_snippet(body, compiled.marks, compiled.prefixes)
        row["score"] = round(-row["score"], 4)
        row.pop("seq", None)
        out.append({**row, "snippet": snippet, "snippet_matches": matches})
    return out


def collapse_copies(rows: list[dict[str, Any]], roots: dict[str, str]) -> list[dict[str, Any]]:
    """Collapse hits that copy one text: the group shows at its best rank, as its earliest hit, listing the rest."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(roots.get(row["id"], row["id"]), []).append(row)
    out = []
    for root, members in groups.items():
        lead = next((m for m in members if m["id"] == root), None) or min(
            members, key=lambda r: (r["published_at"] or "\uffff", r["seq"]))
        best = members[0]
        shown = {**lead, "score": best["score"]}
        shown["copies"] = [{"id": m["id"], "external_id": m["external_id"], "source": m["source"]}
                           for m in members if m is not lead]
        out.append(shown)
    return out
