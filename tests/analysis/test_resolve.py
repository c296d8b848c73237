"""Tests of entity resolution within and across the two seed articles, and of the registry round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.entities.gazetteer import load_gazetteer
from marsad.analysis.entities.registry import EntityRegistry, ResolveSettings
from marsad.analysis.entities.resolve import resolve_mentions
from marsad.errors import ConfigError
from marsad.model import Mention

SEEDS = Path(__file__).parents[1] / "data" / "seeds"
PUTIN_TITLED = "\u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u0631\u0648\u0633\u064a \u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646"
PUTIN = "\u0628\u0648\u062a\u064a\u0646"
AND_PUTIN = "\u0648\u0628\u0648\u062a\u064a\u0646"
KIM_GH = "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646"
KIM_J = "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646"
KIM_Y = "\u0643\u064a\u0645 \u064a\u0648\u0646\u062c \u0623\u0648\u0646"
PY_GH = "\u0628\u064a\u0648\u0646\u063a \u064a\u0627\u0646\u063a"
PY_J = "\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c"
TO_PY_J = "\u0644\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c"
LAVROV_Y = "\u0633\u064a\u0631\u062c\u064a \u0644\u0627\u0641\u0631\u0648\u0641"
LAVROV_M = "\u0633\u064a\u0631\u062c\u0649 \u0644\u0627\u0641\u0631\u0648\u0641"

#: (seed file, [(surface form, type)]) with forms that occur in that article
ARTICLE_2019 = ("000_fc13acc477961b1c.txt", [(PUTIN_TITLED, "PER"), (PUTIN, "PER"), (KIM_GH, "PER"), (KIM_J, "PER"), (TO_PY_J, "LOC"), (PY_GH, "LOC")])
ARTICLE_2018 = ("003_9e8d747f78e969ee.txt", [(PUTIN_TITLED, "PER"), (AND_PUTIN, "PER"), (KIM_Y, "PER"), (KIM_J, "PER"), (PY_J, "LOC"), (TO_PY_J, "LOC"), (LAVROV_M, "PER"), (LAVROV_Y, "PER")])


def _mentions(name: str, forms: list[tuple[str, str]]) -> list[Mention]:
    """Build raw mentions of ``forms`` in a seed article, offsets from str.find."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    out = []
    for form, type_ in forms:
        start = text.find(form)
        assert start >= 0, form
        out.append(Mention(form, "body", start, start + len(form), type_))
    return out


def _ids(resolved: list[Mention]) -> dict[str, str]:
    """Map each mention's text to its entity id."""
    return {m.text: m.entity_id for m in resolved}


@pytest.fixture(scope="module")
def both() -> tuple[dict[str, str], dict[str, str], EntityRegistry]:
    """Resolve the 2019 then the 2018 seed article with one registry."""
    registry = EntityRegistry(load_gazetteer())
    first = _ids(resolve_mentions(_mentions(*ARTICLE_2019), registry))
    second = _ids(resolve_mentions(_mentions(*ARTICLE_2018), registry))
    return first, second, registry


@pytest.mark.parametrize(
    "group",
    [
        pytest.param([PUTIN_TITLED, PUTIN, AND_PUTIN], id="putin-title-partial-clitic"),
        pytest.param([KIM_GH, KIM_J, KIM_Y], id="kim-jong-un-variant"),
        pytest.param([PY_GH, PY_J, TO_PY_J], id="pyongyang-variant-clitic"),
        pytest.param([LAVROV_M, LAVROV_Y], id="lavrov-alef-maksura"),
    ],
)
def test_resolve_variant_groups_share_one_id_across_seeds(both, group: list[str]) -> None:
    """Every variant of a group gets one entity id, within and across the two articles."""
    first, second, _ = both
    ids = {ids_[form] for ids_ in (first, second) for form in group if form in ids_}
    assert len(ids) == 1 and None not in ids


def test_resolve_canonical_and_gazetteer_ids(both) -> None:
    """Known entities carry the gazetteer's canonical name, English name and GeoNames id."""
    _, _, registry = both
    by_english = {e.english: e for e in registry}
    assert by_english["Pyongyang"].geonames_id == 1871859
    assert by_english["Kim Jong Un"].canonical == KIM_GH
    assert by_english["Vladimir Putin"].roles


