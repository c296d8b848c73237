"""Arabic normalization: each rule, the match.v1 profile, and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text import chars as C
from marsad.text.normalize import align, normalize, normalize_word, rules

ARABIC_TEXT = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0600, 0x06FF)] + [chr(c) for c in range(0xFE70, 0xFEFF)]
        + list(" \n\t.,:\u060c\u061f\u200f\u200b\u0640") + list("abcXYZ019")
    ),
    max_size=200,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("\u0623\u0639\u0644\u0646", "\u0627\u0639\u0644\u0646", id="alef-hamza-above"),
        pytest.param("\u0625\u0633\u0644\u0627\u0645", "\u0627\u0633\u0644\u0627\u0645", id="alef-hamza-below"),
        pytest.param("\u0622\u062e\u0631", "\u0627\u062e\u0631", id="alef-madda"),
        pytest.param("\u0645\u0633\u062a\u0634\u0641\u0649", "\u0645\u0633\u062a\u0634\u0641\u064a", id="alef-maqsura"),
        pytest.param("\u0627\u0644\u062d\u0643\u0648\u0645\u0629", "\u0627\u0644\u062d\u0643\u0648\u0645\u0647", id="ta-marbuta"),
        pytest.param("\u0643\u064e\u062a\u064e\u0628\u064e", "\u0643\u062a\u0628", id="harakat"),
        pytest.param("\u0627\u0644\u0640\u062d\u0643\u0648\u0645\u0647", "\u0627\u0644\u062d\u0643\u0648\u0645\u0647", id="tatweel"),
        pytest.param("\ufecb\ufeb8\ufeae\ufe93", "\u0639\u0634\u0631\u0647", id="presentation-forms-ten"),
        pytest.param("\u0661\u0669\u0664\u0668", "1948", id="arabic-indic-digits"),
        pytest.param("\u06f2\u06f0\u06f1\u06f9", "2019", id="persian-digits"),
        pytest.param("\u0628\u0648\u062a\u064a\u0646\u200f \u200b\u0643\u064a\u0645", "\u0628\u0648\u062a\u064a\u0646 \u0643\u064a\u0645", id="bidi-zero-width"),
        pytest.param("\u0631\u0626\u064a\u0633 \u0645\u0624\u062a\u0645\u0631", "\u0631\u064a\u064a\u0633 \u0645\u0648\u062a\u0645\u0631", id="hamza-carriers"),
        pytest.param("\u06a9\u062a\u0627\u0628", "\u0643\u062a\u0627\u0628", id="keheh"),
        pytest.param("Putin  SAID", "putin said", id="latin-lower-spaces"),
    ],
)
def test_normalize_folds_each_rule(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "variants",
    [
        pytest.param(["\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0627\u0648\u0646"], id="kim-jong-un-hamza"),
        pytest.param(["\u0633\u064a\u0631\u062c\u0649", "\u0633\u064a\u0631\u062c\u064a"], id="sergei-yeh"),
    ],
)
def test_normalize_merges_spelling_variants(variants: list[str]) -> None:
    assert len({normalize(v) for v in variants}) == 1


@given(ARABIC_TEXT)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(ARABIC_TEXT)
def test_normalize_leaves_no_harakat_tatweel_or_controls(text: str) -> None:
    out = normalize(text)
    assert not (set(out) & (C.HARAKAT | C.CONTROLS | {C.TATWEEL}))


@given(ARABIC_TEXT)
def test_normalize_align_keeps_length(text: str) -> None:
    assert len(align(text)) == len(text)


def test_normalize_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="match.v1"):
        rules("match.v9")


@given(ARABIC_TEXT | st.text(max_size=30))
def test_normalize_word_fast_path_equals_the_rule_chain(text: str) -> None:
    """The one-table word path gives what the full ``match.v1`` chain gives (then stripped), for any text."""
    assert normalize_word.__wrapped__(text) == normalize(text).strip()
