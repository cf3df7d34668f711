"""The matcher's inverted index over a fact base, built whole or updated for what changed.

Facts are held by position, in fact-base order. Each fact's terms are posted to the term's
fact positions (strong: its phrasings, keywords and entities; weak: only its answer) and
its phrasings' terms to their phrasing positions. A reload after a small edit keeps the
postings of unchanged facts, shifts their positions past the edit, and redoes only the
changed facts; the weights that depend on the whole base (idf, phrasing weight) are then
recomputed from the postings in numpy. Both ways give the same index.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from bot.core.analysis import ENTITY_PREFIX, Analyzer, entity_term
from bot.core.model import Entity, Fact, FactBase, PartialDate
from bot.core.runs import kept_runs
from bot.core.shape import (
    DATE,
    EXPANSION,
    KIND_OF_NOUN,
    LIST,
    ORGANISATION,
    PERSON,
    PLACE,
    dates_in,
)
from bot.core.text import QUESTION_WORDS, stem, words

# Terms of a phrasing that say what kind of answer it asks for.
_KIND_TERMS = {
    **{stem(noun): kind for noun, kind in KIND_OF_NOUN.items()},
    "who": PERSON,
    "where": PLACE,
    "when": DATE,
    "stand_for": EXPANSION,
}
_EMPTY = np.zeros(0, dtype=np.int32)
T = TypeVar("T")


@dataclass(frozen=True)
class FactAnalysis:
    """What the index reads off one fact; lent to the next index while the fact is unchanged."""

    text_terms: list[list[str]]
    answer_terms: str
    kinds: frozenset[str]
    dates: tuple[PartialDate, ...]


def phrased_kinds(phrasings: list[list[str]]) -> frozenset[str]:
    """The kinds of question a fact's own phrasings ask, read off their terms: "who" asks
    for a person, "where" for a place, "when" for a date, "which agency" for a body, and a
    short "What is iCET?" for what a name stands for."""
    kinds: set[str] = set()
    for terms in phrasings:
        present = set(terms)
        kinds.update(kind for term, kind in _KIND_TERMS.items() if term in present)
        if terms[:1] == ["what"] and len(terms) <= 3:
            kinds.add(EXPANSION)
    return frozenset(kinds)


def fact_kinds(factbase: FactBase, fact: Fact, phrased: frozenset[str]) -> frozenset[str]:
    """The kinds of question a fact answers: those its phrasings ask, a date if it has one,
    a list if it lists facts, and the people and bodies it is about."""
    kinds = set(phrased)
    for entity_id in fact.about:
        kind = factbase.entities[entity_id].kind
        if kind in (PERSON, ORGANISATION, PLACE):
            kinds.add(kind)
    if fact.date is not None:
        kinds.add(DATE)
    if fact.includes:
        kinds.add(LIST)
    return frozenset(kinds)


def fact_dates(fact: Fact) -> tuple[PartialDate, ...]:
    """The fact's date and every date its answer mentions."""
    found = dates_in(words(fact.answer))
    return ((fact.date,) if fact.date else ()) + found


def analyse(analyzer: Analyzer, fact: Fact) -> FactAnalysis:
    text_terms = [analyzer.terms(text) for text in (*fact.questions, *fact.keywords)]
    return FactAnalysis(
        text_terms,
        " ".join(sorted(analyzer.term_set([fact.answer]))),
        phrased_kinds(text_terms[: len(fact.questions)]),
        fact_dates(fact),
    )


@dataclass(frozen=True)
class _Entry:
    """One fact as the index holds it: its analysis and what it is about."""

    fact: Fact
    analysis: FactAnalysis
    entities: frozenset[str]
    about: frozenset[str]
    countries: frozenset[str]
    kinds: frozenset[str]
    topic_name: frozenset[str]

    @property
    def strong(self) -> set[str]:
        """Terms of its phrasings and keywords, its entities and its topic's name."""
        held = {term for terms in self.analysis.text_terms for term in terms}
        return held | self.entities | self.topic_name

    def weak(self, strong: set[str]) -> set[str]:
        """Terms only its answer holds."""
        return set(self.analysis.answer_terms.split()) - strong

    @property
    def phrasings(self) -> list[list[str]]:
        """Each phrasing's terms, once each, in order."""
        return [list(dict.fromkeys(terms)) for terms in self.analysis.text_terms]


