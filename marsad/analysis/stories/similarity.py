"""Article similarity as story clustering sees it, and the ``marsad similarity --pairs`` JSONL contract.

``similarity`` is the cosine of the two articles' TF-IDF vectors (``vectors.article_vector``: normalized,
light-stemmed terms, title weighted, fixed shipped IDF table), so it is symmetric, in [0, 1], and does not
depend on any other article — the score a new article gets against a one-article story.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from marsad.analysis.stories.vectors import VECTORS_VERSION, VectorSettings, article_vector, cosine

#: Version of the similarity score (the vector recipe it is the cosine of).
SIMILARITY_VERSION = "cosine-" + VECTORS_VERSION


def similarity(
    a_title: str, a_text: str, b_title: str, b_text: str, settings: VectorSettings = VectorSettings()
) -> float:
    """Return the similarity of two articles in [0, 1] (1 for the same text, 0 when nothing is shared)."""
    va = article_vector(a_title or "", a_text or "", settings)
    vb = article_vector(b_title or "", b_text or "", settings)
    return cosine(va, vb)


def _article(obj: Any, side: str, line_no: int) -> tuple[str, str]:
    """Return (title, text) of side ``a`` or ``b`` of a pairs line, or raise naming the line."""
    art = obj.get(side)
    if not isinstance(art, dict):
        raise ValueError(
            f"line {line_no}: {side!r} must be an object {{\"title\", \"text\"}}, got {type(art).__name__}"
        )
    title, text = art.get("title", ""), art.get("text", "")
    if not isinstance(title, str) or not isinstance(text, str):
        raise ValueError(f"line {line_no}: {side}.title and {side}.text must be strings")
    if not title.strip() and not text.strip():
        raise ValueError(f"line {line_no}: {side!r} has neither title nor text; give at least one")
    return title, text


def score_pairs(lines: Iterable[str], settings: VectorSettings = VectorSettings()) -> Iterator[str]:
    """Read ``{"id", "a": {"title", "text"}, "b": {...}}`` JSON lines and yield ``{"id", "score"}`` lines.

    Blank lines are skipped; a line that is not valid JSON or lacks a field raises ``ValueError`` naming its
    (1-based) line number. Scores are rounded to 6 decimals.
    """
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {line_no}: not valid JSON ({exc.msg}); expected {{\"id\", \"a\", \"b\"}}") from None
        if not isinstance(obj, dict) or "id" not in obj:
            raise ValueError(f"line {line_no}: expected an object with \"id\", \"a\" and \"b\"")
        a_title, a_text = _article(obj, "a", line_no)
        b_title, b_text = _article(obj, "b", line_no)
        score = similarity(a_title, a_text, b_title, b_text, settings)
        yield json.dumps({"id": obj["id"], "score": round(score, 6)}, ensure_ascii=False)
