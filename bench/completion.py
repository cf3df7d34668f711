"""Autocomplete per keystroke on synthetic bases (`python -m bench.completion`): the index's
build time and size, p50/p99 per keystroke, and how its choices agree with a full scan.

The keystrokes are `bench.latency`'s: known questions typed one key at a time, 30% with a
typo. Each keystroke is timed `--rounds` times and its median kept, as section 1-2 does
for answers, so a moment the OS gave to someone else does not count as ours. The full
scan ranks every phrasing by the same words-held tiers with WRatio over all of them, no
cap: what the index would choose with unlimited time.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

from bench.latency import keystrokes
from bench.report import Table, ms, pct
from bench.synthetic.facts import DEFAULT_SEED, generate
from bench.timing import median, percentile, time_each, timed
from bot.core.completion import MAX_COMPLETION_CHARS, Completions


def full_scan(index: Completions, typed: str, limit: int = 25) -> list[str]:
    """The choices with no cap: every phrasing scored, ranked as the index ranks them."""
    processed = utils.default_process(typed[:MAX_COMPLETION_CHARS])
    if not processed:
        return list(index.openers[:limit])
    *whole, partial = processed.split()
    found = index._words_found(whole, partial).astype(np.int64)
    closeness = process.cdist([processed], index.choices, scorer=fuzz.WRatio, processor=None)[0]
    ranked = np.lexsort((np.arange(len(found)), -closeness, -found))[: limit * 2]
    return list(dict.fromkeys(index.texts[i] for i in ranked))[:limit]


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
    agree: dict[int, list[float]] = {25: [], 5: [], 1: []}
    for key in random.Random(seed).sample(keys, min(sample, len(keys))):
        ours, best = index.complete(key), full_scan(index, key)
        for n, shares in agree.items():
            shares.append(len(set(ours[:n]) & set(best[:n])) / max(1, len(best[:n])))
    return (
        f"{facts:,}",
        f"{len(index.choices):,}",
        f"{build:.2f}",
        f"{index_mb(index):.1f}",
        f"{len(keys):,}",
        ms(percentile(each, 50)),
        ms(percentile(each, 99)),
        ms(max(each)),
        *(pct(float(np.mean(shares))) for shares in agree.values()),
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
    agreement = ("max ms", "top-25 as full scan", "top-5", "first")
    print(Table((*columns, *agreement), rows).render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
