"""Office titles (issue #17): a bare "خادم الحرمين الشريفين" / "ولي العهد" names the person who holds the office."""

from __future__ import annotations

import pytest

from marsad.analysis.entities.gazetteer import load_gazetteer
from marsad.analysis.entities.registry import EntityRegistry, ResolveSettings
from marsad.analysis.entities.titles import office_key, title_mentions
from marsad.errors import ConfigError
from marsad.model import Mention
from marsad.text.normalize import normalize_word

KING = "سلمان بن عبدالعزيز"
CROWN = "محمد بن نايف"


def _registry() -> EntityRegistry:
    """A registry with two people, created by name."""
    registry = EntityRegistry(load_gazetteer())
    registry.create("PER", KING)
    registry.create("PER", CROWN)
    return registry


def _mention(text: str, name: str, registry: EntityRegistry) -> Mention:
    """The resolved mention of ``name`` in ``text`` (its first occurrence)."""
    start = text.index(name)
    entity = registry.find(name, "PER")
    assert entity is not None
    return Mention(name, "body", start, start + len(name), "PER", entity.entity_id, entity.canonical)


def _bare(text: str, registry: EntityRegistry, day: str, names: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    """(text, canonical) of the office mentions ``title_mentions`` adds to ``text``."""
    mentions = [_mention(text, n, registry) for n in names]
    return [(m.text, m.canonical) for m in title_mentions({"body": text, "title": ""}, mentions, registry, day)]


@pytest.mark.parametrize(
    ("words", "key"),
    [
        pytest.param("خادم الحرمين الشريفين الملك", "خادم الحرمين الشريفين", id="honorific-dropped"),
        pytest.param("وولي العهد الأمير", "ولي العهد", id="proclitic-and-honorific-dropped"),
        pytest.param("الرئيس الأمريكي", "الرئيس الامريكي", id="president-with-country"),
        pytest.param("الوزير", None, id="one-word-is-no-office"),
        pytest.param("صاحب السمو الملكي الأمير", None, id="honorifics-only"),
    ],
)
def test_titles_office_key(words: str, key: str | None) -> None:
    """An office is two or more title words, without a proclitic before them or honorifics after them."""
    expected = " ".join(normalize_word(w) for w in key.split()) if key else None
    assert office_key([normalize_word(w) for w in words.split()]) == expected


def test_titles_bare_title_in_the_same_article_names_its_holder() -> None:
    """"وأكد خادم الحرمين الشريفين" after "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز" is the king."""
    registry = _registry()
    text = f"استقبل خادم الحرمين الشريفين الملك {KING} اليوم الرئيس. وأكد خادم الحرمين الشريفين أهمية العلاقات."
    assert _bare(text, registry, "2015-08-06", (KING,)) == [("خادم الحرمين الشريفين", KING)]


def test_titles_archive_names_the_holder_near_the_date() -> None:
    """Three titled mentions in the archive make a later bare title name the holder, within the date window only."""
    registry = _registry()
    for day in ("2015-08-01", "2015-08-03", "2015-08-05"):
        _bare(f"وحضر ولي العهد الأمير {CROWN} الاجتماع.", registry, day, (CROWN,))
    assert _bare("وأشاد ولي العهد بالجهود.", registry, "2015-08-10") == [("ولي العهد", CROWN)]
    assert _bare("وأشاد ولي العهد بالجهود.", registry, "2018-08-10") == []  # three years on: no evidence then


def test_titles_too_little_or_divided_evidence_names_no_one() -> None:
    """One titled mention, or an office two people held as often, links no bare title."""
    registry = _registry()
    _bare(f"وحضر ولي العهد الأمير {CROWN} الاجتماع.", registry, "2015-08-01", (CROWN,))
    assert _bare("وأشاد ولي العهد بالجهود.", registry, "2015-08-02") == []
    for day in ("2015-08-03", "2015-08-04"):
        _bare(f"وحضر ولي العهد الأمير {CROWN} الاجتماع.", registry, day, (CROWN,))
        _bare(f"وحضر ولي العهد الأمير {KING} الاجتماع.", registry, day, (KING,))
    _bare(f"وحضر ولي العهد الأمير {KING} الاجتماع.", registry, "2015-08-05", (KING,))
    assert _bare("وأشاد ولي العهد بالجهود.", registry, "2015-08-06") == []  # 3 against 3: no dominant holder


def test_titles_deputy_of_an_office_is_another_office() -> None:
    """"نائب خادم الحرمين الشريفين الأمير محمد بن نايف" does not make him the holder of the king's title."""
    registry = _registry()
    text = f"رأس نائب خادم الحرمين الشريفين الأمير {CROWN} الجلسة. وأكد نائب خادم الحرمين الشريفين ذلك."
    assert _bare(text, registry, "2015-08-09", (CROWN,)) == []
    assert not registry.knows_office(normalize_word("خادم") + " " + normalize_word("الحرمين") + " "
                                     + normalize_word("الشريفين"))


def test_titles_title_before_a_name_is_no_bare_title() -> None:
    """A title followed by honorifics and a name is the name's mention, not a second mention of the holder."""
    registry = _registry()
    text = f"استقبل خادم الحرمين الشريفين الملك {KING} الوفد، ثم التقى خادم الحرمين الشريفين صاحب السمو الملكي الأمير {CROWN}."
    mentions = [_mention(text, KING, registry), _mention(text, CROWN, registry)]
    found = title_mentions({"body": text, "title": ""}, mentions, registry, "2015-08-06")
    assert found == []


def test_titles_registry_rows_keep_the_dated_offices() -> None:
    """``to_rows`` / ``from_rows`` keep each office with its count and first and last day."""
    registry = _registry()
    for day in ("2015-08-01", "2015-08-03", "2015-08-05"):
        _bare(f"وحضر ولي العهد الأمير {CROWN} الاجتماع.", registry, day, (CROWN,))
    again = EntityRegistry.from_rows(registry.to_rows(), load_gazetteer())
    holder = again.office_holder(normalize_word("ولي") + " " + normalize_word("العهد"), "2015-08-07")
    assert holder is not None and holder.canonical == CROWN


@pytest.mark.parametrize("kwargs", [{"office_window_days": -1}, {"office_min_count": 0}, {"office_dominance": 0},
                                    {"office_max_holders": 0}])
def test_titles_settings_reject_impossible_values(kwargs: dict) -> None:
    """Office settings outside their range are refused with the fix."""
    with pytest.raises(ConfigError):
        ResolveSettings(**kwargs)


def test_titles_shortened_office_in_the_same_article() -> None:
    """"وزير الخارجية" after "وزير الخارجية الإيراني محمد جواد ظريف" in one article is Zarif."""
    registry = EntityRegistry(load_gazetteer())
    zarif = "محمد جواد ظريف"
    registry.create("PER", zarif)
    text = f"كتب وزير الخارجية الإيراني {zarif} مقالا. ونلاحظ أن السيد وزير الخارجية أكد في مقاليه أهمية الحوار."
    assert _bare(text, registry, "2015-08-06", (zarif,)) == [("وزير الخارجية", zarif)]


def test_titles_apposition_after_a_name_records_the_office() -> None:
    """"فلاديمير بوتين، الرئيس الروسي،" records the office as a title before the name would; three such articles
    then let a bare "الرئيس الروسي" name him."""
    registry = EntityRegistry(load_gazetteer())
    putin = "فلاديمير بوتين"
    registry.create("PER", putin)
    for day in ("2018-04-01", "2018-04-02", "2018-04-03"):
        _bare(f"التقى {putin}، الرئيس الروسي، بالوفد أمس.", registry, day, (putin,))
    assert _bare("وأكد الرئيس الروسي أن القمة ناجحة.", registry, "2018-04-05") == [("الرئيس الروسي", putin)]
    assert _bare(f"التقى {putin} الرئيس الروسي السابق للاتحاد بالوفد.", EntityRegistry(load_gazetteer()), "2018-04-05",
                 ()) == []


def test_titles_bare_title_with_a_proclitic_is_found_through_the_head_index() -> None:
    """"ولخادم الحرمين الشريفين" / "وولي العهد": the first-word index of known offices still lets a proclitic through."""
    registry = _registry()
    for day in ("2015-08-01", "2015-08-03", "2015-08-05"):
        _bare(f"وحضر ولي العهد الأمير {CROWN} الاجتماع.", registry, day, (CROWN,))
    assert registry.may_start_office(normalize_word("ولي")) and not registry.may_start_office(normalize_word("وولي"))
    assert _bare("وشكر الحضور وولي العهد.", registry, "2015-08-10") == [("ولي العهد", CROWN)]
