"""Tests of the shipped Arabic NER: loading, seed entities, CoNLL output format, clitic offsets, span decoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.entities.ner import MODEL_VERSION, find_mentions, load_crf_tagger, load_tagger, tag_conll
from marsad.analysis.entities.ner.consistency import ConsistencySettings, consistency_features
from marsad.analysis.entities.ner.features import FeatureSettings
from marsad.analysis.entities.ner.resources import load_clusters, load_gazetteer, proclitic_length, split_clitics
from marsad.analysis.entities.ner.scoring import LABELS, entity_scores, spans
from marsad.analysis.entities.ner.tagger import TrainSettings
from marsad.errors import ConfigError

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
PUTIN = "\u0628\u0648\u062a\u064a\u0646"  # Putin
WA_PUTIN = "\u0648" + PUTIN  # WAW + Putin ("and Putin")
KIM_JONG_UN = "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646"  # Kim Jong Un
VLADIVOSTOK = "\u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643"  # Vladivostok
KREMLIN = "\u0643\u0631\u0645\u0644\u064a\u0646"  # Kremlin (no article)
LIL_KREMLIN = "\u0644\u0644" + KREMLIN  # li + al-Kremlin
LEBANON = "\u0644\u0628\u0646\u0627\u0646"  # Lebanon
MINISTRY = "\u0648\u0632\u0627\u0631\u0629"  # ministry (starts with WAW)
PYONGYANG_J = ("\u0628\u064a\u0648\u0646\u062c", "\u064a\u0627\u0646\u062c")  # Pyong Yang (JEEM spelling)
PYONGYANG_G = ("\u0628\u064a\u0648\u0646\u063a", "\u064a\u0627\u0646\u063a")  # Pyong Yang (GHAIN spelling)
FAISAL = "\u0641\u064a\u0635\u0644"  # Faisal (FEH + "arrives")
WALTER = "\u0641\u0627\u0644\u062a\u0631"  # Walter (FEH + al- + two letters)
VLADIMIR = "\u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631"  # Vladimir


@pytest.fixture(scope="module")
def tagger():
    """The shipped tagger."""
    return load_tagger()


@pytest.fixture(scope="module")
def seed_mentions(tagger):
    """Mentions found in both seed articles, as (text, type) pairs."""
    found = set()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for m in find_mentions(text, "body", tagger):
            assert text[m.start : m.end] == m.text
            found.add((m.text, m.type))
    return found


def test_ner_load_tagger_is_cached_and_versioned(tagger):
    """The loader returns one shared tagger carrying the model version."""
    assert load_tagger() is tagger
    assert tagger.version == MODEL_VERSION == "ner-ens.v3"
    assert tagger.crf.version == "ner-crf.v2.pass1" and tagger.crf.second is None  # the CRF's first pass
    assert tagger.neural.version == "ner-lstm.v1"


def test_ner_tag_returns_known_labels(tagger):
    """Every tag is an ANERcorp IOB2 label and there is one per token."""
    toks = ["\u0627\u0644\u0631\u0626\u064a\u0633", PUTIN, "\u0641\u064a", VLADIVOSTOK, "."]
    tags = tagger.tag(toks)
    assert len(tags) == len(toks) and set(tags) <= set(LABELS)
    assert tagger.tag([]) == []


@pytest.mark.parametrize(
    ("surface", "etype"),
    [
        pytest.param(PUTIN, "PER", id="putin"),
        pytest.param(KIM_JONG_UN, "PER", id="kim-jong-un"),
        pytest.param(VLADIVOSTOK, "LOC", id="vladivostok"),
        pytest.param(LIL_KREMLIN, "ORG", id="kremlin-with-li-al"),
    ],
)
def test_ner_seed_entities_found(seed_mentions, surface, etype):
    """The running example's people, place and institution are found with the right types."""
    assert (surface, etype) in seed_mentions


def test_ner_find_mentions_strips_waw_clitic(tagger):
    """'and-Putin' yields the mention 'Putin' whose offsets skip the WAW."""
    text = "\u0627\u062c\u062a\u0645\u0639 " + KIM_JONG_UN + " " + WA_PUTIN + " \u0641\u064a " + VLADIVOSTOK + "."
    mentions = find_mentions(text, "title", tagger)
    putin = [m for m in mentions if m.text == PUTIN]
    assert putin and putin[0].start == text.index(WA_PUTIN) + 1 and putin[0].type == "PER"
    assert all(text[m.start : m.end] == m.text and m.field == "title" for m in mentions)