def topic_names(factbase: FactBase, analyzer: Analyzer) -> dict[str, frozenset[str]]:
    """Each topic's name as terms (its first alias): "was clean energy one of the *areas*?"
    finds the facts filed under "areas" though none of them says the word."""
    return {
        topic.id: frozenset(analyzer.terms(topic.aliases[0])) if topic.aliases else frozenset()
        for topic in factbase.topics.values()
    }


def _entry(
    factbase: FactBase,
    countries: frozenset[str],
    fact: Fact,
    analysis: FactAnalysis,
    shared: dict,
    names: Mapping[str, frozenset[str]],
) -> _Entry:
    """The fact's entry; `shared` keeps one copy of each set, kinds and dates, which many
    facts have in common."""

    def one(value: T) -> T:
        return shared.setdefault(value, value)

    # A fact is about the entities it lists, their countries and bodies, and any its own
    # phrasings name.
    entities = frozenset(entity_term(e) for e in factbase.related_entities(fact))
    entities |= {t for terms in analysis.text_terms for t in terms if t[0] == ENTITY_PREFIX}
    analysis = FactAnalysis(
        analysis.text_terms, analysis.answer_terms, one(analysis.kinds), one(analysis.dates)
    )
    return _Entry(
        fact,
        analysis,
        one(entities),
        one(frozenset(entity_term(e) for e in fact.about)),
        one(entities & countries),
        one(fact_kinds(factbase, fact, analysis.kinds)),
        names.get(fact.topic, frozenset()),
    )


@dataclass
class _Columns:
    """The index's per-fact lists, filled fact by fact."""

    facts: list[Fact] = field(default_factory=list)
    answer_terms: list[str] = field(default_factory=list)
    phrased: list[frozenset[str]] = field(default_factory=list)
    dates: list[tuple[PartialDate, ...]] = field(default_factory=list)
    entity_sets: list[frozenset[str]] = field(default_factory=list)
    about_sets: list[frozenset[str]] = field(default_factory=list)
    country_sets: list[frozenset[str]] = field(default_factory=list)
    kinds: list[frozenset[str]] = field(default_factory=list)

    def add(self, entry: _Entry) -> None:
        self.facts.append(entry.fact)
        self.answer_terms.append(entry.analysis.answer_terms)
        self.phrased.append(entry.analysis.kinds)
        self.dates.append(entry.analysis.dates)
        self.entity_sets.append(entry.entities)
        self.about_sets.append(entry.about)
        self.country_sets.append(entry.countries)
        self.kinds.append(entry.kinds)


class _Pairs:
    """(term, position) pairs in compact arrays, grouped by term once at the end."""

    def __init__(self) -> None:
        self._keys = array("i")
        self._values = array("i")

    def add_all(self, terms: Iterable[str], position: int, term_ids: dict[str, int]) -> None:
        for term in terms:
            self._keys.append(term_ids.setdefault(term, len(term_ids)))
            self._values.append(position)

    def grouped(self, size: int) -> list[np.ndarray]:
        """For each term id, the positions it occurs at, in increasing order."""
        keys = np.frombuffer(self._keys, dtype=np.int32)
        order = np.argsort(keys, kind="stable")
        bounds = np.cumsum(np.bincount(keys, minlength=size))[:-1]
        return np.split(np.frombuffer(self._values, dtype=np.int32)[order], bounds)


