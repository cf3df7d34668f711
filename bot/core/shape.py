"""What a question asks for (a person, a place, a date, ...) and which dates it names.

The same reading applies to a fact's own phrasings, so a fact knows which kinds of
question it answers without a schema field: a fact asked "Who ..." answers for a person.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from bot.core.model import PartialDate
from bot.core.text import CHATTER_WORDS, QUESTION_WORDS, STOP_WORDS, stem, trim_question, words

PERSON, ORGANISATION, PLACE, DATE, EXPANSION, LIST = (
    "person",
    "organisation",
    "place",
    "date",
    "expansion",
    "list",
)

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_YEAR = re.compile(r"^(19|20)\d\d$")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")

# Nouns after "which"/"what" that name the kind of answer wanted.
_KIND_NOUNS = {
    PERSON: "person people official officials minister president leader leaders advisor "
    "adviser envoy director secretary diplomat diplomats man woman guy name names nsa",
    ORGANISATION: "agency organisation organization office body department ministry "
    "institution council embassy bureau newspaper outlet paper publication",
    PLACE: "city place venue country location town capital",
    DATE: "year date day month time week weekday",
}
_COUNTERPARTS = frozenset({"counterpart", "counterparts"})
KIND_OF_NOUN = {noun: kind for kind, nouns in _KIND_NOUNS.items() for noun in nouns.split()}
# "which countries" asks what "which country" does.
_KIND_OF_STEM = {stem(noun): kind for noun, kind in KIND_OF_NOUN.items()}
# The verbs that open a yes/no question, and that make a piece of a message a question.
YES_NO_OPENERS = frozenset(
    "is are was were did does do has have had can could will would isn wasn didn".split()
)
_PREMISE_OPENERS = (
    ("i", "heard"),
    ("is", "it", "true"),
    ("i", "read"),
    ("i", "thought"),
    ("someone", "said"),
    ("true", "or", "false"),
    ("fact", "check"),
)
# Words that put a claim up for checking: "Claim: Seth Center is at the NSC", "I'd like to
# know *whether* ...", "am I right in *assuming* ...".
CLAIM_WORDS = frozenset(
    "whether claim claims claimed claiming assume assuming assumed confirm verify".split()
)
# What sets one side against another: "Seoul or Tokyo?", "the NSC, not the State
# Department?", "Delhi rather than Seoul", "iCET vs the dialogue".
ALTERNATIVE = re.compile(r"\bor\b|,\s*not\b|\brather than\b|\binstead of\b|\bvs\b|\bversus\b", re.I)
_WH = QUESTION_WORDS | {"whom", "whose", "which"}
# Tags that turn a statement into a question: "it was in Seoul, right?", "..., didn't he?"
_TAGS = frozenset("right correct true false yes yeah yep no nah na innit ok okay".split())
_TAG_PAIRS = frozenset(
    (aux, pronoun)
    for aux in ("didn", "wasn", "isn", "weren", "aren", "doesn", "don", "did", "was", "is", "not")
    for pronoun in ("he", "she", "it", "they", "that", "there", "t")
)
_EXPANSION_CUES = (("stand", "for"), ("full", "form"), ("full", "name"), ("short", "for"))
# Verbs whose doer may be a body as well as a person: "who *issued* the fact sheet?".
_ISSUE_VERBS = frozenset(
    "issue issued issues publish published publishes release released releases wrote said "
    "says shared quoted".split()
)
# "Where does Modi *come into* this?", "where does he *fit in*?" ask for a part, not a place.
_FITS_IN = frozenset(
    (verb, particle)
    for verb in ("fit", "fits", "come", "comes", "appear", "appears", "figure", "figures")
    for particle in ("in", "into")
)
_WORK_VERBS = frozenset("work works worked working serve serves based employed".split())
_BELONG_VERBS = ("belong", "belongs", "belonged")
_WORKPLACE_CUES = (
    frozenset((verb, word) for verb in _WORK_VERBS for word in ("for", "at", "in", "with", "where"))
    | {("where", "work")}
    | {(verb, "to") for verb in _BELONG_VERBS}
)


@dataclass(frozen=True)
class Shape:
    """The kinds of answer a question wants, whether it is yes/no (or either/or, `choice`),
    and the dates it names."""

    wants: frozenset[str]
    yes_no: bool
    dates: tuple[PartialDate, ...]
    cues: tuple[str, ...] = ()
    choice: bool = False

    @property
    def may_name_what_is_not(self) -> bool:
        """A yes/no or either/or question may name a wrong person, place or date ("Was Doval
        leading India?", "Delhi or Seoul?"): the fact that corrects it is the answer."""
        return self.yes_no or self.choice


def _pairs(tokens: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(tokens))


def dates_in(tokens: list[str]) -> tuple[PartialDate, ...]:
    """Years, months with years, and days with months ("13 march 2024", "may 2022")."""
    found: list[PartialDate] = []
    for i, token in enumerate(tokens):
        if not _YEAR.match(token):
            continue
        year, month, day = int(token), None, None
        before = tokens[max(0, i - 3) : i]
        for j, word in enumerate(before):
            if word in MONTHS:
                month = MONTHS[word]
                rest = before[:j] + before[j + 1 :]
                days = [int(m.group(1)) for m in map(_DAY.match, rest) if m]
                day = next((d for d in days if 1 <= d <= 31), None)
        found.append(PartialDate(year, month, day if month else None))
    return tuple(found)


def _described_pairs(tokens: list[str]) -> set[tuple[str, str]]:
    """ "which" or "what" with a noun a word or two further on, past words describing it
    and no function word: ("which", "minister") in "which Indian prime minister"."""
    found = set()
    for i, cue in enumerate(tokens):
        if cue not in ("which", "what"):
            continue
        for noun in tokens[i + 2 : i + 4]:
            if tokens[i + 1] in STOP_WORDS or noun in STOP_WORDS:
                break
            found.add((cue, noun))
    return found


_PAST = frozenset("led met held sent ran went came took gave made".split())


def _is_verb(word: str) -> bool:
    """Whether a word reads as a verb of a statement: "is", "was", "led", "launched"."""
    return word in YES_NO_OPENERS or word in _PAST or (len(word) > 4 and word.endswith("ed"))


def _is_plural(word: str) -> bool:
    return len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _wh_wants(tokens: list[str], pairs: set[tuple[str, str]]) -> set[str]:
    """The kinds of answer the question words ask for: "who" a person, "where" a place,
    "when" a date; a body too where a person or place may stand for one that issued it."""
    wants: set[str] = set()
    if "who" in tokens or "whom" in tokens:
        wants.add(PERSON)
        if not _ISSUE_VERBS.isdisjoint(tokens):
            wants.add(ORGANISATION)  # "who issued the fact sheet?"
    if "where" in tokens and _FITS_IN.isdisjoint(pairs):
        wants.add(PLACE)
        if tokens[-1] == "from":
            wants.add(ORGANISATION)  # "where is that quote from?"
    if "when" in tokens or ("how", "long") in pairs:
        wants.add(DATE)
    return wants


def read_shape(text: str) -> Shape:
    """The question's shape; `cues` are the words that only said what kind of answer is
    wanted ("which *agency*", "*work for*", "*stand for*"), not what it is about. An
    overlong text is read as far as a question is."""
    text = trim_question(text)
    tokens = words(text)
    wants: set[str] = set()
    cues: list[str] = []
    pairs = _pairs(tokens)
    # "lmao is japan in it?" opens with "is": chat words before the question say nothing.
    first = next((t for t in tokens if t not in CHATTER_WORDS), "")
    wants.update(_wh_wants(tokens, pairs))
    for cue, noun in pairs | _described_pairs(tokens):
        kind = _KIND_OF_STEM.get(stem(noun)) if cue in ("which", "what") else None
        if kind:
            wants.add(kind)
            if noun in KIND_OF_NOUN:  # "which agency": the fact need not say "agency"
                cues.append(noun)
    for noun in _COUNTERPARTS.intersection(tokens):
        wants.add(PERSON)  # "Sullivan's Indian counterpart": the other one in that role
        cues.append(noun)
    for pair in _WORKPLACE_CUES & pairs:
        wants.add(ORGANISATION)
        cues.append(pair[0])
    if "where" in tokens and not _FITS_IN.isdisjoint(pairs):
        cues.append("where")  # "where does Modi come into this?": his part, not a place
    if "where" in tokens and not _WORK_VERBS.isdisjoint(tokens):
        wants.add(ORGANISATION)  # "where does Thakkar work?" asks for his office
        cues.append("where")
    for pair in _EXPANSION_CUES:
        if pair in pairs:
            wants.add(EXPANSION)
            cues.extend(pair)
    if "acronym" in tokens:
        wants.add(EXPANSION)
    plural = any(
        _is_plural(noun)
        for i, cue in enumerate(tokens)
        if cue in ("which", "what", "all")
        for noun in tokens[i + 1 : i + 3]
    )
    if first in ("list", "name") or ({"all", "every", "each"} & set(tokens)) or plural:
        wants.add(LIST)
    if ("how", "many") in pairs:
        wants.add(LIST)  # a count is answered by the fact that lists them
    premise = any(tuple(tokens[: len(p)]) == p for p in _PREMISE_OPENERS)
    tagged = bool(tokens) and (tokens[-1] in _TAGS or tuple(tokens[-2:]) in _TAG_PAIRS)
    # "doval led india at the seoul meeting?": a statement asked.
    asked = text.rstrip().endswith("?") and _WH.isdisjoint(tokens) and any(map(_is_verb, tokens))
    opened = first in YES_NO_OPENERS or asked or not CLAIM_WORDS.isdisjoint(tokens)
    yes_no = premise or tagged or (opened and not (wants - {LIST}))
    # "does Chhabra work for State or the NSC?" chooses, though it names a kind of answer.
    choice = bool(ALTERNATIVE.search(text)) and (opened or not wants - {LIST})
    return Shape(frozenset(wants), yes_no, dates_in(tokens), tuple(cues), choice)


def date_agrees(asked: PartialDate, known: PartialDate) -> bool:
    """Whether a date the question names fits a date the fact holds, to the question's precision."""
    if asked.year != known.year:
        return False
    if asked.month is None or known.month is None:
        return True
    if asked.month != known.month:
        return False
    return asked.day is None or known.day is None or asked.day == known.day
