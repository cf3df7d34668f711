"""Match a question to facts, or abstain with suggestions when nothing fits well enough.

A question is reduced to terms (see `analysis`). An inverted index weighted by inverse
document frequency gives every fact two cheap signals: how much of the question's weight
it covers (an unknown word such as "weather" counts against every fact) and the weighted
overlap with its closest phrasing. The best candidates are then compared with rapidfuzz
to their phrasings, and entity rules (a fact about another country, a question asking
what a fact does not hold) scale the score down."""

from __future__ import annotations

import functools
import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process, utils

from bot.analysis import ENTITY_PREFIX, Analyzer, entity_term
from bot.answer import Answer, compose
from bot.model import Fact, FactBase
from bot.text import QUESTION_WORDS, trim_question


@dataclass(frozen=True)
class MatchSettings:
    """Decision thresholds on the 0-100 score; calibrated on tests/eval/questions.yaml."""

    answer_threshold: float = 56.0
    confident_score: float = 75.0
    margin: float = 2.0
    suggestion_floor: float = 25.0
    max_suggestions: int = 3
    candidates: int = 100
    coverage_weight: float = 0.4
    overlap_weight: float = 0.3
    answer_text_weight: float = 0.5
    foreign_entity_penalty: float = 0.6
    country_focus_weight: float = 0.3
    asked_share: float = 0.4
    unmatched_ask_penalty: float = 0.8
    question_word_boost: float = 2.0


class _Pairs:
    """(term id, position) pairs in compact arrays, grouped by term once at the end."""

    def __init__(self) -> None:
        self._keys = array("i")
        self._values = array("i")

    def add_all(self, terms: Iterable[str], position: int, term_ids: dict[str, int]) -> None:
        for term in terms:
            self._keys.append(term_ids.setdefault(term, len(term_ids)))
            self._values.append(position)

    def keys(self) -> np.ndarray:
        return np.frombuffer(self._keys, dtype=np.int32)

    def values(self) -> np.ndarray:
        return np.frombuffer(self._values, dtype=np.int32)

    def grouped(self, size: int) -> list[np.ndarray]:
        """For each term id, the positions it occurs at, in increasing order."""
        keys = self.keys()
        order = np.argsort(keys, kind="stable")
        bounds = np.cumsum(np.bincount(keys, minlength=size))[:-1]
        return np.split(self.values()[order], bounds)


@dataclass(frozen=True)
class ScoredFact:
    fact: Fact
    score: float
    coverage: float = field(compare=False)
    closeness: float = field(compare=False)


