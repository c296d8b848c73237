"""Tests of transliteration-aware name keys and name similarity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.entities.namekey import (
    can_reach,
    drops_middle_name,
    extends_lineage,
    name_key,
    name_similarity,
    same_spelling,
    split_name,
    token_key,
    token_similarity,
)
from marsad.analysis.entities.registry import LINK_THRESHOLD

SAME = [
    pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646", id="kim-jong-un-ghain-jeem"),
    pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", "\u0643\u064a\u0645 \u064a\u0648\u0646\u062c \u0623\u0648\u0646", id="kim-jong-un-yong"),
    pytest.param("\u0628\u064a\u0648\u0646\u063a \u064a\u0627\u0646\u063a", "\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", id="pyongyang-jeem"),
    pytest.param("\u0628\u064a\u0648\u0646\u063a \u064a\u0627\u0646\u063a", "\u0628\u064a\u0648\u0646\u063a\u064a\u0627\u0646\u063a", id="pyongyang-joined"),
    pytest.param("\u0633\u064a\u0631\u062c\u0649 \u0644\u0627\u0641\u0631\u0648\u0641", "\u0633\u064a\u0631\u062c\u064a \u0644\u0627\u0641\u0631\u0648\u0641", id="sergei-alef-maksura"),
    pytest.param("\u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a \u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646", "\u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646", id="putin-title"),
    pytest.param("\u0641\u0644\u0627\u062f\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646", "\u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646", id="vladimir-no-yeh"),
    pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0632\u0627\u064a\u062f", "\u0639\u0628\u062f \u0627\u0644\u0644\u0647 \u0628\u0646 \u0632\u0627\u064a\u062f", id="abdullah-split"),
    pytest.param("\u0625\u0633\u0637\u0646\u0628\u0648\u0644", "\u0627\u0633\u062a\u0627\u0646\u0628\u0648\u0644", id="istanbul-tah-teh"),
]

APART = [
    pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", "\u0643\u064a\u0645 \u064a\u0648 \u062c\u0648\u0646\u063a", id="kim-jong-un-vs-kim-yo-jong"),
    pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0625\u064a\u0644", id="kim-jong-un-vs-kim-jong-il"),
    pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0632\u0627\u064a\u062f", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632", id="abdullah-bin-zayed-vs-abdulaziz"),
    pytest.param("\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", "\u0645\u062d\u0645\u062f \u0628\u0646 \u0646\u0627\u064a\u0641", id="mbs-vs-mbn"),
    pytest.param("\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", "\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u064a\u0645\u0627\u0646", id="salman-vs-sulaiman"),
    pytest.param("\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", "\u0633\u0644\u0645\u0627\u0646", id="mbs-vs-salman"),
    pytest.param("\u062c\u0648\u0631\u062c \u0628\u0648\u0634", "\u062c\u0648\u0631\u062c \u0648\u0627\u0634\u0646\u0637\u0646", id="bush-vs-washington"),
    pytest.param("\u062c\u0645\u0627\u0644 \u0645\u0628\u0627\u0631\u0643", "\u0643\u0645\u0627\u0644 \u0645\u0628\u0627\u0631\u0643", id="gamal-vs-kamal"),
    pytest.param("\u062a\u0648\u0646\u0633", "\u062a\u0648\u0646\u0633 \u0627\u0644\u0639\u0627\u0635\u0645\u0629", id="tunisia-vs-tunis-city"),
    pytest.param("\u0627\u0644\u0633\u0648\u064a\u062f", "\u0627\u0644\u0633\u0648\u062f\u0627\u0646", id="sweden-vs-sudan"),
    pytest.param("\u0627\u0644\u0646\u0645\u0633\u0627", "\u0627\u0644\u0646\u0631\u0648\u064a\u062c", id="austria-vs-norway"),
    pytest.param("\u0646\u064a\u0648\u064a\u0648\u0631\u0643", "\u0627\u0644\u0646\u0631\u0648\u064a\u062c", id="new-york-vs-norway"),
    pytest.param("\u0627\u0644\u0646\u064a\u062c\u0631", "\u0646\u064a\u062c\u064a\u0631\u064a\u0627", id="niger-vs-nigeria"),
    pytest.param("\u062c\u0648\u0646 \u0643\u064a\u0631\u064a", "\u062c\u0648\u0646 \u0643\u064a\u0644\u064a", id="john-kerry-vs-john-kelly"),
    pytest.param("\u0645\u064a\u0634\u0627\u0644 \u0639\u0648\u0646", "\u0645\u064a\u0634\u0627\u0644 \u0633\u0644\u064a\u0645\u0627\u0646", id="michel-aoun-vs-michel-suleiman"),
    pytest.param("\u0627\u0644\u0633\u0648\u064a\u062f", "\u0627\u0644\u0633\u0648\u064a\u062f\u0627\u0621", id="sweden-vs-sweida"),
    pytest.param("\u0627\u0644\u0643\u0648\u064a\u062a", "\u0643\u0648\u064a\u062a\u0627", id="kuwait-vs-quetta"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_namekey_variants_link(a: str, b: str) -> None:
    """Spelling variants of one name reach the link threshold."""
    assert name_similarity(a, b) >= LINK_THRESHOLD


@pytest.mark.parametrize(("a", "b"), APART)
def test_namekey_lookalikes_stay_apart(a: str, b: str) -> None:
    """Different names that look alike stay below the link threshold."""
    assert name_similarity(a, b) < LINK_THRESHOLD


def test_namekey_compound_joined_equals_split() -> None:
    """A compound written joined or split has one key."""
    assert name_key("\u0628\u064a\u0648\u0646\u063a\u064a\u0627\u0646\u063a") == name_key("\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c")


def test_namekey_title_is_stripped_and_kept_as_role() -> None:
    """Leading titles and the adjectives after them become the role."""
    parts = split_name("\u0648\u0632\u064a\u0631 \u0627\u0644\u062e\u0627\u0631\u062c\u064a\u0629 \u0627\u0644\u0631\u0648\u0633\u064a \u0633\u064a\u0631\u062c\u064a \u0644\u0627\u0641\u0631\u0648\u0641")
    assert parts.display == "\u0633\u064a\u0631\u062c\u064a \u0644\u0627\u0641\u0631\u0648\u0641"
    assert parts.role.startswith("\u0648\u0632\u064a\u0631")


def test_namekey_title_alone_keeps_last_word() -> None:
    """A title followed only by a name that starts with al- keeps that name (the president al-Assad)."""
    assert split_name("\u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0623\u0633\u062f").tokens == ("\u0627\u0633\u062f",)


def test_namekey_token_key_folds_g_letters() -> None:
    """Jeem, ghain, qaf and kaf fold to one g symbol."""
    assert len({token_key(t) for t in ("\u062c\u0648\u0646\u063a", "\u062c\u0648\u0646\u062c", "\u062c\u0648\u0646\u0642", "\u063a\u0648\u0646\u0643")}) == 1


# base letters of names, with the variant forms name_key must ignore
_LETTERS = "\u0628\u062a\u062f\u0631\u0633\u0645\u0646\u0644\u0641\u0647\u0648\u064a\u0627"
_VARIANTS = {"\u0627": "\u0623", "\u064a": "\u0649", "\u0647": "\u0629"}  # ALEF->HAMZA ALEF, YEH->MAKSURA, HEH->TEH MARBUTA


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=_LETTERS, min_size=3, max_size=8), min_size=1, max_size=3))
def test_namekey_invariant_under_spelling_variants(tokens: list[str]) -> None:
    """Alef/hamza, yeh/alef maksura, heh/teh marbuta and harakat variants do not change the key."""
    name = " ".join(tokens)
    varied = " ".join(
        "".join(_VARIANTS.get(ch, ch) if i == len(t) - 1 or ch == "\u0627" else ch for i, ch in enumerate(t)) + "\u064e"
        for t in tokens
    )
    assert name_key(varied) == name_key(name)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u0631\u0628\u064a\u0639\u0629", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u0631\u0628\u064a\u0639\u0627\u0646", id="rabiah-rabiaan"),
        pytest.param("\u0627\u0644\u0646\u064a\u062c\u0631", "\u0646\u064a\u062c\u064a\u0631\u064a\u0627", id="niger-nigeria"),
    ],
)
def test_namekey_suffix_family_names_differ(a: str, b: str) -> None:
    """Names whose last word differs by an ending are not spellings of each other."""
    assert name_similarity(a, b) < LINK_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param("\u0628\u064a\u0648\u0646\u063a\u064a\u0627\u0646\u063a", "\u0628\u064a\u0648\u0646\u063a \u064a\u0627\u0646\u063a", True, id="joined-compound"),
        pytest.param("\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", "\u0628\u064a\u0648\u0646\u063a \u064a\u0627\u0646\u063a", True, id="g-letters"),
        pytest.param("\u062f\u0648\u0646\u0627\u0644\u062f \u062a\u0631\u0645\u0628", "\u062f\u0648\u0646\u0627\u0644\u062f \u062a\u0631\u0627\u0645\u0628", True, id="dropped-alef"),
        pytest.param("\u0643\u0648\u0631\u064a\u0627", "\u0643\u0627\u0631\u0627", False, id="korea-kara"),
        pytest.param("\u0643\u0648\u0631\u064a\u0627", "\u0643\u0648\u0631\u0648\u0627", False, id="korea-changed-vowel"),
        pytest.param("\u062c\u0648\u0631\u062c", "\u062c\u0648\u0631\u062c\u064a\u0627", False, id="george-georgia"),
        pytest.param("\u062c\u0648\u0631\u062c", "\u0643\u0631\u062c", False, id="george-karaj-short-key"),
        pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a", "\u0643\u064a\u0645 \u064a\u0648 \u062c\u0648\u0646\u063a", False, id="kim-jong-kim-yo-jong"),
    ],
)
def test_namekey_same_spelling_is_strict(a: str, b: str, same: bool) -> None:
    """The look-up test accepts spacing, g-letters and dropped vowels, never a neighbour name."""
    assert same_spelling(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "linked"),
    [
        pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u062b\u0627\u0646\u064a", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u062b\u0627\u0646\u064a \u0628\u0646 \u0627\u0644\u062d\u0633\u064a\u0646", True, id="abdullah-ii"),
        pytest.param("\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", "\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646 \u0628\u0646 \u0639\u0628\u062f \u0627\u0644\u0639\u0632\u064a\u0632", True, id="mbs"),
        pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u0631\u0628\u064a\u0639\u0629", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632 \u0627\u0644\u0631\u0628\u064a\u0639\u0629", True, id="inner-lineage"),
        pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0627\u0644\u062d\u0633\u064a\u0646", False, id="lone-given-name"),
        pytest.param("\u0645\u062d\u0645\u062f \u0633\u0644\u0645\u0627\u0646", "\u0645\u062d\u0645\u062f \u0628\u0646 \u0646\u0627\u064a\u0641 \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", False, id="grandfather-not-family"),
        pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0632\u0627\u064a\u062f", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632", False, id="two-abdullahs"),
    ],
)
def test_namekey_extends_lineage(a: str, b: str, linked: bool) -> None:
    """A name extended by a "bin X" lineage links; a lone given name or another lineage does not."""
    assert extends_lineage(split_name(a).tokens, split_name(b).tokens, LINK_THRESHOLD) is linked


@pytest.mark.parametrize(
    ("a", "b", "linked"),
    [
        pytest.param("\u0633\u0644\u064a\u0645\u0627\u0646 \u0627\u0644\u0623\u0633\u062f", "\u0633\u0644\u064a\u0645\u0627\u0646 \u0647\u0644\u0627\u0644 \u0627\u0644\u0623\u0633\u062f", True, id="middle-name"),
        pytest.param("\u0647\u0644\u0627\u0644 \u0627\u0644\u0623\u0633\u062f", "\u0633\u0644\u064a\u0645\u0627\u0646 \u0647\u0644\u0627\u0644 \u0627\u0644\u0623\u0633\u062f", False, id="father-is-another-person"),
        pytest.param("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a", "\u0643\u064a\u0645 \u064a\u0648 \u062c\u0648\u0646\u063a", False, id="no-al-family-name"),
    ],
)
def test_namekey_drops_middle_name(a: str, b: str, linked: bool) -> None:
    """An Arabic name without its father's name links to the full name; the father does not."""
    assert drops_middle_name(a, b, LINK_THRESHOLD) is linked


