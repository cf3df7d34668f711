"""Browsing selections, against the bundled fact base."""

from __future__ import annotations

from bot.core import catalog
from bot.core.model import FactBase
from bot.core.timeline import resolve_topic


def test_leaders_by_country(factbase: FactBase) -> None:
    everyone = catalog.leaders(factbase)
    assert {leader.country.id for leader in everyone if leader.country} == {"us", "rok", "india"}
    for leader in everyone:
        assert leader.person.kind == "person"
        assert leader.fact.topic == catalog.LEADERS_TOPIC
        assert leader.citations
        assert leader.role
    india = catalog.leaders(factbase, "india")
    assert [leader.person.name for leader in india] == ["Lekhan Thakkar"]
    assert catalog.leaders(factbase, "japan") == []


def test_leaders_are_grouped_by_country(factbase: FactBase) -> None:
    order = [leader.person.country for leader in catalog.leaders(factbase)]
    assert order == sorted(order, key=order.index)


def test_role_does_not_repeat_the_organisation(factbase: FactBase) -> None:
    for leader in catalog.leaders(factbase):
        if leader.organisation:
            assert leader.role.count(leader.organisation.name) <= 1


def test_resolve_country(factbase: FactBase) -> None:
    assert catalog.resolve_country(factbase, "South Korea").id == "rok"
    assert catalog.resolve_country(factbase, "indai").id == "india"
    assert catalog.resolve_country(factbase, "icet") is None
    assert catalog.resolve_country(factbase, "Atlantis") is None


def test_areas_are_plain_area_facts(factbase: FactBase) -> None:
    areas = catalog.areas(factbase)
    assert len(areas) >= 3
    for fact, citations in areas:
        assert fact.topic == catalog.AREAS_TOPIC and not fact.includes
        assert len(citations) == len(fact.sources)


def test_sources_are_the_cited_ones_oldest_first(factbase: FactBase) -> None:
    uses = catalog.sources(factbase)
    cited = {s for fact in factbase.facts.values() for s in fact.sources}
    assert {use.source.id for use in uses} == cited
    dates = [use.source.date.sort_key for use in uses]
    assert dates == sorted(dates)
    assert sum(use.fact_count for use in uses) == sum(
        len(fact.sources) for fact in factbase.facts.values()
    )


def test_topic_choices_resolve_back(factbase: FactBase) -> None:
    choices = catalog.topic_choices(factbase, "")
    labels = [label for label, _ in choices]
    assert factbase.topics["meeting"].title in labels
    assert "India" in labels
    assert "Japan" not in labels  # no dated fact: nothing to show
    for label, value in choices:
        assert resolve_topic(factbase, value).label == label


def test_topic_choices_rank_what_was_typed_first(factbase: FactBase) -> None:
    assert catalog.topic_choices(factbase, "icet")[0][1] == "icet"
    assert catalog.topic_choices(factbase, "korea", limit=2)[0][0] in (
        "Republic of Korea",
        factbase.topics["us-rok-dialogue"].title,
    )
    assert len(catalog.topic_choices(factbase, "e", limit=3)) == 3
