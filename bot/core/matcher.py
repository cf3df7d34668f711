"""Match a question to facts, or abstain with suggestions when nothing fits well enough.

A message is split into questions (`message`), each reduced to terms (`analysis`) and a
shape (`shape`). An inverted index weighted by inverse document frequency gives every fact
coverage and phrasing overlap in numpy; the best candidates are compared with rapidfuzz
to their phrasings, and the named factors of `signals` (entities, kind, date, ...) scale
the score. `decide` answers or abstains, and `explain` shows why."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, replace

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.analysis import ENTITY_PREFIX, Analyzer, entity_term
from bot.core.answer import Answer, combine_answers, compose, compose_all
from bot.core.completion import Completions
from bot.core.index import FactAnalysis, FactIndex, changed_facts
from bot.core.message import Question, questions_in
from bot.core.model import Fact, FactBase, PartialDate
from bot.core.shape import (
    ALTERNATIVE,
    DATE,
    KIND_OF_NOUN,
    LIST,
    MONTHS,
    ORGANISATION,
    PERSON,
    PLACE,
    Shape,
    date_agrees,
    read_shape,
)
from bot.core.signals import (
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
    qualifier_agreement,
    subject_focus,
    topic_focus,
)
from bot.core.text import (
    DETAILS,
    NON_CONTENT,
    QUALIFIERS,
    QUESTION_WORDS,
    REFERRING,
    asking_clause,
    stem,
    trim_question,
    words,
)

# The term the analysis reads "role", "job", "fit in", "to do with" as.
ROLE = "role"
# The term the analysis reads "related", "connected to", "tied in" as.
RELATION = "relat"

# Candidates an answer looks at: the best, its rivals and the suggestions.
ANSWER_POOL = 12
# Words that join two things asked about in one question.
_JOINED_QUESTION_WORDS = re.compile(
    r"\b(?:who|what|when|where|why|how)\s+(?:and|&|\+)\s+(?:who|what|when|where|why|how)\b",
    re.IGNORECASE,
)  # "when and where" asks one thing two ways
# What stands after "or" without naming an alternative: "... or something else?", "true or
# false?".
_OPEN_SIDES = "else false otherwise"
# "held in New Delhi": the words after "in" or "at" that may name a city.
_LOCATED = re.compile(r"\b(?:in|at)\s+(\w+(?:\s+\w+)?)", re.IGNORECASE)
_EMPTY_POSTING = np.zeros(0, dtype=np.int32)
_CAPITALS = re.compile(r"\b[A-Z]{3,}\b")
_WHOLE = 1 - 1e-9
# Nouns that name a body or a title: "ministry", "department", "minister", "secretary".
_TITLE_STEMS = frozenset(
    stem(noun) for noun, kind in KIND_OF_NOUN.items() if kind in (PERSON, ORGANISATION)
) | {
    stem(noun) for noun in ("ministries", "ministers", "departments", "dept", "agencies")
}  # a coverage that holds all the question asks
_EVENT_PLACE = re.compile(
    r"(\w+(?:\s+\w+)?)\s+(?:tech(?:nology)?\s+)?"
    r"(?:meeting|meet|mtg|talks|summit|trilateral|trilat|thing|discussions?|event|session"
    r"|conference|gathering|meetup)\b",
    re.IGNORECASE,
)
# Two words joined: "India *and* the US".
_JOINED_PAIR = re.compile(r"([\w-]+)\s+(and|&|\+|n)\s+((?:the\s+)?[\w-]+)", re.IGNORECASE)
_COORDINATOR = re.compile(r"\b(?:and|plus|both|n|also)\b|[+&]", re.IGNORECASE)


@dataclass(frozen=True)
class MatchSettings:
    """Every constant of matching and deciding, by name; tuned with `python -m bench.calibrate`
    on the tuning questions (tests/eval/tuning), never on the held-out ones."""

    answer_threshold: float = 56.0
    confident_score: float = 72.0
    margin: float = 8.0
    tie_margin: float = 0.5
    suggestion_floor: float = 25.0
    max_suggestions: int = 3
    candidates: int = 30
    coverage_weight: float = 0.35
    overlap_weight: float = 0.35
    answer_text_weight: float = 0.7
    foreign_entity_penalty: float = 0.7
    foreign_specific_penalty: float = 0.5
    entity_focus_weight: float = 0.1
    qualifier_penalty: float = 0.7
    novel_predicate_penalty: float = 0.7
    list_mismatch_penalty: float = 1.0
    premise_entity_penalty: float = 0.6
    correction_penalty: float = 0.9
    coordinated_floor: float = 40.0
    country_focus_weight: float = 0.2
    off_subject_penalty: float = 0.85
    off_profile_penalty: float = 0.75
    other_person_penalty: float = 0.7
    place_premise_penalty: float = 0.7
    off_topic_penalty: float = 0.9
    asked_share: float = 0.6
    unmatched_ask_penalty: float = 0.9
    kind_mismatch_penalty: float = 0.7
    date_mismatch_penalty: float = 0.7
    date_missing_penalty: float = 0.85
    question_word_boost: float = 1.5
    unknown_word_weight: float = 0.6
    yes_no_unknown_boost: float = 1.0
    choice_unknown_weight: float = 0.0
    aside_unknown_weight: float = 0.0
    unknown_acronym_boost: float = 4.0

    def with_threshold(self, answer_threshold: float | None) -> MatchSettings:
        """These settings with the answer threshold overridden, unless it is None."""
        if answer_threshold is None:
            return self
        return replace(self, answer_threshold=answer_threshold)


@dataclass(frozen=True)
class ScoredFact:
    fact: Fact
    score: float
    signals: dict[str, float] = field(compare=False, default_factory=dict)


@dataclass(frozen=True)
class Decision:
    answered: bool
    reason: str


@dataclass(frozen=True)
class _Query:
    terms: list[str]
    weights: np.ndarray
    shape: Shape
    named: frozenset[str]
    qualifiers: frozenset[str]
    asking: frozenset[str] = frozenset()  # the terms of the clause that holds the question word
    alternatives: frozenset[str] = frozenset()  # "Seoul or Tokyo?": one of them is wrong
    located: frozenset[str] = frozenset()  # cities named as where: "was it *in Delhi*?"
    optional: frozenset[str] = frozenset()  # words a fact may hold or not: "which *agency*"
    joined: frozenset[str] = frozenset()  # names asked about together: "who are X and Y?"

    @property
    def maybe_wrong(self) -> frozenset[str]:
        """Terms the question may get wrong, which the fact that corrects it lacks: names,
        either side of an "or", and the years it gives ("iCET started in 2021, right?")."""
        if not self.shape.may_name_what_is_not:
            return self.optional
        years = {str(date.year) for date in self.shape.dates}
        return self.named | self.alternatives | years | self.optional


@dataclass(frozen=True)
class Explanation:
    """Why one question was answered or not: what was read, the candidates, the decision."""

    question: str
    terms: tuple[str, ...]
    shape: Shape
    candidates: tuple[ScoredFact, ...]
    decision: Decision


# Phrases that qualify what is asked as a word would: "what did Wang do *before he
# joined* the NSO?" asks about an earlier post, as "his previous job" does; "*what time*
# did it start?" asks for an hour, which a date does not give.
# Phrases whose qualifier or detail words say something else: "saw it *next to* Thakkar's
# name" is where, not which occasion; "who was *in the room*" is who attended.
_NOT_QUALIFYING = re.compile(r"\bnext to\b|\bin the room\b", re.IGNORECASE)
# "the third *country*", "the second *official*": a member's place in a list, not which
# occasion is meant (as in "the second meeting").
_MEMBER_ORDINAL = re.compile(
    r"\b(?:second|third|fourth)\s+(?=(?:\w+\s+)?(?:country|countries|nation|nations|official|"
    r"officials|person|people|leader|leaders|member|members|side|party|parties|area|areas)\b)",
    re.IGNORECASE,
)
_LABEL_WORDS = 3
# "this was the *second* trilateral?", "it was like round *three*": a claim about which
# occasion it was, which the fact saying whether it was the first settles.
_ORDINAL_CLAIM = re.compile(
    r"\b(?:this|it|that)\s+(?:was|is)\s+(?:\w+\s+){0,2}?(?:the\s+)?"
    r"(?:second|third|fourth|fifth|2nd|3rd|4th|5th|round\s+(?:two|three|four|2|3|4))\b",
    re.IGNORECASE,
)
_PERSONAL = frozenset("he she him his her".split())
_KIND_WORDS = frozenset({"when", "where", "who"})
_QUALIFIER_TERMS = frozenset(stem(word) for word in QUALIFIERS)
_NEUTER = frozenset({"it", "its"})
_THINGS = ("organisation", "initiative", "event")
_QUALIFYING_PHRASES = (
    (
        re.compile(
            r"\bbefore (?:he|she|his|her|joining|becoming|heading|taking|being|moving)\b",
            re.IGNORECASE,
        ),
        stem("previous"),
    ),
    (re.compile(r"\b(?:what|which) time\b(?! (?:frame|period|span|line))", re.IGNORECASE), "hour"),
    # "who wrote the article?" asks for its author; "which paper wrote it?" does not.
    (re.compile(r"\bwho (?:wrote|penned|authored|reported)\b", re.IGNORECASE), "author"),
)


def _summed(weighted: list[tuple[np.ndarray, float]], size: int) -> np.ndarray:
    """Per position, the weights of the postings holding it added up in the order given,
    as one `+=` per posting would (positions within one posting are distinct)."""
    if not weighted:
        return np.zeros(size, dtype=np.float64)
    positions = np.concatenate([posting for posting, _ in weighted])
    weights = np.repeat([weight for _, weight in weighted], [len(p) for p, _ in weighted])
    return np.bincount(positions, weights, minlength=size)


def _is_adverb(term: str) -> bool:
    """Whether an unknown word reads as an adverb: "roughly", "personally", "entirely"."""
    return len(term) > 5 and term.endswith("ly")


def _is_profile(ranked: list[ScoredFact]) -> bool:
    """Whether the best fact was chosen as the profile of what the question asks about."""
    return ranked[0].signals.get("profile") == 1.0 and any(
        s.signals.get("profile", 1.0) < 1.0 for s in ranked[1:]
    )


class Matcher:
    """An index over one FactBase; immutable after construction, safe to share."""

    def __init__(
        self,
        factbase: FactBase,
        settings: MatchSettings | None = None,
        previous: Matcher | None = None,
    ) -> None:
        """`previous`, the matcher being replaced, lends what is unchanged: the index of
        unchanged facts, the analyzer's tables, the autocomplete index."""
        self.factbase = factbase
        self.settings = settings or MatchSettings()
        self._index: FactIndex
        if previous is None:
            self.analyzer = Analyzer(factbase)
        else:
            removed, added = changed_facts(previous.factbase, factbase)
            self.analyzer = Analyzer(factbase, previous.analyzer, removed, added)
        self._facts: list[Fact] = list(factbase.facts.values())
        self._build_index(previous)
        if previous is not None and "completions" in previous.__dict__:
            self.__dict__["completions"] = previous.completions.updated(
                previous._questions(), self._questions()
            )

    def analysis_of(self, fact: Fact) -> FactAnalysis | None:
        """What this index read off `fact` (each phrasing's terms once, in order), or None
        when it did not index this very fact."""
        return self._index.analysis_of(fact)

    def _questions(self) -> dict[str, tuple[str, ...]]:
        """Each fact's questions by id, in order: what autocomplete offers."""
        return {fact.id: fact.questions for fact in self._facts}

    def _build_index(self, previous: Matcher | None) -> None:
        """The inverted index (`bot.core.index`): updated from `previous` for what changed
        when both read text alike, else built whole."""
        boost = self.settings.question_word_boost
        if previous is not None and previous.analyzer.reads_like(self.analyzer):
            index = previous._index.updated(self.factbase, self.analyzer, boost)
        else:
            index = FactIndex.build(self.factbase, self.analyzer, boost)
        self._index = index
        self._facts = index.facts
        self._position = index.position
        self._answer_terms = index.answer_terms
        self._phrased = index.phrased
        self._dates = index.dates
        self._entity_sets = index.entity_sets
        self._about_sets = index.about_sets
        self._country_sets = index.country_sets
        self._kinds = index.kinds
        self._phrasings = index.phrasings
        self._phrasing_start = index.phrasing_start
        self._phrasing_fact = np.repeat(
            np.arange(len(self._facts), dtype=np.int32), np.diff(index.phrasing_start)
        )
        self._postings = index.postings
        self._phrasing_postings = index.phrasing_postings
        self._idf = index.idf
        self._phrasing_weight = index.phrasing_weight
        # A word the fact base has never seen weighs like a word of the rarest kind, times
        # this factor: it may be what is asked ("weather") or only a paraphrase.
        self._unknown_weight = self.settings.unknown_word_weight * math.log(1 + len(self._facts))
        entities = self.factbase.entities.values()
        self._entity_kinds = {entity_term(e.id): e.kind for e in entities}
        self._is_list = np.asarray([bool(fact.includes) for fact in self._facts])
        # What a list fact's items of its own topic name (the US delegation's two officials;
        # not the people of the events a chronology lists).
        self._item_entities = [
            frozenset().union(
                *(
                    self._entity_sets[self._position[i]]
                    for i in fact.includes
                    if self.factbase.facts[i].topic == fact.topic
                )
            )
            for fact in self._facts
        ]
        self._countries = frozenset(entity_term(e.id) for e in entities if e.kind == "country")
        # A city may stand for its country's government ("who spoke for Seoul?").
        self._place_countries = {
            entity_term(e.id): entity_term(e.country)
            for e in entities
            if e.kind == "place" and e.country
        }
        self._people = frozenset(entity_term(e.id) for e in entities if e.kind == "person")
        self._specific = frozenset(
            entity_term(e.id)
            for e in entities
            if e.kind in ("person", "organisation", "initiative")
        )
        events = [e.id for e in entities if e.kind == "event"]
        self._subject = entity_term(events[0]) if len(events) == 1 else None
        self._starters = self._pick_starters()
        self._country_word = self.analyzer.terms("country")
        # "Did Doval lead India's side?" asks who led it, which may be someone else.
        self._leading = frozenset(self.analyzer.terms("lead represent"))
        self._numbers = frozenset(self.analyzer.terms("1 2 3 4 5 6 one two three four five six"))
        self._event_place = {
            entity_term(e.id): entity_term(e.place)
            for e in entities
            if e.kind == "event" and e.place
        }
        event_places = list(self._event_place.values())
        self._subject_place = event_places[0] if len(events) == 1 and event_places else None
        event_dates = [e.date for e in entities if e.kind == "event"]
        self._subject_dates = tuple(d for d in event_dates if d) if len(events) == 1 else ()
        self._date_words = frozenset(self.analyzer.terms(" ".join(MONTHS))) | frozenset(
            map(str, range(1, 32))
        )
        # A question that is only a topic's name: "leaders?", "goals".
        self._topic_names = {
            frozenset(self.analyzer.terms(alias)): topic.id
            for topic in self.factbase.topics.values()
            for alias in (topic.title, *topic.aliases)
        }
        self._event_words = (
            frozenset(self.analyzer.terms("meeting")) if self._subject else frozenset()
        )
        self._open_sides = frozenset(self.analyzer.terms(_OPEN_SIDES))

    def _pick_starters(self) -> tuple[Fact, ...]:
        """Facts to offer when nothing comes close: list facts first, one per topic."""
        seen: set[str] = set()
        starters: list[Fact] = []
        for fact in sorted(self._facts, key=lambda fact: not fact.includes):
            if fact.topic not in seen:
                seen.add(fact.topic)
                starters.append(fact)
        return tuple(starters[: self.settings.max_suggestions])

    def _query(self, question: str, said: str = "", previous: str = "") -> _Query | None:
        """The question's terms and weights, its shape, and the entities it names.

        A question that names nothing borrows from what it refers back to (`said`, the
        statement before it, or `previous`, the question before it; see `_borrowed`)."""
        question = trim_question(question)
        shape = read_shape(question)
        if shape.may_name_what_is_not:
            question = _ORDINAL_CLAIM.sub(
                lambda m: m.group(0).rsplit(None, 1)[0] + " first", question
            )
        terms = self._with_meeting_named(question, self.analyzer.terms(question, repair_typos=True))
        terms = self._with_role_for_relation(terms)
        terms = self._with_meeting_placed(question, shape, terms)
        shape, terms = self._with_meeting_dated(shape, terms)
        terms, optional = self._without_cues(shape, terms)
        titled = self.analyzer.people_by_role(terms)
        # "Thakkar is India's national security adviser?" gives him someone else's title:
        # the claim to check, not a question about who holds it.
        given_title = shape.may_name_what_is_not and self._names_person(terms)
        claimed_role = frozenset(
            w for person in titled if given_title for w in self.analyzer.role_words(person)
        )
        if not given_title:
            terms += titled
        if shape.may_name_what_is_not:
            terms += self._kinds_of_strangers(terms)
        if said or previous:
            terms += self._borrowed(question, terms, said, previous)
        terms = list(dict.fromkeys(terms))
        if not terms:
            return None
        asking = frozenset(self.analyzer.terms(asking_clause(question), repair_typos=True))
        alternatives = self._alternatives(question) if shape.choice else frozenset()
        # "Samsung or Tata?": when no side of the "or" is known, neither is the answer ("...
        # or something else" names no side).
        sides = alternatives - self._open_sides
        choice = shape.choice and (len(sides) < 2 or any(t in self._idf for t in sides))
        # "an MoU or any agreement": a side that is no name is a claim to check like any other.
        choice = choice and (len(sides) < 2 or any(t.startswith(ENTITY_PREFIX) for t in sides))
        claims = self._attribute_claims(question) if shape.may_name_what_is_not else frozenset()
        claims |= claimed_role
        acronyms = self._unknown_acronyms(question)
        weights = np.asarray(
            [
                0.0
                if term in claims
                else self._term_weight(term, shape, term in asking, choice)
                * (self.settings.unknown_acronym_boost if term in acronyms else 1.0)
                for term in terms
            ]
        )
        if not weights.sum():
            return None
        named = frozenset(t for t in terms if t.startswith(ENTITY_PREFIX))
        qualifiers = frozenset(
            stem(w)
            for w in self.analyzer.words_outside_names(
                _MEMBER_ORDINAL.sub(" ", _NOT_QUALIFYING.sub(" ", question))
            )
            if w in QUALIFIERS or w in DETAILS
        ) | {word for phrase, word in _QUALIFYING_PHRASES if phrase.search(question)}
        located = self._located(question) if shape.may_name_what_is_not else frozenset()
        joined = self._joined(question, shape, named)
        return _Query(
            terms,
            weights,
            shape,
            named,
            qualifiers,
            asking,
            alternatives,
            located,
            optional,
            joined,
        )

    def _with_meeting_placed(self, question: str, shape: Shape, terms: list[str]) -> list[str]:
        """A question that does not ask where or whether, about what happened in the main
        event's city ("what topics did they talk about *in Seoul*?"), is about the event."""
        place, subject = self._subject_place, self._subject
        if not (place and subject) or subject in terms or shape.may_name_what_is_not:
            return terms
        if PLACE in shape.wants or any(t in self._specific for t in terms):
            return terms
        if place not in self._located(question):
            return terms
        return [*terms, subject]

    def _with_role_for_relation(self, terms: list[str]) -> list[str]:
        """One person's or body's connection to something is their role in it ("Biden's
        connection to iCET?"); an initiative's is what ties the two ("how is iCET connected
        to the trilateral?")."""
        if RELATION not in terms:
            return terms
        kinds = [self._entity_kinds.get(t) for t in terms if t.startswith(ENTITY_PREFIX)]
        if kinds.count("person") + kinds.count("organisation") != 1:
            return terms  # "Is Sullivan related to Seth Center?" asks about the two of them
        return [ROLE if t == RELATION else t for t in terms]

    def _joined(self, question: str, shape: Shape, named: frozenset[str]) -> frozenset[str]:
        """Names asked about together ("who are Chhabra and Center?") when no one fact holds
        them all, so that each is answered by its own fact."""
        joined = named & self._specific
        if len(joined) < 2 or shape.choice or not _COORDINATOR.search(question):
            return frozenset()
        holders = [self._postings[t][0] for t in joined if t in self._postings]
        if len(holders) < len(joined):
            return joined
        together: np.ndarray = functools.reduce(np.intersect1d, holders)
        return frozenset() if together.size else joined

    def _names_person(self, terms: list[str]) -> bool:
        return any(self._entity_kinds.get(t) == "person" for t in terms)

    def _with_meeting_dated(self, shape: Shape, terms: list[str]) -> tuple[Shape, list[str]]:
        """A day or month of the main event, given by a question that does not ask when or
        whether ("which areas came up in *March 2024*?"), names the event, not a date a fact
        must hold. A year alone names too much, and a yes/no question may be checking it."""
        held = self._subject_dates
        if not (held and shape.dates) or DATE in shape.wants or shape.may_name_what_is_not:
            return shape, terms
        if not all(
            asked.month is not None and any(date_agrees(asked, known) for known in held)
            for asked in shape.dates
        ):
            return shape, terms
        years = {str(asked.year) for asked in shape.dates}
        terms = [t for t in terms if t not in self._date_words and t not in years]
        return replace(shape, dates=()), [*terms, self._subject] if self._subject else terms

    def _with_meeting_named(self, question: str, terms: list[str]) -> list[str]:
        """The terms with a city written before a word for a meeting ("the *Seoul* meeting")
        read as the meeting the fact base is about, not as Seoul or its country; the words
        that name it ("the Seoul *tech meeting*") say nothing more."""
        naming = self._event_names(question)
        if not naming:
            return terms
        terms = [t for t in terms if t not in naming]
        return [*terms, self._subject] if self._subject else terms

    def _without_cues(self, shape: Shape, terms: list[str]) -> tuple[list[str], frozenset[str]]:
        """The terms without the words that only said what kind of answer is wanted, and
        those of them a fact may hold: "Which agency does Chhabra work for?" asks for an
        organisation, and the fact that names his need not say "agency" or "work", while
        one that does ("which *newspaper* ...?") is the better for it."""
        if not shape.cues:
            return terms, frozenset()
        cue_terms = set(self.analyzer.terms(" ".join(shape.cues)))
        optional = frozenset(
            t
            for t in terms
            if t in cue_terms and t in self._idf and not t.startswith(ENTITY_PREFIX)
        )
        kept = [
            t for t in terms if t not in cue_terms or t.startswith(ENTITY_PREFIX) or t in optional
        ]
        return kept, optional

    def _event_names(self, question: str) -> frozenset[str]:
        """The terms of each name for a meeting made of a city and a word for a meeting
        ("the *Seoul* meeting", "Seoul tech talks"): the city says where it was, so it names
        the meeting, not a city or its country of its own."""
        found: set[str] = set()
        for match in _EVENT_PLACE.finditer(question):
            place = self.analyzer.terms(match.group(1))[-1:]
            if place and place[0] in self._place_countries:
                found.update(self.analyzer.terms(match.group(0)))
        return frozenset(found)

    def _kinds_of_strangers(self, terms: list[str]) -> list[str]:
        """For each country a premise names that no fact is about, the word "country": "Was
        Japan part of it?" is answered by the fact on which countries were."""
        if not any(self._entity_kinds.get(t) == "country" and t not in self._idf for t in terms):
            return []
        if any(t not in self._idf and not t.startswith(ENTITY_PREFIX) for t in terms):
            return []  # "did Japan send an *observer*?" asks what no fact holds
        return self._country_word

    def _located(self, question: str) -> frozenset[str]:
        """The cities a question names as where something was ("held *in Delhi*")."""
        found = (self.analyzer.terms(m.group(1)) for m in _LOCATED.finditer(question))
        return frozenset(t for terms in found for t in terms[:1] if t in self._place_countries)

    def _alternatives(self, question: str) -> frozenset[str]:
        """The terms on either side of each "or" ("in *Seoul* or *Tokyo*")."""
        sides = [self.analyzer.terms(side) for side in ALTERNATIVE.split(question)]
        found = {left[-1] for left in sides[:-1] if left} | {
            right[0] for right in sides[1:] if right
        }
        return frozenset(found - QUESTION_WORDS)

    def _unknown_acronyms(self, question: str) -> frozenset[str]:
        """Words written in capitals that the fact base does not know ("AUKUS", "IFS"): the
        name of something no fact is about, which weighs more than an unknown word."""
        if question.isupper():
            return frozenset()
        found = (self.analyzer.terms(word) for word in _CAPITALS.findall(question))
        return frozenset(
            t
            for terms in found
            for t in terms
            if t not in self._idf and not t.startswith(ENTITY_PREFIX)
        )

    def _attribute_claims(self, question: str) -> frozenset[str]:
        """The words of a body or title a premise gives someone that the fact base does not
        know ("is iCET run by the *foreign ministries*?", "Wang is Korea's *foreign
        minister*, right?"): the claim may be wrong, and the fact naming the true body or
        title corrects it, so they weigh nothing."""
        tokens = words(question)
        found: set[str] = set()
        for i, word in enumerate(tokens):
            if stem(word) not in _TITLE_STEMS:
                continue
            for claimed in tokens[max(0, i - 1) : i + 1]:
                term = stem(claimed)
                if term not in self._idf and claimed not in NON_CONTENT:
                    found.add(term)
        return frozenset(found)

    def _term_weight(
        self, term: str, shape: Shape, asking: bool = True, choice: bool = True
    ) -> float:
        """A term's idf. A word the fact base has never seen weighs `unknown_word_weight`
        times the rarest kind; in a yes/no question it is the claim to check ("did they sign
        a *treaty*?") and weighs more, while an entity no fact is about is a premise the
        answer corrects ("Was *Japan* part of it?") and weighs nothing, and so does an adverb."""
        known = self._idf.get(term)
        if known is not None:
            return known
        if term.startswith(ENTITY_PREFIX) and shape.may_name_what_is_not:
            return 0.0
        if _is_adverb(term):
            # "what part did Biden *personally* play": how, not what, is asked.
            return self._unknown_weight * self.settings.aside_unknown_weight
        if shape.choice and choice:
            # "Delhi or Seoul?", "ministers or the NSAs?": one of the two is wrong by design.
            return self._unknown_weight * self.settings.choice_unknown_weight
        if not asking:
            # "which countries were there, for the newsletter": an aside, not the question.
            return self._unknown_weight * self.settings.aside_unknown_weight
        if shape.yes_no:
            return self._unknown_weight * self.settings.yes_no_unknown_boost
        return self._unknown_weight

    def _referred_to(self, question: str, terms: list[str], before: list[str]) -> list[str]:
        """What "he"/"she" or "it" stands for: the one person, or the one body, initiative
        or event, that the question before names ("who is Yoon, and what did *he* agree
        with Biden?" asks about Yoon; "what did Biden say about iCET, and who launched *it*?"
        about iCET)."""
        said = set(words(question))
        names = [t for t in before if t.startswith(ENTITY_PREFIX) and t not in terms]
        picked = []
        has_thing = any(self._entity_kinds.get(t) in _THINGS for t in terms)
        for pronouns, kinds in ((_PERSONAL, ("person",)), (_NEUTER, _THINGS)):
            # "when did the dialogue have *its* first meeting?": its own.
            if not pronouns.isdisjoint(said) and not (pronouns is _NEUTER and has_thing):
                found = list(dict.fromkeys(t for t in names if self._entity_kinds.get(t) in kinds))
                picked += found if len(found) == 1 else []
        return picked

    def _borrowed(self, question: str, terms: list[str], said: str, previous: str) -> list[str]:
        """Terms a question takes from before it: the known words of a statement it points
        back to ("What was that about?"), all of the previous question's when it has nothing
        of its own ("... which two?"), else the entities of the nearest question before it
        that names any ("... and when was it launched?"). `previous` holds the questions
        before it, one per line, the nearest first."""
        if any(t.startswith(ENTITY_PREFIX) for t in terms):
            before = self.analyzer.terms(previous.split("\n", 1)[0]) if previous else []
            return self._referred_to(question, terms, before)
        said_terms = self.analyzer.terms(trim_question(said), repair_typos=True) if said else []
        # "... what 2 things?": a count is not something of its own.
        own = [t for t in terms if t not in QUESTION_WORDS and t not in self._numbers]
        # "defence production: part of the talks or not?": a label says what is asked about.
        labelled = said.rstrip().endswith(":") and len(words(said)) <= _LABEL_WORDS
        if said_terms and (not own or labelled or REFERRING & set(words(question))):
            return [t for t in said_terms if t in self._idf]
        earlier = [said_terms] if said_terms else []
        earlier += [
            self.analyzer.terms(trim_question(line), repair_typos=True)
            for line in previous.split("\n")
            if line
        ]
        if not earlier:
            return []
        if not own:
            borrowed = [t for t in earlier[0] if t in self._idf and t not in QUESTION_WORDS]
            if set(terms) & _KIND_WORDS:
                # "1) who led 2) what areas 3) when": when *it* was, not when the areas were.
                return [t for t in borrowed if t.startswith(ENTITY_PREFIX) or t in _QUALIFIER_TERMS]
            return borrowed
        refers = bool(REFERRING & set(words(question)))
        if not refers and len(own) > 1:
            return []  # "... and which countries were at the meeting?" asks on its own
        for before in earlier:
            names = [t for t in before if t.startswith(ENTITY_PREFIX)]
            if names:
                return (refers and self._referred_to(question, terms, before)) or names
        return []

    @staticmethod
    def _without_names(query: _Query) -> _Query | None:
        """A premise question without the names it may get wrong ("Was *Doval* leading
        India?"), for the overlap and closeness of the fact that corrects it."""
        wrong = query.maybe_wrong
        if not wrong:
            return None
        keep = [i for i, term in enumerate(query.terms) if term not in wrong]
        if not keep or not query.weights[keep].sum():
            return None
        return replace(query, terms=[query.terms[i] for i in keep], weights=query.weights[keep])

    def _coverage(self, query: _Query) -> tuple[np.ndarray, np.ndarray, float]:
        """Share of the question's weight each fact holds, the weight of what is asked
        (words other than entities and question words) it holds, and that asked total."""
        count = len(self._facts)
        held: list[tuple[np.ndarray, float]] = []
        asked_held: list[tuple[np.ndarray, float]] = []
        asked_total = 0.0
        half = self.settings.answer_text_weight
        for term, weight in zip(query.terms, query.weights, strict=True):
            is_ask = (
                not term.startswith(ENTITY_PREFIX)
                and term not in QUESTION_WORDS
                and term not in query.optional
            )
            asked_total += weight * is_ask
            posting = self._held_by(term)
            if posting is None:
                continue
            strong, weak = posting
            for target in (held, asked_held) if is_ask else (held,):
                target += [(strong, weight), (weak, weight * half)]
        coverage = _summed(held, count)
        asked = _summed(asked_held, count)
        total = np.full(count, query.weights.sum())
        if query.maybe_wrong:
            # The person or place a premise gets wrong is not held against the fact that
            # corrects it ("Was Doval leading India?" is answered by who led India).
            for term, weight in zip(query.terms, query.weights, strict=True):
                if term in query.maybe_wrong and term in self._postings:
                    lacking = np.ones(count, dtype=bool)
                    for positions in self._postings[term]:
                        lacking[positions] = False
                    total -= weight * lacking
        return np.minimum(coverage / np.maximum(total, 1e-9), 1.0), asked, asked_total

    def _held_by(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The facts that hold a term strongly and weakly; a city's weight is also held by
        the facts about its country ("who did Washington send?")."""
        posting = self._postings.get(term)
        if term in self._event_words and self._subject in self._postings:
            # "which countries were at the meeting?": a fact about the main event holds
            # "meeting" as its answer would.
            about = self._postings[self._subject][0]
            if posting is None:
                return _EMPTY_POSTING, about
            return posting[0], np.union1d(posting[1], np.setdiff1d(about, posting[0]))
        country = self._postings.get(self._place_countries.get(term, ""))
        if country is None:
            return posting
        if posting is None:
            return country
        strong = np.union1d(posting[0], country[0])
        return strong, np.setdiff1d(np.union1d(posting[1], country[1]), strong)

    def _novel_predicate(self, query: _Query) -> bool:
        """Whether what a wh-question asks, its first word after the question word that is
        not a name, is a word no fact holds: "who *replaced* Sullivan", "who is Seth Center
        *married* to" ask what no source says. Only the question word's own clause asks:
        in "when was the trilateral, need it for class" the question ends at the comma."""
        asking = False
        for term in query.terms:
            if term in query.optional:
                continue
            if term in QUESTION_WORDS:
                asking = True
            elif asking and not term.startswith(ENTITY_PREFIX):
                if term not in query.asking or term.isdigit():
                    return False
                return term not in self._idf
        return False

    def _profiles(self, query: _Query, hits: np.ndarray) -> np.ndarray:
        """Which candidates say who or what the question asks about, when it asks about one
        person, body or initiative as such: nothing but its name and "role" ("cho tae yong
        job", "where does Biden fit in"), or "who/what is" it. Such a fact is first about it
        and is phrased "Who is ...?" or "What is ...?"."""
        found = np.zeros(hits.size, dtype=bool)
        subject = next((t for t in query.terms if t in self._specific), None)
        if subject is None:
            return found
        rest = {t for t in query.terms if not t.startswith(ENTITY_PREFIX)}
        asks = rest & QUESTION_WORDS
        if rest - asks - {ROLE}:
            return found
        others = {t for t in query.named & self._specific if t != subject}
        if ROLE in rest:
            # Its part in an initiative or event ("Doval's role in iCET"), not beside another's.
            if any(self._entity_kinds[t] not in ("initiative", "event") for t in others):
                return found
        elif others or asks - {"who", "what"}:
            return found
        entity = subject.removeprefix(ENTITY_PREFIX)
        profile = {f"{word} {subject}" for word in ("who", "what")}
        for i, position in enumerate(hits):
            fact = self._facts[position]
            if fact.about[:1] == (entity,):
                start, end = self._phrasing_start[position], self._phrasing_start[position + 1]
                found[i] = any(p in profile for p in self._phrasings[start:end])
        return found

    def _entities_placing(self, query: _Query, hits: np.ndarray) -> list[frozenset[str]]:
        """Each candidate's entities, where a city the question places something in ("was
        it in New Delhi?") counts only if the fact is about it or about an event held there,
        not if a phrasing names it for its government ("who spoke for New Delhi?")."""
        sets = [self._entity_sets[i] for i in hits]
        if not query.located:
            return sets
        placing = []
        for i, entities in zip(hits, sets, strict=True):
            about = self._about_sets[i]
            places = about | {self._event_place[e] for e in about if e in self._event_place}
            placing.append(entities - (query.located - places))
        return placing

    def _place_signal(self, query: _Query, hits: np.ndarray) -> np.ndarray:
        """A premise about where an event was ("the trilateral was in Delhi, wasn't it?",
        "Seoul or Delhi?") is settled by a fact about it that says where it really was: the
        others are lowered by `place_premise_penalty`."""
        ones = np.ones(hits.size)
        if not query.shape.may_name_what_is_not:
            return ones
        cities = query.located | (query.alternatives & self._place_countries.keys())
        if not cities:
            return ones
        events = {t for t in query.named if t in self._event_place}
        if not events and self._subject and not query.named & self._specific:
            events = {self._subject}
        places = {self._event_place[e] for e in events if e in self._event_place}
        if not places or not cities - places:
            return ones  # "was chips on the table in Seoul?" places nothing wrongly
        holds = np.asarray(
            [
                bool(places & set(self._answer_terms[i].split()))
                and bool(events & self._about_sets[i])
                for i in hits
            ]
        )
        return np.where(holds, 1.0, self.settings.place_premise_penalty)

    def _country_signal(self, query: _Query, hits: np.ndarray) -> np.ndarray:
        """`country_focus` with the countries of the cities named counting as named, where
        a city stands for one ("who did Washington send?"). A city a premise names as where
        something was ("held in Delhi?") may be wrong: its country counts only for the facts
        that hold the city."""
        countries = [self._country_sets[i] for i in hits]
        weight = self.settings.country_focus_weight
        shared = [self._subject in self._entity_sets[i] for i in hits]

        def focus(cities: frozenset[str]) -> np.ndarray:
            named = query.named | {self._place_countries.get(t, t) for t in cities}
            return country_focus(named, self._countries, countries, weight, shared)

        if not query.located:
            return focus(query.named)
        holds_city = np.asarray([bool(query.located & self._entity_sets[i]) for i in hits])
        return np.where(holds_city, focus(query.named), focus(query.named - query.located))

    def _holds_qualifiers(self, query: _Query, hits: np.ndarray) -> np.ndarray:
        """Whether each candidate holds every qualifier word of the question."""
        held = np.ones(len(self._facts), dtype=bool)
        for word in query.qualifiers:
            found = np.zeros(len(self._facts), dtype=bool)
            for positions in self._postings.get(word, ()):
                found[positions] = True
            held &= found
        return held[hits]

    def _overlap(self, query: _Query, unnamed: _Query | None = None) -> np.ndarray:
        """Per fact, the best weighted Dice overlap of the question with one phrasing; with
        `unnamed`, the better of the question's and the question's without its names. Only
        phrasings that share a term with the question are scored: any other scores 0."""
        weighted, named_weighted = [], []
        for term, weight in zip(query.terms, query.weights, strict=True):
            positions = self._phrasing_postings.get(term)
            if positions is not None:
                weighted.append((positions, weight))
                if term in query.maybe_wrong:
                    named_weighted.append((positions, weight))
        best = np.zeros(len(self._facts), dtype=np.float64)
        if not weighted:
            return best
        size = len(self._phrasings)
        held = np.concatenate([positions for positions, _ in weighted])
        phrasing_weight = self._phrasing_weight[held]
        shared = _summed(weighted, size)[held]
        dice = 2 * shared / (query.weights.sum() + phrasing_weight)
        if unnamed is not None:
            named = _summed(named_weighted, size)[held]
            without = 2 * (shared - named) / (unnamed.weights.sum() + phrasing_weight)
            dice = np.maximum(dice, without)
        np.maximum.at(best, self._phrasing_fact[held], dice)
        return best

    def _closeness(self, query: _Query, hits: np.ndarray) -> np.ndarray:
        """rapidfuzz token_sort_ratio of the question's terms to each candidate's closest phrasing."""
        starts = self._phrasing_start[hits]
        ends = self._phrasing_start[hits + 1]
        choices = [p for s, e in zip(starts, ends, strict=True) for p in self._phrasings[s:e]]
        similarity = process.cdist(
            [" ".join(query.terms)], choices, scorer=fuzz.token_sort_ratio, dtype=np.float64
        )[0]
        offsets = np.concatenate(([0], np.cumsum(ends - starts)[:-1]))
        return np.maximum.reduceat(similarity, offsets) / 100.0

    def _candidates(self, prior: np.ndarray, coverage: np.ndarray, limit: int) -> np.ndarray:
        hits = np.flatnonzero(coverage > 0)  # coverage is never negative
        pool = min(max(limit, self.settings.candidates), len(self._facts))
        if hits.size > pool:
            top = np.argpartition(-prior[hits], pool - 1)[:pool]
            hits = np.sort(hits[top])
        return hits

    def rank(
        self, question: str, limit: int | None = None, said: str = "", previous: str = ""
    ) -> list[ScoredFact]:
        """Facts scored against the question, best first (ties in fact-base order); `said` and
        `previous` are what it may refer back to (see `Question`)."""
        query = self._query(question, said, previous)
        return [] if query is None else self._ranked(query, limit)

    def _ranked(self, query: _Query, limit: int | None) -> list[ScoredFact]:
        settings = self.settings
        coverage, asked, asked_total = self._coverage(query)
        unnamed = self._without_names(query)
        overlap = self._overlap(query, unnamed)
        limit = limit or settings.candidates
        prior = settings.coverage_weight * coverage + settings.overlap_weight * overlap
        hits = self._candidates(prior, coverage, limit)
        if hits.size == 0:
            return []
        shape = query.shape
        closeness = self._closeness(query, hits)
        if unnamed is not None:
            closeness = np.maximum(closeness, self._closeness(unnamed, hits))
        # A yes/no question may name what is not so ("Was Japan part of it?"): the fact that
        # corrects it is still the answer, so naming another entity costs less there.
        if shape.may_name_what_is_not:
            penalty = specific_penalty = settings.premise_entity_penalty
        else:
            penalty = settings.foreign_entity_penalty
            specific_penalty = settings.foreign_specific_penalty
        signals = {
            "coverage": coverage[hits],
            "overlap": overlap[hits],
            "closeness": closeness,
            "entities": entity_agreement(
                query.named,
                self._specific,
                self._entities_placing(query, hits),
                penalty,
                specific_penalty,
                self._entity_kinds if shape.may_name_what_is_not else None,
                settings.correction_penalty,
                self._place_countries,
                query.alternatives,
                query.located,
                [self._item_entities[i] for i in hits],
                query.joined,
            ),
            "focus": entity_focus(
                query.named, [self._about_sets[i] for i in hits], settings.entity_focus_weight
            ),
            "subject": subject_focus(
                query.named or frozenset(map(str, shape.dates)),
                self._subject,
                [self._entity_sets[i] for i in hits],
                settings.off_subject_penalty,
            ),
            "person": person_focus(
                shape,
                frozenset() if self._leading & set(query.terms) else query.named & self._people,
                [self._about_sets[i] & self._people for i in hits],
                settings.other_person_penalty,
            ),
            "place": self._place_signal(query, hits),
            "profile": profile_focus(self._profiles(query, hits), settings.off_profile_penalty),
            "topic": topic_focus(
                [self._facts[i].topic for i in hits],
                self._topic_names.get(frozenset(query.terms)),
                settings.off_topic_penalty,
            ),
            "country": self._country_signal(query, hits),
            "asked": asked_agreement(
                asked[hits], asked_total, settings.asked_share, settings.unmatched_ask_penalty
            ),
            "qualifier": qualifier_agreement(
                self._holds_qualifiers(query, hits), settings.qualifier_penalty
            ),
            "predicate": np.full(
                hits.size, settings.novel_predicate_penalty if self._novel_predicate(query) else 1.0
            ),
            "list": list_agreement(shape, self._is_list[hits], settings.list_mismatch_penalty),
            "kind": kind_agreement(
                shape, [self._kinds[i] for i in hits], settings.kind_mismatch_penalty
            ),
            "date": date_agreement(
                shape,
                [self._dates[i] for i in hits],
                # A fact of another date corrects a premise's date as it corrects a name.
                settings.correction_penalty
                if shape.may_name_what_is_not
                else settings.date_mismatch_penalty,
                settings.date_missing_penalty,
            ),
        }
        scores = combine(signals, settings.coverage_weight, settings.overlap_weight)
        # Best first; on a tie a list fact (which contains the others) first, then file order.
        order = np.lexsort((hits, ~self._is_list[hits], -np.round(scores, 6)))[:limit]
        return [
            ScoredFact(
                self._facts[hits[i]],
                float(scores[i]),
                {name: float(values[i]) for name, values in signals.items()},
            )
            for i in order
        ]

    def answer(self, message: str) -> Answer:
        """Answers to each question in a message (up to three), in one Answer.

        A message with one question gets that question's answer; with several, each part
        is answered on its own and the parts are joined, each with its own citations.
        """
        parts = questions_in(message)
        if len(parts) <= 1:
            part = parts[0] if parts else Question(message)
            query = self._query(part.text, part.said, part.previous)
            ranked = self._ranked(query, ANSWER_POOL) if query else []
            pair = self._coordinated(part, query, ranked) if query else None
            if pair:
                return combine_answers(message, [self.answer_with(i, message) for i in pair])
            several = self._several(query, ranked) if query else ()
            if several:
                facts = [self.factbase.facts[fact_id] for fact_id in several]
                statements, citations = compose_all(self.factbase, facts)
                return Answer(message, True, statements, citations, round(ranked[0].score, 2))
            return self.answer_question(
                part, message, ranked, query.named if query else frozenset()
            )
        answers = []
        profiles: set[str] = set()
        for part in parts:
            answer, profile = self._answer_part(part, profiles)
            profiles |= {profile} if profile else set()
            answers.append(answer)
        if not any(answer.answered for answer in answers):
            whole = self.answer_question(Question(" ".join(p.text for p in parts)), message)
            if whole.answered:
                return whole
        return combine_answers(message, answers)

    def _answer_part(self, part: Question, profiles: set[str]) -> tuple[Answer, str | None]:
        """One question of several, and the fact it got if that is the profile of what it
        asks about. A profile given before ("who is Doval?") is not given again to a later
        question ("... and what did he launch?") that another fact answers."""
        query = self._query(part.text, part.said, part.previous)
        ranked = self._ranked(query, ANSWER_POOL) if query else []
        named = query.named if query else frozenset()
        fresh = [s for s in ranked if s.fact.id not in profiles]
        answer = self.answer_question(part, "", fresh, named)
        if answer.answered or len(fresh) == len(ranked):
            ranked = fresh
        else:
            answer = self.answer_question(part, "", ranked, named)
        return answer, ranked[0].fact.id if answer.answered and _is_profile(ranked) else None

    def _coordinated(
        self, part: Question, query: _Query, ranked: list[ScoredFact]
    ) -> tuple[str, str] | None:
        """Two facts for one question that joins two things ("quantum and telecom, both on
        the agenda?"), in the order it names them: each holds words of the question the other
        lacks, together they hold all it asks, and both score at least `coordinated_floor`."""
        if not _COORDINATOR.search(self._without_joined_countries(part.text)):
            return None
        floor = self.settings.coordinated_floor
        if len(ranked) < 2 or ranked[0].score < floor:
            return None
        asked = {t for t in query.terms if t in self._idf and not t.startswith(ENTITY_PREFIX)}
        asked = (asked - QUESTION_WORDS) | query.joined
        best = ranked[0].fact
        held = self._held(best, asked)
        for other in ranked[1:4]:
            if other.score < floor or not self._distinct(best, other.fact):
                continue
            also = self._held(other.fact, asked)
            if held - also and also - held and held | also == asked:
                # In the order the question names them.
                first = min(query.terms.index(t) for t in held - also)
                second = min(query.terms.index(t) for t in also - held)
                pair = (best.id, other.fact.id)
                return pair if first < second else pair[::-1]
        return None

    def _without_joined_countries(self, text: str) -> str:
        """The text without "when and where" (one thing asked two ways) and without the "and"
        between two countries ("what did India and the US do in 2023?" asks one thing)."""
        text = _JOINED_QUESTION_WORDS.sub(" ", text)
        return _JOINED_PAIR.sub(
            lambda m: m.group(0) if not self._both_countries(m) else f"{m.group(1)} {m.group(3)}",
            text,
        )

    def _both_countries(self, match: re.Match[str]) -> bool:
        left, right = self.analyzer.terms(match.group(1)), self.analyzer.terms(match.group(3))
        return bool(left and right) and {left[-1], right[0]} <= self._countries

    def _several(self, query: _Query, ranked: list[ScoredFact]) -> tuple[str, ...]:
        """The facts answering a question that asks for several things ("which supply chains
        were discussed?") when no one fact lists them: up to three confident facts of one
        topic, each holding all the question asks and none clearly ahead of the others."""
        settings = self.settings
        if LIST not in query.shape.wants or len(ranked) < 2:
            return ()
        best = ranked[0]
        if best.score < settings.confident_score or best.fact.includes:
            return ()
        alike = [
            scored
            for scored in ranked[:3]
            if scored.fact.topic == best.fact.topic
            and not scored.fact.includes
            and scored.signals["coverage"] >= _WHOLE
            and best.score - scored.score < settings.margin
        ]
        return tuple(scored.fact.id for scored in alike) if len(alike) > 1 else ()

    def _held(self, fact: Fact, terms: set[str]) -> set[str]:
        """Which of the terms the fact's own phrasings and keywords hold."""
        index = self._position[fact.id]
        return {t for t in terms if (self._postings[t][0] == index).any()}

    def answer_question(
        self,
        part: Question,
        question: str = "",
        ranked: list[ScoredFact] | None = None,
        named: frozenset[str] = frozenset(),
    ) -> Answer:
        """The best fact for one question (`ranked` if already done, with the entities the
        question `named`), or an abstention with up to three suggestions."""
        text = part.text
        if ranked is None:
            query = self._query(text, part.said, part.previous)
            ranked = self._ranked(query, ANSWER_POOL) if query else []
            named = query.named if query else frozenset()
        decision = self.decide(ranked, read_shape(text).dates, named)
        if decision.answered:
            best = ranked[0]
            return self.answer_with(best.fact.id, question or text, best.score)
        settings = self.settings
        suggested = [s.fact for s in ranked if s.score >= settings.suggestion_floor]
        suggested += self._starters
        chosen = list(dict.fromkeys(fact.id for fact in suggested))[: settings.max_suggestions]
        return Answer(
            question or text,
            False,
            score=round(ranked[0].score, 2) if ranked else 0.0,
            suggestions=tuple(self.factbase.facts[i].questions[0] for i in chosen),
            suggested_fact_ids=tuple(chosen),
        )

    def answer_with(self, fact_id: str, question: str = "", score: float = 100.0) -> Answer:
        """The answer made of one known fact (a clicked suggestion, a listing command)."""
        fact = self.factbase.facts[fact_id]
        parts, citations = compose(self.factbase, fact)
        return Answer(question or fact.questions[0], True, parts, citations, round(score, 2))

    def decide(
        self,
        ranked: list[ScoredFact],
        dates: tuple[PartialDate, ...] = (),
        named: frozenset[str] = frozenset(),
    ) -> Decision:
        """Answer with the best fact, or abstain, and why. A fact of a date the question asks
        about ("What happened in May 2022?") is no rival to another of that date, nor is the
        fact about a named person's body to the person's own ("where does Thakkar work?")."""
        settings = self.settings
        if not ranked:
            return Decision(False, "no fact shares a word with the question")
        best = ranked[0]
        if best.score < settings.answer_threshold:
            return Decision(
                False,
                f"best score {best.score:.1f} < answer_threshold {settings.answer_threshold:g}",
            )
        same_date = self._of_dates(best.fact, dates)
        rival = next(
            (
                s
                for s in ranked[1:]
                if self._distinct(best.fact, s.fact)
                and not (same_date and self._of_dates(s.fact, dates))
            ),
            None,
        )
        if rival is None:
            return Decision(True, "no distinct rival")
        gap = best.score - rival.score
        if best.score >= settings.confident_score:
            if gap >= settings.tie_margin or self._kin(best.fact, rival.fact):
                return Decision(
                    True,
                    f"best score {best.score:.1f} >= confident_score {settings.confident_score:g}",
                )
            return Decision(False, f"tied with {rival.fact.id} ({gap:.1f} < tie_margin)")
        if gap >= settings.margin:
            return Decision(
                True, f"beats {rival.fact.id} by {gap:.1f} >= margin {settings.margin:g}"
            )
        if self._person_and_body(best.fact, rival.fact, named):
            return Decision(True, f"{rival.fact.id} is about the named person's body")
        return Decision(
            False, f"too close to {rival.fact.id} ({gap:.1f} < margin {settings.margin:g})"
        )

    def _person_and_body(self, one: Fact, other: Fact, named: frozenset[str]) -> bool:
        """Whether one fact is first about a person the question names and the other first
        about that person's organisation."""
        firsts = {fact.about[0] for fact in (one, other) if fact.about}
        entities = self.factbase.entities
        return any(
            firsts == {person.id, person.organisation}
            for term in named
            if (person := entities.get(term.removeprefix(ENTITY_PREFIX))) is not None
            and person.kind == "person"
            and person.organisation
        )

    def explain(self, message: str, limit: int = 5) -> list[Explanation]:
        """For each question in a message: its terms and shape, the top candidates with
        every signal, and the decision."""
        parts = questions_in(message) or [Question(message)]
        explained = []
        for part in parts:
            query = self._query(part.text, part.said, part.previous)
            ranked = self._ranked(query, None) if query else []
            explained.append(
                Explanation(
                    part.text,
                    tuple(query.terms) if query else (),
                    query.shape if query else read_shape(part.text),
                    tuple(ranked[:limit]),
                    self.decide(
                        ranked,
                        query.shape.dates if query else (),
                        query.named if query else frozenset(),
                    ),
                )
            )
        return explained

    def _of_dates(self, fact: Fact, dates: tuple[PartialDate, ...]) -> bool:
        """Whether the fact holds a date that fits one the question names."""
        held = self._dates[self._position[fact.id]]
        return any(date_agrees(asked, known) for asked in dates for known in held)

    @staticmethod
    def _distinct(one: Fact, other: Fact) -> bool:
        return other.id not in one.includes and one.id not in other.includes

    def _kin(self, one: Fact, other: Fact) -> bool:
        """Whether two facts of one topic are about the same person, body or event (not
        just a country), or two of any topics about the same person, body or initiative
        ("which Indian body is Thakkar from?": his fact and his body's), so that a tie
        between them still answers the question."""
        shared = {entity_term(e) for e in set(one.about) & set(other.about)} - self._countries
        return bool(shared) and (one.topic == other.topic or bool(shared & self._specific))

    @functools.cached_property
    def completions(self) -> Completions:
        """The autocomplete index, built on first use (the service builds it with each
        snapshot, off the event loop; the command line never needs it)."""
        return Completions.build([fact.questions for fact in self._facts])

    def complete(self, typed: str, limit: int = 25) -> list[str]:
        """Known questions for an autocomplete box, best first (see `bot.core.completion`)."""
        return self.completions.complete(typed, limit)