@pytest.mark.parametrize(
    ("english", "rare", "usual"),
    [
        pytest.param("London", "\u0644\u0623\u0646\u062f\u0623\u0646", "\u0644\u0646\u062f\u0646", id="london"),
        pytest.param("Ankara", "\u0622\u0646\u0642\u0631\u0647", "\u0623\u0646\u0642\u0631\u0629", id="ankara"),
        pytest.param("Tehran", "\u062a\u0647\u0631\u0627\u0646", "\u0637\u0647\u0631\u0627\u0646", id="tehran"),
    ],
)
def test_resolve_city_canonical_is_the_news_spelling(english: str, rare: str, usual: str) -> None:
    """A city's canonical name is the spelling news uses most, whichever variant the text has."""
    entry = load_gazetteer().lookup(rare, "LOC")
    assert entry is not None and entry.english == english and entry.canonical_ar == usual


def test_resolve_registry_round_trip_keeps_ids(both) -> None:
    """to_rows/from_rows keeps entities, and a reloaded registry resolves to the same ids."""
    first, _, registry = both
    rows = registry.to_rows()
    reloaded = EntityRegistry.from_rows(rows)
    assert reloaded.to_rows() == rows
    again = _ids(resolve_mentions(_mentions(*ARTICLE_2019), reloaded))
    assert again == first


def test_resolve_batches_give_same_ids(both) -> None:
    """One registry per article (batches) gives the same ids as one run for gazetteer-known entities."""
    first, second, _ = both
    assert _ids(resolve_mentions(_mentions(*ARTICLE_2018), EntityRegistry())) == second


