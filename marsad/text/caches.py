"""Sizes of the per-word memos (``functools.lru_cache``) shared by the text and analysis layers."""

from __future__ import annotations

#: Entries of each per-word memo (stems, search terms, story terms, word hashes). A memo holding every distinct
#: word grows with the archive (31k SaudiNewsNet articles have 286k distinct words: ~50 MB per memo); 32,768 recent
#: words keep most tokens a hit (word frequencies are Zipfian) at a fixed ~6 MB each. The NER's per-word caches
#: were halved with it: 1,000 articles peak at 507 MB instead of 629 MB, ~7 % slower (outputs identical).
WORD_CACHE_SIZE = 1 << 15
