"""Each signal on its own, and the one place they are combined."""

from __future__ import annotations

import numpy as np
import pytest

from bot.core.model import PartialDate
from bot.core.shape import DATE, LIST, PERSON, Shape
from bot.core.signals import (
    ADDITIVE,
    FACTORS,
    asked_agreement,
    combine,
    country_focus,
    date_agreement,
    entity_agreement,
    entity_focus,
    kind_agreement,
    list_agreement,
    person_focus,
    profile_focus,
    subject_focus,
    topic_focus,
)


def test_foreign_entities_cost_more_when_specific() -> None:
    named = frozenset({"@japan", "@seth"})
    facts = [frozenset({"@japan", "@seth"}), frozenset({"@seth"}), frozenset({"@japan"})]
    values = entity_agreement(named, frozenset({"@seth"}), facts, 0.8, 0.5)
    assert values.tolist() == pytest.approx([1.0, 0.8, 0.5])


def test_a_fact_naming_another_of_the_same_kind_corrects_a_premise() -> None:
    """ "Was Doval leading India?": the fact about Thakkar, another person, corrects it; the
    fact about no person at all does not."""
    kinds = {"@doval": "person", "@thakkar": "person", "@india": "country"}
    named = frozenset({"@doval", "@india"})
    facts = [frozenset({"@thakkar", "@india"}), frozenset({"@india"})]
    values = entity_agreement(named, frozenset({"@doval"}), facts, 0.6, 0.6, kinds, 0.9)
    assert values.tolist() == pytest.approx([0.9, 0.6])


def test_a_list_fact_corrects_a_premise_with_what_its_items_name() -> None:
    """ "Jake Sullivan led the US team, yes?": the fact listing the US delegation names no
    person itself, but its items do, so it corrects the premise, though less than a fact
    naming another person itself."""
    kinds = {"@sullivan": "person", "@chhabra": "person", "@us": "country"}
    named = frozenset({"@sullivan", "@us"})
    facts = [frozenset({"@us"}), frozenset({"@us"}), frozenset({"@us", "@chhabra"})]
    items = [frozenset({"@chhabra"}), frozenset(), frozenset()]
    values = entity_agreement(
        named, frozenset({"@sullivan"}), facts, 0.6, 0.6, kinds, 0.9, item_entities=items
    )
    assert values.tolist() == pytest.approx([0.81, 0.6, 0.9])


def test_a_choice_about_what_a_fact_is_about_costs_nothing_for_the_side_it_lacks() -> None:
    """ "Is Seth Center from the State Department or the NSC?": the fact about him holding
    one side answers; when only the sides are named ("which came first, iCET or the
    dialogue?") the fact holding both is better than one holding a side."""
    kinds = {"@seth": "person", "@state": "organisation", "@nsc": "organisation"}
    sides = frozenset({"@state", "@nsc"})
    facts = [frozenset({"@seth", "@state"}), frozenset({"@nsc"})]
    about_him = entity_agreement(
        sides | {"@seth"}, frozenset(), facts, 0.6, 0.6, kinds, 0.8, alternatives=sides
    )
    assert about_him.tolist() == pytest.approx([1.0, 0.8 * 0.6])
    only_sides = entity_agreement(
        sides, frozenset(), [frozenset(sides), facts[1]], 0.6, 0.6, kinds, 0.8, alternatives=sides
    )
    assert only_sides.tolist() == pytest.approx([1.0, 0.8])


def _city_agreement(named: set[str], facts: list[frozenset[str]], premise: bool) -> list[float]:
    """`entity_agreement` for a question naming cities; in a premise question it names them
    as where something was ("was it held *in Delhi*?")."""
    places = {"@seoul": "@rok", "@delhi": "@india"}
    kinds = {"@seoul": "place", "@delhi": "place", "@rok": "country", "@india": "country"}
    return entity_agreement(
        frozenset(named),
        frozenset(),
        facts,
        0.7,
        0.5,
        kinds if premise else None,
        0.8,
        places,
        located=frozenset(named) if premise else frozenset(),
    ).tolist()


def test_a_city_is_held_by_its_country_unless_a_premise_places_something_there() -> None:
    """ "Who spoke for Seoul?" is answered by a fact about the ROK; in "Was it held *in
    Delhi*?" a fact that only names India corrects no more than one naming Seoul does."""
    about_rok, in_seoul, about_india = (
        frozenset({"@rok"}),
        frozenset({"@seoul", "@rok"}),
        frozenset({"@india"}),
    )
    facts = [about_rok, in_seoul, frozenset(), about_india]
    assert _city_agreement({"@seoul"}, facts, premise=False) == pytest.approx([1, 1, 0.7, 0.7])
    assert _city_agreement({"@delhi"}, facts, premise=True) == pytest.approx([0.7, 0.8, 0.7, 0.8])


