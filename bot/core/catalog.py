"""Listings of the fact base for browsing commands: leaders, areas, sources, topic names.

Discord-free so every front end (and the tests) share one selection logic.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from bot.core.answer import Citation, cite
from bot.core.model import Entity, Fact, FactBase, Source
from bot.core.timeline import TopicFilter, resolve_topic, timeline, topic_names

LEADERS_TOPIC = "leaders"
AREAS_TOPIC = "areas"


@dataclass(frozen=True)
class Leader:
    """A person who led a delegation, with the fact that says so."""

    person: Entity
    country: Entity | None
    organisation: Entity | None
    fact: Fact
    citations: tuple[Citation, ...]

    @property
    def role(self) -> str:
        """'Senior Director, US National Security Council' from whatever the entity knows."""
        organisation = self.shown_organisation
        parts = (self.person.role or "", organisation.name if organisation else "")
        return ", ".join(part for part in parts if part)

    @property
    def shown_organisation(self) -> Entity | None:
        """The organisation unless the role names it already."""
        organisation = self.organisation
        if organisation is None or organisation.name.lower() in (self.person.role or "").lower():
            return None
        return organisation


@dataclass(frozen=True)
class SourceUse:
    source: Source
    fact_count: int


def _citations(factbase: FactBase, fact: Fact) -> tuple[Citation, ...]:
    return tuple(cite(factbase, source_id) for source_id in fact.sources)


def leaders(factbase: FactBase, country_id: str | None = None) -> list[Leader]:
    """Plain facts in the leaders topic about a person, grouped by country in base order."""
    found: list[Leader] = []
    for fact in factbase.facts.values():
        if fact.topic != LEADERS_TOPIC or fact.includes:
            continue
        person = next(
            (factbase.entities[e] for e in fact.about if factbase.entities[e].kind == "person"),
            None,
        )
        if person is None or (country_id is not None and person.country != country_id):
            continue
        country = factbase.entities.get(person.country) if person.country else None
        organisation = factbase.entities.get(person.organisation) if person.organisation else None
        found.append(Leader(person, country, organisation, fact, _citations(factbase, fact)))
    order = {entity_id: index for index, entity_id in enumerate(factbase.entities)}
    return sorted(found, key=lambda leader: order.get(leader.person.country or "", len(order)))


def countries(factbase: FactBase) -> list[Entity]:
    return [entity for entity in factbase.entities.values() if entity.kind == "country"]


def resolve_country(factbase: FactBase, text: str) -> Entity | None:
    """The country a user typed (name, alias or id, tolerant of typos); None if not a country."""
    selection = resolve_topic(factbase, text)
    if selection is None:
        return None
    return next((c for c in countries(factbase) if c.id in selection.entities), None)


def areas(factbase: FactBase) -> list[tuple[Fact, tuple[Citation, ...]]]:
    """The areas of cooperation discussed: plain facts of the areas topic, in base order."""
    return [
        (fact, _citations(factbase, fact))
        for fact in factbase.facts.values()
        if fact.topic == AREAS_TOPIC and not fact.includes
    ]


def sources(factbase: FactBase) -> list[SourceUse]:
    """Sources at least one fact cites, oldest first, with how many facts cite each."""
    counts: dict[str, int] = {}
    for fact in factbase.facts.values():
        for source_id in fact.sources:
            counts[source_id] = counts.get(source_id, 0) + 1
    used = [SourceUse(factbase.sources[i], count) for i, count in counts.items()]
    return sorted(used, key=lambda use: (use.source.date.sort_key, use.source.title))


def topic_choices(factbase: FactBase, typed: str, limit: int = 25) -> list[tuple[str, str]]:
    """(label, value) pairs for a timeline topic box: topics and countries closest to `typed`.

    Only selections with a dated fact are offered; the value is a name `resolve_topic`
    maps back to the same selection.
    """
    country_ids = {country.id for country in countries(factbase)}
    useful: dict[TopicFilter, bool] = {}
    names = {}
    for name, selection in topic_names(factbase).items():
        if selection not in useful:
            wanted = bool(selection.topics or selection.entities & country_ids)
            useful[selection] = wanted and bool(timeline(factbase, selection))
        if useful[selection]:
            names[name] = selection
    values: dict[TopicFilter, str] = {}
    for name, selection in names.items():
        values.setdefault(selection, name)
    key = utils.default_process(typed)
    ranked = list(values)
    if key:
        found = process.extract(key, list(names), scorer=fuzz.WRatio, processor=None, limit=None)
        ranked = list(dict.fromkeys(names[name] for name, _, _ in found))
    return [(selection.label, values[selection]) for selection in ranked[:limit]]
