"""Tests of evals.rouge against hand-computed ROUGE values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evals.rouge import lcs_length, rouge, rouge_l, rouge_multi, rouge_n, rouge_tokens

# "the Russian president meets Kim" vs "the Russian president met Kim today" (hamza on the yeh carrier
# in the first word is folded by match.v1, so both sides share it).
CANDIDATE = (
    "\u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a "
    "\u064a\u0644\u062a\u0642\u064a \u0643\u064a\u0645"
)
REFERENCE = (
    "\u0627\u0644\u062a\u0642\u0649 \u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a "
    "\u0643\u064a\u0645 \u0627\u0644\u064a\u0648\u0645."
)


def _dp_lcs(a: list[str], b: list[str]) -> int:
    """Reference O(n*m) dynamic-programming LCS."""
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, 1):
            cur = row[j]
            row[j] = prev + 1 if x == y else max(row[j], row[j - 1])
            prev = cur
    return row[-1]


def test_rouge_hand_computed_values() -> None:
    """Candidate a b c d vs reference e a b d f: R1 3/4,3/5; R2 1/3,1/4; LCS 3."""
    scores = rouge(CANDIDATE, REFERENCE)
    assert scores["rouge1"].precision == pytest.approx(3 / 4)
    assert scores["rouge1"].recall == pytest.approx(3 / 5)
    assert scores["rouge1"].f == pytest.approx(2 / 3)
    assert scores["rouge2"].precision == pytest.approx(1 / 3)
    assert scores["rouge2"].recall == pytest.approx(1 / 4)
    assert scores["rouge2"].f == pytest.approx(2 / 7)
    assert scores["rougeL"].f == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("\u0623\u062d\u0645\u062f", "\u0627\u062d\u0645\u062f", id="alef-hamza-folded"),
        pytest.param("\u0645\u062f\u0631\u0633\u0629", "\u0645\u062f\u0631\u0633\u0647", id="teh-marbuta-folded"),
        pytest.param(
            "\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f", "\u0645\u062d\u0645\u062f", id="harakat-stripped"
        ),
        pytest.param("\u0662\u0660\u0661\u0669", "2019", id="arabic-indic-digits"),
    ],
)
def test_rouge_normalizes_before_counting(a: str, b: str) -> None:
    """Spelling variants folded by match.v1 count as the same token."""
    assert rouge(a, b)["rouge1"].f == pytest.approx(1.0)


def test_rouge_tokens_drop_punctuation() -> None:
    """Punctuation (ARABIC COMMA, full stop) is not a token."""
    assert rouge_tokens("\u0643\u064a\u0645\u060c \u0628\u0648\u062a\u064a\u0646.") == [
        "\u0643\u064a\u0645",
        "\u0628\u0648\u062a\u064a\u0646",
    ]


def test_rouge_n_clips_repeated_ngrams() -> None:
    """A repeated candidate word counts at most as often as in the reference."""
    score = rouge_n(["a", "a", "a"], ["a", "b"], 1)
    assert (score.precision, score.recall) == pytest.approx((1 / 3, 1 / 2))


def test_rouge_empty_sides_score_zero() -> None:
    """An empty candidate or reference scores 0, not a division error."""
    assert rouge("", REFERENCE)["rouge1"].f == 0.0
    assert rouge_l(["a"], []).f == 0.0


def test_rouge_multi_average_and_max() -> None:
    """Average over references is the headline; max is the best reference."""
    out = rouge_multi(CANDIDATE, [REFERENCE, CANDIDATE])
    assert out["rouge1_f"] == pytest.approx((2 / 3 + 1.0) / 2)
    assert out["rouge1_f_max"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="at least one reference"):
        rouge_multi(CANDIDATE, [])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abcd"), max_size=30), st.lists(st.sampled_from("abcde"), max_size=30))
def test_rouge_lcs_matches_dynamic_programming(a: list[str], b: list[str]) -> None:
    """The bit-parallel LCS equals the textbook DP on random sequences."""
    assert lcs_length(a, b) == _dp_lcs(a, b)
