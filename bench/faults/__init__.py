"""The fault suite: hostile questions, hostile fact bases, question-log faults and Discord
faults, each measured and printed as tables with targets, like the other benchmarks.

`python -m bench --only faults` runs it; each part also runs alone as
`python -m bench.faults.<part> [--smoke]`.
"""

from __future__ import annotations

from bench.faults import questions
from bench.report import Section


def run(seed: int, smoke: bool) -> list[Section]:
    return [*questions.run(seed, smoke)]
