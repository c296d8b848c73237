"""The entity registry's look-up memo and pruning: a remembered or pruned look-up answers as a full one would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.entities.gazetteer import load_gazetteer
from marsad.analysis.entities.namekey import split_name, token_similarity
from marsad.analysis.entities.registry import EntityRegistry, ResolveSettings

MOHAMMED = "\u0645\u062d\u0645\u062f"  # a given name thousands share
SALMAN = "\u0633\u0644\u0645\u0627\u0646"
BIN = "\u0628\u0646"
ABDULAZIZ = "\u0639\u0628\u062f\u0627\u0644\u0639\u0632\u064a\u0632"
NAYEF = "\u0646\u0627\u064a\u0641"
KIM_GH = "\u0643\u064a\u0645 \u062c\u0648\u0646\u063a \u0623\u0648\u0646"
KIM_J = "\u0643\u064a\u0645 \u062c\u0648\u0646\u062c \u0623\u0648\u0646"
KIM_Y = "\u0643\u064a\u0645 \u064a\u0648\u0646\u062c \u0623\u0648\u0646"
#: Names that share given and family names in many ways: lineages, partial names, transliterations.
NAMES = [
    MOHAMMED, SALMAN, f"{MOHAMMED} {BIN} {SALMAN}", f"{MOHAMMED} {BIN} {SALMAN} {BIN} {ABDULAZIZ}",
    f"{MOHAMMED} {BIN} {NAYEF}", f"{SALMAN} {BIN} {ABDULAZIZ}", f"{MOHAMMED} {SALMAN}", f"{MOHAMMED} {NAYEF}",
    KIM_GH, KIM_J, KIM_Y, "\u0643\u064a\u0645", f"\u0627\u0644\u0623\u0645\u064a\u0631 {MOHAMMED} {BIN} {SALMAN}",
]
#: One step: create an entity, record a mention of a known one, or look a name up.
STEPS = st.lists(
    st.tuples(st.sampled_from(["create", "observe", "find"]), st.sampled_from(NAMES), st.sampled_from(["PER", "LOC"]),
              st.integers(0, 50)),
    min_size=1, max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(steps=STEPS)
def test_registry_remembered_lookup_equals_full_lookup(steps: list[tuple[str, str, str, int]]) -> None:
    """After any mix of creations and mentions, ``find`` (memo, pruning) answers as the unremembered look-up."""
    registry = EntityRegistry(load_gazetteer(), ResolveSettings(max_compared_variants=2))
    for op, name, type_, pick in steps:
        if op == "create":
            registry.create(type_, name)
        elif op == "observe" and len(registry):
            entity = list(registry)[pick % len(registry)]
            registry.observe(entity, name, count=1 + pick % 3)
        found = registry.find(name, type_)
        full = registry._find(name, split_name(name).tokens, type_, None)
        assert (found.entity_id if found else None) == (full.entity_id if full else None)
        assert _unpruned_best(registry, name, type_) == _pruned_best(registry, name, type_)


def _unpruned_best(registry: EntityRegistry, name: str, type_: str) -> dict[str, bool]:
    """Whether each entity of ``type_`` links ``name`` when every compared name is scored in full."""
    tokens = split_name(name).tokens
    out = {}
    for entity in registry:
        if entity.type == type_:
            names = [entity.canonical] + [v for v, _ in entity.variants.most_common(registry.settings.max_compared_variants)]
            best = max(token_similarity(tokens, split_name(n).tokens) for n in names)
            out[entity.entity_id] = best >= registry.settings.link_threshold
    return out


def _pruned_best(registry: EntityRegistry, name: str, type_: str) -> dict[str, bool]:
    """Whether each entity of ``type_`` links ``name`` by the registry's pruned score."""
    tokens = split_name(name).tokens
    return {e.entity_id: registry._score(tokens, e) >= registry.settings.link_threshold
            for e in registry if e.type == type_}


def test_registry_memo_sees_a_new_spelling() -> None:
    """A look-up remembered as "nobody" finds the entity once a mention adds the spelling it needs."""
    registry = EntityRegistry(load_gazetteer())
    kim = registry.create("PER", KIM_GH)
    lone = "\u062c\u0648\u0646\u063a \u0623\u0648\u0646 \u0643\u064a\u0645"  # the same words in another order
    assert registry.find(lone, "PER") is None
    registry.observe(kim, lone)
    assert registry.find(lone, "PER") is kim


def test_registry_survives_a_pickle_with_its_memo() -> None:
    """A registry shipped to another process (Dask) answers as before and keeps linking new mentions."""
    import pickle

    registry = EntityRegistry(load_gazetteer())
    kim = registry.create("PER", KIM_GH)
    assert registry.find(KIM_J, "PER") is kim
    copy = pickle.loads(pickle.dumps(registry))
    assert copy.find(KIM_J, "PER").entity_id == kim.entity_id
    other = copy.create("PER", MOHAMMED)
    copy.observe(other, f"{MOHAMMED} {NAYEF}")
    assert copy.find(f"{MOHAMMED} {NAYEF}", "PER") is other


def test_registry_create_never_replaces_an_entity_on_an_id_clash() -> None:
    """Three people judged different under one name key get three ids; the first two keep their old ids."""
    registry = EntityRegistry(load_gazetteer())
    first = registry.create("PER", MOHAMMED)
    registry.observe(first, MOHAMMED, 5)
    second = registry.create("PER", MOHAMMED)
    third = registry.create("PER", MOHAMMED)
    fourth = registry.create("PER", MOHAMMED)
    assert len({first.entity_id, second.entity_id, third.entity_id, fourth.entity_id}) == 4
    assert registry.get(first.entity_id) is first and first.variants[MOHAMMED] == 5
    assert all(registry.get(e.entity_id) is e for e in (second, third, fourth))
    fresh = EntityRegistry(load_gazetteer())  # ids are a function of the order of creation, as before
    assert [fresh.create("PER", MOHAMMED).entity_id for _ in range(4)] == [
        first.entity_id, second.entity_id, third.entity_id, fourth.entity_id]