def test_either_side_of_or_corrects_the_other() -> None:
    kinds = {"@seoul": "place", "@tokyo": "place"}
    named = frozenset({"@seoul", "@tokyo"})
    facts = [frozenset({"@seoul"})]
    plain = entity_agreement(named, frozenset(), facts, 0.6, 0.6, kinds, 0.8)
    either = entity_agreement(named, frozenset(), facts, 0.6, 0.6, kinds, 0.8, alternatives=named)
    assert plain.tolist() == pytest.approx([0.6])
    assert either.tolist() == pytest.approx([0.8])


def test_focus_prefers_the_fact_about_little_else() -> None:
    values = entity_focus(
        frozenset({"@doval"}), [frozenset({"@doval"}), frozenset({"@doval", "@icet"})], 0.2
    )
    assert values[0] > values[1]
    assert entity_focus(frozenset(), [frozenset({"@x"})], 0.2).tolist() == [1.0]


def test_subject_only_when_nothing_is_named() -> None:
    facts = [frozenset({"@meeting"}), frozenset({"@icet"})]
    assert subject_focus(frozenset(), "@meeting", facts, 0.8).tolist() == [1.0, 0.8]
    assert subject_focus(frozenset({"@icet"}), "@meeting", facts, 0.8).tolist() == [1.0, 1.0]


def test_a_question_about_someone_prefers_facts_about_them_unless_it_asks_who() -> None:
    people = [frozenset({"@chhabra"}), frozenset({"@center"}), frozenset()]
    about = Shape(frozenset(), True, ())
    named = frozenset({"@chhabra"})
    assert person_focus(about, named, people, 0.7).tolist() == [1.0, 0.7, 1.0]
    who = Shape(frozenset({PERSON}), False, ())
    assert person_focus(who, named, people, 0.7).tolist() == [1.0, 1.0, 1.0]
    assert person_focus(about, frozenset(), people, 0.7).tolist() == [1.0, 1.0, 1.0]


def test_profile_lowers_the_others_only_when_a_profile_is_a_candidate() -> None:
    values = profile_focus(np.array([False, True, False]), 0.85)
    assert values.tolist() == pytest.approx([0.85, 1.0, 0.85])
    assert profile_focus(np.array([False, False]), 0.85).tolist() == [1.0, 1.0]


def test_asked_words_must_be_found() -> None:
    values = asked_agreement(np.array([0.0, 2.0, 10.0]), 10.0, 0.4, 0.6)
    assert values.tolist() == pytest.approx([0.6, 0.8, 1.0])
    assert asked_agreement(np.array([0.0]), 0.0, 0.4, 0.6).tolist() == [1.0]


def test_kind_list_and_date_agreement() -> None:
    who = Shape(frozenset({PERSON}), False, ())
    assert kind_agreement(who, [frozenset({PERSON}), frozenset({DATE})], 0.7).tolist() == [1.0, 0.7]
    many = Shape(frozenset({LIST}), False, ())
    assert list_agreement(many, np.array([True, False]), 0.9).tolist() == [1.0, 0.9]
    may = Shape(frozenset(), False, (PartialDate(2022, 5),))
    dates = [(PartialDate(2022, 5, 24),), (PartialDate(2024, 3, 13),), ()]
    assert date_agreement(may, dates, 0.6, 0.9).tolist() == [1.0, 0.6, 0.9]


def test_combine_is_a_weighted_sum_times_the_factors() -> None:
    signals = {name: np.array([1.0, 1.0]) for name in (*ADDITIVE, *FACTORS)}
    signals["coverage"] = np.array([1.0, 0.5])
    signals["date"] = np.array([1.0, 0.5])
    scores = combine(signals, 0.4, 0.3)
    assert scores.tolist() == pytest.approx([100.0, 0.5 * (40 * 0.5 + 30 + 30)])


def test_a_fact_about_an_event_of_several_countries_is_not_about_one() -> None:
    """With no country named, a fact about one country is lowered, but not one about the
    meeting of three that names only one of them (the US delegation)."""
    countries = frozenset({"@us", "@rok", "@india"})
    facts = [frozenset({"@us"}), frozenset({"@us"}), frozenset({"@us", "@india"})]
    values = country_focus(frozenset(), countries, facts, 0.2, [False, True, False])
    assert values.tolist() == pytest.approx([0.9, 1.0, 1.0])


def test_a_question_that_is_a_topics_name_prefers_that_topic() -> None:
    assert topic_focus(["leaders", "background"], "leaders", 0.9).tolist() == [1.0, 0.9]
    assert topic_focus(["leaders", "background"], None, 0.9).tolist() == [1.0, 1.0]


def test_names_asked_about_together_cost_a_fact_holding_one_nothing() -> None:
    named = frozenset({"@chhabra", "@center"})
    facts = [frozenset({"@chhabra"}), frozenset({"@center"}), frozenset({"@us"})]
    values = entity_agreement(named, named, facts, 0.6, 0.5, joined=named)
    assert values.tolist() == pytest.approx([1.0, 1.0, 0.25])
