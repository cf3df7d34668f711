"""Unanswered questions that say the same thing, grouped so an admin sees what to add.

Two wordings are grouped when rapidfuzz's `token_set_ratio` is at least `SET_CUTOFF`
*and* `token_sort_ratio` at least `SORT_CUTOFF`. The set ratio alone scores a question
100 against any longer one containing its words ("Who won?" and "Who won the world
cup?"), and at 85 it joins "the president of France" with "... of Brazil"; the sort
ratio guard and the higher cutoff keep those apart while "What's the weather like on
Mars" still joins "What is the weather on Mars?".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from bot.operations.store.records import QuestionGroup

SET_CUTOFF = 90
SORT_CUTOFF = 70
MAX_WORDINGS = 1000
"""Distinct wordings compared at most (the commonest): the matrix is this squared."""
MAX_VARIANTS = 3


@dataclass(frozen=True)
class Wording:
    """One exact question text, how often it was asked, and when last."""

    text: str
    count: int
    last_asked: dt.datetime | None = None


def group_questions(
    wordings: Sequence[Wording],
    *,
    limit: int | None = None,
    set_cutoff: int = SET_CUTOFF,
    sort_cutoff: int = SORT_CUTOFF,
) -> list[QuestionGroup]:
    """Greedy clustering, commonest wording first; each group is named by its commonest."""
    merged = _merge_same_processed(wordings)
    order = sorted(merged, key=lambda w: (-w.count, -_stamp(w.last_asked), w.text))
    order = order[:MAX_WORDINGS]
    if not order:
        return []
    processed = [utils.default_process(w.text) for w in order]
    sets = process.cdist(processed, processed, scorer=fuzz.token_set_ratio, dtype=np.uint8)
    sorts = process.cdist(processed, processed, scorer=fuzz.token_sort_ratio, dtype=np.uint8)
    similar = (sets >= set_cutoff) & (sorts >= sort_cutoff)
    unassigned = np.ones(len(order), dtype=bool)
    groups: list[QuestionGroup] = []
    for index, head in enumerate(order):
        if not unassigned[index]:
            continue
        members = np.flatnonzero(similar[index] & unassigned)
        unassigned[members] = False
        chosen = [order[i] for i in members]
        others = tuple(w.text for w in chosen if w is not head)[:MAX_VARIANTS]
        stamps = [w.last_asked for w in chosen if w.last_asked is not None]
        groups.append(
            QuestionGroup(
                wording=head.text,
                count=sum(w.count for w in chosen),
                variants=others,
                last_asked=max(stamps) if stamps else None,
            )
        )
    groups.sort(key=lambda g: (-g.count, -_stamp(g.last_asked), g.wording))
    return groups[:limit] if limit is not None else groups


def _merge_same_processed(wordings: Sequence[Wording]) -> list[Wording]:
    """Wordings that differ only in case, spacing or punctuation count as one."""
    by_key: dict[str, list[Wording]] = {}
    for wording in wordings:
        key = " ".join(utils.default_process(wording.text).split()) or wording.text
        by_key.setdefault(key, []).append(wording)
    merged = []
    for same in by_key.values():
        head = max(same, key=lambda w: (w.count, _stamp(w.last_asked)))
        stamps = [w.last_asked for w in same if w.last_asked is not None]
        merged.append(
            Wording(head.text, sum(w.count for w in same), max(stamps) if stamps else None)
        )
    return merged


def _stamp(moment: dt.datetime | None) -> float:
    return moment.timestamp() if moment is not None else 0.0
