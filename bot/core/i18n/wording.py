"""What a listing (timeline, leaders, areas, sources, about) says in one language.

Fixed texts come from the language's messages; names, titles, roles and answers from its
translations of the fact base, and in English where it has none, so a listing can say
that part of it is shown in English. Without a language everything is the English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.catalog import Leader
from bot.core.i18n.languages import ENGLISH, Language
from bot.core.model import Entity, Fact, FactBase, PartialDate, Topic
from bot.core.timeline import TopicFilter


@dataclass(frozen=True)
class Wording:
    """The texts of one language for the listings; `language` None is English."""

    language: Language | None = None

    def message(self, key: str, **values: object) -> str:
        if self.language is None:
            return ENGLISH[key].format(**values)
        return self.language.message(key, **values)

    def answer(self, fact: Fact) -> str:
        return self._translation("facts", fact.id) or fact.answer

    def title(self, topic: Topic) -> str:
        return self._translation("topics", topic.id) or topic.title

    def name(self, entity: Entity) -> str:
        return self._translation("entities", entity.id) or entity.name

    def label(self, factbase: FactBase, selection: TopicFilter) -> str:
        """The name of what a timeline is narrowed to: its topic's title or its entity's name."""
        topics = [factbase.topics[i] for i in sorted(selection.topics) if i in factbase.topics]
        entities = [
            factbase.entities[i] for i in sorted(selection.entities) if i in factbase.entities
        ]
        if len(topics) + len(entities) != 1:
            return selection.label
        return self.title(topics[0]) if topics else self.name(entities[0])

    def role(self, leader: Leader) -> str:
        """The leader's role, then the organisation unless the role names it already."""
        person, organisation = leader.person, leader.shown_organisation
        role = (self._translation("roles", person.id) or person.role) if person.role else ""
        return ", ".join(p for p in (role, self.name(organisation) if organisation else "") if p)

    def date(self, date: PartialDate) -> str:
        if self.language is None or date.month is None:
            return date.display()
        month = self.message("months").split()[date.month - 1]
        if date.day is None:
            return self.message("date_month", month=month, year=date.year)
        return self.message("date_day", day=date.day, month=month, year=date.year)

    def in_english(
        self,
        facts: Iterable[Fact] = (),
        entities: Iterable[Entity | None] = (),
    ) -> bool:
        """Whether any of these is shown in English for want of a translation."""
        if self.language is None:
            return False
        wanted = [
            *(("facts", fact.id) for fact in facts),
            *(("entities", e.id) for e in entities if e is not None),
            *(("roles", e.id) for e in entities if e is not None and e.role),
        ]
        return any(not self._translation(kind, item) for kind, item in wanted)

    def note(self, english: bool, cited: bool) -> str:
        """The line under a listing: part of it is in English, its sources are English."""
        if self.language is None:
            return ""
        notes = [
            key for key, shown in (("english_only", english), ("sources_english", cited)) if shown
        ]
        return " ".join(self.language.message(key) for key in notes)

    def _translation(self, kind: str, item: str) -> str | None:
        if self.language is None:
            return None
        return getattr(self.language, kind).get(item)
