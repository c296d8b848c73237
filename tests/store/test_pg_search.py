"""The PostgreSQL index's literals: one vector of bases and marked stems, and one ``tsquery`` per search."""

from __future__ import annotations

from marsad.store.match import AllOf, AnyOf, Phrase, Prefix, Terms, Without
from marsad.store.pg_search import MAX_POSITIONS_PER_LEXEME, hits_args, tsquery, tsvector_literal


def test_pg_search_vector_marks_stems_weights_fields_and_leaves_a_gap() -> None:
    vec = tsvector_literal([("a b", "s t", "A"), ("c", "u", "B")])
    assert vec.split() == ["'a':1A", "'b':2A", "'~s':1A", "'~t':2A", "'c':4B", "'~u':4B"]


def test_pg_search_vector_escapes_quotes_and_backslashes() -> None:
    assert tsvector_literal([("o'k a\\b", "x y", "")]).split()[:2] == ["'o''k':1", "'a\\\\b':2"]


def test_pg_search_vector_keeps_at_most_the_positions_postgresql_keeps() -> None:
    vec = tsvector_literal([(" ".join(["w"] * 400), " ".join(["w"] * 400), "B")])
    assert vec.split()[0].count(",") + 1 == MAX_POSITIONS_PER_LEXEME


def test_pg_search_query_is_one_tsquery_with_phrases_relaxed_only_where_they_must_match() -> None:
    node = Without(AllOf((AnyOf((Terms("stems", ("s",)), Terms("bases", ("b", "wb")))), Phrase("bases", ("p", "q")),
                          Prefix("words", "pre"))), (Phrase("bases", ("x", "y")),))
    args, exact = hits_args(node, ["src"], "relevance", 300, 110)
    relaxed, _, rank, cap, _, check, limit = args
    assert relaxed == "(((('~s') | ('b' | 'wb')) & ('p' & 'q') & 'pre':*) & !('x' <-> 'y'))"
    assert check == "(((('~s') | ('b' | 'wb')) & ('p' <-> 'q') & 'pre':*) & !('x' <-> 'y'))" and exact
    assert rank == "('~s') | ('b' | 'wb') | ('p' <-> 'q') | 'pre':*"
    assert (cap, limit) == (300, 110)


def test_pg_search_query_without_phrases_needs_no_second_check() -> None:
    args, exact = hits_args(Terms("bases", ("b",)), [], "date", 20, 20)
    assert not exact and args == ["('b')", 20, "('b')", 20]  # query, cap (= limit), rank query, limit
    assert tsquery(Terms("bases", ("b",)), []) == "('b')"
