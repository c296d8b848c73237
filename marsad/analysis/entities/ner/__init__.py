"""Arabic NER: the shipped tagger (``ner-ens.v3``: CRF + BiLSTM-CRF, knowledge rules, names propagated), mentions, CoNLL.

Typical use::

    tagger = load_tagger()
    tagger.tag(["\u0627\u0644\u0631\u0626\u064a\u0633", "\u0628\u0648\u062a\u064a\u0646"])  # ["O", "B-PERS"]
    tagger.tag_sentences(article_sentences)  # batch an article: one BiLSTM pass and one Viterbi for all
    find_mentions(article.body, "body", tagger)
"""

from marsad.analysis.entities.ner.ensemble import ENSEMBLE_VERSION as MODEL_VERSION
from marsad.analysis.entities.ner.ensemble import EnsembleTagger, load_tagger
from marsad.analysis.entities.ner.mentions import MENTION_TYPES, find_article_mentions, find_mentions, tag_conll
from marsad.analysis.entities.ner.tagger import Tagger, TrainSettings, load_crf_tagger

__all__ = [
    "MENTION_TYPES",
    "MODEL_VERSION",
    "EnsembleTagger",
    "Tagger",
    "TrainSettings",
    "find_article_mentions",
    "find_mentions",
    "load_crf_tagger",
    "load_tagger",
    "tag_conll",
]