def test_ner_find_mentions_rejects_unknown_field(tagger):
    """A field other than title/body is a ConfigError naming the fix."""
    with pytest.raises(ConfigError, match="title"):
        find_mentions("x", "summary", tagger)


@pytest.mark.parametrize(
    ("word", "cut"),
    [
        pytest.param(WA_PUTIN, 1, id="wa-putin"),
        pytest.param(PUTIN, 0, id="putin-starts-with-beh"),
        pytest.param(LEBANON, 0, id="lebanon-starts-with-lam"),
        pytest.param("\u0628" + LEBANON, 1, id="bi-lebanon"),
        pytest.param(LIL_KREMLIN, 0, id="lil-kremlin-kept"),
        pytest.param(MINISTRY, 0, id="ministry-starts-with-waw"),
    ],
)
def test_ner_proclitic_length(word, cut):
    """Lexicon-guided proclitic detection strips glued conjunctions/prepositions, not name letters."""
    assert proclitic_length(word, load_clusters(), load_gazetteer()) == cut


@pytest.mark.parametrize(
    ("word", "follow", "cut"),
    [
        pytest.param(WA_PUTIN, "", 1, id="wa-putin"),
        pytest.param("\u0644" + PYONGYANG_J[0], PYONGYANG_J[1], 1, id="li-pyongyang"),
        pytest.param("\u0648" + PYONGYANG_J[0], PYONGYANG_J[1], 1, id="wa-pyongyang-keeps-beh"),
        pytest.param(FAISAL, "", 0, id="faisal-stays"),
        pytest.param(WALTER, "", 0, id="walter-stays"),
        pytest.param(VLADIMIR, PUTIN, 0, id="vladimir-stays"),
        pytest.param(PYONGYANG_G[0], PYONGYANG_G[1], 0, id="pyongyang-ghain-stays"),
        pytest.param("\u0648" + VLADIMIR, PUTIN, 1, id="wa-vladimir"),
    ],
)
def test_ner_proclitic_length_keeps_name_letters(word, follow, cut):
    """A proclitic is stripped only when the full form is not itself a known name (gazetteer, next word)."""
    assert proclitic_length(word, load_clusters(), load_gazetteer(), follow) == cut


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        pytest.param("\u0648" + PYONGYANG_J[0] + " " + PYONGYANG_J[1], " ".join(PYONGYANG_J), id="wa-pyongyang"),
        pytest.param("\u0644" + PYONGYANG_J[0] + " " + PYONGYANG_J[1], " ".join(PYONGYANG_J), id="li-pyongyang"),
        pytest.param(" ".join(PYONGYANG_G), " ".join(PYONGYANG_G), id="pyongyang-ghain"),
        pytest.param(WA_PUTIN, PUTIN, id="wa-putin"),
    ],
)
def test_ner_find_mentions_trims_only_clitics(phrase, expected):
    """Mention spans lose a glued conjunction/preposition but never a name's own first letter."""
    text = "\u0648\u0635\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 " + phrase + " ."
    start = text.index(phrase) + len(phrase) - len(expected)
    # the tagger decides the span; trimming only ever moves its start to where the name begins
    for m in find_mentions(text, "body", load_tagger()):
        if m.start <= start < m.end or text.index(phrase) <= m.start < start:
            assert m.start == start and m.text.startswith(expected.split()[0])


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("\u0648\u0627\u0644" + KREMLIN, ("\u0648\u0627\u0644", KREMLIN), id="wal-kremlin"),
        pytest.param(LIL_KREMLIN, ("\u0644\u0644", KREMLIN), id="lil-is-li-al"),
        pytest.param("\u0645\u0646", ("", "\u0645\u0646"), id="short-word-untouched"),
    ],
)
def test_ner_split_clitics(word, expected):
    """Feature-side clitic splitting: w/f, then b/l/k, then al-."""
    assert split_clitics(word) == expected


def test_ner_tag_conll_format(tagger):
    """Each line gets TAB + tag, extra columns are kept, blank lines stay blank, CRLF is stripped."""
    lines = [f"{PUTIN} B-PERS\n", "\u0641\u064a\tO\textra\r\n", "\n", f"{VLADIVOSTOK}\n", "\n", "\n"]
    out = list(tag_conll(lines, tagger))
    assert len(out) == len(lines)
    assert out[2] == "" and out[4] == "" and out[5] == ""
    for src, line in zip(lines, out, strict=True):
        if src.strip():
            head, tag = line.rsplit("\t", 1)
            assert head == src.rstrip("\r\n") and tag in LABELS