LOOKALIKES = [
    pytest.param(["\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", "\u0643\u064a\u0645 \u064a\u0648 \u062c\u0648\u0646\u063a", "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0625\u064a\u0644"], "PER", id="kim-family"),
    pytest.param(["\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0632\u0627\u064a\u062f", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632"], "PER", id="two-abdullahs"),
    pytest.param(["\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", "\u0645\u062d\u0645\u062f \u0628\u0646 \u0646\u0627\u064a\u0641", "\u0633\u0644\u0645\u0627\u0646"], "PER", id="mbs-mbn-salman"),
    pytest.param(["\u062c\u0648\u0631\u062c \u0628\u0648\u0634", "\u062c\u0648\u0631\u062c \u0648\u0627\u0634\u0646\u0637\u0646"], "PER", id="two-georges"),
    pytest.param(["\u0628\u064a\u0644 \u0643\u0644\u064a\u0646\u062a\u0648\u0646", "\u0647\u064a\u0644\u0627\u0631\u064a \u0643\u0644\u064a\u0646\u062a\u0648\u0646"], "PER", id="two-clintons"),
    pytest.param(["\u062a\u0648\u0646\u0633", "\u062a\u0648\u0646\u0633 \u0627\u0644\u0639\u0627\u0635\u0645\u0629"], "LOC", id="tunisia-tunis"),
    pytest.param(["\u0627\u0644\u0633\u0648\u064a\u062f", "\u0627\u0644\u0633\u0648\u062f\u0627\u0646", "\u0627\u0644\u0646\u0645\u0633\u0627", "\u0627\u0644\u0646\u0631\u0648\u064a\u062c"], "LOC", id="countries"),
    pytest.param(["\u0637\u0631\u0627\u0628\u0644\u0633 \u0627\u0644\u063a\u0631\u0628", "\u0637\u0631\u0627\u0628\u0644\u0633 \u0627\u0644\u0634\u0627\u0645"], "LOC", id="two-tripolis"),
    # Abdullah / Abdulilah al-Saud; Princes Abdulmajid / Abdulmohsen bin Abdulaziz: the key drops what differs
    pytest.param(["\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0622\u0644 \u0633\u0639\u0648\u062f", "\u0639\u0628\u062f\u0627\u0644\u0625\u0644\u0647 \u0622\u0644 \u0633\u0639\u0648\u062f"], "PER",
                 id="abdullah-abdulilah"),
    pytest.param(["\u0639\u0628\u062f\u0627\u0644\u0645\u062c\u064a\u062f \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632", "\u0639\u0628\u062f\u0627\u0644\u0645\u062d\u0633\u0646 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632"], "PER",
                 id="abdulmajid-abdulmohsen"),
]


@pytest.mark.parametrize(("names", "type_"), LOOKALIKES)
def test_resolve_lookalikes_stay_apart(names: list[str], type_: str) -> None:
    """Look-alike names stay different entities, in one article and across articles."""
    text = " \u060c ".join(names)
    together = resolve_mentions([Mention(n, "body", text.find(n), text.find(n) + len(n), type_) for n in names], EntityRegistry())
    assert len({m.entity_id for m in together}) == len(names)
    registry = EntityRegistry()
    apart = [resolve_mentions([Mention(n, "body", 0, len(n), type_)], registry)[0] for n in names]
    assert len({m.entity_id for m in apart}) == len(names)


def test_resolve_keeps_offsets_and_order() -> None:
    """Resolution fills ids and canonical names without moving mentions."""
    mentions = _mentions(*ARTICLE_2019)
    resolved = resolve_mentions(mentions, EntityRegistry())
    assert [(m.text, m.start, m.end) for m in resolved] == [(m.text, m.start, m.end) for m in mentions]
    assert all(m.entity_id and m.canonical for m in resolved)


def test_resolve_settings_reject_bad_threshold() -> None:
    """A threshold outside (0, 1] is a ConfigError naming the fix."""
    with pytest.raises(ConfigError, match="link_threshold"):
        ResolveSettings(link_threshold=1.5)


RABIAH = "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u0631\u0628\u064a\u0639\u0629"
RABIAAN = "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u0631\u0628\u064a\u0639\u0627\u0646"


def test_resolve_suffix_family_names_stay_apart() -> None:
    """Family names that differ by an ending (al-Rabiah / al-Rabiaan) are two people, also across articles."""
    registry = EntityRegistry()
    first = resolve_mentions([Mention(RABIAH, "body", 0, len(RABIAH), "PER")], registry)[0]
    second = resolve_mentions([Mention(RABIAAN, "body", 0, len(RABIAAN), "PER")], registry)[0]
    assert first.entity_id != second.entity_id


@pytest.mark.parametrize(
    ("short", "full"),
    [
        pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u062b\u0627\u0646\u064a", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u062b\u0627\u0646\u064a \u0628\u0646 \u0627\u0644\u062d\u0633\u064a\u0646", id="abdullah-ii-lineage"),
        pytest.param("\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646", "\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646 \u0628\u0646 \u0639\u0628\u062f \u0627\u0644\u0639\u0632\u064a\u0632", id="mbs-lineage"),
        pytest.param("\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0627\u0644\u0631\u0628\u064a\u0639\u0629", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632 \u0627\u0644\u0631\u0628\u064a\u0639\u0629", id="rabiah-inner-lineage"),
        pytest.param("\u0633\u0644\u064a\u0645\u0627\u0646 \u0627\u0644\u0623\u0633\u062f", "\u0633\u0644\u064a\u0645\u0627\u0646 \u0647\u0644\u0627\u0644 \u0627\u0644\u0623\u0633\u062f", id="middle-name-dropped"),
    ],
)
def test_resolve_lineage_extension_links(short: str, full: str) -> None:
    """A name extended by a "bin X" lineage (or a middle name) is the same person, in one article and across."""
    text = f"{full} ... {short}"
    together = resolve_mentions(
        [Mention(full, "body", 0, len(full), "PER"), Mention(short, "body", text.rfind(short), len(text), "PER")],
        EntityRegistry(),
    )
    assert together[0].entity_id == together[1].entity_id
    for order in ((short, full), (full, short)):
        registry = EntityRegistry()
        ids = {resolve_mentions([Mention(n, "body", 0, len(n), "PER")], registry)[0].entity_id for n in order}
        assert len(ids) == 1


def test_resolve_lineage_needs_two_words() -> None:
    """A lone given name does not link to a full name with a lineage (Abdullah is thousands of people)."""
    registry = EntityRegistry()
    names = ["\u0639\u0628\u062f\u0627\u0644\u0644\u0647", "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0627\u0644\u062d\u0633\u064a\u0646"]
    ids = {resolve_mentions([Mention(n, "body", 0, len(n), "PER")], registry)[0].entity_id for n in names}
    assert len(ids) == 2


def test_resolve_korea_is_no_small_town() -> None:
    """Korea alone is not looked up as a GeoNames neighbour with the same consonants (Kara, Corua)."""
    registry = EntityRegistry()
    korea = "\u0643\u0648\u0631\u064a\u0627"
    [m] = resolve_mentions([Mention(korea, "body", 0, len(korea), "LOC")], registry)
    assert registry.get(m.entity_id).gaz_id is None
    assert registry.gazetteer.lookup("\u0643\u0648\u0631\u064a\u0627 \u0627\u0644\u0634\u0645\u0627\u0644\u064a\u0629").gaz_id == "iso:KP"


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param("\u0628\u064a\u0648\u0646\u063a \u064a\u0627\u0646\u063a", id="ghain-split"),
        pytest.param("\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", id="jeem-split"),
        pytest.param("\u0628\u064a\u0648\u0646\u063a\u064a\u0627\u0646\u063a", id="ghain-joined"),
        pytest.param("\u0644\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", id="li-proclitic"),
    ],
)
def test_resolve_place_retypes_person_tag(spelling: str) -> None:
    """A mention tagged PER that spells a big city takes the city's type and GeoNames id."""
    registry = EntityRegistry()
    [m] = resolve_mentions([Mention(spelling, "body", 0, len(spelling), "PER")], registry)
    assert m.type == "LOC" and registry.get(m.entity_id).geonames_id == 1871859


