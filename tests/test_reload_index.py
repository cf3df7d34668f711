"""An index updated for what changed is the index built from scratch: same scores, same answers."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pytest

from bench.synthetic.facts import generate
from bench.synthetic.questions import question_mix
from bot.core.completion import Completions
from bot.core.index import FactIndex
from bot.core.matcher import Matcher
from bot.core.model import Fact, FactBase

Edit = Callable[[FactBase], FactBase]


def with_facts(factbase: FactBase, facts: dict[str, Fact]) -> FactBase:
    return dataclasses.replace(factbase, facts=facts)


def changed(factbase: FactBase, count: int = 3) -> FactBase:
    """A few facts in the middle reworded: new answer words, a new question."""
    facts = dict(factbase.facts)
    for ident in list(facts)[len(facts) // 2 : len(facts) // 2 + count]:
        fact = facts[ident]
        facts[ident] = dataclasses.replace(
            fact,
            answer=fact.answer + " It was later renamed the zephyr accord.",
            questions=(*fact.questions[1:], "When was the zephyr accord renamed?"),
        )
    return with_facts(factbase, facts)


def removed(factbase: FactBase) -> FactBase:
    """Plain facts no list includes gone from the start, the middle and the end."""
    included = {i for fact in factbase.facts.values() for i in fact.includes}
    plain = [i for i, f in factbase.facts.items() if not f.includes and i not in included]
    gone = {plain[0], plain[len(plain) // 2], plain[-1]}
    return with_facts(factbase, {i: f for i, f in factbase.facts.items() if i not in gone})


def added(factbase: FactBase) -> FactBase:
    """New facts, one in the middle and one at the end, with words no fact had."""
    facts: dict[str, Fact] = {}
    middle = len(factbase.facts) // 2
    template = next(iter(factbase.facts.values()))
    for number, (ident, fact) in enumerate(factbase.facts.items()):
        if number == middle:
            facts["new-middle"] = dataclasses.replace(
                template,
                id="new-middle",
                answer="The quokka observatory opened in March 2025.",
                questions=("When did the quokka observatory open?", "quokka observatory date"),
                includes=(),
            )
        facts[ident] = fact
    facts["new-end"] = dataclasses.replace(
        template,
        id="new-end",
        answer="Delegates toured the marmot laboratory.",
        questions=("What did the delegates tour?", "Which laboratory was toured?"),
        keywords=("marmot",),
        includes=(),
    )
    return with_facts(factbase, facts)


def moved(factbase: FactBase) -> FactBase:
    """The first fact moved to the end, as when it moves to another file."""
    facts = dict(factbase.facts)
    first = next(iter(facts))
    facts[first] = facts.pop(first)
    return with_facts(factbase, facts)


def entity_changed(factbase: FactBase) -> FactBase:
    """A person's country and an organisation's kind changed, names unchanged."""
    entities = dict(factbase.entities)
    countries = [e.id for e in entities.values() if e.kind == "country"]
    person = next(e for e in entities.values() if e.kind == "person" and e.country)
    other = next(c for c in countries if c != person.country)
    entities[person.id] = dataclasses.replace(person, country=other)
    body = next(e for e in entities.values() if e.kind == "organisation")
    entities[body.id] = dataclasses.replace(body, kind="initiative")
    return dataclasses.replace(factbase, entities=entities)


def alias_added(factbase: FactBase) -> FactBase:
    """An entity with a new alias: every fact reads differently, so the index is built whole."""
    entities = dict(factbase.entities)
    entity = next(iter(entities.values()))
    entities[entity.id] = dataclasses.replace(entity, aliases=(*entity.aliases, "Zorbland"))
    return dataclasses.replace(factbase, entities=entities)


def topic_renamed(factbase: FactBase) -> FactBase:
    """A topic named anew: each of its facts holds the new name."""
    topics = dict(factbase.topics)
    topic = next(iter(topics.values()))
    topics[topic.id] = dataclasses.replace(topic, aliases=("wombats", *topic.aliases))
    return dataclasses.replace(factbase, topics=topics)


def everything(factbase: FactBase) -> FactBase:
    return entity_changed(added(removed(changed(factbase))))


EDITS: dict[str, Edit] = {
    "nothing": lambda factbase: factbase,
    "changed": changed,
    "removed": removed,
    "added": added,
    "moved": moved,
    "entity": entity_changed,
    "alias": alias_added,
    "topic": topic_renamed,
    "everything": everything,
}


def assert_same_index(one: FactIndex, other: FactIndex) -> None:
    for name in ("facts", "position", "answer_terms", "phrased", "dates", "phrasings", "idf"):
        assert getattr(one, name) == getattr(other, name), name
    for name in ("entity_sets", "about_sets", "country_sets", "kinds", "topic_names"):
        assert getattr(one, name) == getattr(other, name), name
    assert np.array_equal(one.phrasing_start, other.phrasing_start)
    assert np.array_equal(one.phrasing_weight, other.phrasing_weight)
    assert one.postings.keys() == other.postings.keys()
    for term, (strong, weak) in one.postings.items():
        assert np.array_equal(strong, other.postings[term][0]), term
        assert np.array_equal(weak, other.postings[term][1]), term
        assert np.array_equal(one.phrasing_postings[term], other.phrasing_postings[term]), term


def assert_same_completions(one: Completions, other: Completions) -> None:
    for item in dataclasses.fields(Completions):
        mine, theirs = getattr(one, item.name), getattr(other, item.name)
        if isinstance(mine, np.ndarray):
            assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), item.name
        else:
            assert mine == theirs, item.name


def assert_same_answers(reloaded: Matcher, fresh: Matcher, questions: list[str]) -> None:
    for question in questions:
        got = [(s.fact.id, s.score, s.signals) for s in reloaded.rank(question, 10)]
        want = [(s.fact.id, s.score, s.signals) for s in fresh.rank(question, 10)]
        assert got == want, question
        assert reloaded.answer(question) == fresh.answer(question), question


def bundled_questions(factbase: FactBase) -> list[str]:
    asked = [q for fact in factbase.facts.values() for q in fact.questions[:2]]
    return [
        *asked,
        "Who led India's delegation?",
        "quantom",
        "what time is it",
        "iCET launch date",
        "When did the quokka observatory open?",
        "zephyr accord",
        "what did they tour in the marmot lab",
    ]


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_reloaded_bundled_index_is_the_fresh_one(factbase: FactBase, edit: str) -> None:
    old = Matcher(factbase)
    old.completions  # noqa: B018 - built, so the reload may take it over
    new = EDITS[edit](factbase)
    reloaded, fresh = Matcher(new, previous=old), Matcher(new)
    assert_same_index(reloaded._index, fresh._index)
    assert reloaded.analyzer.vocabulary == fresh.analyzer.vocabulary
    assert_same_answers(reloaded, fresh, bundled_questions(new))
    assert_same_completions(reloaded.completions, fresh.completions)


@pytest.fixture(scope="module")
def synthetic() -> FactBase:
    return generate(600, seed=3)


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_reloaded_synthetic_index_is_the_fresh_one(synthetic: FactBase, edit: str) -> None:
    old = Matcher(synthetic)
    old.completions  # noqa: B018 - built, so the reload may update it
    new = EDITS[edit](synthetic)
    reloaded, fresh = Matcher(new, previous=old), Matcher(new)
    assert_same_index(reloaded._index, fresh._index)
    assert_same_completions(reloaded.completions, fresh.completions)
    questions = [probe.text for probe in question_mix(new, 120, seed=5)]
    assert_same_answers(reloaded, fresh, questions)


def test_successive_reloads_stay_the_fresh_index(synthetic: FactBase) -> None:
    matcher = Matcher(synthetic)
    matcher.completions  # noqa: B018
    base = synthetic
    for edit in (changed, added, removed, entity_changed, moved, changed):
        base = edit(base)
        matcher = Matcher(base, previous=matcher)
    fresh = Matcher(base)
    assert_same_index(matcher._index, fresh._index)
    assert_same_completions(matcher.completions, fresh.completions)


def test_an_unchanged_reload_shares_the_old_postings(synthetic: FactBase) -> None:
    old = Matcher(synthetic)
    new = Matcher(with_facts(synthetic, dict(synthetic.facts)), previous=old)
    term = next(iter(old._postings))
    assert new._postings[term][0] is old._postings[term][0]
    assert new._phrasings == old._phrasings