def test_ner_tag_conll_without_final_blank(tagger):
    """A last sentence without a trailing blank line is still tagged."""
    out = list(tag_conll([PUTIN], tagger))
    assert len(out) == 1 and out[0].startswith(PUTIN + "\t")


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        pytest.param(["B-PERS", "I-PERS", "O"], [(0, 2, "PERS")], id="b-i"),
        pytest.param(["I-LOC", "I-LOC"], [(0, 2, "LOC")], id="stray-i-opens"),
        pytest.param(["B-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")], id="type-change"),
        pytest.param(["B-MISC", "B-MISC"], [(0, 1, "MISC"), (1, 2, "MISC")], id="adjacent-b"),
    ],
)
def test_ner_spans_decoding(tags, expected):
    """IOB2 decoding follows conlleval."""
    assert spans(tags) == expected


@given(st.lists(st.sampled_from(LABELS), max_size=30))
def test_ner_spans_are_ordered_and_disjoint(tags):
    """Decoded spans are within bounds, ordered and non-overlapping; scoring gold against itself is perfect."""
    out = spans(tags)
    assert all(0 <= s < e <= len(tags) for s, e, _ in out)
    assert all(a[1] <= b[0] for a, b in zip(out, out[1:]))
    if out:
        assert entity_scores([tags], [tags])["micro_f1"] == 1.0


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=PUTIN + WA_PUTIN + VLADIVOSTOK + " .\u060c\n\u064e", max_size=60))
def test_ner_mention_offsets_match_text(text):
    """Whatever the input, every mention's text is exactly ``text[start:end]``."""
    for m in find_mentions(text, "body", load_tagger()):
        assert text[m.start : m.end] == m.text and m.start < m.end


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"c1": -1.0}, id="negative-c1"),
        pytest.param({"max_iterations": 0}, id="zero-iterations"),
    ],
)
def test_ner_train_settings_reject_bad_values(kwargs):
    """Bad training settings raise ConfigError."""
    with pytest.raises(ConfigError):
        TrainSettings(**kwargs)


def test_ner_feature_settings_reject_bad_values():
    """Bad feature settings raise ConfigError."""
    with pytest.raises(ConfigError, match="affix_max"):
        FeatureSettings(affix_max=0)


@pytest.mark.parametrize("which", ["two-pass", "ensemble-first-pass"])
def test_ner_numpy_decoding_matches_crfsuite(tagger, which):
    """The NumPy Viterbi returns exactly what crfsuite's own tagger returns for the same features."""
    import pycrfsuite

    tagger = load_crf_tagger() if which == "two-pass" else tagger.crf
    crf = pycrfsuite.Tagger()
    crf.open(str(tagger.model_path))
    text = (SEEDS / "000_fc13acc477961b1c.txt").read_text(encoding="utf-8")
    sents = [s.split() for s in text.splitlines() if s.strip()][:8]
    assert tagger.tag_sentences(sents) == [crf.tag(row) for row in tagger.attributes(sents)]


def test_ner_consistency_features_see_other_occurrences():
    """A word tagged B-PERS in a neighbouring sentence gets a d:B-PERS feature; its own label is not counted."""
    ex = load_tagger().extractor
    batch = [[ex.word(PUTIN), ex.word("\u0642\u0627\u0644")], [ex.word(WA_PUTIN)]]
    feats = consistency_features(batch, [["B-PERS", "O"], ["O"]], ConsistencySettings(window=1))
    assert "d:B-PERS" in feats[1][0] and "s1=O" in feats[1][0]
    assert "d:B-PERS" not in feats[0][0] and "dm=O" in feats[0][0]
    alone = consistency_features(batch, [["B-PERS", "O"], ["O"]], ConsistencySettings(window=0))
    assert "d=none" in alone[1][0]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from([PUTIN, WA_PUTIN, VLADIVOSTOK, "."]), max_size=6), max_size=6))
def test_ner_consistency_features_shape(sents):
    """There is one feature list per token, each naming the token's own first-pass label."""
    ex = load_tagger().extractor
    batch = [[ex.word(t) for t in s] for s in sents]
    tags = [["B-LOC" if t == VLADIVOSTOK else "O" for t in s] for s in sents]
    out = consistency_features(batch, tags)
    assert [len(r) for r in out] == [len(s) for s in sents]
    assert all(row[0] == "s1=" + t for rows, ts in zip(out, tags) for row, t in zip(rows, ts))


