"""Which query words name an entity and which of its spellings a search adds (``search-names.v2``)."""

from __future__ import annotations

import pytest

from marsad.analysis.entities.namekey import name_key
from marsad.retrieval.names import name_spellings


class FakeStore:
    """The three look-ups the name finder makes, over a few entities and article counts."""

    def __init__(self, entities: dict[str, list[tuple[str, int]]], articles: dict[str, int] | None = None) -> None:
        """``entities``: id -> [(spelling, mentions)]; ``articles``: base form -> articles using it."""
        self.entities = entities
        self.articles = articles or {}

    def entity_ids_by_keys(self, keys):  # noqa: ANN001, ANN201 - the Store protocol's signature
        """Entities having a spelling with one of ``keys``."""
        out: dict[str, list[str]] = {}
        for eid, spellings in sorted(self.entities.items()):
            for key in {name_key(s) for s, _ in spellings} & set(keys):
                out.setdefault(key, []).append(eid)
        return out

    def variant_counts(self, ids):  # noqa: ANN001, ANN201
        """Spellings and mentions of the given entities."""
        return {e: self.entities[e] for e in ids}

    def count_term_articles(self, term: str) -> int:
        """Articles using a base form."""
        return self.articles.get(term, 0)


KERRY = {"PER:kerry": [("\u0643\u064a\u0631\u064a", 552), ("\u062c\u0648\u0646 \u0643\u064a\u0631\u064a", 326),
                       ("\u063a\u064a\u0631\u064a", 2)]}  # كيري, جون كيري, and the slip غيري
ASSAD = {"PER:assad": [("\u0627\u0644\u0623\u0633\u062f", 26), ("\u0628\u0634\u0627\u0631 \u0627\u0644\u0623\u0633\u062f", 18)]}
JUBEIR = {"PER:jubeir": [("\u0639\u0627\u062f\u0644 \u0627\u0644\u062c\u0628\u064a\u0631", 212),
                         ("\u0627\u0644\u062c\u0628\u064a\u0631", 168), ("\u0639\u0627\u062f\u0644", 1)]}
ERDOGAN = {"PER:erdogan": [("\u0623\u0631\u062f\u0648\u063a\u0627\u0646", 120),
                           ("\u0631\u062c\u0628 \u0637\u064a\u0628 \u0623\u0631\u062f\u0648\u063a\u0627\u0646", 70)]}
MBS = {"PER:mbs": [("\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", 90)]}
ALI = {"PER:ali": [("\u0639\u0644\u0649", 12), ("\u0639\u0644\u064a \u0627\u0644\u0639\u0644\u0642", 1)]}  # "على" tagged


@pytest.mark.parametrize(
    ("entities", "articles", "query", "expected"),
    [
        pytest.param(KERRY, {}, "\u0643\u064a\u0631\u0649", {"\u0643\u064a\u0631\u064a", "\u062c\u0648\u0646 \u0643\u064a\u0631\u064a"},
                     id="kerry-with-alef-maksura-gets-both-spellings-not-the-slip"),
        pytest.param(ASSAD, {}, "\u0628\u0634\u0627\u0631 \u0627\u0644\u0627\u0633\u062f",
                     {"\u0628\u0634\u0627\u0631 \u0627\u0644\u0623\u0633\u062f", "\u0627\u0644\u0623\u0633\u062f"},
                     id="a-full-name-also-finds-the-surname-alone"),
        pytest.param(ERDOGAN, {"\u0627\u0631\u062f\u0648\u062c\u0627\u0646": 0}, "\u0627\u0631\u062f\u0648\u062c\u0627\u0646",
                     {"\u0623\u0631\u062f\u0648\u063a\u0627\u0646", "\u0631\u062c\u0628 \u0637\u064a\u0628 \u0623\u0631\u062f\u0648\u063a\u0627\u0646"},
                     id="an-unseen-transliteration-stands-for-the-entity"),
        pytest.param(MBS, {}, "\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646",
                     {"\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646"}, id="a-fathers-name-is-no-surname"),
    ],
)
def test_names_expand_to_the_spellings_of_the_named_entity(entities, articles, query, expected) -> None:
    assert set(name_spellings(FakeStore(entities, articles), query.split()) or ()) == expected


@pytest.mark.parametrize(
    ("entities", "articles", "query"),
    [
        pytest.param(JUBEIR, {"\u0639\u062f\u0644": 800}, "\u0627\u0644\u0639\u062f\u0644",
                     id="justice-is-an-ordinary-word-not-adel"),
        pytest.param(ALI, {}, "\u0639\u0644\u0649", id="a-preposition-is-never-a-name"),
        pytest.param(KERRY, {}, "\u0648\u0632\u064a\u0631", id="no-entity-under-the-key"),
    ],
)
def test_names_leave_ordinary_words_alone(entities, articles, query) -> None:
    assert name_spellings(FakeStore(entities, articles), query.split()) is None


def test_names_homonyms_far_less_mentioned_are_left_out() -> None:
    salman = "\u0633\u0644\u0645\u0627\u0646"
    store = FakeStore({"PER:king": [(salman, 900), ("\u0633\u0644\u0645\u0627\u0646 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632", 300)],
                       "ORG:solomon": [("\u0633\u0648\u0644\u0648\u0645\u0648\u0646", 2), (salman, 1)]})
    assert "\u0633\u0648\u0644\u0648\u0645\u0648\u0646" not in name_spellings(store, [salman])


def test_names_a_weakly_tagged_name_is_still_a_name() -> None:
    """Bhutan tagged once is matched as a name (unstemmed), with no other spelling added."""
    bhutan = "\u0628\u0648\u062a\u0627\u0646"
    assert name_spellings(FakeStore({"LOC:bhutan": [(bhutan, 1)]}), [bhutan]) == [bhutan]
