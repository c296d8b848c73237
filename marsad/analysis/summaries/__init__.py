"""Summaries: extractive, redundancy-aware summaries of one article or of a story across outlets.

Provides ``summarize_article`` and ``summarize_story`` with ``SummarySettings``. Inside: ``summarize`` (scoring and
MMR selection), ``terms`` (content terms, TF-IDF, sentences from ``marsad.text.sentences``). Needs ``marsad.text``.
"""

from marsad.analysis.summaries.summarize import SUMMARIZER_VERSION, SummarySettings, summarize_article, summarize_story

__all__ = ["SUMMARIZER_VERSION", "SummarySettings", "summarize_article", "summarize_story"]
