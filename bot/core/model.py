"""The fact base as immutable values: what the loader builds and the matcher reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ENTITY_KINDS = ("person", "country", "place", "organisation", "initiative", "event")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, month or day, as sources often give only a month."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def display(self) -> str:
        """A human form: '13 March 2024', 'May 2022' or '2023'."""
        if self.month is None:
            return str(self.year)
        month = _MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    date: PartialDate


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    organisation: str | None = None
    country: str | None = None
    place: str | None = None  # where an event took place
    date: PartialDate | None = None  # when an event took place


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    id: str
    topic: str
    answer: str
    questions: tuple[str, ...]
    sources: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    date: PartialDate | None = None
    includes: tuple[str, ...] = ()


def _frozen(mapping: Mapping[str, object]) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class FactBase:
    """Everything loaded from one knowledge directory, keyed by id, never mutated."""

    sources: Mapping[str, Source]
    entities: Mapping[str, Entity]
    topics: Mapping[str, Topic]
    facts: Mapping[str, Fact]
    synonyms: tuple[tuple[str, ...], ...] = ()
    fingerprint: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        for name in ("sources", "entities", "topics", "facts"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    def related_entities(self, fact: Fact) -> frozenset[str]:
        """The fact's entities plus the countries and organisations of the people and bodies
        in it and the places of its events; a place adds nothing (a fact set in Tokyo is not
        about Japan), nor does an event's host country (a fact about the Seoul meeting is not
        about Korea any more than about the other two)."""
        related: set[str] = set()
        for entity_id in fact.about:
            related.add(entity_id)
            entity = self.entities[entity_id]
            if entity.kind == "place":
                continue
            country = None if entity.kind == "event" else entity.country
            for parent in (country, entity.organisation, entity.place):
                if parent:
                    related.add(parent)
        return frozenset(related)

    def dated_facts(self) -> list[Fact]:
        """Facts with a date, oldest first (ties keep file order)."""
        dated = [fact for fact in self.facts.values() if fact.date is not None]
        return sorted(dated, key=lambda fact: fact.date.sort_key)  # type: ignore[union-attr]