@dataclass(frozen=True)
class FactIndex:
    """Everything the matcher reads per fact, per phrasing and per term; never mutated."""

    facts: list[Fact]
    position: dict[str, int]
    answer_terms: list[str]
    phrased: list[frozenset[str]]
    dates: list[tuple[PartialDate, ...]]
    entity_sets: list[frozenset[str]]
    about_sets: list[frozenset[str]]
    country_sets: list[frozenset[str]]
    kinds: list[frozenset[str]]
    phrasings: list[str]
    """Each phrasing's terms, once each, joined by spaces; fact by fact, so each fact owns
    the contiguous slice `phrasing_start[i]:phrasing_start[i + 1]`."""
    phrasing_start: np.ndarray
    postings: dict[str, tuple[np.ndarray, np.ndarray]]
    """Per term, the positions of the facts holding it strongly and only in the answer."""
    phrasing_postings: dict[str, np.ndarray]
    idf: dict[str, float]
    phrasing_weight: np.ndarray
    """Per phrasing, the sum of its terms' idf."""
    entities: Mapping[str, Entity]
    """The entities the per-fact sets were read with."""
    topic_names: Mapping[str, frozenset[str]]
    """Each topic's name as terms, which its facts hold as they hold their keywords."""

    @classmethod
    def build(
        cls,
        factbase: FactBase,
        analyzer: Analyzer,
        question_word_boost: float,
        lender: FactIndex | None = None,
    ) -> FactIndex:
        """The index of every fact; `lender`, an index read the same way, lends the analysis
        of the facts it holds unchanged."""
        countries = _countries(factbase)
        names = topic_names(factbase, analyzer)
        shared: dict = {}
        columns = _Columns()
        term_ids: dict[str, int] = {}
        strong_pairs, weak_pairs, phrasing_pairs = _Pairs(), _Pairs(), _Pairs()
        phrasings: list[str] = []
        phrasing_start = [0]
        # Fact by fact, so only one fact's terms are held at a time.
        for index, fact in enumerate(factbase.facts.values()):
            analysis = (lender and lender.analysis_of(fact)) or analyse(analyzer, fact)
            entry = _entry(factbase, countries, fact, analysis, shared, names)
            columns.add(entry)
            strong = entry.strong
            strong_pairs.add_all(strong, index, term_ids)
            weak_pairs.add_all(entry.weak(strong), index, term_ids)
            for unique in entry.phrasings:
                phrasing_pairs.add_all(unique, len(phrasings), term_ids)
                phrasings.append(" ".join(unique))
            phrasing_start.append(len(phrasings))
        size = len(term_ids)
        strong_by_term, weak_by_term = strong_pairs.grouped(size), weak_pairs.grouped(size)
        by_phrasing = phrasing_pairs.grouped(size)
        postings = {term: (strong_by_term[i], weak_by_term[i]) for term, i in term_ids.items()}
        phrasing_postings = {term: by_phrasing[i] for term, i in term_ids.items()}
        idf = _idf(postings, len(columns.facts), question_word_boost)
        return cls(
            facts=columns.facts,
            position={fact.id: i for i, fact in enumerate(columns.facts)},
            answer_terms=columns.answer_terms,
            phrased=columns.phrased,
            dates=columns.dates,
            entity_sets=columns.entity_sets,
            about_sets=columns.about_sets,
            country_sets=columns.country_sets,
            kinds=columns.kinds,
            phrasings=phrasings,
            phrasing_start=np.asarray(phrasing_start, dtype=np.int64),
            postings=postings,
            phrasing_postings=phrasing_postings,
            idf=idf,
            phrasing_weight=_phrasing_weight(phrasing_postings, idf, len(phrasings)),
            entities=factbase.entities,
            topic_names=names,
        )

    def updated(
        self, factbase: FactBase, analyzer: Analyzer, question_word_boost: float
    ) -> FactIndex:
        """The index of `factbase`, read the same way as this one (`analyzer.reads_like`):
        the postings of unchanged facts are kept, only the changed facts are read again."""
        names = topic_names(factbase, analyzer)
        if names != self.topic_names:
            # Every fact of a renamed topic holds other terms.
            return FactIndex.build(factbase, analyzer, question_word_boost, self)
        countries = _countries(factbase)
        touched = _changed_entities(self.entities, factbase.entities)
        facts = list(factbase.facts.values())
        # Per new position, the old position of the same fact unchanged, else -1.
        kept = np.full(len(facts), -1, dtype=np.int64)
        fresh: dict[int, _Entry] = {}
        shared: dict = {}
        for new, fact in enumerate(facts):
            old = self.position.get(fact.id)
            if (
                old is not None
                and _same(self.facts[old], fact)
                and (not touched or self.entity_sets[old].isdisjoint(touched))
            ):
                kept[new] = old
            else:
                analysis = self.analysis_of(fact) or analyse(analyzer, fact)
                fresh[new] = _entry(factbase, countries, fact, analysis, shared, names)
        held = kept[kept >= 0]
        if np.any(np.diff(held) <= 0):
            # Facts moved past each other (between files): positions cannot be shifted.
            return FactIndex.build(factbase, analyzer, question_word_boost, self)

        remap = np.full(len(self.facts), -1, dtype=np.int32)
        remap[held] = np.flatnonzero(kept >= 0)
        old_counts = np.diff(self.phrasing_start)
        counts = np.where(kept >= 0, old_counts[np.maximum(kept, 0)], 0)
        for new, entry in fresh.items():
            counts[new] = len(entry.analysis.text_terms)
        phrasing_start = np.zeros(len(facts) + 1, dtype=np.int64)
        np.cumsum(counts, out=phrasing_start[1:])
        # Old phrasing position -> new, -1 for the phrasings of facts not kept.
        old_fact = np.repeat(np.arange(len(self.facts)), old_counts)
        within = np.arange(len(self.phrasings)) - self.phrasing_start[old_fact]
        moved_to = remap[old_fact]
        phrasing_remap = np.where(
            moved_to >= 0, phrasing_start[np.maximum(moved_to, 0)] + within, -1
        ).astype(np.int32)

        dropped_strong: set[str] = set()
        dropped_weak: set[str] = set()
        dropped_phrasing: set[str] = set()
        for old in np.flatnonzero(remap < 0).tolist():
            entry = self._entry_at(old)
            strong = entry.strong
            dropped_strong |= strong
            dropped_weak |= entry.weak(strong)
            dropped_phrasing.update(*entry.analysis.text_terms)
        added_strong: dict[str, list[int]] = {}
        added_weak: dict[str, list[int]] = {}
        added_phrasing: dict[str, list[int]] = {}
        fresh_phrasings: dict[int, list[str]] = {}
        for new, entry in fresh.items():
            strong = entry.strong
            for term in strong:
                added_strong.setdefault(term, []).append(new)
            for term in entry.weak(strong):
                added_weak.setdefault(term, []).append(new)
            texts = []
            for number, unique in enumerate(entry.phrasings):
                for term in unique:
                    added_phrasing.setdefault(term, []).append(int(phrasing_start[new]) + number)
                texts.append(" ".join(unique))
            fresh_phrasings[new] = texts

        strong_postings = _moved(
            {term: pair[0] for term, pair in self.postings.items()},
            remap,
            dropped_strong,
            added_strong,
        )
        weak_postings = _moved(
            {term: pair[1] for term, pair in self.postings.items()},
            remap,
            dropped_weak,
            added_weak,
        )
        by_phrasing = _moved(
            self.phrasing_postings, phrasing_remap, dropped_phrasing, added_phrasing
        )
        postings = {}
        phrasing_postings = {}
        for term in strong_postings.keys() | weak_postings.keys():
            postings[term] = (strong_postings.get(term, _EMPTY), weak_postings.get(term, _EMPTY))
            phrasing_postings[term] = by_phrasing.get(term, _EMPTY)

        splice = _Splice(kept, fresh)
        phrasings: list[str] = []
        for new, first, length in splice.runs:
            if first < 0:
                phrasings += fresh_phrasings[new]
            else:
                start, end = self.phrasing_start[first], self.phrasing_start[first + length]
                phrasings += self.phrasings[start:end]
        facts_in_order = splice.column(self.facts, lambda e: e.fact)
        idf = _idf(postings, len(facts), question_word_boost)
        return FactIndex(
            facts=facts_in_order,
            position=(
                self.position
                if facts_in_order == self.facts
                else {fact.id: i for i, fact in enumerate(facts_in_order)}
            ),
            answer_terms=splice.column(self.answer_terms, lambda e: e.analysis.answer_terms),
            phrased=splice.column(self.phrased, lambda e: e.analysis.kinds),
            dates=splice.column(self.dates, lambda e: e.analysis.dates),
            entity_sets=splice.column(self.entity_sets, lambda e: e.entities),
            about_sets=splice.column(self.about_sets, lambda e: e.about),
            country_sets=splice.column(self.country_sets, lambda e: e.countries),
            kinds=splice.column(self.kinds, lambda e: e.kinds),
            phrasings=phrasings,
            phrasing_start=phrasing_start,
            postings=postings,
            phrasing_postings=phrasing_postings,
            idf=idf,
            phrasing_weight=_phrasing_weight(phrasing_postings, idf, len(phrasings)),
            entities=factbase.entities,
            topic_names=names,
        )

    def _slice(self, index: int) -> range:
        return range(int(self.phrasing_start[index]), int(self.phrasing_start[index + 1]))

    def analysis_of(self, fact: Fact) -> FactAnalysis | None:
        """What this index read off `fact` (each phrasing's terms once, in order), or None
        when it did not index this very fact."""
        index = self.position.get(fact.id)
        if index is None or self.facts[index] != fact:
            return None
        return self._analysis_at(index)

    def _analysis_at(self, index: int) -> FactAnalysis:
        return FactAnalysis(
            [self.phrasings[i].split() for i in self._slice(index)],
            self.answer_terms[index],
            self.phrased[index],
            self.dates[index],
        )

    def _entry_at(self, index: int) -> _Entry:
        return _Entry(
            self.facts[index],
            self._analysis_at(index),
            self.entity_sets[index],
            self.about_sets[index],
            self.country_sets[index],
            self.kinds[index],
            self.topic_names.get(self.facts[index].topic, frozenset()),
        )


