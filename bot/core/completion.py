"""Autocomplete from an index: the known questions that hold the words typed so far.

Ranking, best first: how many of the whole words typed a phrasing holds, plus one if a
word of it starts with the half-typed last word; then WRatio closeness to the text
typed; then fact-base order. Word look-ups go through a word -> phrasings index and a
sorted vocabulary (prefix ranges); a word or prefix held by a large share of the
phrasings ("the", "wh") is a precomputed bit row instead, so a keystroke costs a few
passes over one byte per phrasing, never a walk through a long list. WRatio runs once,
on the tiers the answer needs: when they hold more than `WRATIO_CHARS` characters (a
short or common word on a base of many thousand facts), the last of them is scored on
its first phrasings in priority order, each fact's first phrasing before its rewordings.
Below that size the choices are exactly those of a full scan.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import LCSseq

from bot.core.runs import kept_runs

# What autocomplete reads of the text typed so far: a suggestion box completes the start
# of a question.
MAX_COMPLETION_CHARS = 100
# What WRatio reads per keystroke, at most, in characters of phrasings (its cost grows
# with them): a little more than the whole bundled base, about 2 ms.
WRATIO_CHARS = 20_000
# A tier too large for that is first narrowed by the longest common subsequence with the
# text typed (a tenth of WRatio's cost), over this many times as many characters.
SHORTLIST = 4
# A word or prefix held by more than this share of the phrasings gets a bit row: one bit
# per phrasing costs less than a look-up through that many phrasing ids.
DENSE_SHARE = 1 / 32
# Short prefixes hold a large share of every phrasing and are what everyone types first
# ("w", "wh", "who"): the most common ones among the phrasings' opening words are ranked
# once at build time, for any limit up to POPULAR_LIMIT.
POPULAR_PREFIXES = 64
POPULAR_PREFIX_CHARS = 4
POPULAR_LIMIT = 25
_AFTER = "\U0010ffff"


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
    lengths: np.ndarray
    """Per phrasing, the length of its choice."""
    priority: np.ndarray
    """The phrasings in the order a capped tier keeps them: each fact's first phrasing
    before its rewordings, then fact-base order."""
    rank: np.ndarray
    """Per phrasing, its place in `priority`."""
    dense: dict[tuple[int, int], int] = field(default_factory=dict)
    """Vocabulary ranges (a word, or the words of a prefix) held by many phrasings, each
    to its row of `dense_rows`."""
    dense_rows: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.uint8))
    """Per dense range, one bit per phrasing (`np.packbits`): whether it holds a word of it."""
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
        word_phrasings = np.asarray(
            [i for word in vocabulary for i in holders[word]], dtype=np.int32
        )
        return cls._assemble(questions, texts, choices, vocabulary, word_start, word_phrasings)

    def updated(
        self, before: Mapping[str, Sequence[str]], after: Mapping[str, Sequence[str]]
    ) -> Completions:
        """The index over `after` (each fact's phrasings by fact id, in order), from this
        one over `before`: only the phrasings of facts that changed are read again."""
        old_ids = {ident: i for i, ident in enumerate(before)}
        kept = np.asarray(
            [
                old if (old := old_ids.get(ident, -1)) >= 0 and before[ident] == phrasings else -1
                for ident, phrasings in after.items()
            ],
            dtype=np.int64,
        )
        held = kept[kept >= 0]
        if len(held) == len(before) == len(after) and np.array_equal(held, np.arange(len(held))):
            return self  # the same phrasings, in the same order
        if np.any(np.diff(held) <= 0) or not after:
            return Completions.build(list(after.values()))
        questions = list(after.values())
        old_start = _starts(before.values())
        start = _starts(questions)
        # Old phrasing -> new, -1 for those of facts not kept.
        moved_to = np.full(len(before), -1, dtype=np.int64)
        moved_to[held] = np.flatnonzero(kept >= 0)
        of_fact = np.repeat(np.arange(len(before)), np.diff(old_start))
        within = np.arange(len(self.texts)) - old_start[of_fact]
        target = moved_to[of_fact]
        remap = np.where(target >= 0, start[np.maximum(target, 0)] + within, -1).astype(np.int32)

        texts: list[str] = []
        choices: list[str] = []
        fresh_words: dict[str, list[int]] = {}
        for new, first, length in kept_runs(kept.tolist()):
            if first >= 0:
                texts += self.texts[old_start[first] : old_start[first + length]]
                choices += self.choices[old_start[first] : old_start[first + length]]
                continue
            for number, text in enumerate(questions[new]):
                choice = utils.default_process(text)
                texts.append(text)
                choices.append(choice)
                for word in dict.fromkeys(choice.split()):
                    fresh_words.setdefault(word, []).append(int(start[new]) + number)

        vocabulary, word_start, word_phrasings = self._words_moved(remap, fresh_words)
        return Completions._assemble(
            questions, tuple(texts), tuple(choices), vocabulary, word_start, word_phrasings
        )

    def _words_moved(
        self, remap: np.ndarray, fresh: dict[str, list[int]]
    ) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
        """The word -> phrasings lists with old phrasings renumbered (`remap`, -1 for those
        gone) and the `fresh` phrasings of each word added: the vocabulary, `word_start`
        and `word_phrasings`. Kept phrasings stay in order, so only the lists of the words
        in `fresh` are sorted again."""
        moved = remap[self.word_phrasings]
        alive = moved >= 0
        held = moved[alive]
        # Where each old word's kept phrasings start in `held`.
        old_start = np.zeros(len(self.vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.add.reduceat(alive, self.word_start[:-1], dtype=np.int64), out=old_start[1:])
        old_sizes = np.diff(old_start).tolist()
        vocabulary: list[str] = []
        sizes: list[int] = []
        pieces: list[np.ndarray] = []
        cursor = 0
        old, added = 0, sorted(fresh)
        for word in added:
            while old < len(self.vocabulary) and self.vocabulary[old] < word:
                if old_sizes[old]:
                    vocabulary.append(self.vocabulary[old])
                    sizes.append(old_sizes[old])
                old += 1
            ids = np.asarray(fresh[word], dtype=np.int32)
            pieces.append(held[cursor : old_start[old]])
            if old < len(self.vocabulary) and self.vocabulary[old] == word:
                ids = np.sort(np.concatenate((held[old_start[old] : old_start[old + 1]], ids)))
                old += 1
            cursor = int(old_start[old])
            pieces.append(ids)
            vocabulary.append(word)
            sizes.append(len(ids))
        for rest in range(old, len(self.vocabulary)):
            if old_sizes[rest]:
                vocabulary.append(self.vocabulary[rest])
                sizes.append(old_sizes[rest])
        pieces.append(held[cursor:])
        word_start = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(sizes, out=word_start[1:])
        word_phrasings = np.concatenate(pieces).astype(np.int32, copy=False)
        return tuple(vocabulary), word_start, word_phrasings

    @classmethod
    def _assemble(
        cls,
        questions: Sequence[Sequence[str]],
        texts: tuple[str, ...],
        choices: tuple[str, ...],
        vocabulary: tuple[str, ...],
        word_start: np.ndarray,
        word_phrasings: np.ndarray,
    ) -> Completions:
        """The index of its phrasings and their word lists, with what is ranked from them."""
        dense = _dense_ranges(vocabulary, word_start, int(len(choices) * DENSE_SHARE))
        dense_rows = np.zeros((len(dense), (len(choices) + 7) // 8), dtype=np.uint8)
        for row, (first, last) in enumerate(dense):
            held = np.zeros(len(choices), dtype=bool)
            held[word_phrasings[word_start[first] : word_start[last]]] = True
            dense_rows[row] = np.packbits(held)
        start = _starts(questions)
        place = np.arange(len(texts)) - np.repeat(start[:-1], np.diff(start))
        priority = np.lexsort((np.arange(len(texts)), place))
        index = cls(
            texts=texts,
            choices=choices,
            openers=tuple(phrasings[0] for phrasings in questions if phrasings),
            vocabulary=vocabulary,
            word_start=word_start,
            word_phrasings=word_phrasings,
            lengths=np.asarray([len(choice) for choice in choices], dtype=np.int32),
            priority=priority,
            rank=np.argsort(priority),
            dense={span: row for row, span in enumerate(dense)},
            dense_rows=dense_rows,
        )
        for prefix, _ in _openings(choices).most_common(POPULAR_PREFIXES):
            index.popular[prefix] = tuple(index._ranked(prefix, POPULAR_LIMIT * 2))
        return index

    def _add_holders(self, found: np.ndarray, first: int, last: int) -> None:
        """Add one to `found` for each phrasing holding any of the words first..last-1."""
        row = self.dense.get((first, last))
        if row is not None:
            found += np.unpackbits(self.dense_rows[row], count=len(found))
        elif first < last:
            held = self.word_phrasings[self.word_start[first] : self.word_start[last]]
            if last - first == 1:
                found[held] += 1
            else:
                starts = np.zeros(len(found), dtype=bool)
                starts[held] = True
                found += starts

    def _words_found(self, whole: Sequence[str], partial: str) -> np.ndarray:
        """Per phrasing: the whole words it holds (each time typed) plus one if a word of it
        starts with `partial`."""
        found = np.zeros(len(self.choices), dtype=np.uint8)
        for word in whole:
            i = bisect.bisect_left(self.vocabulary, word)
            if i < len(self.vocabulary) and self.vocabulary[i] == word:
                self._add_holders(found, i, i + 1)
        first = bisect.bisect_left(self.vocabulary, partial)
        last = bisect.bisect_left(self.vocabulary, partial + _AFTER, lo=first)
        self._add_holders(found, first, last)
        return found

    def _ranked(self, processed: str, wanted: int) -> list[int]:
        """The best phrasing ids for a processed text, tier by tier, at least `wanted` of
        them if there are."""
        *whole, partial = processed.split()
        found = self._words_found(whole, partial)
        if not len(found):
            return []
        # The lowest tier needed: the tiers above it hold fewer than `wanted` phrasings.
        lowest = int(found.max())
        while lowest > 0 and np.count_nonzero(found >= lowest) < wanted:
            lowest -= 1
        above = np.flatnonzero(found > lowest)
        budget = WRATIO_CHARS - int(self.lengths[above].sum())
        need = wanted - len(above)
        pool = self._first_of_tier(found, lowest, need, budget * SHORTLIST)
        if self.lengths[pool].sum() > budget:
            # Too many to score: keep those holding most of the text typed, in order.
            likeness = self._scores(processed, pool, LCSseq.similarity)
            pool = pool[np.argsort(-likeness, kind="stable")]
            pool = pool[: max(need, np.count_nonzero(np.cumsum(self.lengths[pool]) <= budget))]
        members = np.concatenate((above, pool))
        closeness = self._scores(processed, members, fuzz.WRatio)
        order = np.lexsort((members, -closeness, -found[members].astype(np.int64)))
        return members[order].tolist()

    def _scores(
        self, processed: str, members: np.ndarray, scorer: Callable[..., float]
    ) -> np.ndarray:
        """One rapidfuzz call scoring the typed text against these phrasings."""
        choices = [self.choices[i] for i in members.tolist()]
        return process.cdist([processed], choices, scorer=scorer, processor=None)[0]

    def _first_of_tier(self, found: np.ndarray, tier: int, at_least: int, chars: int) -> np.ndarray:
        """The phrasings of a tier in priority order, as many as fit in `chars` characters
        but at least `at_least`."""
        size = np.count_nonzero(found == tier)
        if not size:
            return np.zeros(0, dtype=np.intp)
        # How far down the priority order the tier's share of it says to look.
        typical = max(1.0, float(self.lengths[self.priority[:64]].mean()))
        scan = int(max(chars / typical, at_least) * len(found) / size) + 1
        if 4 * scan < len(found):
            while True:
                chunk = self.priority[:scan]
                picked = chunk[found[chunk] == tier]
                enough = len(picked) >= at_least and self.lengths[picked].sum() > chars
                if enough or scan == len(found):
                    break
                scan = min(len(found), 2 * scan)
        else:
            picked = np.flatnonzero(found == tier)
            picked = picked[np.argsort(self.rank[picked])]
        fits = np.count_nonzero(np.cumsum(self.lengths[picked]) <= chars)
        return picked[: max(fits, at_least)]

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


def _starts(questions: Iterable[Sequence[str]]) -> np.ndarray:
    """Where each fact's phrasings start among all of them, and their total at the end."""
    counts = np.fromiter((len(phrasings) for phrasings in questions), dtype=np.int64)
    start = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=start[1:])
    return start


