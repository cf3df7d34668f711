"""What people asked, as lines of text: shared by `python -m bot report`, /unanswered and /stats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bot.core.model import Fact

if TYPE_CHECKING:
    from bot.operations.store.records import QuestionGroup, Stats

DEFAULT_DAYS = 30


def since(days: int, now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)


def period(days: int) -> str:
    return "the last day" if days == 1 else f"the last {days} days"


def fact_questions(facts: Mapping[str, Fact], stats: Stats) -> dict[str, str]:
    """A question each top fact answers, so a fact id reads as what people asked."""
    named = {}
    for top in stats.top_facts:
        fact = facts.get(top.fact_id)
        if fact is not None:
            named[top.fact_id] = fact.questions[0] if fact.questions else fact.answer
    return named


def stats_lines(stats: Stats, fact_questions: Mapping[str, str] | None = None) -> list[str]:
    """Counts and percentages; `fact_questions` names each top fact by a question it answers."""
    lines = [
        f"Questions asked: {stats.asked}",
        f"Answered: {stats.answered} ({stats.answered_pct:.1f}%)",
        f"Abstained: {stats.abstained} ({stats.abstained_pct:.1f}%)",
        f"Replies delivered: {stats.delivered}, failed: {stats.undelivered}",
    ]
    if stats.votes:
        votes = f"{stats.votes} vote{'s' * (stats.votes != 1)}"
        lines.append(f"Helpful: {stats.helpful} of {votes} ({stats.helpful_pct:.1f}%)")
    else:
        lines.append("Helpful: no votes yet")
    if stats.top_facts:
        lines.append("Top facts:")
        for rank, fact in enumerate(stats.top_facts, start=1):
            question = (fact_questions or {}).get(fact.fact_id)
            label = f"{fact.fact_id} — {question}" if question else fact.fact_id
            lines.append(f"  {rank}. {label} ({fact.count})")
    return lines


def unanswered_lines(groups: Sequence[QuestionGroup]) -> list[str]:
    """Each group: its count and commonest wording, then a few other wordings."""
    if not groups:
        return ["No unanswered questions."]
    lines = []
    for rank, group in enumerate(groups, start=1):
        times = "once" if group.count == 1 else f"{group.count} times"
        lines.append(f"{rank}. {group.wording} (asked {times})")
        if group.variants:
            lines.append("     also: " + "; ".join(f"“{v}”" for v in group.variants))
    return lines


def report_text(
    stats: Stats,
    groups: Sequence[QuestionGroup],
    days: int,
    fact_questions: Mapping[str, str] | None = None,
) -> str:
    lines = [f"Questions over {period(days)} (since {stats.since:%Y-%m-%d %H:%M} UTC)", ""]
    lines += stats_lines(stats, fact_questions)
    lines += ["", "Most frequent unanswered questions:"]
    lines += unanswered_lines(groups)
    return "\n".join(lines)


def report_json(stats: Stats, groups: Sequence[QuestionGroup], days: int) -> dict[str, Any]:
    return {
        "days": days,
        "stats": stats.to_json(),
        "unanswered": [group.to_json() for group in groups],
    }
