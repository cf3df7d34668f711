"""Benchmark questions for a synthetic fact base: its known questions perturbed (words
dropped, reordered, replaced by a synonym, mistyped) and questions it cannot answer."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bench.synthetic.facts import OFF_TOPIC
from bot.core.model import FactBase
from bot.core.text import STOP_WORDS

_HANDWRITTEN_OUT_OF_SCOPE = (
    "What's the weather like in Paris tomorrow?",
    "Who won the football world cup in 2018?",
    "How do I reset my password?",
    "Can you recommend a good pizza place near me?",
    "What is the capital of Australia?",
    "Tell me a joke about cats",
    "How many calories are in a banana?",
    "hello",
    "What time is it?",
    "Who is the best guitar player of all time?",
)

_OUT_OF_SCOPE_TEMPLATES = (
    "What is the best {o1} for a {o2}?",
    "How do I fix my {o1} {o2} at home?",
    "Where can I buy a cheap {o1} and a {o2}?",
    "Can you recommend a {o1} near the {h1}?",
    "Who invented the {o1}?",
    "Is it safe to eat {o1} with {o2} every day?",
    "What time does the {o1} {o2} open on weekends?",
    "Why is my {o1} so slow after the {h1} update?",
)


@dataclass(frozen=True)
class Probe:
    """A benchmark question; `fact_id` is the fact it was made from ('' if out of scope)."""

    text: str
    kind: str
    fact_id: str = ""


PERTURBATIONS = ("drop", "reorder", "synonym", "typo")
IN_SCOPE = ("drop", "reorder", "synonym")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_KEYBOARD_NEIGHBOURS = {
    row[i]: row[max(0, i - 1)] + row[i + 1 : i + 2]
    for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm")
    for i in range(len(row))
}


class Lexicon:
    """Interchangeable phrases of a fact base: each entity's names, each synonym group."""

    def __init__(self, factbase: FactBase) -> None:
        groups = [(entity.name, *entity.aliases) for entity in factbase.entities.values()]
        groups += list(factbase.synonyms)
        self._alternatives: dict[str, list[str]] = {}
        for group in groups:
            for phrase in group:
                # An acronym ("DID") stands for its entity only in capitals: "did" is a verb.
                key = phrase if phrase.isupper() else " ".join(phrase.casefold().split())
                others = [other for other in group if other.casefold() != key.casefold()]
                if others and len(key) > 2:
                    self._alternatives.setdefault(key, []).extend(others)
        self._longest = max((key.count(" ") + 1 for key in self._alternatives), default=0)

    def swap(self, rng: random.Random, text: str) -> str | None:
        """`text` with one known phrase replaced by an alias or synonym, else None."""
        words = text.split()
        stripped = [word.strip("?,.!") for word in words]
        bare = [word.casefold() for word in stripped]
        found = [
            (i, n, phrase)
            for i in range(len(words))
            for n in range(1, self._longest + 1)
            if i + n <= len(words)
            for phrase in {" ".join(bare[i : i + n]), " ".join(stripped[i : i + n])}
            if phrase in self._alternatives
        ]
        if not found:
            return None
        i, n, phrase = rng.choice(sorted(found))
        replacement = rng.choice(self._alternatives[phrase])
        tail = words[i + n - 1][len(words[i + n - 1].rstrip("?,.!")) :]
        return " ".join([*words[:i], replacement + tail, *words[i + n :]])


def _typo(rng: random.Random, word: str) -> str:
    """One keyboard slip: swap, drop, double or hit a neighbouring key."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    near = _KEYBOARD_NEIGHBOURS.get(word[i].lower(), "e")
    return word[:i] + rng.choice(near) + word[i + 1 :]


def perturb(rng: random.Random, text: str, kind: str, lexicon: Lexicon) -> str | None:
    """A variant of a known phrasing as a user might type it, or None if `kind` cannot apply."""
    words = text.rstrip("?").split()
    content = [i for i, w in enumerate(words) if w.lower().strip("'") not in STOP_WORDS]
    if kind == "typo":
        long = [i for i in content if len(words[i]) >= 5 and words[i].isalpha()]
        if not long:
            return None
        for i in rng.sample(long, min(len(long), rng.randint(1, 2))):
            words[i] = _typo(rng, words[i])
        return " ".join(words) + "?"
    if kind == "drop":
        if len(words) < 5:
            return None
        droppable = [i for i in range(len(words)) if i not in content[-2:]]
        gone = set(rng.sample(droppable, min(len(droppable), rng.randint(1, 2))))
        return " ".join(w for i, w in enumerate(words) if i not in gone)
    if kind == "reorder":
        if len(words) < 4:
            return None
        cut = rng.randrange(2, len(words) - 1)
        return " ".join(words[cut:] + words[:cut]).lower() + "?"
    if kind == "synonym":
        return lexicon.swap(rng, text)
    raise ValueError(kind)


def perturbed_probes(
    factbase: FactBase, count: int, seed: int, kinds: Sequence[str] = PERTURBATIONS
) -> list[Probe]:
    """`count` questions, each a perturbed phrasing of a random fact, kinds in rotation."""
    rng = random.Random(f"probes:{seed}:{len(factbase.facts)}")
    lexicon = Lexicon(factbase)
    facts = list(factbase.facts.values())
    probes: list[Probe] = []
    kind_cycle = itertools.cycle(kinds)
    attempts = 0
    while len(probes) < count and attempts < count * 50:
        attempts += 1
        kind = next(kind_cycle)
        fact = rng.choice(facts)
        text = perturb(rng, rng.choice(fact.questions), kind, lexicon)
        if text:
            probes.append(Probe(text, kind, fact.id))
    return probes


def _frequent_words(factbase: FactBase, count: int) -> list[str]:
    tally: dict[str, int] = {}
    for fact in itertools.islice(factbase.facts.values(), 5000):
        for question in fact.questions:
            for word in _WORD.findall(question.lower()):
                if word not in STOP_WORDS and len(word) > 3:
                    tally[word] = tally.get(word, 0) + 1
    return sorted(tally, key=lambda w: -tally[w])[:count] or ["report"]


def out_of_scope_probes(factbase: FactBase, count: int, seed: int) -> list[Probe]:
    """Questions the base cannot answer: everyday topics, some sharing one common word."""
    rng = random.Random(f"oos:{seed}:{len(factbase.facts)}")
    common = _frequent_words(factbase, 30)
    probes = [Probe(text, "out-of-scope") for text in _HANDWRITTEN_OUT_OF_SCOPE[: count // 4]]
    while len(probes) < count:
        o1, o2 = rng.sample(OFF_TOPIC, 2)
        text = rng.choice(_OUT_OF_SCOPE_TEMPLATES).format(o1=o1, o2=o2, h1=rng.choice(common))
        probes.append(Probe(text, "out-of-scope"))
    return probes


def question_mix(factbase: FactBase, count: int, seed: int) -> list[Probe]:
    """The fixed latency mix: half in scope (reworded), a quarter typos, a quarter out of scope."""
    in_scope = perturbed_probes(factbase, count // 2, seed, IN_SCOPE)
    typos = perturbed_probes(factbase, count // 4, seed + 1, ("typo",))
    outside = out_of_scope_probes(factbase, count - len(in_scope) - len(typos), seed)
    mix = in_scope + typos + outside
    random.Random(f"mix:{seed}").shuffle(mix)
    return mix
