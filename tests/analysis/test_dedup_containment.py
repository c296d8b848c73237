"""Edited wire copies are near-duplicates (containment), stories told in other words and templates are not."""

from __future__ import annotations

import pytest

from marsad.analysis.dedup.index import DedupIndex, DedupSettings, word_hashes
from marsad.analysis.dedup.match import part_of
from marsad.errors import ConfigError
from marsad.text.normalize import normalize
from tests.analysis.test_dedup import OTHER, WIRE  # OTHER apart from WIRE: test_dedup.py

WORDS = WIRE.split()
#: An outlet's own opening paragraph: other text, a third as long as the wire copy.
OPENING = " ".join(OTHER.split()[: len(WORDS) // 3])


def _keep(share: float) -> str:
    """The first ``share`` of the wire text's words."""
    return " ".join(WORDS[: int(len(WORDS) * share)])


def _changed_words(every: int) -> str:
    """The wire text with every ``every``-th word replaced."""
    return " ".join("\u062a\u063a\u064a\u064a\u0631" if i % every == 0 else w for i, w in enumerate(WORDS))


@pytest.mark.parametrize(
    ("copy", "part"),
    [
        pytest.param(OPENING + " " + WIRE, "ending", id="added-opening-paragraph"),
        pytest.param(_keep(0.5), "whole", id="trimmed-to-half"),
        pytest.param(_changed_words(7), "throughout", id="every-seventh-word-changed"),
        pytest.param(OPENING + " " + _keep(0.6), "ending", id="new-opening-and-trimmed-ending"),
    ],
)
def test_dedup_containment_marks_edited_wire_copy(copy: str, part: str) -> None:
    """Another outlet's edited copy points at the earliest copy, with the match explained."""
    index = DedupIndex()
    assert index.check_and_add("wire", WIRE, "spa", "2019-04-25T08:00:00") is None
    dup = index.check_and_add("copy", copy, "okaz", "2019-04-25T12:00:00")
    assert dup is not None and dup.duplicate_of == "wire" and dup.first_source == "spa"
    assert dup.match is not None and dup.match["part"] == part
    assert dup.match["containment"] >= DedupSettings().containment


def test_dedup_containment_needs_dates_within_window() -> None:
    """A contained text published weeks later is a recurring template, not a reprint (Jaccard stays unlimited)."""
    index = DedupIndex()
    index.check_and_add("wire", WIRE, "spa", "2019-04-25T08:00:00")
    later = OPENING + " " + _keep(0.5)
    assert index.check_and_add("later", later, "okaz", "2019-05-20T08:00:00") is None
    assert index.confirm(index._profile(word_hashes(later)), index.storage.get("wire")) is not None  # a copy but for the dates
    assert index.check_and_add("reprint", WIRE, "okaz", "2019-05-20T08:00:00") is not None


def test_dedup_containment_template_with_other_figures_is_not_a_copy() -> None:
    """Two market closes on one template but different figures are two articles."""
    frame = normalize(
        "\u0623\u063a\u0644\u0642 \u0645\u0624\u0634\u0631 \u0627\u0644\u0633\u0648\u0642 \u0627\u0644\u064a\u0648\u0645 "
        "\u0639\u0646\u062f \u0645\u0633\u062a\u0648\u0649 {a} \u0646\u0642\u0637\u0629 \u0628\u062a\u062f\u0627\u0648\u0644 "
        "{b} \u0645\u0644\u064a\u0648\u0646 \u0633\u0647\u0645 \u0642\u064a\u0645\u062a\u0647\u0627 {c} \u0645\u0644\u064a\u0627\u0631 "
        "\u0631\u064a\u0627\u0644 \u0648\u0627\u0631\u062a\u0641\u0639\u062a \u0623\u0633\u0647\u0645 {d} \u0634\u0631\u0643\u0629 "
        "\u0648\u062a\u0631\u0627\u062c\u0639\u062a \u0623\u0633\u0647\u0645 {e} \u0634\u0631\u0643\u0629 "
    )
    index = DedupIndex()
    index.check_and_add("monday", frame.format(a=8120, b=250, c=6.1, d=80, e=70) * 3, "spa", "2015-08-03")
    assert index.check_and_add("tuesday", frame.format(a=8056, b=310, c=7.4, d=65, e=91) * 3, "spa", "2015-08-04") is None


@pytest.mark.parametrize(
    ("span", "shared", "part"),
    [
        pytest.param((0, 100, 100), 0.9, "whole", id="whole"),
        pytest.param((0, 50, 100), 0.5, "opening", id="opening"),
        pytest.param((40, 100, 100), 0.5, "ending", id="ending"),
        pytest.param((30, 60, 100), 0.3, "middle", id="middle"),
        pytest.param((5, 98, 100), 0.5, "throughout", id="throughout"),
    ],
)
def test_dedup_match_part_names_where_the_copy_matched(span: tuple[int, int, int], shared: float, part: str) -> None:
    """The matched span's place in the copy is named for the reader."""
    assert part_of(span, shared) == part


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"containment": 0.0}, id="containment-zero"),
        pytest.param({"anchor_mod": 0}, id="anchor-mod-zero"),
        pytest.param({"min_shared": 0}, id="min-shared-zero"),
        pytest.param({"anchor_share": 1.5}, id="anchor-share-above-one"),
        pytest.param({"window_days": 0}, id="window-zero"),
    ],
)
def test_dedup_settings_reject_bad_containment_settings(kwargs: dict) -> None:
    """Bad containment settings are refused with the fix named."""
    with pytest.raises(ConfigError, match="use"):
        DedupSettings(**kwargs)


def test_dedup_rows_of_another_version_are_rebuilt_from_text() -> None:
    """An index stored under an older layout is re-hashed from the stored text, keeping what each article copies."""
    texts = {"wire": WIRE, "reprint": WIRE}
    old = DedupIndex(DedupSettings(num_perm=64, bands=16))
    old.check_and_add("wire", WIRE, "spa", "2019-04-25")
    old.check_and_add("reprint", WIRE, "okaz", "2019-04-25")
    again = DedupIndex.from_rows(old.to_rows(), DedupSettings(keep_shingles=False), fetch_text=texts.__getitem__)
    assert again.storage.get("reprint").duplicate_of == "wire"
    dup = again.check_and_add("copy", OPENING + " " + WIRE, "alriyadh", "2019-04-25")
    assert dup is not None and dup.duplicate_of == "wire" and dup.first_source == "spa"