def test_ner_consistency_settings_reject_negative_window():
    """A negative window is a ConfigError naming the field."""
    with pytest.raises(ConfigError, match="window"):
        ConsistencySettings(window=-1)


def test_ner_train_stacked_writes_both_passes(tmp_path):
    """Two-pass training on a toy corpus writes both models and yields a working two-pass tagger."""
    from marsad.analysis.entities.ner.tagger import default_extractor
    from marsad.analysis.entities.ner.training import StackSettings, train_stacked

    said = "\u0642\u0627\u0644"  # "said"
    pairs = [([said, PUTIN, "\u0641\u064a", VLADIVOSTOK], ["O", "B-PERS", "O", "B-LOC"])] * 4
    pairs += [([PUTIN, said], ["B-PERS", "O"])] * 2
    quick = TrainSettings(max_iterations=5)
    first, second = tmp_path / "p1.crfsuite", tmp_path / "p2.crfsuite"
    tagger = train_stacked(pairs, first, second, default_extractor(), StackSettings(first=quick, second=quick))
    assert first.exists() and second.exists() and tagger.second is not None
    out = tagger.tag_sentences([toks for toks, _ in pairs] + [[]])
    assert [len(t) for t in out] == [len(toks) for toks, _ in pairs] + [0]


def test_ner_stack_settings_reject_one_fold():
    """Jackknifing needs at least two folds."""
    from marsad.analysis.entities.ner.training import StackSettings

    with pytest.raises(ConfigError, match="folds"):
        StackSettings(folds=1)


def test_ner_clear_caches_keeps_output(tagger):
    """Tagging with emptied per-word caches (cold) gives exactly the warm result."""
    text = (SEEDS / "000_fc13acc477961b1c.txt").read_text(encoding="utf-8")
    sents = [s.split() for s in text.splitlines() if s.strip()][:6]
    warm = tagger.tag_sentences(sents)
    tagger.clear_caches()
    assert not len(tagger.crf._vecs) and not len(tagger.neural._rows)
    assert tagger.tag_sentences(sents) == warm


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([["b", "w=" + PUTIN], [], ["no-such-attribute"]], id="empty-and-unknown-rows"),
        pytest.param([["b", "sh=A", "len=5", "b"]], id="repeated-attribute"),
        pytest.param([], id="no-tokens"),
    ],
)
def test_ner_attr_emissions_match_row_ids(tagger, rows):
    """Scoring attribute strings in one pass equals scoring their known row ids token by token."""
    import numpy as np

    joint = load_crf_tagger()._joint
    got = joint.attr_emissions(rows)
    assert got.shape == (len(rows), len(joint.labels))
    if rows:
        assert np.array_equal(got, joint.emissions([joint.ids(r) for r in rows]))


def test_ner_prefixed_index_drops_prefix(tagger):
    """A prefixed index maps the unprefixed name to the row of the prefixed attribute."""
    joint = load_crf_tagger()._joint
    minus1 = joint.prefixed_index("-1:")
    assert minus1 and all(joint.index["-1:" + name] == row for name, row in list(minus1.items())[:200])


def test_ner_word_window_features_are_prefixed(tagger):
    """A word's window features carry their neighbour position as prefix."""
    wf = tagger.extractor.word(WA_PUTIN)
    for off, prefix in ((-2, "-2:"), (-1, "-1:"), (1, "+1:"), (2, "+2:")):
        got = wf.window(off)
        assert got and all(f.startswith(prefix) for f in got)
        assert [f[3:] for f in got] == list(wf.unprefixed(off))


@pytest.mark.parametrize("n", [0, 7, 399, 3973])
def test_ner_split_fold_partitions_the_sentences(n):
    """The ten folds hold every sentence exactly once, in order, and each rest is the other nine."""
    from marsad.analysis.entities.ner.scoring import split_fold

    sents = [[(str(i), "O")] for i in range(n)]
    held = [split_fold(sents, k) for k in range(10)]
    assert [s for _, h in held for s in h] == sents
    assert all(len(r) + len(h) == n for r, h in held)


def test_ner_split_fold_rejects_a_fold_out_of_range():
    """A fold outside 0..folds-1 is refused with the range in the message."""
    from marsad.analysis.entities.ner.scoring import split_fold

    with pytest.raises(ConfigError, match="0 to 9"):
        split_fold([], 10)
