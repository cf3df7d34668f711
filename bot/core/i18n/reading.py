"""Read a Korean, Hindi or Hinglish question as the English words the matcher knows.

Korean attaches particles and endings to a stem (인도의, 대표단을, 누구였어요), Hindi
inflects nouns (बैठकों) and spells loan words several ways (कहाँ/कहां): a word is read
as the longest known stem it starts with, so no inflected form needs listing. Words
without a known stem stay as they are, so an unknown subject still counts against a
match, as an unknown English word does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from bot.core.i18n.languages import Language

ENGLISH = "en"
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
# A word is one script's run, so "ROK예요" is "ROK" and "예요".
_WORD = re.compile(
    r"\d*[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+|[\u0900-\u0963\u0966-\u097f]+(?:-[\u0900-\u0963\u0966-\u097f]+)*"
    r"|[^\W\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\u0900-\u097f]+(?:-[^\W\uac00-\ud7a3]+)*|[?!.\u0964]"
)
_LATIN_WORD = re.compile(r"[a-z]+")
# "2024년 3월 13일": the year, the month's name and the day, as an English date reads.
_KOREAN_DATE = re.compile(r"(\d{1,4})\s*(년|월|일)")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
# Hindi inflection left after a stem: at most this many code points (बैठकों = बैठक + ों).
_HINDI_TAIL = 3


def fold(word: str) -> str:
    """One spelling for variants: no nukta, candrabindu as anusvara, case folded."""
    text = unicodedata.normalize("NFC", word).casefold()
    text = unicodedata.normalize("NFD", text).replace("\u093c", "")
    return unicodedata.normalize("NFC", text).replace("\u0901", "\u0902")


def detect(text: str, languages: Mapping[str, Language]) -> str:
    """The question's language: Hangul is Korean, Devanagari Hindi, romanised Hindi by its
    markers (one strong marker such as "kab", or two others); anything else English."""
    hangul = len(_HANGUL.findall(text))
    devanagari = len(_DEVANAGARI.findall(text))
    if hangul and hangul >= devanagari and "ko" in languages:
        return "ko"
    if devanagari and "hi" in languages:
        return "hi"
    hindi = languages.get("hi")
    if hindi and hindi.markers:
        words = set(_LATIN_WORD.findall(text.casefold()))
        if words & hindi.strong_markers or len(words & hindi.markers) >= 2:
            return "hi"
    return ENGLISH


def is_romanised(text: str) -> bool:
    return not _HANGUL.search(text) and not _DEVANAGARI.search(text)


def to_english(text: str, language: Language) -> str:
    """The question with every known word replaced by its English words."""
    text = _KOREAN_DATE.sub(_korean_date, text)
    out: list[str] = []
    romanised = is_romanised(text)
    for raw in _WORD.findall(text):
        if raw in "?!.\u0964":
            if out:
                out[-1] += "?" if raw == "\u0964" else raw
            continue
        word = fold(raw)
        if romanised or not (_HANGUL.search(word) or _DEVANAGARI.search(word)):
            english = language.romanised.get(word, raw)
        else:
            english = _native(word, language)
        if english:
            out.append(english)
    return " ".join(out)


def _korean_date(match: re.Match[str]) -> str:
    number, unit = int(match[1]), match[2]
    if unit == "월":
        return f" {_MONTHS[number - 1]} " if 1 <= number <= 12 else match[0]
    return f" {number} "


def _native(word: str, language: Language) -> str:
    """Korean: a compound is read stem by stem (인도측 = 인도 + 측), particles dropped.
    Hindi: the longest stem with a short inflected tail."""
    korean = bool(_HANGUL.search(word))
    parts: list[str] = []
    rest = word
    while rest:
        stem = _longest_stem(rest, language.words)
        if stem is None:
            particle = next((p for p in language.particles if rest == p), None)
            if particle is None and not parts:
                return word
            break
        tail = rest[len(stem) :]
        if not korean and len(tail) > _HINDI_TAIL:
            return word
        if korean and len(stem) == 1 and tail and not tail.startswith(language.endings):
            # One syllable is a stem only before an ending (뭐예요), not inside a word (날씨).
            if not parts:
                return word
            break
        parts.append(language.words[stem])
        rest = tail if korean else ""
    return " ".join(p for p in parts if p)


def _longest_stem(word: str, words: Mapping[str, str]) -> str | None:
    for end in range(len(word), 0, -1):
        if word[:end] in words:
            return word[:end]
    return None