def _article(text: str, spans: list[tuple[str, str]]) -> list[Mention]:
    """Mentions of ``spans`` (surface, type) found left to right in ``text``."""
    out, pos = [], 0
    for surface, type_ in spans:
        start = text.index(surface, pos)
        out.append(Mention(surface, "body", start, start + len(surface), type_))
        pos = start + len(surface)
    return out


SPLIT_TEXT = "\u0627\u0644\u062a\u0642\u0649 \u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646 \u0648\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646\u060c \u0648\u0642\u0627\u0644 \u0643\u064a\u0645 \u0625\u0646 \u0627\u0644\u0642\u0645\u0629 \u0646\u062c\u062d\u062a\u060c \u0648\u0647\u0646\u0623 \u0628\u0648\u062a\u064a\u0646 \u0643\u064a\u0645 \u0648\u0642\u0627\u0644 \u0625\u0646 \u0628\u0648\u062a\u064a\u0646 \u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c \u0627\u062a\u0641\u0642\u0627"
SPLIT_SPANS = [("\u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646", "PER"), ("\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646", "PER"), ("\u0643\u064a\u0645", "PER"), ("\u0628\u0648\u062a\u064a\u0646 \u0643\u064a\u0645", "PER"), ("\u0628\u0648\u062a\u064a\u0646 \u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", "PER")]


def test_resolve_splits_span_of_two_names() -> None:
    """A PER span covering two known names becomes two mentions whose offsets still slice the text exactly."""
    registry = EntityRegistry()
    out = resolve_mentions(_article(SPLIT_TEXT, SPLIT_SPANS), registry)
    assert all(SPLIT_TEXT[m.start : m.end] == m.text for m in out)
    by_text = {}
    for m in out:
        by_text.setdefault(m.text, set()).add((m.type, m.entity_id))
    assert "\u0628\u0648\u062a\u064a\u0646 \u0643\u064a\u0645" not in by_text and "\u0628\u0648\u062a\u064a\u0646 \u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c" not in by_text
    putin = {e for _, e in by_text["\u0641\u0644\u0627\u062f\u064a\u0645\u064a\u0631 \u0628\u0648\u062a\u064a\u0646"]}
    assert {e for _, e in by_text["\u0628\u0648\u062a\u064a\u0646"]} == putin
    assert {e for _, e in by_text["\u0643\u064a\u0645"]} == {e for _, e in by_text["\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646"]}
    assert {t for t, _ in by_text["\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c"]} == {"LOC"}