class Matcher:
    """An index over one FactBase; immutable after construction, safe to share."""

    def __init__(
        self,
        factbase: FactBase,
        settings: MatchSettings | None = None,
        previous: Matcher | None = None,
    ) -> None:
        """`previous`, the matcher being replaced, lends the analysis of unchanged facts."""
        self.factbase = factbase
        self.settings = settings or MatchSettings()
        self.analyzer = Analyzer(factbase)
        self._facts: list[Fact] = list(factbase.facts.values())
        self._build_index(previous)

    def _analysed(self, previous: Matcher | None) -> dict[Fact, tuple[list[list[str]], str]]:
        """Phrasing and answer terms of the previous matcher's facts, when it reads alike."""
        if previous is None or not previous.analyzer.reads_like(self.analyzer):
            return {}
        starts = previous._phrasing_start
        return {
            fact: (
                [p.split() for p in previous._phrasings[starts[i] : starts[i + 1]]],
                previous._answer_terms[i],
            )
            for i, fact in enumerate(previous._facts)
        }

    def _build_index(self, previous: Matcher | None) -> None:
        """Inverted indexes as numpy arrays: (term, fact) and (term, phrasing) pairs are
        collected in compact arrays and grouped once, so 100,000 facts fit in memory."""
        analyzer = self.analyzer
        countries = {
            entity_term(e.id) for e in self.factbase.entities.values() if e.kind == "country"
        }
        self._entity_sets: list[frozenset[str]] = []
        self._country_sets: list[frozenset[str]] = []
        shared: dict[frozenset[str], frozenset[str]] = {}
        term_ids: dict[str, int] = {}
        strong_pairs, weak_pairs, phrasing_pairs = _Pairs(), _Pairs(), _Pairs()
        self._phrasings: list[str] = []
        phrasing_start = [0]
        self._answer_terms: list[str] = []
        known = self._analysed(previous)
        for index, fact in enumerate(self._facts):
            if fact in known:
                text_terms, answer_terms = known[fact]
            else:
                text_terms = [analyzer.terms(text) for text in (*fact.questions, *fact.keywords)]
                answer_terms = " ".join(sorted(analyzer.term_set([fact.answer])))
            self._answer_terms.append(answer_terms)
            entities = frozenset(entity_term(e) for e in self.factbase.related_entities(fact))
            # Many facts share the same entities: keep one copy of each set.
            entities = shared.setdefault(entities, entities)
            self._entity_sets.append(entities)
            in_countries = entities & countries
            self._country_sets.append(shared.setdefault(in_countries, in_countries))
            strong = {term for terms in text_terms for term in terms} | entities
            strong_pairs.add_all(strong, index, term_ids)
            weak_pairs.add_all(set(answer_terms.split()) - strong, index, term_ids)
            for terms in text_terms:
                unique = list(dict.fromkeys(terms))
                phrasing_pairs.add_all(unique, len(self._phrasings), term_ids)
                self._phrasings.append(" ".join(unique))
            phrasing_start.append(len(self._phrasings))
        # Phrasings are stored fact by fact, so each fact owns one contiguous slice.
        self._phrasing_start = np.asarray(phrasing_start, dtype=np.int64)

        count, size = len(self._facts), len(term_ids)
        frequency = np.bincount(strong_pairs.keys(), minlength=size)
        idf = np.log1p(count / np.maximum(frequency, 1)) * (frequency > 0)
        # Question words weigh more than their frequency says: they choose between a
        # date, a place and a person answer about the same thing.
        for word in QUESTION_WORDS & term_ids.keys():
            idf[term_ids[word]] *= self.settings.question_word_boost
        self._idf = {term: float(idf[i]) for term, i in term_ids.items() if frequency[i]}
        self._unknown_weight = math.log(1 + 2 * count)

        strong, weak = strong_pairs.grouped(size), weak_pairs.grouped(size)
        self._postings = {term: (strong[i], weak[i]) for term, i in term_ids.items()}
        by_phrasing = phrasing_pairs.grouped(size)
        self._phrasing_postings = {term: by_phrasing[i] for term, i in term_ids.items()}
        self._phrasing_weight = np.bincount(
            phrasing_pairs.values(),
            weights=idf[phrasing_pairs.keys()],
            minlength=len(self._phrasings),
        )

        self._is_list = np.asarray([bool(fact.includes) for fact in self._facts])
        self._starters = self._pick_starters()

    def _pick_starters(self) -> tuple[Fact, ...]:
        """Facts to offer when nothing comes close: list facts first, one per topic."""
        seen: set[str] = set()
        starters: list[Fact] = []
        for fact in sorted(self._facts, key=lambda fact: not fact.includes):
            if fact.topic not in seen:
                seen.add(fact.topic)
                starters.append(fact)
        return tuple(starters[: self.settings.max_suggestions])

    def rank(self, question: str, limit: int | None = None) -> list[ScoredFact]:
        """Facts scored against the question, best first (ties in fact-base order)."""
        question = trim_question(question)
        terms = list(dict.fromkeys(self.analyzer.terms(question, repair_typos=True)))
        if not terms:
            return []
        weights = [self._idf.get(term, self._unknown_weight) for term in terms]
        total = sum(weights)
        count = len(self._facts)
        coverage = np.zeros(count, dtype=np.float64)
        asked = np.zeros(count, dtype=np.float64)
        asked_total = 0.0
        for term, weight in zip(terms, weights, strict=True):
            is_ask = not term.startswith(ENTITY_PREFIX) and term not in QUESTION_WORDS
            asked_total += weight * is_ask
            posting = self._postings.get(term)
            if posting is None:
                continue
            strong, weak = posting
            for target in (coverage, asked) if is_ask else (coverage,):
                target[strong] += weight
                target[weak] += weight * self.settings.answer_text_weight
        coverage /= total

        overlap = np.zeros(len(self._phrasings), dtype=np.float64)
        for term, weight in zip(terms, weights, strict=True):
            positions = self._phrasing_postings.get(term)
            if positions is not None:
                overlap[positions] += weight
        dice = 2 * overlap / (total + self._phrasing_weight)
        best_dice = np.maximum.reduceat(dice, self._phrasing_start[:-1])

        settings = self.settings
        limit = limit or settings.candidates
        pool = min(max(limit, settings.candidates), count)
        hits = np.flatnonzero(coverage)
        if hits.size == 0:
            return []
        if hits.size > pool:
            prior = settings.coverage_weight * coverage + settings.overlap_weight * best_dice
            top = np.argpartition(-prior[hits], pool - 1)[:pool]
            hits = np.sort(hits[top])

        starts = self._phrasing_start[hits]
        ends = self._phrasing_start[hits + 1]
        choices = [p for s, e in zip(starts, ends, strict=True) for p in self._phrasings[s:e]]
        query = " ".join(terms)
        similarity = process.cdist(
            [query], choices, scorer=fuzz.token_sort_ratio, dtype=np.float64
        )[0]
        offsets = np.concatenate(([0], np.cumsum(ends - starts)[:-1]))
        closeness = np.maximum.reduceat(similarity, offsets) / 100.0

        cw, ow = settings.coverage_weight, settings.overlap_weight
        scores = 100.0 * (cw * coverage[hits] + ow * best_dice[hits] + (1 - cw - ow) * closeness)
        named = {term for term in terms if term.startswith(ENTITY_PREFIX)}
        if named:
            foreign = [len(named - self._entity_sets[i]) for i in hits]
            scores *= self.settings.foreign_entity_penalty ** np.asarray(foreign)
        scores *= self._country_focus(named, hits)
        # What is asked about an entity ("crypto" in "what did X say about crypto?") must be
        # found in the fact (at least `asked_share` of its weight), not only the entity.
        if asked_total:
            missing = asked[hits] < settings.asked_share * asked_total
            scores *= np.where(missing, settings.unmatched_ask_penalty, 1.0)
        # Best first; on a tie a list fact (which contains the others) first, then file order.
        order = np.lexsort((hits, ~self._is_list[hits], -np.round(scores, 6)))[:limit]
        return [
            ScoredFact(
                self._facts[hits[i]],
                float(scores[i]),
                float(coverage[hits[i]]),
                float(closeness[i]),
            )
            for i in order
        ]

    def answer(self, question: str) -> Answer:
        """The best fact for the question, or an abstention with up to three suggestions."""
        ranked = self.rank(question)
        if ranked and self._decides(ranked):
            best = ranked[0]
            return self.answer_with(best.fact.id, question, best.score)
        settings = self.settings
        suggested = [s.fact for s in ranked if s.score >= settings.suggestion_floor]
        suggested += self._starters
        chosen = list(dict.fromkeys(fact.id for fact in suggested))[: settings.max_suggestions]
        return Answer(
            question,
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

    def _decides(self, ranked: list[ScoredFact]) -> bool:
        best = ranked[0]
        if best.score < self.settings.answer_threshold:
            return False
        if best.score >= self.settings.confident_score:
            return True
        rival = next((s for s in ranked[1:] if self._distinct(best.fact, s.fact)), None)
        return rival is None or best.score - rival.score >= self.settings.margin

    def _country_focus(self, named: set[str], hits: np.ndarray) -> np.ndarray:
        """Favour facts about just the countries a question names; with none named, facts
        about several countries (or none) over a fact about one country."""
        named_countries = [named & self._country_sets[i] for i in hits]
        focus = [
            len(overlap) / len(countries)
            if overlap
            else (0.5 if len(countries) == 1 and not named else 1.0)
            for overlap, countries in zip(
                named_countries, (self._country_sets[i] for i in hits), strict=True
            )
        ]
        weight = self.settings.country_focus_weight
        return (1 - weight) + weight * np.asarray(focus)

    @staticmethod
    def _distinct(one: Fact, other: Fact) -> bool:
        return other.id not in one.includes and one.id not in other.includes

    @functools.cached_property
    def _completion_texts(self) -> list[str]:
        """Every known phrasing, built on the first autocomplete rather than at load."""
        return [question for fact in self._facts for question in fact.questions]

    @functools.cached_property
    def _completion_choices(self) -> list[str]:
        return [utils.default_process(question) for question in self._completion_texts]

    def complete(self, typed: str, limit: int = 25) -> list[str]:
        """Known questions for an autocomplete box, best first: those holding every word
        typed so far (the last one possibly half-typed), then the closest by WRatio."""
        processed = utils.default_process(typed)
        if not processed:
            return [fact.questions[0] for fact in self._facts[:limit]]
        *whole, last = processed.split()

        def words_found(choice: str) -> int:
            tokens = choice.split()
            found = sum(word in tokens for word in whole)
            return found + any(token.startswith(last) for token in tokens)

        similarity = process.cdist(
            [processed], self._completion_choices, scorer=fuzz.WRatio, processor=None
        )[0]
        ranked = sorted(
            range(len(self._completion_choices)),
            key=lambda i: (-words_found(self._completion_choices[i]), -similarity[i], i),
        )
        texts = dict.fromkeys(self._completion_texts[i] for i in ranked[: limit * 2])
        return list(texts)[:limit]
