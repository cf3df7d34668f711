"""The known words within a few edits of a misspelt one, found without scoring them all.

An edit (a changed, added or dropped letter, or two letters swapped) changes a word's count
of each letter a-z by at most two in all, so a word `edits` edits away differs in its
letter counts by at most `2 * edits`. That cheap test in numpy leaves a handful of words
for rapidfuzz's exact distance, which alone decides: the result is that of scoring all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

_LETTERS = 26


def letter_counts(words: Sequence[str]) -> np.ndarray:
    """Per word, how often it holds each letter a-z, at most 127 (other characters are
    not counted): fewer counted letters only make the test let more words through."""
    encoded = [word.encode("ascii", "ignore") for word in words]
    codes = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.int64) - ord("a")
    rows = np.repeat(np.arange(len(words)), [len(code) for code in encoded])
    letter = (codes >= 0) & (codes < _LETTERS)
    flat = np.bincount(rows[letter] * _LETTERS + codes[letter], minlength=len(words) * _LETTERS)
    return np.minimum(flat, 127).astype(np.int8).reshape(len(words), _LETTERS)


@dataclass(frozen=True)
class NearWords:
    """Known words ordered by length, where each length starts, and their letter counts
    letter by letter (one row per letter, so the test adds up whole rows)."""

    words: tuple[str, ...]
    counts: np.ndarray
    length_start: np.ndarray

    @classmethod
    def build(cls, known: Sequence[str]) -> NearWords:
        ordered = tuple(sorted(known, key=len))
        lengths = np.asarray([len(word) for word in ordered], dtype=np.int64)
        longest = int(lengths.max()) if lengths.size else 0
        starts = np.searchsorted(lengths, np.arange(longest + 2), side="left")
        return cls(ordered, np.ascontiguousarray(letter_counts(ordered).T), starts)

    def within(self, word: str, edits: int) -> list[tuple[str, int]]:
        """The known words at most `edits` edits (OSA distance) from `word`, with that
        distance, in no particular order."""
        last = len(self.length_start) - 1
        start = int(self.length_start[min(max(len(word) - edits, 0), last)])
        end = int(self.length_start[min(max(len(word) + edits + 1, 0), last)])
        if start >= end:
            return []
        counts = letter_counts([word])[0][:, np.newaxis]
        apart = np.abs(self.counts[:, start:end] - counts).sum(axis=0, dtype=np.int16)
        close = np.flatnonzero(apart <= 2 * edits) + start
        choices = [self.words[i] for i in close]
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None)
        return [(known, int(distance)) for known, distance, _ in found]