def test_resolve_restores_clipped_first_letter() -> None:
    """A place whose first letter NER cut off as a proclitic resolves to the place itself."""
    text = "\u0628\u064a\u0646 \u0648\u0627\u0634\u0646\u0637\u0646 \u0648\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c \u0648\u0641\u064a \u0644\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c"
    out = resolve_mentions(_article(text, [("\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", "PER"), ("\u0644\u0628\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", "LOC")]), EntityRegistry())
    assert out[0].entity_id == out[1].entity_id and out[0].type == "LOC"
    assert text[out[0].start : out[0].end] == "\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("\u0627\u0644\u0628\u064a\u062a \u0627\u0644\u0623\u0628\u064a\u0636", id="white-house"),
        pytest.param("\u0627\u0644\u062d\u0632\u0628 \u0627\u0644\u062f\u064a\u0645\u0642\u0631\u0627\u0637\u064a", id="democratic-party"),
    ],
)
def test_resolve_definite_name_keeps_its_own_spelling(name: str) -> None:
    """A name starting with al- is not read as clipped: its canonical is not the name with a wa-/bi- prefix."""
    text = "\u0641\u064a " + name + " \u0627\u0644\u064a\u0648\u0645"  # "in NAME today"
    (out,) = resolve_mentions(_article(text, [(name, "MISC")]), EntityRegistry())
    assert out.canonical == name and text[out.start : out.end] == name


def test_resolve_minority_type_follows_the_article() -> None:
    """One occurrence of a name tagged with another type than its other occurrences joins them (not a town)."""
    obama = "\u0623\u0648\u0628\u0627\u0645\u0627"  # Obama (also a town in Japan)
    text = f"\u0642\u0627\u0644 {obama} \u0625\u0646 \u0631\u0626\u0627\u0633\u0629 {obama} \u0648\u0623\u0643\u062f {obama}"
    out = resolve_mentions(_article(text, [(obama, "PER"), (obama, "ORG"), (obama, "PER")]), EntityRegistry())
    assert {m.entity_id for m in out} == {out[0].entity_id} and {m.type for m in out} == {"PER"}


@pytest.mark.parametrize(
    ("name", "english"),
    [
        pytest.param("\u0623\u0648\u0628\u0627\u0645\u0627", None, id="obama-is-no-town"),
        pytest.param("\u0645\u0648\u0633\u0643\u0648", "Moscow", id="moscow-said"),
        pytest.param("\u0631\u0648\u0633\u064a\u0627", "Russia", id="russia-said"),
    ],
)
def test_resolve_organization_tag_reads_only_big_places(name: str, english: str | None) -> None:
    """A name tagged ORG links to a country or big city of the same name (metonymy), never to a small town."""
    registry = EntityRegistry()
    (out,) = resolve_mentions(_article(name, [(name, "ORG")]), registry)
    entity = registry.get(out.entity_id)
    assert entity is not None and entity.english == english


def test_resolve_type_tie_keeps_each_mention_type() -> None:
    """With as many mentions of each type, no type is forced on the others."""
    celtic = "\u0633\u0644\u062a\u064a\u0643"  # Celtic (the club, or the culture)
    text = f"{celtic} \u0648\u062b\u0642\u0627\u0641\u0629 {celtic}"
    out = resolve_mentions(_article(text, [(celtic, "ORG"), (celtic, "MISC")]), EntityRegistry())
    assert [m.type for m in out] == ["ORG", "MISC"]


@pytest.mark.parametrize(
    "formula",
    [pytest.param("\u0627\u0644\u0644\u0647", id="god"), pytest.param("\u0648\u0627\u0644\u0644\u0647", id="wallah"), pytest.param("\u0633\u0628\u062d\u0627\u0646\u0647 \u0648\u062a\u0639\u0627\u0644\u0649", id="subhanahu")],
)
def test_resolve_drops_religious_formulae(formula: str) -> None:
    """God and religious formulae are not entities: they leave the resolved mentions."""
    name = "\u062c\u0648\u0646 \u0643\u064a\u0631\u064a"
    text = f"{formula} {name}"
    out = resolve_mentions(_article(text, [(formula, "MISC"), (name, "PER")]), EntityRegistry())
    assert [m.text for m in out] == [name]


@given(st.lists(st.sampled_from([s for s, _ in SPLIT_SPANS] + ["\u064a\u0648\u0646\u062c \u064a\u0627\u0646\u062c", "\u0627\u0644\u0644\u0647", "\u0643\u0648\u0631\u064a\u0627"]), min_size=1, max_size=6))
@settings(max_examples=30, deadline=None)
def test_resolve_offsets_always_slice_text(names: list[str]) -> None:
    """Whatever repairs run, every resolved mention's offsets slice its text out of the field."""
    text = " \u0648".join(names)
    out = resolve_mentions(_article(text, [(n, "PER") for n in names]), EntityRegistry())
    assert all(text[m.start : m.end] == m.text and m.entity_id and m.canonical for m in out)


