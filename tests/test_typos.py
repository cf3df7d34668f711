"""Typo repair through the letter-count filter gives what scoring every known word gives."""

from __future__ import annotations

import bisect
import random
from dataclasses import replace

import numpy as np
import pytest
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.analysis import Analyzer, _has_latin
from bot.core.model import FactBase
from bot.core.text import NON_CONTENT, QUALIFIERS, QUESTION_WORDS, STOP_WORDS
from bot.core.typos import NearWords, letter_counts

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _mutated(rng: random.Random, word: str, alphabet: str = LETTERS + "é") -> str:
    """`word` with one to three random edits: a letter added, dropped, changed or swapped."""
    for _ in range(rng.choice((1, 1, 2, 3))):
        i = rng.randrange(len(word) + 1)
        letter = rng.choice(alphabet)
        edit = rng.randrange(4)
        if edit == 0:
            word = word[:i] + letter + word[i:]
        elif edit == 1 and i < len(word):
            word = word[:i] + word[i + 1 :]
        elif edit == 2 and i < len(word):
            word = word[:i] + letter + word[i + 1 :]
        elif edit == 3 and i + 1 < len(word):
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


def _scored_all(word: str, known: list[str], edits: int) -> set[tuple[str, int]]:
    found = process.extract(word, known, scorer=OSA.distance, score_cutoff=edits, limit=None)
    return {(choice, int(distance)) for choice, distance, _ in found}


def test_letter_counts_count_only_a_to_z() -> None:
    counts = letter_counts(["abca", "Zé-z", ""])
    assert counts.shape == (3, 26)
    assert counts[0, 0] == 2 and counts[0, 1] == 1 and counts[0, 2] == 1
    assert counts[0].sum() == 4
    assert counts[1].sum() == 1 and counts[1, 25] == 1
    assert not counts[2].any()


def test_within_finds_what_scoring_every_word_finds() -> None:
    rng = random.Random(3)
    known = sorted(
        {
            "".join(rng.choice("abcdeéklmnorst") for _ in range(rng.randint(1, 14)))
            for _ in range(3000)
        }
    )
    near = NearWords.build(known)
    probes = [_mutated(rng, rng.choice(known), "abcdeéklmnorst") for _ in range(1500)]
    probes += ["", "a", "zzzzzzzzzzzzzzzzzzzz", *rng.sample(known, 100)]
    found_some = 0
    for word in probes:
        for edits in (0, 1, 2, 3):
            got = near.within(word, edits)
            assert len(got) == len(set(got))
            assert set(got) == _scored_all(word, known, edits), (word, edits)
            found_some += bool(got)
    assert found_some > 1000


def test_within_an_empty_vocabulary_finds_nothing() -> None:
    assert NearWords.build([]).within("word", 2) == []


def _brute_force_correct(analyzer: Analyzer, word: str) -> str:
    """`Analyzer.correct` as first written: the edit distance to every known word."""
    choices = analyzer._typo_choices
    if (
        word in analyzer.vocabulary
        or word in NON_CONTENT
        or word in QUALIFIERS
        or len(word) < 3
        or not word.isalpha()
    ):
        return word
    if analyzer._latin_only and not _has_latin(word):
        return word
    edits = 2 if len(word) >= 9 else 1
    found = _scored_all(word, choices, edits)
    best = min((distance for _, distance in found), default=None)
    nearest = sorted(known for known, distance in found if distance == best)
    nearest.sort(key=lambda known: (known,) not in analyzer._phrases)
    for known in nearest:
        if analyzer._plausible_typo(word, known):
            return known
    start = bisect.bisect_left(choices, word)
    if len(word) >= 4 and start < len(choices) and choices[start].startswith(word):
        return choices[start]
    return word


def test_correct_gives_what_scoring_every_word_gives(factbase: FactBase) -> None:
    analyzer = Analyzer(factbase)
    known = analyzer._typo_choices
    rng = random.Random(11)
    probes = [_mutated(rng, rng.choice(known)) for _ in range(4000)]
    probes += [word[: rng.randint(3, len(word))] for word in rng.sample(known, 500)]  # prefixes
    probes += ["".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 12))) for _ in range(500)]
    probes += ["wat", "wen", "rate", "meetng", "quantom", "agreemnet", "cooperaton", "서울"]
    repaired = 0
    for word in probes:
        expected = _brute_force_correct(analyzer, word)
        assert analyzer.correct(word) == expected, word
        repaired += expected != word
    assert repaired > 2000
    assert analyzer.correct("wat") in STOP_WORDS | QUESTION_WORDS  # three letters: stop words only


def test_a_reload_reuses_or_rebuilds_the_typo_index(factbase: FactBase) -> None:
    first = Analyzer(factbase)
    same = Analyzer(factbase, first)
    assert same._near_words is first._near_words
    fact = next(iter(factbase.facts.values()))
    grown = replace(fact, keywords=(*fact.keywords, "zygomorphic"))
    changed = replace(factbase, facts={**factbase.facts, fact.id: grown})
    after = Analyzer(changed, first, removed=[fact], added=[grown])
    assert after._near_words is not first._near_words
    assert first.correct("zygomorphc") == "zygomorphc"
    assert after.correct("zygomorphc") == "zygomorphic"


@pytest.mark.parametrize("edits", [1, 2])
def test_letter_counts_bound_the_distance(edits: int) -> None:
    rng = random.Random(edits)
    for _ in range(2000):
        word = "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 12)))
        other = _mutated(rng, word, LETTERS)
        if OSA.distance(word, other) <= edits:
            apart = np.abs(letter_counts([word])[0] - letter_counts([other])[0]).sum()
            assert apart <= 2 * edits


def test_words_with_a_letter_many_times_are_still_found() -> None:
    near = NearWords.build(["a" * 199, "a" * 130, "b" * 200])
    assert letter_counts(["a" * 300])[0, 0] == 127
    assert near.within("a" * 200, 2) == [("a" * 199, 1)]


def test_two_changed_letters_make_another_word_not_a_typo(factbase: FactBase) -> None:
    analyzer = Analyzer(factbase)
    assert analyzer.correct("conference") == "conference"  # not "confidence"
    assert analyzer.correct("regulation") == "regulation"  # not "relation"
    assert analyzer.correct("cooperaton") != "cooperaton"  # a dropped letter is a typo
