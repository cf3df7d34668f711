"""The chronology, built from the facts' own dates, optionally narrowed to a topic or entity."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from bot.core.answer import Citation, cite
from bot.core.model import Fact, FactBase, PartialDate


@dataclass(frozen=True)
class TimelineEntry:
    date: PartialDate
    fact: Fact
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class TopicFilter:
    """What a user's topic resolved to: topic ids and entity ids to keep."""

    label: str
    topics: frozenset[str]
    entities: frozenset[str]


def topic_names(factbase: FactBase) -> dict[str, TopicFilter]:
    """Every name a user may give a timeline topic, mapped to what it selects."""
    names: dict[str, TopicFilter] = {}
    for topic in factbase.topics.values():
        selected = TopicFilter(topic.title, frozenset({topic.id}), frozenset())
        for name in (topic.id, topic.title, *topic.aliases):
            names.setdefault(utils.default_process(name), selected)
    for entity in factbase.entities.values():
        if entity.kind in ("country", "initiative", "event", "person"):
            selected = TopicFilter(entity.name, frozenset(), frozenset({entity.id}))
            for name in (entity.id, entity.name, *entity.aliases):
                names.setdefault(utils.default_process(name), selected)
    names.pop("", None)
    return names


def resolve_topic(factbase: FactBase, text: str) -> TopicFilter | None:
    """The topic or entity a user meant, tolerant of case and typos; None if unknown."""
    names = topic_names(factbase)
    key = utils.default_process(text)
    if key in names:
        return names[key]
    best = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=80)
    return names[best[0]] if best else None


def timeline(factbase: FactBase, selection: TopicFilter | None = None) -> list[TimelineEntry]:
    """Dated facts, oldest first, each with its citations."""
    entries = []
    for fact in factbase.dated_facts():
        if selection is not None and not (
            fact.topic in selection.topics or selection.entities & factbase.related_entities(fact)
        ):
            continue
        citations = tuple(cite(factbase, source_id) for source_id in fact.sources)
        entries.append(TimelineEntry(fact.date, fact, citations))  # type: ignore[arg-type]
    return entries
