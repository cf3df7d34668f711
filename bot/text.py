"""Text normalisation shared by the index and the questions, so both sides agree."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

MAX_QUESTION_CHARS = 500

# Function words that say nothing about which fact is wanted. Question words (who, what,
# when, where, why, how) are kept: they tell a leader question from a date question.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his
    i if in into is it its itself just know let like me more most my myself no nor not of
    off on once only or other our ours ourselves out over own please same she should so
    some such tell than that the their theirs them themselves then there these they this
    those through to too under until up very was we were which while whom will
    with would you your yours yourself yourselves us s t don hi hello hey thanks thank
    kindly could give show explain say said any anything something everything one ones
    get got want wanted need needed mean means meant ok okay bot whose
    actually exactly basically really quick quickly wait lol lmao haha yo hmm btw pls plz
    u ur ya yeah yep guy guys stuff thing things whole deal kind sort bit anyway maybe
    someone anyone somebody anybody gonna wanna gotta even still ever again please
    """.split()
)

QUESTION_WORDS = frozenset({"who", "what", "when", "where", "why", "how"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_POSSESSIVE = re.compile(r"(?<=\w)'s?\b")
_NON_WORD = re.compile(r"[^\w@]+|_")


class Token(NamedTuple):
    """A normalised word and the form it was written in (for case-sensitive aliases)."""

    word: str
    written: str


def clean(text: str) -> str:
    """Unicode-normalise and drop control characters."""
    text = unicodedata.normalize("NFKC", text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else " " for ch in text)


def trim_question(text: str) -> str:
    """A question cut to a sane length: overlong input is truncated, never fatal."""
    return text[:MAX_QUESTION_CHARS]


def _parts(text: str) -> list[str]:
    text = clean(text).translate(_APOSTROPHES)
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _POSSESSIVE.sub("", text)
    return _NON_WORD.sub(" ", text).split()


def tokenize(text: str) -> list[Token]:
    """Split text into tokens: NFKC, possessives and dotted acronyms folded, case folded."""
    return [Token(part.casefold(), part) for part in _parts(text)]


def words(text: str) -> list[str]:
    """Normalised words of a text, without case information."""
    return [part.casefold() for part in _parts(text)]


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light, consistent suffix strip so 'delegations' and 'delegation' meet.

    Words without a vowel are acronyms and stay whole: "nscs" is not a plural of "nsc".
    """
    if len(word) <= 3 or not word.isalpha() or not any(v in word for v in "aeiouy"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
