"""Reproducible synthetic fact bases, so speed can be measured at any size.

The words follow a Zipf law over a few thousand words (a head of real English domain
words, a tail of invented ones), entities have names and aliases, and questions come from
templates of 5-15 words, so the matcher faces the same shape of data as the real base.
Everything is derived from one seed with `random.Random`, which is stable across Python
versions.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.core.model import Entity, Fact, FactBase, PartialDate, Source, Topic
from bot.core.text import STOP_WORDS, stem, words

DEFAULT_SEED = 7
VOCABULARY_SIZE = 4000
ZIPF_EXPONENT = 1.0

# The head of the vocabulary: real words a policy FAQ would use. Groups of words on one
# line that mean the same thing become the base's synonym groups.
_SYNONYM_GROUPS = """
agreement deal pact accord
meeting talks summit
plan strategy roadmap
goal aim objective
country nation
launch start
sign conclude
fund finance
expand broaden
review assess
partnership alliance
research study
company firm
minister secretary
export shipment
investment capital
rule regulation
""".strip().splitlines()

_HEAD_WORDS = """
technology semiconductor quantum artificial intelligence defence space telecom network
security supply chain critical emerging cooperation dialogue initiative framework
innovation industry standard data privacy cyber infrastructure energy battery mineral
manufacturing production capacity workforce talent university laboratory science
engineering startup venture market trade tariff control licence visa mobility student
exchange program fellowship grant council committee working group office bureau agency
ministry department embassy delegation envoy ambassador president premier chancellor
advisor adviser official leader representative spokesperson statement declaration
communique readout report briefing announcement press release document charter memorandum
protocol treaty clause article section annex schedule timeline deadline milestone phase
stage pilot project mission satellite rocket launcher orbit lunar mars probe telescope
vaccine pharmaceutical medicine biotech genome health hospital clinic disease pandemic
climate emission carbon hydrogen solar wind nuclear reactor grid storage transmission
port shipping logistics railway highway airport aviation drone vehicle electric motor
chip wafer foundry fabrication lithography design software hardware cloud computing server
model algorithm platform application device sensor camera radar antenna spectrum frequency
bandwidth fibre cable undersea subsea tower station terminal module component material
steel aluminium copper lithium cobalt nickel graphite silicon gallium germanium rare earth
mining refining processing recycling waste water agriculture food farming fishery forest
education training skill course certificate degree school campus scholarship conference
forum workshop seminar exhibition festival ceremony visit tour trip session round
negotiation consultation coordination integration alignment harmonisation recognition
certification testing inspection audit compliance enforcement sanction restriction ban
exemption waiver approval permit authorisation registration application submission
budget allocation subsidy incentive credit loan bond equity capital revenue profit
growth output productivity efficiency resilience diversification redundancy backup
reserve stockpile inventory demand shortage surplus price cost value index rating
risk threat vulnerability incident attack breach defence response recovery protection
monitoring surveillance detection prevention mitigation adaptation transition reform
policy law bill act decree order directive guideline principle norm ethics governance
oversight accountability transparency openness trust confidence commitment promise
""".split()

_VERBS = (
    "announced signed launched discussed proposed approved funded hosted reviewed expanded "
    "established opened extended renewed completed agreed welcomed endorsed adopted released"
).split()

# Real words absent from the synthetic vocabulary: out-of-scope questions are made of them.
OFF_TOPIC = """
weather forecast recipe pizza pasta football cricket basketball tennis guitar piano movie
film actor actress singer album song concert ticket holiday beach hotel restaurant coffee
tea chocolate cake birthday wedding puppy kitten horse garden flower tree mountain river
lake ocean island castle museum painting poem novel author joke riddle password laptop
keyboard printer battery phone charger bicycle motorcycle parking traffic taxi lottery
horoscope zodiac dinosaur volcano earthquake planet galaxy moon sunrise sunset rainbow
snow umbrella jacket shoe shirt dress fashion makeup haircut dentist doctor gym workout
yoga diet vitamin sandwich burger salad soup breakfast lunch dinner homework exam
""".split()


_QUESTION_TEMPLATES = (
    "What is the {a} {b}?",
    "What is the {a} {b} of {e}?",
    "When did {e} {v} the {a} {b}?",
    "Who {v} the {a} {b} with {e}?",
    "Where was the {a} {b} {v}?",
    "Why did {e} {v} the {a} {b} and {c}?",
    "How does the {a} {b} affect {c} for {e}?",
    "What role does {e} play in the {a} {b}?",
    "Can you tell me about the {a} {b} of {e}?",
    "What did {e} say about {a} and {b}?",
    "Which {a} was {v} by {e} during the {b} {c}?",
    "What happened to the {a} {b} after {e} {v} it?",
    "How much {a} did {e} commit to the {b} {c}?",
    "Is the {a} {b} still part of the {c} with {e}?",
)

_ANSWER_TEMPLATES = (
    "{E} {v} the {a} {b} in {month} {year}, covering {c} and {d}.",
    "The {a} {b} was {v} by {E} in {year} to strengthen {c} and {d}.",
    "In {month} {year}, {E} {v} a {a} {b} that links {c} with {d}.",
)

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()

_ONSETS = "b c d f g h j k l m n p r s t v w z br dr gr kr pl st tr ch sh th".split()
_VOWELS = "a e i o u a e i o ai ea ou".split()
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "nd", "rt", "st"]

_KINDS_WEIGHTED = ("person",) * 6 + ("country",) + ("organisation",) * 2 + ("initiative",)


def _pseudo_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Pronounceable invented words, unique and distinct from `taken` and stop words."""
    words: list[str] = []
    while len(words) < count:
        syllables = rng.choice((2, 2, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        if len(word) >= 4 and word not in taken and word not in STOP_WORDS:
            taken.add(word)
            words.append(word)
    return words


@dataclass(frozen=True)
class Vocabulary:
    """Words by rank with Zipf weights; rank 0 is the most frequent."""

    words: tuple[str, ...]
    cum_weights: tuple[float, ...]
    synonyms: tuple[tuple[str, ...], ...]

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """`count` distinct words drawn by frequency."""
        chosen: list[str] = []
        while len(chosen) < count:
            for word in rng.choices(self.words, cum_weights=self.cum_weights, k=count):
                if word not in chosen:
                    chosen.append(word)
        return chosen[:count]


def build_vocabulary(rng: random.Random, size: int = VOCABULARY_SIZE) -> Vocabulary:
    synonyms = tuple(tuple(line.split()) for line in _SYNONYM_GROUPS)
    head = list(dict.fromkeys([*_HEAD_WORDS, *(w for group in synonyms for w in group)]))
    rng.shuffle(head)
    taken = set(head) | set(OFF_TOPIC)
    words = head + _pseudo_words(rng, size - len(head), taken)
    weights = [1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(words))]
    return Vocabulary(tuple(words), tuple(itertools.accumulate(weights)), synonyms)


def _acronym(words: Sequence[str]) -> str:
    return "".join(word[0] for word in words if word not in STOP_WORDS).upper()


def _entities(rng: random.Random, count: int, vocabulary: Vocabulary) -> list[Entity]:
    """People, countries, organisations and initiatives with distinct names and aliases."""
    taken = set(vocabulary.words) | set(OFF_TOPIC)
    names = iter(_pseudo_words(rng, count * 3, taken))
    countries: list[Entity] = []
    organisations: list[Entity] = []
    entities: list[Entity] = []
    for index in range(count):
        kind = "country" if index < 3 else rng.choice(_KINDS_WEIGHTED)
        ident = f"{kind[:3]}-{index:06d}"
        root = next(names).capitalize()
        if kind == "person":
            first = next(names).capitalize()
            role = rng.choice(("Minister", "Secretary", "Ambassador", "Director", "Advisor"))
            entity = Entity(
                ident,
                kind,
                f"{first} {root}",
                (root, f"{role} {root}"),
                role=role,
                organisation=rng.choice(organisations).id if organisations else None,
                country=rng.choice(countries).id if countries else None,
            )
        elif kind == "country":
            entity = Entity(ident, kind, f"Republic of {root}", (root, f"{root}ian"))
        elif kind == "organisation":
            tail = rng.choice(("Institute", "Agency", "Council", "Foundation", "Corporation"))
            name = f"{root} {tail} of {next(names).capitalize()}"
            entity = Entity(ident, kind, name, (_acronym(name.split()), f"the {root} {tail}"))
        else:
            a, b = vocabulary.draw(rng, 2)
            name = f"{root} Initiative on {a.capitalize()} {b.capitalize()}"
            entity = Entity(ident, kind, name, (f"{root} Initiative", _acronym(name.split())))
        entities.append(entity)
        (countries if kind == "country" else organisations).append(entity)
    return _one_entity_per_alias(entities)


def _one_entity_per_alias(entities: list[Entity]) -> list[Entity]:
    """Drop an alias an earlier entity already has ("TIC" of two bodies), as the loader
    allows a name to name one entity only."""
    owned: set[tuple[str, ...]] = set()
    kept = []
    for entity in entities:
        aliases = []
        for alias in (entity.name, *entity.aliases):
            key = tuple(stem(word) for word in words(alias))
            if key not in owned:
                owned.add(key)
                aliases.append(alias)
        kept.append(replace(entity, aliases=tuple(a for a in aliases if a != entity.name)))
    return kept


def _mention(rng: random.Random, entity: Entity) -> str:
    return rng.choice((entity.name, *entity.aliases))


def generate(size: int, seed: int = DEFAULT_SEED) -> FactBase:
    """A valid FactBase of `size` facts, identical for the same size and seed."""
    rng = random.Random(f"{seed}:{size}")
    vocabulary = build_vocabulary(rng)
    entities = _entities(rng, max(20, size // 10), vocabulary)
    entity_weights = list(itertools.accumulate(1.0 / (r + 1) ** 0.8 for r in range(len(entities))))
    topics = [
        Topic(f"topic-{i:03d}", " ".join(vocabulary.draw(rng, 2)).title())
        for i in range(max(5, min(200, size // 500)))
    ]
    # The browsing commands list these two topics; a base must have them.
    topics += [Topic("leaders", "Who led the talks"), Topic("areas", "Areas of cooperation")]
    publishers = ("Example Times", "Policy Wire", "Daily Ledger", "Government Press Office")
    sources = [
        Source(
            f"src-{i:05d}",
            f"{' '.join(vocabulary.draw(rng, 4)).capitalize()} report",
            rng.choice(publishers),
            f"https://news.example.org/{i}",
            PartialDate(rng.randint(2018, 2024), rng.randint(1, 12), rng.randint(1, 28)),
        )
        for i in range(max(10, size // 20))
    ]

    facts: dict[str, Fact] = {}
    subjects: set[frozenset[str]] = set()  # "X Y" and "Y X" would differ only in order
    for index in range(size):
        core = vocabulary.draw(rng, 6)
        while frozenset(core[:2]) in subjects:
            core = vocabulary.draw(rng, 6)
        subjects.add(frozenset(core[:2]))
        about = list(
            dict.fromkeys(rng.choices(entities, cum_weights=entity_weights, k=rng.randint(1, 2)))
        )
        a, b, c, d = core[:4]
        year, month = rng.randint(2018, 2024), rng.randint(1, 12)
        answer = " ".join(
            template.format(
                E=about[0].name,
                v=rng.choice(_VERBS),
                a=a,
                b=b,
                c=rng.choice((c, core[4])),
                d=rng.choice((d, core[5])),
                month=_MONTH_NAMES[month - 1],
                year=year,
            )
            for template in rng.sample(_ANSWER_TEMPLATES, rng.randint(1, 2))
        )
        answer = answer[0].upper() + answer[1:]
        questions = []
        for template in rng.sample(_QUESTION_TEMPLATES, rng.randint(3, 5)):
            extra = rng.sample(core[2:], 1)[0]
            questions.append(
                template.format(
                    a=a, b=b, c=extra, e=_mention(rng, rng.choice(about)), v=rng.choice(_VERBS)
                )
            )
        keywords = [f"{a} {b}", *rng.sample(core[2:], rng.randint(1, 3))]
        fact = Fact(
            id=f"fact-{index:06d}",
            topic=rng.choice(topics).id,
            answer=answer,
            questions=tuple(questions),
            sources=tuple(s.id for s in rng.sample(sources, rng.randint(1, 2))),
            keywords=tuple(keywords),
            about=tuple(e.id for e in about),
            date=PartialDate(year, month) if rng.random() < 0.3 else None,
        )
        facts[fact.id] = fact

    return FactBase(
        sources={s.id: s for s in sources},
        entities={e.id: e for e in entities},
        topics={t.id: t for t in topics},
        facts=facts,
        synonyms=vocabulary.synonyms,
    )
