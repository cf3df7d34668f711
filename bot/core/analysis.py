"""Turn text into matching terms: typo repair, stems, entity aliases and synonyms, no stop words."""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from bot.core.model import Fact, FactBase
from bot.core.text import (
    CHATTER_WORDS,
    NON_CONTENT,
    QUALIFIERS,
    QUESTION_WORDS,
    STOP_WORDS,
    Token,
    stem,
    tokenize,
    words,
)
from bot.core.typos import NearWords

ENTITY_PREFIX = "@"
_NAME_CONTEXT = frozenset({"the", "and", "between", "which", "what", "whose", "vs"})
# Common words a name may share whose lowercase form a context can still make a name.
_PRONOUNS = frozenset({"us", "it", "me", "we"})


def _shouted(tokens: list[Token]) -> bool:
    """Whether a text is written all in capitals, so capitals say nothing about names."""
    letters = [token.written for token in tokens if token.written.isalpha()]
    return len(letters) >= 3 and all(word.isupper() for word in letters)


def entity_term(entity_id: str) -> str:
    return ENTITY_PREFIX + entity_id


def fact_word_counts(facts: Iterable[Fact]) -> Counter[str]:
    """For each word of the facts' answers, questions and keywords, how many facts hold it."""
    counts: Counter[str] = Counter()
    for fact in facts:
        counts.update(set(words(" ".join((fact.answer, *fact.questions, *fact.keywords)))))
    return counts


def _phrase_key(text: str) -> tuple[str, ...]:
    return tuple(stem(token.word) for token in tokenize(text))


