"""Runs of kept items, to splice lists held item by item after an edit."""

from __future__ import annotations

from collections.abc import Sequence


def kept_runs(kept: Sequence[int]) -> list[tuple[int, int, int]]:
    """For `kept[new]`, the old position item `new` keeps (-1 for a fresh item): each run
    of items kept from consecutive old positions as (new start, old start, length), and
    each fresh item as (new, -1, 1)."""
    runs: list[tuple[int, int, int]] = []
    for new, old in enumerate(kept):
        last = runs[-1] if runs else None
        if old >= 0 and last is not None and last[1] >= 0 and last[1] + last[2] == old:
            runs[-1] = (last[0], last[1], last[2] + 1)
        else:
            runs.append((new, old, 1))
    return runs
