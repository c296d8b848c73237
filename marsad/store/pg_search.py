"""Full-text search on PostgreSQL: one ``tsvector`` of Marsad's own terms per article, one GIN index.

Each article's bases and light stems (``marsad.text.searchterms``) go into one vector, stems marked with
``STEM_MARK`` so the two families never meet (a stem query does not match a base that happens to be spelled
alike: the same hits as SQLite's separate FTS5 columns). The vector is written as a ``tsvector`` literal: the terms
are already normalized and split by Marsad, so no text-search parser or dictionary touches them (the ``simple``
configuration would only lower-case and re-split them). Title positions carry weight A, body positions weight B,
with one position left empty between title and body so no phrase runs from one into the other. A whole query is
one ``tsquery``, so AND, OR, NOT and phrases are all answered inside the GIN index (two columns made PostgreSQL
test the second term of ``a AND b`` by decompressing every row the first one matched).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from marsad.store.match import AllOf, AnyOf, Node, Phrase, Prefix, Terms, Without

#: Marks a stem lexeme (a character Marsad's normalized words never contain).
STEM_MARK = "~"
#: PostgreSQL keeps positions up to 16383 and 256 positions per lexeme per vector (``tsvector`` limits).
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 255
#: Lexemes longer than this are left out (PostgreSQL refuses lexemes over 2 KB; no word is this long).
MAX_LEXEME_CHARS = 200
#: The lexeme family each match kind reads (no ``words`` family: a word without the article is its own base).
_FAMILY = {"words": "", "bases": "", "stems": STEM_MARK}


def _quote(lexeme: str) -> str:
    """A lexeme as a quoted ``tsvector`` / ``tsquery`` literal (quotes and backslashes escaped)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(fields: list[tuple[str, str, str]]) -> str:
    """The ``tsvector`` literal of ``(bases text, stems text, weight)`` fields, positions counted across fields."""
    positions: dict[str, list[str]] = defaultdict(list)
    start = 1
    for bases, stems, weight in fields:
        toks = bases.split()
        for family, text in (("", bases), (STEM_MARK, stems)):
            for i, tok in enumerate(text.split()):
                lexeme = family + tok
                if len(lexeme) <= MAX_LEXEME_CHARS and len(positions[lexeme]) < MAX_POSITIONS_PER_LEXEME:
                    positions[lexeme].append(f"{min(start + i, MAX_POSITION)}{weight}")
        start += len(toks) + 1  # a gap: no phrase spans two fields
    return " ".join(f"{_quote(lex)}:{','.join(pos)}" for lex, pos in positions.items())


def index_vectors(columns: Mapping[str, str]) -> tuple[str, str]:
    """The whole-article vector (title A, body B) and the title-only vector of one article's index columns."""
    whole = tsvector_literal([(columns["title_bases"], columns["title_stems"], "A"),
                              (columns["body_bases"], columns["body_stems"], "B")])
    title = tsvector_literal([(columns["title_bases"], columns["title_stems"], "")])
    return whole, title


def tsquery(node: Node, leaves: list[str], relax: bool = False) -> str:
    """The ``tsquery`` literal of a match tree; the positive leaves (what ranking weighs) are appended to ``leaves``.

    ``relax`` writes the phrases that must match as their words in any order (``a & b``): GIN answers that
    without opening a vector, where a phrase needs every row holding its words decompressed to read positions.
    Phrases that exclude stay exact (relaxing one would exclude more).
    """
    if isinstance(node, Terms):
        text = "(" + " | ".join(_quote(_FAMILY[node.kind] + f) for f in node.forms) + ")"
    elif isinstance(node, Phrase):
        joint = " & " if relax else " <-> "
        text = "(" + joint.join(_quote(_FAMILY[node.kind] + t) for t in node.tokens) + ")"
    elif isinstance(node, Prefix):
        text = _quote(_FAMILY[node.kind] + node.token) + ":*"
    elif isinstance(node, AnyOf):
        return "(" + " | ".join(tsquery(n, leaves, relax) for n in node.items) + ")"
    elif isinstance(node, AllOf):
        return "(" + " & ".join(tsquery(n, leaves, relax) for n in node.items) + ")"
    elif isinstance(node, Without):
        keep = tsquery(node.keep, leaves, relax)
        return "(" + keep + "".join(f" & !{tsquery(n, [])}" for n in node.drop) + ")"
    else:
        raise TypeError(f"not a match node: {node!r}")
    leaves.append(text)
    return text


def term_query(term: str) -> str:
    """The ``tsquery`` literal of one base form."""
    return _quote(term)


def hits_sql(where: list[str], order: str, body_weight: float, exact: bool) -> str:
    """The statement of a search: GIN matches, the best ``RANK_CANDIDATES`` by title rank, ranked in full.

    The candidates come from the relaxed query; with ``exact`` (the query has phrases) they are then held to the
    exact one. Parameters, in order (:func:`hits_args`): the relaxed query, the filter arguments, the ranking
    query (relevance only), the candidate cap, the ranking query, the exact query (``exact`` only), the limit.
    """
    rank = f"ts_rank('{{0, 0, {body_weight}, 1}}', s.terms, ?::tsquery)"
    if order == "relevance":
        pre, ordering = "ts_rank('{1, 1, 1, 1}', s.title_terms, ?::tsquery) DESC, s.seq DESC", "score NULLS LAST, a.seq"
    else:
        pre, ordering = "a.published_at DESC NULLS LAST, s.seq", "a.published_at DESC NULLS LAST, score"
    return (
        "WITH cand AS (SELECT s.seq FROM search_index s JOIN articles a ON a.seq = s.seq"
        f" WHERE s.terms @@ ?::tsquery{''.join(' AND ' + w for w in where)} ORDER BY {pre} LIMIT ?)"
        " SELECT a.id, a.external_id, a.title, a.source, a.published_at, a.seq,"
        " (SELECT story_id FROM story_articles WHERE article_id = a.id LIMIT 1) AS story_id,"
        f" -({rank}) AS score FROM cand JOIN search_index s ON s.seq = cand.seq JOIN articles a ON a.seq = s.seq"
        f"{' WHERE ts_match_vq(s.terms, ?::tsquery)' if exact else ''} ORDER BY {ordering} LIMIT ?"  # not indexable: per candidate
    )


def hits_args(match: Node, filter_args: list[Any], order: str, cap: int, limit: int) -> tuple[list[Any], bool]:
    """The parameters of :func:`hits_sql` for a match tree, and whether it needs the exact query (phrases)."""
    leaves: list[str] = []
    exact = tsquery(match, leaves)
    relaxed = tsquery(match, [], relax=True)
    rank_query = " | ".join(leaves) if leaves else "''"
    pre = [rank_query] if order == "relevance" else []
    check = [exact] if relaxed != exact else []
    return [relaxed, *filter_args, *pre, cap, rank_query, *check, limit], bool(check)
