"""Autocomplete from an index: the known questions that hold the words typed so far.

Ranking, best first: how many of the whole words typed a phrasing holds, plus one if a
word of it starts with the half-typed last word; then WRatio closeness to the text
typed; then fact-base order. Word look-ups go through a word -> phrasings index and a
sorted vocabulary (prefix ranges), so a keystroke costs about as much as the phrasings
that share its words, not a pass over every phrasing. WRatio runs tier by tier and only
on as many phrasings as the answer needs; a tier larger than `WRATIO_CAP` (a one-letter
prefix on a base of many thousand facts) is scored on its first `WRATIO_CAP` phrasings in
priority order, each fact's first phrasing before its rewordings. Below that size the
choices are exactly those of a full scan.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process, utils

# What autocomplete reads of the text typed so far: a suggestion box completes the start
# of a question.
MAX_COMPLETION_CHARS = 100
WRATIO_CAP = 1_000
# Short prefixes hold a large share of every phrasing and are what everyone types first
# ("w", "wh", "who"): the most common ones among the phrasings' opening words are ranked
# once at build time, for any limit up to POPULAR_LIMIT.
POPULAR_PREFIXES = 64
POPULAR_PREFIX_CHARS = 4
POPULAR_LIMIT = 25


@dataclass(frozen=True)
class Completions:
    texts: tuple[str, ...]
    """Every phrasing as written, fact by fact."""
    choices: tuple[str, ...]
    """The same, lower-cased and stripped of punctuation (`utils.default_process`)."""
    openers: tuple[str, ...]
    """Each fact's first phrasing: the choices before anything is typed."""
    vocabulary: tuple[str, ...]
    """Every word of the choices, sorted, so a prefix is a range of it."""
    word_start: np.ndarray
    """Word i's phrasings are `word_phrasings[word_start[i]:word_start[i + 1]]`."""
    word_phrasings: np.ndarray
    rank: np.ndarray
    """Per phrasing, its place in the order a capped tier keeps them: each fact's first
    phrasing before its rewordings, then fact-base order."""
    popular: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """The ranking of each popular short prefix, as `_ranked` gives it for POPULAR_LIMIT."""

    @classmethod
    def build(cls, questions: Sequence[Sequence[str]]) -> Completions:
        """The index over each fact's phrasings (`questions[f]` for fact f)."""
        texts = tuple(text for phrasings in questions for text in phrasings)
        choices = tuple(utils.default_process(text) for text in texts)
        holders: dict[str, list[int]] = {}
        for i, choice in enumerate(choices):
            for word in dict.fromkeys(choice.split()):
                holders.setdefault(word, []).append(i)
        vocabulary = tuple(sorted(holders))
        sizes = [len(holders[word]) for word in vocabulary]
        word_start = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(sizes, out=word_start[1:])
        flat = [i for word in vocabulary for i in holders[word]]
        place = [r for phrasings in questions for r in range(len(phrasings))]
        index = cls(
            texts=texts,
            choices=choices,
            openers=tuple(phrasings[0] for phrasings in questions if phrasings),
            vocabulary=vocabulary,
            word_start=word_start,
            word_phrasings=np.asarray(flat, dtype=np.int32),
            rank=np.argsort(np.lexsort((np.arange(len(texts)), np.asarray(place, dtype=np.int64)))),
        )
        openings = Counter(
            choice.split(maxsplit=1)[0][:size]
            for choice in choices
            if choice
            for size in range(1, POPULAR_PREFIX_CHARS + 1)
        )
        for prefix, _ in openings.most_common(POPULAR_PREFIXES):
            index.popular[prefix] = tuple(index._ranked(prefix, POPULAR_LIMIT * 2))
        return index

    def _holding(self, first: int, last: int) -> np.ndarray:
        """Phrasing ids holding any of the words first..last-1 (repeats possible)."""
        return self.word_phrasings[self.word_start[first] : self.word_start[last]]

    def _words_found(self, whole: Sequence[str], partial: str) -> np.ndarray:
        """Per phrasing: the whole words it holds (each time typed) plus one if a word of it
        starts with `partial`."""
        found = np.zeros(len(self.choices), dtype=np.int32)
        for word in whole:
            i = bisect.bisect_left(self.vocabulary, word)
            if i < len(self.vocabulary) and self.vocabulary[i] == word:
                found[self._holding(i, i + 1)] += 1
        first = bisect.bisect_left(self.vocabulary, partial)
        last = bisect.bisect_left(self.vocabulary, partial + "\U0010ffff", lo=first)
        starts = np.zeros(len(self.choices), dtype=bool)
        starts[self._holding(first, last)] = True
        return found + starts

    def _ranked(self, processed: str, wanted: int) -> list[int]:
        """The best phrasing ids for a processed text, tier by tier, at least `wanted` of
        them if there are."""
        *whole, partial = processed.split()
        found = self._words_found(whole, partial)
        ranked: list[int] = []
        sizes = np.bincount(found)
        for tier in np.flatnonzero(sizes)[::-1]:
            members = np.flatnonzero(found == tier)
            if len(members) > WRATIO_CAP:
                kept = np.argpartition(self.rank[members], WRATIO_CAP)[:WRATIO_CAP]
                members = np.sort(members[kept])
            closeness = process.cdist(
                [processed],
                [self.choices[i] for i in members],
                scorer=fuzz.WRatio,
                processor=None,
            )[0]
            ranked += members[np.lexsort((members, -closeness))].tolist()
            if len(ranked) >= wanted:
                break
        return ranked

    def complete(self, typed: str, limit: int = 25) -> list[str]:
        """Up to `limit` distinct known questions for the text typed so far, best first."""
        processed = utils.default_process(typed[:MAX_COMPLETION_CHARS])
        if not processed:
            return list(self.openers[:limit])
        wanted = limit * 2
        popular = self.popular.get(processed) if limit <= POPULAR_LIMIT else None
        # A shorter ranking is the start of a longer one: tiers come in the same order.
        ranked = popular[:wanted] if popular is not None else self._ranked(processed, wanted)
        texts = dict.fromkeys(self.texts[i] for i in ranked[:wanted])
        return list(texts)[:limit]
