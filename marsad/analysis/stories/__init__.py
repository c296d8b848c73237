"""Stories: articles grouped incrementally into stories with stable ids, and the similarity that groups them.

Provides ``assign_story`` / ``cluster_documents`` (one article or a batch into stories), ``StoryState`` (the
clustering state a store persists), ``describe_story`` and ``similarity`` / ``score_pairs`` (the article
similarity in [0, 1]). Inside: ``vectors`` (TF-IDF term vectors with the shipped IDF table), ``story_state``,
``stories``, ``similarity``. Needs ``marsad.text`` and the entity ids of each article.
"""

from marsad.analysis.stories.similarity import score_pairs, similarity
from marsad.analysis.stories.stories import (
    StoryDoc,
    StorySettings,
    StoryState,
    assign_story,
    cluster_documents,
    describe_story,
)

__all__ = [
    "StoryDoc", "StorySettings", "StoryState", "assign_story", "cluster_documents", "describe_story", "score_pairs",
    "similarity",
]
