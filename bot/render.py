"""Plain-text renderings for the command line."""

from __future__ import annotations

from bot.answer import Answer, Citation
from bot.timeline import TimelineEntry

DONT_KNOW = "I don't know: my sources don't answer that."


def citation_line(number: int, citation: Citation) -> str:
    return f"[{number}] {citation.title}, {citation.publisher}, {citation.date}. {citation.url}"


def answer_text(answer: Answer) -> str:
    if answer.answered:
        lines = [answer.text, "", "Sources:"]
        lines += [citation_line(n, c) for n, c in enumerate(answer.citations, start=1)]
        return "\n".join(lines)
    lines = [DONT_KNOW]
    if answer.suggestions:
        lines += ["Did you mean:"] + [f"  - {suggestion}" for suggestion in answer.suggestions]
    return "\n".join(lines)


def timeline_text(entries: list[TimelineEntry]) -> str:
    if not entries:
        return "No dated facts match that topic."
    lines = []
    for entry in entries:
        sources = "; ".join(f"{c.publisher} {c.url}" for c in entry.citations)
        lines.append(f"{entry.date.display()}: {entry.fact.answer}\n    ({sources})")
    return "\n".join(lines)