class Analyzer:
    """Knows the fact base's vocabulary, aliases and synonyms; built once per fact base."""

    _phrases: dict[tuple[str, ...], str]
    _written: dict[tuple[str, ...], tuple[str, ...]]
    _longest: dict[str, int]
    _countries: frozenset[str]
    _roles: list[tuple[str, frozenset[str], str | None]]
    _roles_by_word: dict[str, list[tuple[str, frozenset[str], str | None]]]
    _name_words: frozenset[str]
    _near_words: NearWords

    def __init__(
        self,
        factbase: FactBase,
        previous: Analyzer | None = None,
        removed: Iterable[Fact] = (),
        added: Iterable[Fact] = (),
    ) -> None:
        """With `previous`, the analyzer of a base that differs from this one by the facts
        `removed` and `added`, only those facts' words are read again, and the alias and
        synonym tables are taken over when the entities and synonyms are unchanged."""
        self._entities = factbase.entities
        self._synonyms = factbase.synonyms
        if previous is not None and previous._names_alike(factbase):
            self._take_names(previous)
        else:
            self._read_names(factbase)
        if previous is None:
            self._fact_words = fact_word_counts(factbase.facts.values())
        else:
            self._fact_words = previous._fact_words.copy()
            self._fact_words.subtract(fact_word_counts(removed))
            self._fact_words.update(fact_word_counts(added))
            self._fact_words = +self._fact_words
        vocabulary = self._name_words | self._fact_words.keys()
        self.vocabulary = frozenset(vocabulary)
        # A word in another script (Hangul, Devanagari) cannot be a typo of a Latin one.
        self._latin_only = all(known.isascii() for known in vocabulary)
        # Stop words are targets too, so "wat" is read as "what" and then dropped.
        self._typo_choices: list[str] = sorted(
            word
            for word in vocabulary | NON_CONTENT | QUESTION_WORDS
            if word.isalpha() and len(word) > 2
        )
        if previous is not None and previous._typo_choices == self._typo_choices:
            self._near_words = previous._near_words
        else:
            self._near_words = NearWords.build(self._typo_choices)

    def _names_alike(self, factbase: FactBase) -> bool:
        """Whether `factbase` has this analyzer's entities and synonyms."""
        return self._synonyms == factbase.synonyms and self._entities == factbase.entities

    def _take_names(self, previous: Analyzer) -> None:
        self._phrases = previous._phrases
        self._written = previous._written
        self._longest = previous._longest
        self._countries = previous._countries
        self._roles = previous._roles
        self._roles_by_word = previous._roles_by_word
        self._name_words = previous._name_words

    def _read_names(self, factbase: FactBase) -> None:
        """The tables read off the entities and synonyms: phrases, roles, their words."""
        self._phrases = {}
        self._written = {}
        for group in factbase.synonyms:
            canonical = "_".join(_phrase_key(group[0]))
            for word in group:
                self._add_phrase(word, canonical)
        for entity in factbase.entities.values():
            for alias in (entity.name, *entity.aliases):
                self._add_phrase(alias, entity_term(entity.id), entity_wins=True)
        self._longest = {}
        for key in self._phrases:
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        self._countries = frozenset(
            entity_term(e.id) for e in factbase.entities.values() if e.kind == "country"
        )
        self._roles = self._role_index(factbase)
        # Each role under its first word, so a question looks only at roles it may hold.
        self._roles_by_word = {}
        for role in self._roles:
            self._roles_by_word.setdefault(min(role[1]), []).append(role)
        name_words: set[str] = set()
        for entity in factbase.entities.values():
            name_words.update(words(" ".join((entity.name, *entity.aliases))))
        for group in factbase.synonyms:
            name_words.update(words(" ".join(group)))
        self._name_words = frozenset(name_words)

    def _role_index(self, factbase: FactBase) -> list[tuple[str, frozenset[str], str | None]]:
        """(person term, the words of their role, their country term) for each titled person."""
        roles = []
        for entity in factbase.entities.values():
            if entity.kind != "person" or not entity.role:
                continue
            words_of_role = {t for t in self._fold(tokenize(entity.role)) if t[0] != ENTITY_PREFIX}
            country = entity_term(entity.country) if entity.country else None
            if words_of_role:
                roles.append((entity_term(entity.id), frozenset(words_of_role), country))
        return roles

    def role_words(self, person: str) -> frozenset[str]:
        """The words of a titled person's role ("nsa" for Ajit Doval)."""
        return frozenset(w for term, role, _ in self._roles if term == person for w in role)

    def people_by_role(self, terms: Iterable[str]) -> list[str]:
        """The person a question names by title ("the Indian prime minister"), if just one fits.

        Every word of the role must be there; a country the question names must be theirs.
        Of several fits, the one with the longest role wins, and a tie names nobody.
        """
        present = set(terms)
        countries = {t for t in present if t in self._countries}
        fits = [
            (len(role), person)
            for word in present
            for person, role, country in self._roles_by_word.get(word, ())
            if role <= present and person not in present and (not countries or country in countries)
        ]
        if not fits:
            return []
        fits.sort(reverse=True)
        if len(fits) > 1 and fits[0][0] == fits[1][0]:
            return []
        return [fits[0][1]]

    def reads_like(self, other: Analyzer) -> bool:
        """Whether both turn any text into the same terms (same aliases and synonyms)."""
        return (
            self._phrases == other._phrases
            and self._written == other._written
            and self._roles == other._roles
        )

    def _add_phrase(self, text: str, term: str, entity_wins: bool = False) -> None:
        tokens = tokenize(text)
        key = tuple(stem(token.word) for token in tokens)
        if not key or (key in self._phrases and not entity_wins):
            return
        self._phrases[key] = term
        written = tuple(token.written for token in tokens)
        if all(w.isupper() for w in written) and all(t.word in STOP_WORDS for t in tokens):
            self._written[key] = written

    def correct(self, word: str) -> str:
        """The known word a misspelt or truncated word most likely stands for, else itself.

        One edit (a transposition counts as one) is allowed, two from nine letters. In words
        of up to five letters a changed consonant is not a typo but another word ("rate" is
        not "date"), while one vowel for another is ("leeds"); three-letter words are only
        read as stop words ("wat" is "what"), and a qualifier ("last") is meant as written.
        """
        if (
            word in self.vocabulary
            or word in NON_CONTENT
            or word in QUALIFIERS  # "last" is meant, not "list"
            or len(word) < 3
            or not word.isalpha()
        ):
            return word
        if self._latin_only and not _has_latin(word):
            return word
        edits = 2 if len(word) >= 9 else 1
        found = self._near_words.within(word, edits)
        best = min((distance for _, distance in found), default=None)
        nearest = sorted(known for known, distance in found if distance == best)
        nearest.sort(key=lambda known: (known,) not in self._phrases)  # whole names first
        for known in nearest:
            if self._plausible_typo(word, known):
                return known
        start = bisect.bisect_left(self._typo_choices, word)
        if (
            len(word) >= 4
            and start < len(self._typo_choices)
            and self._typo_choices[start].startswith(word)
        ):
            return self._typo_choices[start]
        return word

    @staticmethod
    def _plausible_typo(word: str, known: str) -> bool:
        if len(word) > 5:
            # Two changed letters, or two more than the known word has, make another word
            # ("conference" is not "confidence", nor "regulation" "relation").
            if len(word) > len(known) + 1:
                return False
            one_changed = Levenshtein.distance(word, known, weights=(1, 1, 2)) <= 3
            return one_changed or sorted(word) == sorted(known)
        if len(word) == 3 and known not in STOP_WORDS | QUESTION_WORDS:
            return False
        inserted_or_dropped = Levenshtein.distance(word, known, weights=(1, 1, 2)) <= 1
        return inserted_or_dropped or sorted(word) == sorted(known) or _vowel_slip(word, known)

    def terms(self, text: str, repair_typos: bool = False) -> list[str]:
        """The matching terms of a text, in order, duplicates kept."""
        tokens = tokenize(text)
        if repair_typos:
            fixed = {word: self.correct(word) for word in {token.word for token in tokens}}
            tokens = [Token(fixed[token.word], token.written) for token in tokens]
        return self._fold(tokens)

    def _fold(self, tokens: list[Token]) -> list[str]:
        stems = [stem(token.word) for token in tokens]
        terms: list[str] = []
        i = 0
        while i < len(tokens):
            match = self._phrase_at(tokens, stems, i)
            if match and match[1] == 1 and tokens[i].word in CHATTER_WORDS:
                match = None  # "posting" is chatter, not the synonym "post"
            if match:
                term, size = match
                terms.append(term)
                i += size
                continue
            if tokens[i].word not in NON_CONTENT and stems[i] not in NON_CONTENT:
                terms.append(stems[i])
            i += 1
        return terms

    def _phrase_at(
        self, tokens: list[Token], stems: list[str], i: int, entities_only: bool = False
    ) -> tuple[str, int] | None:
        """The longest alias or synonym starting at token i, as (term, number of tokens)."""
        for size in range(min(self._longest.get(stems[i], 0), len(tokens) - i), 0, -1):
            key = tuple(stems[i : i + size])
            term = self._phrases.get(key)
            if not term or (entities_only and not term.startswith(ENTITY_PREFIX)):
                continue
            written = self._written.get(key)
            if written is None or self._reads_as_name(tokens, stems, i, size, written):
                return term, size
        return None

    def _reads_as_name(
        self, tokens: list[Token], stems: list[str], i: int, size: int, written: tuple[str, ...]
    ) -> bool:
        """Whether a capitals-only alias that is also a common word ("US") is meant as a name.

        It is when written in capitals in a text that is not all capitals. A pronoun ("us")
        also is after "the", "and", "which" and the like ("the us side") or just before
        another name ("us india ties") or opens the text ("us delegation names?"); "tell us
        about it" stays a pronoun. Any other common
        word ("DID", "WAS") is a name only in capitals: "when did the summit start" names
        no organisation called DID.
        """
        spelled = tuple(token.written for token in tokens[i : i + size])
        if spelled == written and not _shouted(tokens):
            return True
        if not all(token.word in _PRONOUNS for token in tokens[i : i + size]):
            return False
        if i > 0 and tokens[i - 1].word in _NAME_CONTEXT:
            return True
        if i == 0 and len(tokens) > size and tokens[0].word == "us":
            return True  # "us delegation names?": a message does not open on the pronoun
        after = i + size
        return after < len(tokens) and self._phrase_at(tokens, stems, after, True) is not None

    def words_outside_names(self, text: str) -> list[str]:
        """The words of a text that are not part of an entity's name: the "next" of "Next
        Generation Dialogue" says nothing about which meeting is meant."""
        tokens = tokenize(text)
        stems = [stem(token.word) for token in tokens]
        outside: list[str] = []
        i = 0
        while i < len(tokens):
            match = self._phrase_at(tokens, stems, i, entities_only=True)
            if match:
                i += match[1]
                continue
            outside.append(tokens[i].word)
            i += 1
        return outside

    def term_set(self, texts: Iterable[str]) -> set[str]:
        return {term for text in texts for term in self.terms(text)}


_VOWELS = frozenset("aeiouy")


def _vowel_slip(word: str, known: str) -> bool:
    """Whether two words differ by one vowel written for another ("leeds" for "leads"),
    the changed letter a short word may have as a typo (a changed consonant makes another
    word: "rate" is not "date")."""
    if len(word) != len(known) or len(word) < 4:
        return False
    changed = [(a, b) for a, b in zip(word, known, strict=True) if a != b]
    return len(changed) == 1 and set(changed[0]) <= _VOWELS


def _has_latin(word: str) -> bool:
    """Whether a word has a letter of the Latin alphabet (accented or not)."""
    return any(char.isalpha() and unicodedata.name(char, "").startswith("LATIN") for char in word)
