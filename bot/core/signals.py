"""The named signals a match score is made of, each a small function over candidate arrays.

Additive signals (0-1) say how well a fact's words fit the question; multiplicative
factors (at most 1) lower a fact that disagrees with what the question names or asks
for. `combine` is the one place they meet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from bot.core.model import PartialDate
from bot.core.shape import LIST, PERSON, Shape, date_agrees

ADDITIVE = ("coverage", "overlap", "closeness")
FACTORS = (
    "entities",
    "focus",
    "subject",
    "person",
    "place",
    "profile",
    "topic",
    "country",
    "asked",
    "qualifier",
    "predicate",
    "list",
    "kind",
    "date",
)


def entity_agreement(
    named: frozenset[str],
    specific: frozenset[str],
    fact_entities: Sequence[frozenset[str]],
    penalty: float,
    specific_penalty: float,
    corrects: Mapping[str, str] | None = None,
    correction_penalty: float = 1.0,
    place_countries: Mapping[str, str] | None = None,
    alternatives: frozenset[str] = frozenset(),
    located: frozenset[str] = frozenset(),
    item_entities: Sequence[frozenset[str]] | None = None,
    joined: frozenset[str] = frozenset(),
) -> np.ndarray:
    """Lower a fact once for each entity the question names that the fact is not about;
    more for a person, body or initiative (`specific`) than for a country or the event.

    With `corrects` (entity -> kind, for a question that may name what is not so), a fact
    that names another entity of the same kind corrects the premise ("Was *Doval* leading
    India?" is answered by who did), and costs only `correction_penalty`.

    A city (a key of `place_countries`) the fact lacks is held by the fact's country ("who
    spoke for Seoul?" is answered by who led the ROK side). Where the question may name a
    wrong place and names the city as where something was (`located`: "Was it launched *in
    Delhi*?"), that costs `correction_penalty`, as much as a fact that names another place.

    Of names asked about together (`joined`), a fact holding one costs nothing for the
    others. A list fact also corrects with what its items name (`item_entities`): the fact listing
    the US delegation corrects "Jake Sullivan led the US team, yes?" by the two who did."""
    places = place_countries or {}
    items = item_entities or [frozenset()] * len(fact_entities)
    values = []
    for entities, listed in zip(fact_entities, items, strict=True):
        foreign = named - entities
        if entities & joined:
            foreign -= joined  # "who are Chhabra and Center?": each fact answers for one
        by_country = {city for city in foreign & places.keys() if places[city] in entities}
        if corrects and entities & places.keys():
            by_country -= located
        foreign -= by_country
        corrected: set[str] = by_country & located if corrects else set()
        if corrects and foreign and entities & alternatives and entities & (named - alternatives):
            # Of a choice about something the fact is about ("Is Seth Center from the State
            # Department or the NSC?"), the side the fact lacks is what it answers; where the
            # sides are all that is named ("which came first, iCET or the dialogue?") the
            # fact holding both is the answer, and one holding a side corrects the other.
            foreign -= alternatives
        if corrects and foreign:
            # Either side of an "or" that the fact holds corrects the other ("Seoul or Tokyo?").
            held = {
                corrects.get(entity) for entity in (entities - named) | (entities & alternatives)
            }
            corrected |= {entity for entity in foreign if corrects.get(entity) in held}
            foreign -= corrected
            held_by_items = {corrects.get(item) for item in listed - named}
            by_items = {e for e in foreign if corrects.get(e) in held_by_items}
            foreign -= by_items
        else:
            by_items = set()
        narrow = len(foreign & specific)
        values.append(
            correction_penalty ** (len(corrected) + 2 * len(by_items))
            * specific_penalty**narrow
            * penalty ** (len(foreign) - narrow)
        )
    return np.asarray(values)


def entity_focus(
    named: frozenset[str], fact_about: Sequence[frozenset[str]], weight: float
) -> np.ndarray:
    """Of the facts about what a question names, favour those about little else: "Who is
    Ajit Doval?" prefers the fact about him over the launch he took part in."""
    if not named:
        return np.ones(len(fact_about))
    share = [len(named & about) / len(about) if about else 0.0 for about in fact_about]
    return (1 - weight) + weight * np.asarray(share)


def qualifier_agreement(has_qualifiers: np.ndarray, penalty: float) -> np.ndarray:
    """A word that changes which occasion is meant ("the next meeting", "his previous job")
    must be in the fact: the first meeting does not answer for the second."""
    return np.where(has_qualifiers, 1.0, penalty)


def subject_focus(
    named: frozenset[str],
    subject: str | None,
    fact_entities: Sequence[frozenset[str]],
    penalty: float,
) -> np.ndarray:
    """A question that names nothing ("what did they say about space?") is about the fact
    base's main event: facts not about it are lowered a little."""
    if named or subject is None:
        return np.ones(len(fact_entities))
    return np.asarray([1.0 if subject in entities else penalty for entities in fact_entities])


def person_focus(
    shape: Shape,
    named_people: frozenset[str],
    fact_people: Sequence[frozenset[str]],
    penalty: float,
) -> np.ndarray:
    """A question about someone that does not ask for a person ("Chhabra works at the State
    Department?", "which office is Wang from?") is answered by a fact about that person, not
    by one about someone else who merely shares the body or names them in passing."""
    if not named_people or PERSON in shape.wants:
        return np.ones(len(fact_people))
    return np.asarray(
        [penalty if people and not people & named_people else 1.0 for people in fact_people]
    )


def profile_focus(is_profile: np.ndarray, penalty: float) -> np.ndarray:
    """A question about someone or something as such ("Doval's role in iCET?", "NSO = ?")
    prefers the fact that says who or what it is over an event it took part in. Without
    such a fact among the candidates nothing changes."""
    if not is_profile.any():
        return np.ones(len(is_profile))
    return np.where(is_profile, 1.0, penalty)


def topic_focus(fact_topics: Sequence[str], named: str | None, penalty: float) -> np.ndarray:
    """A question that is only a topic's name ("leaders?", "goals") prefers the facts filed
    under that topic."""
    if named is None:
        return np.ones(len(fact_topics))
    return np.asarray([1.0 if topic == named else penalty for topic in fact_topics])


def country_focus(
    named: frozenset[str],
    all_countries: frozenset[str],
    fact_countries: Sequence[frozenset[str]],
    weight: float,
    shared: Sequence[bool] | None = None,
) -> np.ndarray:
    """Favour facts about just the countries a question names; with nothing named, facts
    about several countries (or none) over a fact about one country, where a fact about an
    event of several countries (`shared`) counts as about several. A question naming a
    person or a body but no country leaves this to the entity signals."""
    named_countries = named & all_countries
    if named and not named_countries:
        return np.ones(len(fact_countries))
    named = named_countries
    focus = []
    several = shared or [False] * len(fact_countries)
    for countries, of_several in zip(fact_countries, several, strict=True):
        overlap = named & countries
        if overlap:
            focus.append(len(overlap) / len(countries))
        else:
            focus.append(0.5 if len(countries) == 1 and not named and not of_several else 1.0)
    return (1 - weight) + weight * np.asarray(focus)


def asked_agreement(
    asked: np.ndarray, asked_total: float, share: float, penalty: float
) -> np.ndarray:
    """What is asked about an entity ("crypto" in "what did X say about crypto?") must be
    found in the fact, not only the entity: below `share` of its weight the fact is lowered,
    the more the less of it is found."""
    if not asked_total:
        return np.ones_like(asked)
    found = np.minimum(1.0, asked / (share * asked_total))
    return penalty + (1 - penalty) * found


def kind_agreement(
    shape: Shape, fact_kinds: Sequence[frozenset[str]], penalty: float
) -> np.ndarray:
    """Lower a fact that answers no kind of question the question is (a date for "who")."""
    wants = shape.wants - {LIST}
    if not wants:
        return np.ones(len(fact_kinds))
    return np.asarray([1.0 if wants & kinds else penalty for kinds in fact_kinds])


def list_agreement(shape: Shape, is_list: np.ndarray, penalty: float) -> np.ndarray:
    """A question asking for several things ("which areas", "list the officials") prefers a
    fact that lists them over one of its items."""
    if LIST not in shape.wants:
        return np.ones(len(is_list))
    return np.where(is_list, 1.0, penalty)


def date_agreement(
    shape: Shape,
    fact_dates: Sequence[tuple[PartialDate, ...]],
    mismatch: float,
    missing: float,
) -> np.ndarray:
    """A question naming a date ("May 2022") prefers facts holding that date."""
    if not shape.dates:
        return np.ones(len(fact_dates))
    values = []
    for dates in fact_dates:
        if not dates:
            values.append(missing)
        elif any(date_agrees(asked, known) for asked in shape.dates for known in dates):
            values.append(1.0)
        else:
            values.append(mismatch)
    return np.asarray(values)


def combine(
    signals: Mapping[str, np.ndarray], coverage_weight: float, overlap_weight: float
) -> np.ndarray:
    """The 0-100 score: a weighted sum of the additive signals times every factor."""
    closeness_weight = 1 - coverage_weight - overlap_weight
    score = 100.0 * (
        coverage_weight * signals["coverage"]
        + overlap_weight * signals["overlap"]
        + closeness_weight * signals["closeness"]
    )
    for name in FACTORS:
        score = score * signals[name]
    return score
