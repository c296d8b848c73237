"""Packed story centroids: the same mapping as the dict they pack, in the same order, and back again."""

from __future__ import annotations

import json
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analysis.stories.packed import PackedCentroid
from marsad.analysis.stories.vectors import shared_terms, top_terms

TERMS = st.text(alphabet="\u0627\u0628\u062a\u062b\u062c\u062d\u062e\u0633\u0644\u0645\u06390123", min_size=1, max_size=6)
CENTROIDS = st.dictionaries(TERMS, st.floats(min_value=1e-9, max_value=50.0, allow_nan=False), max_size=60)


@settings(max_examples=120, deadline=None)
@given(centroid=CENTROIDS, probe=st.lists(TERMS, max_size=10))
def test_stories_packed_centroid_reads_like_its_dict(centroid: dict[str, float], probe: list[str]) -> None:
    """Look-ups, membership, order, top and shared terms, the JSON row and a pickle all equal the dict's."""
    packed = PackedCentroid(centroid)
    assert list(packed) == list(centroid) and len(packed) == len(centroid)
    assert packed.unpacked() == centroid and list(packed.unpacked()) == list(centroid)
    for term in probe + list(centroid):
        assert (term in packed) == (term in centroid)
        assert packed.get(term, 0.0) == centroid.get(term, 0.0)
    assert top_terms(packed, 5) == top_terms(centroid, 5)
    other = dict.fromkeys(probe, 1.5)
    assert shared_terms(other, packed) == shared_terms(other, centroid)
    assert json.dumps(packed.unpacked()) == json.dumps(centroid)
    assert pickle.loads(pickle.dumps(packed)).unpacked() == centroid