@pytest.mark.parametrize(
    ("common_word", "place"),
    [pytest.param("\u0634\u0631\u0643\u0629", "Sharjah", id="company-not-sharjah")],
)
def test_resolve_kaf_qaf_swap_is_not_a_spelling_variant(common_word: str, place: str) -> None:
    """A native KAF/QAF swap (sharika 'company' / al-Shariqa) does not hit the gazetteer place."""
    from marsad.analysis.entities.gazetteer import load_gazetteer

    found = load_gazetteer().lookup(common_word)
    assert found is None or found.english != place


SALMAN = "\u0633\u0644\u0645\u0627\u0646"  # Salman
KING_SALMAN = "\u0633\u0644\u0645\u0627\u0646 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632"  # Salman bin Abdulaziz
MBS = "\u0645\u062d\u0645\u062f \u0628\u0646 \u0633\u0644\u0645\u0627\u0646"  # Mohammed bin Salman
ABDULLAH = "\u0639\u0628\u062f\u0627\u0644\u0644\u0647"  # Abdullah
ABDULLAH_BIN_ZAYED = "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0632\u0627\u064a\u062f"
ABDULLAH_BIN_ABDULAZIZ = "\u0639\u0628\u062f\u0627\u0644\u0644\u0647 \u0628\u0646 \u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632"


def _one_article(names: list[str]) -> dict[str, str]:
    """Resolve person names written one after another in one article; map each name to its entity id."""
    text = " \u060c ".join(names)
    mentions = [Mention(n, "body", text.find(n), text.find(n) + len(n), "PER") for n in names]
    return _ids(resolve_mentions(mentions, EntityRegistry()))


def test_resolve_lone_given_name_joins_its_bearer() -> None:
    """A lone given name in an article joins the full name it begins (King Salman), not the one it ends (MbS)."""
    ids = _one_article([KING_SALMAN, MBS, SALMAN])
    assert ids[SALMAN] == ids[KING_SALMAN] != ids[MBS]


def test_resolve_lone_given_name_shared_by_two_stays_apart() -> None:
    """A lone given name that begins two full names of the article (two Abdullahs) joins neither."""
    ids = _one_article([ABDULLAH_BIN_ZAYED, ABDULLAH_BIN_ABDULAZIZ, ABDULLAH])
    assert len(set(ids.values())) == 3


def test_resolve_lone_name_of_two_known_people_links_to_neither() -> None:
    """Across articles, a lone given name borne by two registered people makes a new entity, not a guess."""
    registry = EntityRegistry()
    known = set()
    for names in ([ABDULLAH_BIN_ZAYED, ABDULLAH], [ABDULLAH_BIN_ABDULAZIZ, ABDULLAH]):
        text = " \u060c ".join(names)
        found = resolve_mentions([Mention(n, "body", text.find(n), text.find(n) + len(n), "PER") for n in names], registry)
        known.add(found[0].entity_id)
    alone = resolve_mentions([Mention(ABDULLAH, "body", 0, len(ABDULLAH), "PER")], registry)[0]
    assert len(known) == 2 and alone.entity_id not in known


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        pytest.param("وائل", "وائل", id="wael-is-no-wa-plus-il"),
        pytest.param("فيصل بن خالد بن عبدالعزيز", "فيصل بن خالد بن عبدالعزيز", id="faisal-keeps-its-feh"),
        pytest.param("بندر حجار", "بندر حجار", id="bandar-keeps-its-beh"),
        pytest.param("وليد الحميدي", "وليد الحميدي", id="walid-keeps-its-waw"),
    ],
)
def test_resolve_never_cuts_a_proclitic_from_a_given_name(name: str, canonical: str) -> None:
    """A name opening with a known given name keeps its first letter: "وائل" is not "and" + Kim Jong Il's surname "إيل",
    and "فيصل" never becomes "يصل", even when the cut form is known."""
    registry = EntityRegistry(load_gazetteer())
    registry.create("PER", name[1:])  # the clipped form is known (a mis-cut mention before) - it must not attract
    text = f"وقال {name} إن الاجتماع مهم."
    start = text.index(name)
    resolved = resolve_mentions([Mention(name, "body", start, start + len(name), "PER")], registry)
    assert [m.canonical for m in resolved] == [canonical]