def _openings(choices: Sequence[str]) -> Counter[str]:
    """How many phrasings open with each prefix, of one to POPULAR_PREFIX_CHARS characters,
    of their first word (a shorter word counts once more as each longer prefix)."""
    first_words = Counter(choice.split(maxsplit=1)[0] for choice in choices if choice)
    openings: Counter[str] = Counter()
    for word, count in first_words.items():
        for size in range(1, POPULAR_PREFIX_CHARS + 1):
            openings[word[:size]] += count
    return openings


def _dense_ranges(
    vocabulary: Sequence[str], word_start: np.ndarray, more_than: int
) -> list[tuple[int, int]]:
    """The vocabulary ranges, whole words and prefixes alike, whose phrasing lists together
    are longer than `more_than`: the ranges `bisect` finds for the word or the prefix."""
    spans = [
        (i, i + 1) for i in range(len(vocabulary)) if word_start[i + 1] - word_start[i] > more_than
    ]
    stack = [("", 0, len(vocabulary))]
    while stack:
        prefix, lo, hi = stack.pop()
        i = lo
        while i < hi:
            if len(vocabulary[i]) <= len(prefix):
                i += 1
                continue
            longer = vocabulary[i][: len(prefix) + 1]
            j = bisect.bisect_left(vocabulary, longer + _AFTER, lo=i, hi=hi)
            if word_start[j] - word_start[i] > more_than:
                spans.append((i, j))
                stack.append((longer, i, j))
            i = j
    return list(dict.fromkeys(spans))
