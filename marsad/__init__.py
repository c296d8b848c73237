"""Marsad: turns a stream of Arabic news articles into structured, searchable knowledge."""

__version__ = "0.1.0"
