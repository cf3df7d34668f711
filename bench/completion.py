"""Autocomplete per keystroke on synthetic bases (`python -m bench.completion`): the index's
build time and size, p50/p99 per keystroke, and how its choices agree with a full scan.

The keystrokes are `bench.latency`'s: known questions typed one key at a time, 30% with a
typo. Each keystroke is timed `--rounds` times and its median kept, as section 1-2 does
for answers, so a moment the OS gave to someone else does not count as ours. The full
scan ranks every phrasing by the same words-held tiers with WRatio over all of them, no
cap: what the index would choose with unlimited time. Many phrasings tie on both (the
same template, the same words typed), and a tie goes to the first in fact-base order, so
`same` (the share of the full scan's choices ours holds) understates; `as good` is the
share of places where our choice ranks as high as the full scan's (same tier, same
WRatio).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

from bench.latency import keystrokes
from bench.report import Table, ms, pct
from bench.synthetic.facts import DEFAULT_SEED, generate
from bench.timing import median, percentile, time_each, timed
from bot.core.completion import MAX_COMPLETION_CHARS, Completions

Key = tuple[int, float]


class FullScan:
    """The choices with no cap: every phrasing scored, ranked as the index ranks them."""

    def __init__(self, index: Completions) -> None:
        self.index = index
        self.phrasings: dict[str, list[int]] = {}
        for i, text in enumerate(index.texts):
            self.phrasings.setdefault(text, []).append(i)

    def __call__(self, typed: str, limit: int = 25) -> tuple[list[str], Callable[[str], Key]]:
        """The choices, and what ranks a text: its best phrasing's (tier, WRatio)."""
        index = self.index
        processed = utils.default_process(typed[:MAX_COMPLETION_CHARS])
        *whole, partial = processed.split()
        found = index._words_found(whole, partial).astype(np.int64)
        closeness = process.cdist([processed], index.choices, scorer=fuzz.WRatio, processor=None)
        ranked = np.lexsort((np.arange(len(found)), -closeness[0], -found))[: limit * 2]

        def key(text: str) -> Key:
            return max((int(found[i]), float(closeness[0][i])) for i in self.phrasings[text])

        return list(dict.fromkeys(index.texts[i] for i in ranked))[:limit], key


def index_mb(index: Completions) -> float:
    """The index's arrays (the phrasing texts are the fact base's own)."""
    arrays = (index.word_start, index.word_phrasings, index.lengths, index.priority)
    return sum(a.nbytes for a in (*arrays, index.rank, index.dense_rows)) / 1e6


def measure(facts: int, seed: int, typed: int, rounds: int, sample: int) -> tuple[str, ...]:
    factbase = generate(facts, seed)
    index, build = timed(lambda: Completions.build([f.questions for f in factbase.facts.values()]))
    keys = keystrokes(factbase, seed, typed)
    runs = [time_each(index.complete, keys)[0] for _ in range(rounds)]
    each = [median(times) for times in zip(*runs, strict=True)]
    scan = FullScan(index)
    same, as_good = [], []
    scanned = [text for text in keys if utils.default_process(text[:MAX_COMPLETION_CHARS])]
    for text in random.Random(seed).sample(scanned, min(sample, len(scanned))):
        ours, (best, key) = index.complete(text), scan(text)
        same.append(len(set(ours) & set(best)) / len(best))
        ranks = zip(map(key, ours), map(key, best), strict=False)
        as_good.append(sum(mine >= theirs for mine, theirs in ranks) / len(best))
    return (
        f"{facts:,}",
        f"{len(index.choices):,}",
        f"{build:.2f}",
        f"{index_mb(index):.1f}",
        f"{len(keys):,}",
        ms(percentile(each, 50)),
        ms(percentile(each, 99)),
        ms(max(each)),
        pct(float(np.mean(same))),
        pct(float(np.mean(as_good))),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.completion", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--typed", type=int, default=40, help="questions typed per base")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sample", type=int, default=40, help="keystrokes checked by a full scan")
    args = parser.parse_args(argv)
    rows = tuple(
        measure(int(size), args.seed, args.typed, args.rounds, args.sample)
        for size in args.sizes.split(",")
    )
    columns = ("facts", "phrasings", "build s", "index MB", "keystrokes", "p50 ms", "p99 ms")
    agreement = ("max ms", "same as full scan", "as good")
    print(Table((*columns, *agreement), rows).render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
