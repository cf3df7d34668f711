"""The one answer value every front end (CLI, JSON, Discord) renders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.model import Fact, FactBase


@dataclass(frozen=True)
class Citation:
    source_id: str
    title: str
    publisher: str
    url: str
    date: str

    def to_json(self) -> dict[str, str]:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "date": self.date,
        }


@dataclass(frozen=True)
class AnswerPart:
    """One fact's statement and the numbers of the citations it rests on (1-based)."""

    fact_id: str
    text: str
    citation_numbers: tuple[int, ...]

    def marked_text(self) -> str:
        marks = "".join(f"[{number}]" for number in self.citation_numbers)
        return f"{self.text} {marks}" if marks else self.text


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    parts: tuple[AnswerPart, ...] = ()
    citations: tuple[Citation, ...] = ()
    score: float = 0.0
    suggestions: tuple[str, ...] = ()
    suggested_fact_ids: tuple[str, ...] = ()

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(part.fact_id for part in self.parts)

    @property
    def text(self) -> str:
        """The answer with citation marks; a list answer puts each part on its own line."""
        if not self.parts:
            return ""
        head, *rest = self.parts
        lines = [head.marked_text()] + [f"- {part.marked_text()}" for part in rest]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.text if self.answered else "",
            "fact_ids": list(self.fact_ids),
            "score": round(self.score, 2),
            "citations": [citation.to_json() for citation in self.citations],
            "suggestions": list(self.suggestions),
        }


def compose(factbase: FactBase, fact: Fact) -> tuple[tuple[AnswerPart, ...], tuple[Citation, ...]]:
    """The parts of an answer for `fact` (itself, then any facts it lists) with shared citations."""
    facts = [fact, *(factbase.facts[fact_id] for fact_id in fact.includes)]
    numbers: dict[str, int] = {}
    parts = []
    for item in facts:
        for source_id in item.sources:
            numbers.setdefault(source_id, len(numbers) + 1)
        cited = tuple(numbers[source_id] for source_id in item.sources)
        parts.append(AnswerPart(item.id, item.answer, cited))
    citations = tuple(cite(factbase, source_id) for source_id in numbers)
    return tuple(parts), citations


def cite(factbase: FactBase, source_id: str) -> Citation:
    source = factbase.sources[source_id]
    return Citation(source.id, source.title, source.publisher, source.url, str(source.date))
