"""Autocomplete from the index gives the choices of a full scan of every phrasing."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process, utils

from bot.core.completion import WRATIO_CHARS, Completions
from bot.core.loader import load_factbase
from bot.operations.config import knowledge_dir


class FullScan:
    """The reference: score every phrasing, sort with a Python key."""

    def __init__(self, questions: list[tuple[str, ...]]) -> None:
        self.questions = questions
        self.texts = [text for phrasings in questions for text in phrasings]
        self.choices = [utils.default_process(text) for text in self.texts]
        self.tokens = [choice.split() for choice in self.choices]

    def __call__(self, typed: str, limit: int = 25) -> list[str]:
        processed = utils.default_process(typed[:100])
        if not processed:
            return [phrasings[0] for phrasings in self.questions[:limit]]
        *whole, last = processed.split()

        def words_found(tokens: list[str]) -> int:
            return sum(word in tokens for word in whole) + any(t.startswith(last) for t in tokens)

        similarity = process.cdist([processed], self.choices, scorer=fuzz.WRatio, processor=None)
        key = [
            (-words_found(t), -s, i)
            for i, (t, s) in enumerate(zip(self.tokens, similarity[0], strict=True))
        ]
        ranked = sorted(range(len(key)), key=key.__getitem__)
        return list(dict.fromkeys(self.texts[i] for i in ranked[: limit * 2]))[:limit]


@pytest.fixture(scope="module")
def bundled() -> list[tuple[str, ...]]:
    factbase = load_factbase(knowledge_dir(None, {}))
    return [fact.questions for fact in factbase.facts.values()]


def typed_so_far(questions: list[tuple[str, ...]]) -> list[str]:
    """Every keystroke of a sample of phrasings, a few typos, and text nobody would type."""
    rng = random.Random(5)
    sample = rng.sample([q for phrasings in questions for q in phrasings], 40)
    typed = [q[:n] for q in sample for n in range(1, len(q) + 1, 3)]
    typed += ["whp led", "wen was icet", "SEOUL", "  ", "", "zz qq", "?!", "the the th", "x" * 300]
    return typed


def every_keystroke(questions: list[tuple[str, ...]], chars: int) -> list[str]:
    """Every prefix of every phrasing up to `chars` characters, and each with a typo: a
    character dropped, or two swapped."""
    rng = random.Random(8)
    typed = {q[:n] for phrasings in questions for q in phrasings for n in range(1, chars + 1)}
    for prefix in sorted(typed):
        i = rng.randrange(len(prefix))
        typed |= {prefix[:i] + prefix[i + 1 :], prefix[:i] + prefix[i + 1 : i + 2] + prefix[i]}
    return sorted(typed)


def test_the_index_chooses_exactly_what_a_full_scan_chooses(bundled) -> None:
    index, scan = Completions.build(bundled), FullScan(bundled)
    for typed in typed_so_far(bundled):
        assert index.complete(typed) == scan(typed), typed
        assert index.complete(typed, limit=5) == scan(typed, limit=5), typed


def test_every_keystroke_of_the_bundled_phrasings_gets_a_full_scans_choices(bundled) -> None:
    """The bundled base is smaller than what WRatio may read per keystroke, so the index
    never cuts a tier there."""
    index, scan = Completions.build(bundled), FullScan(bundled)
    assert sum(index.lengths) <= WRATIO_CHARS
    for typed in every_keystroke(bundled, 10):
        assert index.complete(typed) == scan(typed), typed


def test_a_large_tier_is_scored_on_first_phrasings_first() -> None:
    """Past the WRatio cap, each fact's first phrasing is kept before its rewordings."""
    questions = [(f"what is item {i}?", f"what about item {i}") for i in range(1500)]
    index = Completions.build(questions)
    assert index.complete("what is item 1400", limit=3)[0] == "what is item 1400?"
    assert all(text.startswith("what is item") for text in index.complete("w", limit=25))


def test_popular_prefixes_are_ranked_as_they_would_be_on_a_keystroke() -> None:
    """The short prefixes ranked at build time give exactly the choices ranked on demand."""
    from dataclasses import replace

    from bench.synthetic.facts import generate

    factbase = generate(2000, seed=3)
    index = Completions.build([fact.questions for fact in factbase.facts.values()])
    on_demand = replace(index, popular={})
    assert len(index.popular) >= 10
    for prefix in index.popular:
        for typed in (prefix, prefix.upper() + " "):
            for limit in (1, 5, 25):
                assert index.complete(typed, limit) == on_demand.complete(typed, limit), typed
