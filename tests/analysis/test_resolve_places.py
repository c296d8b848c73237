"""Resolution against the gazetteer: ordinary words are no foreign towns, clitics are cut only where written.

Cases from reading a day of SaudiNewsNet (2015-08-04) as a new user would (issue #13); each was a wrong link.
"""

from __future__ import annotations

import pytest

from marsad.analysis.entities.gazetteer import load_gazetteer
from marsad.analysis.entities.registry import EntityRegistry
from marsad.analysis.entities.resolve import resolve_mentions
from marsad.model import Mention
from tests.analysis.test_resolve import _article


@pytest.mark.parametrize(
    "word",
    [
        pytest.param("\u062c\u0646\u064a\u0647", id="pound-is-not-konya"),  # JEEM NOON YEH HEH: pound (currency)
        pytest.param("\u0627\u0644\u0642\u0631\u0645", id="crimea-is-not-jurm"),  # ALEF LAM QAF REH MEEM
        pytest.param("\u0627\u0644\u0637\u0628\u064a\u0629", id="medical-is-not-taipei"),  # al-tibbiya
        pytest.param("\u0627\u0644\u062c\u0632\u064a\u0631\u0629", id="al-jazirah-is-not-algiers"),  # not_places.txt
        pytest.param("\u0643\u0648\u0631\u0648\u0646\u0627", id="coronavirus-is-not-corona-california"),
        pytest.param("\u0627\u0644\u0633\u064a\u0648\u0644", id="floods-are-not-seoul"),
    ],
)
def test_resolve_places_ordinary_word_is_no_geonames_town(word: str) -> None:
    """A one-word name reaches a GeoNames city only by an exact spelling that is not an ordinary word."""
    assert load_gazetteer().lookup(word) is None


@pytest.mark.parametrize(
    "name, english",
    [
        pytest.param("\u0643\u0648\u0627\u0644\u0627 \u0644\u0645\u0628\u0648\u0631", "Kuala Lumpur", id="two-words-by-key"),
        pytest.param("\u0627\u0644\u062c\u0632\u0627\u0626\u0631", "Algeria", id="algeria-exact"),
        pytest.param("\u0633\u0648\u0644", "Seoul", id="seoul-exact"),
    ],
)
def test_resolve_places_real_places_still_found(name: str, english: str) -> None:
    """Exact spellings and names of two words or more still reach their place."""
    entry = load_gazetteer().lookup(name)
    assert entry is not None and entry.english == english


def _resolve(text: str, spans: list[tuple[str, str]]) -> list[Mention]:
    """Resolve the mentions ``spans`` (surface, type), found left to right in ``text``, in a fresh registry."""
    return resolve_mentions(_article(text, spans), EntityRegistry())


def test_resolve_places_al_word_loses_no_wa() -> None:
    """al-walaya ("the state") is not wa- + "laya" (the town of Lae): a proclitic is cut only where written first."""
    state = "\u0627\u0644\u0648\u0644\u0627\u064a\u0629"  # ALEF LAM WAW LAM ALEF YEH TEH MARBUTA
    [m] = _resolve(f"\u0642\u0627\u0644 \u0645\u062f\u064a\u0631 {state} \u0625\u0646", [(state, "LOC")])
    assert m.canonical == state


def test_resolve_places_name_starting_with_lam_is_not_doubled() -> None:
    """"ليونيل ميسي" (Lionel Messi) is not restored to "لليونيل ميسي" from its own lam-less form."""
    messi = "\u0644\u064a\u0648\u0646\u064a\u0644 \u0645\u064a\u0633\u064a"
    text = f"\u0633\u062c\u0644 {messi} \u0647\u062f\u0641\u0627 \u0648\u0642\u0627\u0644 {messi} \u0625\u0646\u0647"
    assert {m.canonical for m in _resolve(text, [(messi, "PER"), (messi, "PER")])} == {messi}


def test_resolve_places_and_jeddah_is_not_oujda() -> None:
    """"الرياض وجدة" is Riyadh and Jeddah: the proclitic-free reading names a far bigger city than Oujda."""
    riyadh, and_jeddah = "\u0627\u0644\u0631\u064a\u0627\u0636", "\u0648\u062c\u062f\u0629"
    found = _resolve(f"\u0641\u064a {riyadh} {and_jeddah} \u0627\u0644\u064a\u0648\u0645", [(riyadh, "LOC"), (and_jeddah, "LOC")])
    assert [m.canonical for m in found] == [riyadh, "\u062c\u062f\u0629"]
    assert found[1].text == and_jeddah  # the mention keeps its written span
