"""Which runs of query words name a stored entity, and which of its spellings a search adds (``search-names.v2``).

A query run names an entity when its name key (:func:`marsad.analysis.entities.namekey.name_key`) is one of the
entity's keys, but a key is loose on purpose (it folds letters and drops long vowels), so the archive's entities
are filtered before their spellings are added:

* a function word alone (``على``, which folds to the name ``علي``) never names anyone;
* an entity counts when it holds the typed spelling itself, and homonyms far less mentioned than the best of them
  are left out (``سلمان`` is not the fish ``السلمون``);
* a spelling no entity holds (a transliteration the archive never used: ``اردوجان``) stands for the most mentioned
  entity of its key; for a single word only when the archive uses that word rarely beside the entity's mentions
  (else it is an ordinary word sharing a key with a name: ``العدل`` "justice" and ``عادل`` "Adel");
* of a chosen entity, spellings that carry a real share of its mentions are added when they contain the query's
  key, or, for a person, when they are the end of such a spelling after a given name (``الأسد`` of ``بشار الأسد``,
  not ``سلمان`` of ``محمد بن سلمان``); one-off tagging slips merged into a big entity stay out (``غيري`` under
  John Kerry).

The expansion is computed per query from the stored entities, so a change here needs no re-index.
"""

from __future__ import annotations

from functools import cache, lru_cache

from marsad.store import Store
from marsad.text.normalize import normalize_word
from marsad.text.searchterms import base_form
from marsad.text.stopwords import stopwords_for
from marsad.text.tokenize import words

SEARCH_NAMES_VERSION = "search-names.v2"
#: Entities of one key mentioned less than this share of the most mentioned of them are homonyms left out.
MIN_HOMONYM_SHARE = 0.1
#: An unseen single word stands for the top entity of its key only when that entity has at least this many
#: mentions and at least ``UNSEEN_RATIO`` times as many mentions as the archive has articles with the word.
MIN_UNSEEN_MENTIONS = 5
UNSEEN_RATIO = 4
#: A spelling is added when it carries at least this share of its entity's mentions.
MIN_SPELLING_SHARE = 0.01
#: Words around which the end of a name is no surname alone: lineage (bin, ibn, bint, Al) and particles
#: (di, da, van, von, do, del, la, le), normalized.
_LINEAGE = frozenset({
    "\u0628\u0646", "\u0627\u0628\u0646", "\u0628\u0646\u062a", "\u0627\u0644",  # بن ابن بنت آل
    "\u062f\u064a", "\u062f\u0627", "\u0641\u0627\u0646", "\u0641\u0648\u0646",  # دي دا فان فون
    "\u062f\u0648", "\u062f\u064a\u0644", "\u0644\u0627", "\u0644\u0648",  # دو ديل لا لو
})


@cache
def _function_words() -> frozenset[str]:
    """The normalized words that never name an entity alone."""
    return frozenset(normalize_word(w) for w in stopwords_for("names"))


@lru_cache(maxsize=65536)  # pure; the same spellings come back with every query on their key
def spelling_signature(text: str) -> tuple[str, ...]:
    """The base forms of a spelling's words (article and letter variants folded), to compare spellings."""
    return tuple(base_form(normalize_word(w)) for w in words(text))


def _chosen(store: Store, typed: tuple[str, ...], ids: list[str],
            counts: dict[str, list[tuple[str, int]]]) -> list[str]:
    """The entities among ``ids`` that the typed spelling stands for (see the module notes)."""
    mentions = {e: sum(c for _, c in counts.get(e, ())) for e in ids}
    holding = {e: sum(c for v, c in counts.get(e, ()) if spelling_signature(v) == typed) for e in ids}
    seen = [e for e in ids if holding[e]]
    if seen:
        top = max(mentions[e] for e in seen)
        return [e for e in seen if mentions[e] >= MIN_HOMONYM_SHARE * top]
    best = max(ids, key=lambda e: (mentions[e], e))
    if not mentions[best]:
        return []
    if len(typed) > 1:
        return [best]
    if mentions[best] < MIN_UNSEEN_MENTIONS:
        return []
    return [best] if store.count_term_articles(typed[0]) * UNSEEN_RATIO <= mentions[best] else []


@lru_cache(maxsize=65536)  # pure
def _holds_key(spelling: str, key: str) -> bool:
    """Whether some run of a spelling's words has the name key ``key`` (``رجب طيب أردوغان`` holds ``اردوغان``'s)."""
    from marsad.analysis.entities.namekey import name_key

    toks = words(spelling)
    return any(name_key(" ".join(toks[i:j])) == key for i in range(len(toks)) for j in range(i + 1, len(toks) + 1))


def run_key(run: list[str]) -> str:
    """The name key of a run of query words."""
    from marsad.analysis.entities.namekey import name_key

    return name_key(" ".join(run))


def name_spellings(store: Store, run: list[str], ids: list[str] | None = None) -> list[str] | None:
    """The spellings to search for a run of query words that names a stored entity, or None when it names none.

    ``ids``: the entities having the run's key, when the caller looked them up already (one look-up per query).
    """
    typed = spelling_signature(" ".join(run))
    if not typed or (len(typed) == 1 and normalize_word(run[0]) in _function_words()):
        return None
    key = run_key(run)
    if ids is None:
        ids = store.entity_ids_by_keys([key]).get(key, []) if key else []
    if not ids:
        return None
    counts = store.variant_counts(ids)
    chosen = _chosen(store, typed, ids, counts)
    out: dict[tuple[str, ...], str] = {}
    for e in chosen:
        total = sum(c for _, c in counts.get(e, ()))
        common = [v for v, c in counts.get(e, ()) if c >= MIN_SPELLING_SHARE * total]
        full = [v for v in common if _holds_key(v, key)]
        ends = _surnames(full) if e.startswith("PER:") else set()
        for v in common:
            if v in full or spelling_signature(v) in ends:
                out.setdefault(spelling_signature(v), v)
    return list(out.values()) if chosen else None


def _surnames(spellings: list[str]) -> set[tuple[str, ...]]:
    """Signatures of the ends of person names after a given name (``الأسد`` of ``بشار الأسد``)."""
    out = set()
    for sp in spellings:
        sig = spelling_signature(sp)
        for i in range(1, len(sig)):
            if sig[i - 1] not in _LINEAGE and sig[i] not in _LINEAGE and sig[i:] not in out:
                if not (len(sig) - i == 1 and sig[i] in _function_words()):
                    out.add(sig[i:])
    return out
