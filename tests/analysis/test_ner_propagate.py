"""Tests of name propagation within a batch (one sense per discourse)."""

from __future__ import annotations

import pytest

from marsad.analysis.entities.ner.propagate import PropagateSettings, found_names, propagate_labels
from marsad.errors import ConfigError

BANK = ["\u0627\u0644\u0628\u0646\u0643", "\u0627\u0644\u062a\u062c\u0627\u0631\u064a"]  # the Commercial Bank
SAID = "\u0642\u0627\u0644"  # said
IN = "\u0641\u064a"  # in
PUTIN = "\u0628\u0648\u062a\u064a\u0646"  # Putin
UN = "\u0627\u0645"  # a two-letter token


@pytest.mark.parametrize(
    ("norms", "labels", "expected"),
    [
        pytest.param(
            [[SAID, *BANK], [IN, *BANK]],
            [["O", "B-ORG", "I-ORG"], ["O", "O", "O"]],
            [["O", "B-ORG", "I-ORG"], ["O", "B-ORG", "I-ORG"]],
            id="missed-occurrence-is-tagged",
        ),
        pytest.param(
            [[PUTIN, SAID], [PUTIN, IN], [PUTIN]],
            [["B-PERS", "O"], ["B-LOC", "O"], ["O"]],
            [["B-PERS", "O"], ["B-LOC", "O"], ["B-PERS"]],
            id="tagged-occurrences-keep-their-labels",
        ),
        pytest.param(
            [[SAID, *BANK], [BANK[1], IN]],
            [["O", "B-ORG", "I-ORG"], ["O", "O"]],
            [["O", "B-ORG", "I-ORG"], ["O", "O"]],
            id="part-of-a-name-is-not-a-name",
        ),
        pytest.param(
            [[SAID, *BANK], [*BANK, PUTIN]],
            [["O", "B-ORG", "I-ORG"], ["O", "O", "I-PERS"]],
            [["O", "B-ORG", "I-ORG"], ["O", "O", "I-PERS"]],
            id="an-entity-is-not-cut-off",
        ),
        pytest.param([[UN, SAID], [UN]], [["B-ORG", "O"], ["O"]], [["B-ORG", "O"], ["O"]], id="short-token-stays"),
        pytest.param([[]], [[]], [[]], id="empty-sentence"),
    ],
)
def test_ner_propagate_labels(norms, labels, expected):
    """A name found in the batch labels its untagged occurrences, and nothing else changes."""
    assert propagate_labels(norms, labels) == expected


def test_ner_propagate_uses_the_majority_type():
    """A name tagged with two types propagates with the one it got most often."""
    norms = [[PUTIN], [PUTIN], [PUTIN], [IN, PUTIN]]
    labels = [["B-PERS"], ["B-PERS"], ["B-LOC"], ["O", "O"]]
    assert found_names(norms, labels, PropagateSettings()) == {(PUTIN,): "PERS"}
    assert propagate_labels(norms, labels)[3] == ["O", "B-PERS"]


def test_ner_propagate_prefers_the_longest_name():
    """Where a long name and its first word are both names, the long one is tagged."""
    norms = [[PUTIN, IN], [PUTIN, SAID], [SAID, PUTIN, SAID]]
    labels = [["B-PERS", "O"], ["B-ORG", "I-ORG"], ["O", "O", "O"]]
    assert propagate_labels(norms, labels)[2] == ["O", "B-ORG", "I-ORG"]


def test_ner_propagate_settings_reject_bad_length():
    """A minimum length below one letter is refused with a fix-it message."""
    with pytest.raises(ConfigError, match="min_single_chars"):
        PropagateSettings(min_single_chars=0)


def test_ner_article_fields_are_one_batch():
    """Title and body are tagged in one call (one document), so the body's names reach the title."""
    from marsad.analysis.entities.ner import find_article_mentions, load_tagger

    class Recorder:
        """A tagger stand-in that tags every PUTIN token and records its batches."""

        extractor = load_tagger().extractor

        def __init__(self) -> None:
            self.calls: list[list[list[str]]] = []

        def tag_sentences(self, sents: list[list[str]]) -> list[list[str]]:
            self.calls.append(sents)
            return [["B-PERS" if t == PUTIN else "O" for t in s] for s in sents]

    recorder = Recorder()
    title, body = f"{PUTIN} {IN}", f"{SAID} {PUTIN} .\n{IN} {PUTIN}"
    found = find_article_mentions({"title": title, "body": body}, recorder)
    assert len(recorder.calls) == 1 and len(recorder.calls[0]) == 3
    assert [(m.field, m.start) for m in found] == [("title", 0), ("body", len(SAID) + 1), ("body", body.rindex(PUTIN))]
