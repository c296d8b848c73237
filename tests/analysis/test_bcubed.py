"""Tests for evals.bcubed: item-averaged B-cubed precision, recall and F1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

# evals/ is a top-level folder, not an installed package: make it importable under plain `pytest`.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evals.bcubed import bcubed  # noqa: E402
from marsad.errors import MarsadError  # noqa: E402

GOLD = {"a": "g1", "b": "g1", "c": "g2", "d": "g2", "e": "g2"}


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        pytest.param(
            {"a": "p1", "b": "p2", "c": "p2", "d": "p2", "e": "p3"},
            (11 / 15, 8 / 15, 176 / 285),
            id="hand-computed-mixed",
        ),
        pytest.param(
            {"a": "x", "b": "y", "c": "z", "d": "w", "e": "v"},
            (1.0, (1 / 2 + 1 / 2 + 1 / 3 + 1 / 3 + 1 / 3) / 5, 2 * (2 / 5) / (1 + 2 / 5)),
            id="all-singletons",
        ),
        pytest.param(
            {"a": "k", "b": "k", "c": "k", "d": "k", "e": "k"},
            ((2 / 5 * 2 + 3 / 5 * 3) / 5, 1.0, 2 * (13 / 25) / (1 + 13 / 25)),
            id="all-one-cluster",
        ),
        pytest.param(dict(GOLD), (1.0, 1.0, 1.0), id="perfect"),
        pytest.param(
            {"a": "c7", "b": "c7", "c": "c9", "d": "c9", "e": "c9"}, (1.0, 1.0, 1.0), id="perfect-renamed"
        ),
    ],
)
def test_bcubed_hand_computed(pred: dict[str, str], expected: tuple[float, float, float]) -> None:
    """B-cubed matches values computed by hand."""
    assert bcubed(GOLD, pred) == pytest.approx(expected)


def test_bcubed_arabic_story_labels() -> None:
    """Labels may be any strings, Arabic included."""
    gold = {"2015-08-06/1": "abha-mosque-bombing", "2015-08-06/2": "abha-mosque-bombing"}
    pred = {"2015-08-06/1": "\u062a\u0641\u062c\u064a\u0631", "2015-08-06/2": "\u062a\u0641\u062c\u064a\u0631"}  # ARABIC "tafjir"
    assert bcubed(gold, pred) == pytest.approx((1.0, 1.0, 1.0))


def test_bcubed_empty_is_perfect() -> None:
    """No items gives a perfect score, not a division by zero."""
    assert bcubed({}, {}) == (1.0, 1.0, 1.0)


def test_bcubed_mismatched_items_raise() -> None:
    """Gold and pred over different items is an error naming the fix."""
    with pytest.raises(MarsadError, match="same items"):
        bcubed({"a": "1"}, {"b": "1"})


labelings = st.dictionaries(st.integers(0, 30).map(str), st.integers(0, 4), min_size=1, max_size=30)


@given(labelings, st.data())
def test_bcubed_bounds_and_symmetry(gold: dict[str, int], data: st.DataObject) -> None:
    """Scores lie in (0, 1] and swapping gold and pred swaps precision and recall."""
    pred = {k: data.draw(st.integers(0, 4)) for k in gold}
    gold_s = {k: str(v) for k, v in gold.items()}
    pred_s = {k: str(v) for k, v in pred.items()}
    p, r, f = bcubed(gold_s, pred_s)
    assert 0 < p <= 1 and 0 < r <= 1 and 0 < f <= 1
    assert min(p, r) - 1e-12 <= f <= max(p, r) + 1e-12
    p2, r2, _ = bcubed(pred_s, gold_s)
    assert (p2, r2) == pytest.approx((r, p))
    assert bcubed(gold_s, gold_s) == pytest.approx((1.0, 1.0, 1.0))
