"""A bounded per-word cache of fixed-shape score rows kept in one growing array (one gather per batch).

Both NER models score each distinct word once (the CRF its own and window scores, the BiLSTM its input
pre-activations) and reuse the rows for every later occurrence. Keeping the rows in one array, with a word -> row
index, turns a batch's lookup into a single fancy-index gather instead of stacking thousands of small arrays.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from marsad.errors import ConfigError

#: Rows allocated at first use; the table doubles when full, up to the cache's capacity (or one batch's words).
INITIAL_ROWS = 4096


class RowCache:
    """Maps words to rows of shape ``shape``; forgets everything when a batch would exceed ``capacity`` words."""

    def __init__(self, shape: tuple[int, ...], dtype: type | np.dtype, capacity: int) -> None:
        """Set up an empty cache for rows of ``shape`` and ``dtype``, holding at most ``capacity`` words."""
        if capacity < 1:
            raise ConfigError(f"RowCache capacity={capacity}: use a positive number of words such as 50000")
        self.shape, self.dtype, self.capacity = tuple(shape), np.dtype(dtype), capacity
        self._index: dict[str, int] = {}
        self._table = np.zeros((0, *self.shape), dtype=self.dtype)

    def __len__(self) -> int:
        """Return the number of words cached."""
        return len(self._index)

    def clear(self) -> None:
        """Forget every cached row."""
        self._index.clear()

    def rows(self, words: list[str], compute: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """Return the rows of ``words`` in order; ``compute`` scores the distinct new ones (one call per batch).

        When the new words would overflow the cache it is emptied first and the batch's words are all computed,
        so every word of the batch has its row when the gather runs.
        """
        index = self._index
        new = list(dict.fromkeys(w for w in words if w not in index))
        if new:
            if len(index) + len(new) > self.capacity:
                index.clear()
                new = list(dict.fromkeys(words))
            self._append(new, compute(new))
        get = index.__getitem__
        return self._table[np.fromiter(map(get, words), dtype=np.int64, count=len(words))]

    def _append(self, words: list[str], rows: np.ndarray) -> None:
        """Store the rows of new words at the end of the table (growing it by doubling)."""
        start = len(self._index)
        end = start + len(words)
        if rows.shape != (len(words), *self.shape):
            raise ValueError(f"RowCache: rows of shape {rows.shape} for {len(words)} words of shape {self.shape}")
        if end > len(self._table):
            size = max(min(max(INITIAL_ROWS, 2 * len(self._table)), self.capacity), end)
            table = np.zeros((size, *self.shape), dtype=self.dtype)
            table[:start] = self._table[:start]
            self._table = table
        self._table[start:end] = rows
        self._index.update(zip(words, range(start, end), strict=True))


__all__ = ["RowCache"]
