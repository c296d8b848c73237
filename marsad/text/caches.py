"""Sizes of the per-word memos (``functools.lru_cache``) shared by the text and analysis layers."""

from __future__ import annotations

#: Entries of each per-word memo (stems, search terms, story terms, word hashes). A memo holding every distinct
#: word grows with the archive (31k SaudiNewsNet articles have 286k distinct words: ~50 MB per memo); 65,536 recent
#: words keep nearly every token a hit (word frequencies are Zipfian) at a fixed ~12 MB each.
WORD_CACHE_SIZE = 1 << 16
