"""Arabic NER: the shipped two-pass CRF tagger (``ner-crf.v2``), mention finding, CoNLL tagging.

Typical use::

    tagger = load_tagger()
    tagger.tag(["\u0627\u0644\u0631\u0626\u064a\u0633", "\u0628\u0648\u062a\u064a\u0646"])  # ["O", "B-PERS"]
    tagger.tag_sentences(article_sentences)  # batch an article: the second pass uses document context
    find_mentions(article.body, "body", tagger)
"""

from marsad.analysis.ner.mentions import MENTION_TYPES, find_mentions, tag_conll
from marsad.analysis.ner.tagger import MODEL_VERSION, Tagger, TrainSettings, load_tagger

__all__ = ["MENTION_TYPES", "MODEL_VERSION", "Tagger", "TrainSettings", "find_mentions", "load_tagger", "tag_conll"]