def test_namekey_abd_particle_keeps_article() -> None:
    """"abd al-aziz" written apart or joined gives one token, so both spellings have one key."""
    assert split_name("\u0633\u0644\u0645\u0627\u0646 \u0628\u0646 \u0639\u0628\u062f \u0627\u0644\u0639\u0632\u064a\u0632").tokens == split_name("\u0633\u0644\u0645\u0627\u0646 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632").tokens


#: Name tokens (normalized) that collide in many ways: transliterations, shared stems, given names, bin.
_POOL = ["\u0643\u064a\u0645", "\u062c\u0648\u0646\u063a", "\u062c\u0648\u0646\u062c", "\u064a\u0648\u0646\u062c",
         "\u0627\u0648\u0646", "\u0645\u062d\u0645\u062f", "\u0628\u0646", "\u0633\u0644\u0645\u0627\u0646",
         "\u0633\u0644\u064a\u0645\u0627\u0646", "\u0646\u0627\u064a\u0641", "\u0627\u0644\u0631\u0628\u064a\u0639\u0647",
         "\u0627\u0644\u0631\u0628\u064a\u0639\u0627\u0646", "\u0643\u064a\u0631\u064a", "\u0643\u064a\u0644\u064a"]


@settings(max_examples=300, deadline=None)
@given(ta=st.lists(st.sampled_from(_POOL), min_size=1, max_size=5).map(tuple),
       tb=st.lists(st.sampled_from(_POOL), min_size=1, max_size=5).map(tuple),
       threshold=st.sampled_from([0.4, 0.5, 0.6, 0.85, 0.9]))
def test_namekey_can_reach_never_drops_a_link(ta: tuple[str, ...], tb: tuple[str, ...], threshold: float) -> None:
    """A pair the cheap test rules out always scores below the threshold."""
    if not can_reach(ta, tb, threshold):
        assert token_similarity(ta, tb) < threshold
