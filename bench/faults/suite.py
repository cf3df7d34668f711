"""Every part of the fault suite, in the order the report prints them."""

from __future__ import annotations

from bench.faults import discord_faults, factbases, question_log, questions
from bench.report import Section


def run(seed: int, smoke: bool) -> list[Section]:
    return [
        *questions.run(seed, smoke),
        *factbases.run(seed, smoke),
        *question_log.run(seed, smoke),
        *discord_faults.run(seed, smoke),
    ]