class _Splice:
    """The new order of facts as runs: of old positions kept in order, and of fresh entries."""

    def __init__(self, kept: np.ndarray, fresh: dict[int, _Entry]) -> None:
        self._fresh = fresh
        self.runs = kept_runs(kept.tolist())

    def column(self, old: list[T], pick: Callable[[_Entry], T]) -> list[T]:
        """A per-fact list in the new order: kept facts' values from `old`, fresh ones picked."""
        column: list[T] = []
        for new, first, length in self.runs:
            if first < 0:
                column.append(pick(self._fresh[new]))
            else:
                column += old[first : first + length]
        return column


def _countries(factbase: FactBase) -> frozenset[str]:
    return frozenset(entity_term(e.id) for e in factbase.entities.values() if e.kind == "country")


def _changed_entities(old: Mapping[str, Entity], new: Mapping[str, Entity]) -> frozenset[str]:
    """The terms of the entities added, removed or changed."""
    if old == new:
        return frozenset()
    return frozenset(
        entity_term(ident) for ident in old.keys() | new.keys() if old.get(ident) != new.get(ident)
    )


def _moved(
    postings: dict[str, np.ndarray],
    remap: np.ndarray,
    dropped: set[str],
    added: dict[str, list[int]],
) -> dict[str, np.ndarray]:
    """Postings with old positions mapped to new (`remap`, -1 for those gone), the terms of
    dropped positions filtered, and the added positions merged in order."""
    held = remap >= 0
    shifted = not np.array_equal(remap[held], np.flatnonzero(held))
    moved: dict[str, np.ndarray] = {}
    for term, positions in postings.items():
        if term in dropped:
            positions = remap[positions]
            positions = positions[positions >= 0]
        elif shifted:
            positions = remap[positions]
        if term in added:
            more = np.asarray(added[term], dtype=np.int32)
            positions = np.sort(np.concatenate((positions, more)))
        if len(positions):
            moved[term] = positions
    for term, positions_added in added.items():
        if term not in postings:
            moved[term] = np.asarray(positions_added, dtype=np.int32)
    return moved


