"""The one stop-word table of the package (marsad/text/data/stopwords.tsv)."""

from __future__ import annotations


def test_stopwords_one_table_serves_each_use() -> None:
    """The one stop-word table names only known uses, and each use has its words."""
    from marsad.text.stopwords import USES, stopword_rows, stopwords_for

    assert all(uses and uses <= USES for _, uses in stopword_rows())
    assert all(len(stopwords_for(use)) > 100 for use in USES)
    assert "\u0641\u064a" in stopwords_for("stories") and "\u0641\u064a" in stopwords_for("summaries")  # "fi" (in)
