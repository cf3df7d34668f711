"""The one answer value every front end (CLI, JSON, Discord) renders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from bot.core.model import Fact, FactBase

NOT_KNOWN_PART = "I don't know that one: my sources don't answer it."


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


def citation_marks(numbers: Iterable[int]) -> str:
    """`[1][3]`, in the order given: the marks after a statement for the sources it rests on."""
    return "".join(f"[{number}]" for number in numbers)


@dataclass(frozen=True)
class AnswerPart:
    """One fact's statement and the numbers of the citations it rests on (1-based)."""

    fact_id: str
    text: str
    citation_numbers: tuple[int, ...]

    def marked_text(self) -> str:
        marks = citation_marks(self.citation_numbers)
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
    sections: tuple[Answer, ...] = ()
    lang: str = "en"
    note: str = ""
    did_you_mean: str = ""
    """The heading over the suggestions in the answer's language; empty for English."""

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(part.fact_id for part in self.parts)

    @property
    def text(self) -> str:
        """The answer with citation marks; a list answer puts each part on its own line, and a
        message of several questions gets each question as a heading over its answer."""
        if self.sections and not self.answered:
            return ""
        if self.sections:
            blocks = []
            for section in self.sections:
                body = section.text if section.answered else section.note or NOT_KNOWN_PART
                blocks.append(f"> {section.question}\n{body}")
            if self.note:
                blocks.append(f"_{self.note}_")
            return "\n".join(blocks)
        if not self.parts:
            return ""
        head, *rest = self.parts
        lines = [head.marked_text()] + [f"- {part.marked_text()}" for part in rest]
        if self.note:
            lines.append(f"_{self.note}_")
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
            "parts": [section.to_json() for section in self.sections],
            "lang": self.lang,
        }


def compose(factbase: FactBase, fact: Fact) -> tuple[tuple[AnswerPart, ...], tuple[Citation, ...]]:
    """The parts of an answer for `fact` (itself, then any facts it lists) with shared citations."""
    return compose_all(factbase, [fact, *(factbase.facts[fact_id] for fact_id in fact.includes)])


def compose_all(
    factbase: FactBase, facts: list[Fact]
) -> tuple[tuple[AnswerPart, ...], tuple[Citation, ...]]:
    """One part per fact, in order, with citations numbered once across them all."""
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


def combine_answers(question: str, answers: list[Answer]) -> Answer:
    """One answer for a message of several questions: the sections keep their own answers,
    citations are merged and renumbered so each number means one source throughout."""
    citations: dict[str, Citation] = {}
    sections = []
    for answer in answers:
        for citation in answer.citations:
            citations.setdefault(citation.source_id, citation)
        numbers = {c.source_id: list(citations).index(c.source_id) + 1 for c in answer.citations}
        parts = tuple(
            AnswerPart(
                part.fact_id,
                part.text,
                tuple(numbers[answer.citations[n - 1].source_id] for n in part.citation_numbers),
            )
            for part in answer.parts
        )
        sections.append(replace(answer, parts=parts, citations=()))
    answered = [a for a in sections if a.answered]
    suggestions = dict.fromkeys(s for a in sections for s in a.suggestions)
    suggested = dict.fromkeys(i for a in sections for i in a.suggested_fact_ids)
    return Answer(
        question,
        bool(answered),
        tuple(part for a in answered for part in a.parts),
        tuple(citations.values()),
        min((a.score for a in answered), default=max(a.score for a in sections)),
        tuple(suggestions)[:3],
        tuple(suggested)[:3],
        tuple(sections),
    )