def _idf(
    postings: dict[str, tuple[np.ndarray, np.ndarray]], count: int, question_word_boost: float
) -> dict[str, float]:
    """Each term's inverse document frequency over the facts holding it strongly."""
    terms = list(postings)
    frequency = np.fromiter((len(postings[t][0]) for t in terms), dtype=np.int64, count=len(terms))
    idf = np.log1p(count / np.maximum(frequency, 1)) * (frequency > 0)
    # Question words weigh more than their frequency says: they choose between a date, a
    # place and a person answer about the same thing.
    for i, term in enumerate(terms):
        if term in QUESTION_WORDS:
            idf[i] *= question_word_boost
    return {term: float(idf[i]) for i, term in enumerate(terms) if frequency[i]}


def _phrasing_weight(
    phrasing_postings: dict[str, np.ndarray], idf: dict[str, float], size: int
) -> np.ndarray:
    """Per phrasing, the sum of its terms' idf, added in the order of the terms' names so
    that an index built whole and one updated sum alike."""
    terms = sorted(phrasing_postings)
    if not terms:
        return np.zeros(size, dtype=np.float64)
    positions = np.concatenate([phrasing_postings[t] for t in terms])
    lengths = [len(phrasing_postings[t]) for t in terms]
    weights = np.repeat(np.asarray([idf.get(t, 0.0) for t in terms], dtype=np.float64), lengths)
    return np.bincount(positions, weights=weights, minlength=size)


def changed_facts(old: FactBase, new: FactBase) -> tuple[list[Fact], list[Fact]]:
    """The facts of `old` gone from `new` or changed in it, and those of `new` added or
    changed: what a reload must read again."""
    removed = [fact for ident, fact in old.facts.items() if not _same(new.facts.get(ident), fact)]
    added = [fact for ident, fact in new.facts.items() if not _same(old.facts.get(ident), fact)]
    return removed, added


def _same(one: Fact | None, other: Fact) -> bool:
    """Equal facts, at once when they are one object (unchanged files give the same)."""
    return one is other or one == other
