"""Quotes: who said what, direct (in quote marks) and indirect (reported speech), with the speaker resolved.

Provides ``extract_quotes`` (the ``Quote`` records of one field). Inside: ``quote_lexicon`` (reporting cues and
speaker stop words, data in ``analysis/data/quotes``), ``quote_doc`` (tokens, sentences and quote-mark spans of a
field), ``quote_speakers`` (where speakers are found and resolved to entities), ``quotes`` (the rules).
Needs ``marsad.text`` and the entity mentions of the article (``marsad.model.Mention``).
"""

from marsad.analysis.quotes.quotes import QUOTES_VERSION, QuoteSettings, extract_quotes

__all__ = ["QUOTES_VERSION", "QuoteSettings", "extract_quotes"]
