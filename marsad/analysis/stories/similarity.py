"""Pairwise article similarity, and the ``marsad similarity --pairs`` JSONL contract.

``similarity`` starts from the TF-IDF vectors story clustering uses (``vectors.article_vector``: normalized,
light-stemmed terms, fixed shipped IDF table) and adapts them for a graded pairwise score (``pair_vector``); story
clustering itself does not use this module and is unchanged:

* titles count once (``SIMILARITY_SETTINGS``), not three times as in story vectors;
* terms are folded to their transliteration-aware name key (``namekey.token_key``: g-letters, hamza, long
  vowels), so two spellings of one name are one shared term (\u062c\u0648\u0646\u063a / \u062c\u0648\u0646\u062c);
* protocol words (the shipped titles and honorifics, name particles, the royal house's names) weigh
  ``PROTOCOL_WEIGHT``: they fill unrelated court stories alike;
* the cosine is raised to ``SCORE_POWER`` (< 1), which spreads the low cosines of independent reports of one event
  (different wording) away from unrelated pairs.

The score is symmetric, in [0, 1], 1 for the same text, and does not depend on any other article. Each choice was
made on the tune half of ``evals/gold/similarity_dev.jsonl`` only (``evals/similarity.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from marsad.analysis.entities.namekey import NAMEKEY_VERSION, data_lines, token_key
from marsad.analysis.stories.vectors import (
    VECTORS_VERSION,
    Vector,
    VectorSettings,
    article_vector,
    cosine,
    normalized,
    terms,
)

#: Version of the similarity score (pair vector recipe, name keys, protocol weight, power, term vectors under it).
SIMILARITY_VERSION = f"pair.v2-{NAMEKEY_VERSION}-{VECTORS_VERSION}"
#: Vector settings of the pairwise score: story vectors' lead and tail, titles counted once (tuned on the tune half:
#: title weight 1 beat 0.5, 1.5, 2 and 3; lead 300 beat 200 and 400; tail 0.5 beat 0.25 and 0.75).
SIMILARITY_SETTINGS = VectorSettings(title_weight=1.0, lead_chars=300, tail_weight=0.5, max_terms=100)
#: Weight of a protocol term relative to other terms (tune half: 0.1 ~ 0 > 0.25 > 0.5 > 1).
PROTOCOL_WEIGHT = 0.1
#: The score is the pair cosine to this power (tune half: 0.6 ~ 0.7 > 0.5 > 0.8 > 1).
SCORE_POWER = 0.6
#: Protocol words beside the shipped titles (``data/gazetteer/titles.txt``): the name particles BIN, IBN, BINT and
#: AL (family of), and the names of the Saudi royal house in its formula (SAUD, ABDULAZIZ), which every court story
#: repeats whatever its event.
PROTOCOL_WORDS = (
    "\u0628\u0646",  # ARABIC: bin (son of)
    "\u0627\u0628\u0646",  # ARABIC: ibn (son of)
    "\u0628\u0646\u062a",  # ARABIC: bint (daughter of)
    "\u0622\u0644",  # ARABIC: al (family of)
    "\u0633\u0639\u0648\u062f",  # ARABIC: Saud
    "\u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632",  # ARABIC: Abdulaziz
)


@cache
def protocol_terms() -> frozenset[str]:
    """Return the vector terms of the shipped titles and honorifics and of ``PROTOCOL_WORDS``."""
    lines = [*data_lines("titles.txt"), *PROTOCOL_WORDS]
    return frozenset(t for line in lines for t in terms(line))


def pair_vector(title: str, text: str, settings: VectorSettings = SIMILARITY_SETTINGS) -> Vector:
    """Return the unit vector an article is compared with in ``similarity``: name-keyed terms, protocol damped."""
    protocol = protocol_terms()
    keyed: dict[str, float] = {}
    for term, weight in article_vector(title, text, settings).items():
        key = token_key(term)
        keyed[key] = keyed.get(key, 0.0) + (weight * PROTOCOL_WEIGHT if term in protocol else weight)
    return normalized(keyed)


def similarity(
    a_title: str, a_text: str, b_title: str, b_text: str, settings: VectorSettings = SIMILARITY_SETTINGS
) -> float:
    """Return the similarity of two articles in [0, 1] (1 for the same text, 0 when nothing is shared)."""
    va = pair_vector(a_title or "", a_text or "", settings)
    vb = pair_vector(b_title or "", b_text or "", settings)
    return min(1.0, cosine(va, vb) ** SCORE_POWER)


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


def score_pairs(lines: Iterable[str], settings: VectorSettings = SIMILARITY_SETTINGS) -> Iterator[str]:
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
