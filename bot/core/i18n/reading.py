"""Read a Korean, Hindi or Hinglish question as the English words the matcher knows.

Korean attaches particles and endings to a stem (인도의, 대표단을, 누구였어요), Hindi
inflects nouns (बैठकों) and spells loan words several ways (कहाँ/कहां): a word is read
as the longest known stem it starts with, so no inflected form needs listing. Words
without a known stem stay as they are, so an unknown subject still counts against a
match, as an unknown English word does. An expression whose meaning is not its words'
(두 번째, हाथ मिलाया) is one of the language's phrases, read as one word first.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Container, Mapping

from bot.core.i18n.languages import Language
from bot.core.message import strip_markup
from bot.core.shape import KIND_OF_NOUN, YES_NO_OPENERS
from bot.core.text import QUESTION_WORDS, stem, words

ENGLISH = "en"
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
# A word is one script's run, so "ROK예요" is "ROK" and "예요".
_WORD = re.compile(
    r"\d*[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+|[\u0900-\u0963\u0966-\u097f]+(?:-[\u0900-\u0963\u0966-\u097f]+)*"
    r"|[^\W\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\u0900-\u097f]+(?:-[^\W\uac00-\ud7a3]+)*|[?!.\u0964,]"
)
_LATIN_WORD = re.compile(r"[a-z]+")
# "2024년 3월 13일": the year, the month's name and the day, as an English date reads.
_KOREAN_DATE = re.compile(r"(\d{1,4})\s*(년|월|일)(?:에는|에도|에|엔|의|은|는|도|부터|까지)?")
# "몇 월", "몇 시에": which month, what time, as "언제" (when) asks; "몇 시간" is how long.
_KOREAN_WHEN = re.compile(r"몇\s*(?:월|일|시|년도)(?!간)")
# Dates written in figures: year first (2023.1.31, 2023-01-31) everywhere; without a year,
# month first in Korean (12/9) and day first in Hindi (9/12), as each writes them; with
# the year last (31/1/2023), day first.
_YEAR_FIRST = re.compile(r"(?<![\d.])(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\.?(?![\d.])")
_YEAR_LAST = re.compile(r"(?<![\d.])(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?![\d.])")
_NO_YEAR = re.compile(r"(?<![\d./-])(\d{1,2})/(\d{1,2})(?![\d./-])")
# A Devanagari abbreviation written with dots (ए.आई., एन.एस.ए.) is one word (एआई).
_DEVANAGARI_DOTTED = re.compile(
    r"(?<![\u0900-\u097f])(?:[\u0900-\u097f]{1,3}\.)+[\u0900-\u097f]{1,3}\.?(?![\u0900-\u097f])"
)
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
# Korean writes a pair of names as one word with a middle dot (한·미, 인도·태평양).
_KOREAN_DOT = re.compile(
    r"(?<=[\uac00-\ud7a3])[\u00b7\u318d\u119e\u2027\u30fb\u2022](?=[\uac00-\ud7a3])"
)
# "둘 다" (the two, all) is "both".
_KOREAN_BOTH = re.compile(r"둘\s+다(?![\uac00-\ud7a3])")
# "무슨 일" (what matter) asks what happened.
_KOREAN_HAPPENED = re.compile(r"(무슨|어떤)\s*일(?=이|은|들|$|[^\uac00-\ud7a3])")
# "무슨 일을 하는" (does what work) asks what someone or something does.
_KOREAN_DOES = re.compile(r"(?:무슨|어떤)\s*일을?\s*(?:하|해|했)[\uac00-\ud7a3]*")
# "어떤 곳", "뭐 하는 곳" (what kind of place) asks what a body is, not where.
_KOREAN_WHAT_PLACE = re.compile(r"(?:어떤|무슨)\s*곳|(?<=하는)\s*곳")
# "X and Y each …", "X and Y, both?": asked of each in turn.
_EACH_MARK = "\x00each"
_EACH = frozenset({"each", "both", "respectively", _EACH_MARK})
# Hindi asks "what for each" by saying the question word twice (क्या-क्या, किस-किस).
_EACH_REPEATED = frozenset({"क्या-क्या", "किस-किस", "kya-kya", "kis-kis"})
# Chat noise written in bare jamo (ㅋㅋ, ㅠㅠ, ㅇㅇ) says nothing.
_JAMO_ONLY = re.compile(r"[\u1100-\u11ff\u3130-\u318f]+")
# ... and typed onto the end of a word (질문ㅋㅋ, 뭐야ㅠㅠ) it is cut off.
_JAMO_TAIL = re.compile(r"(?<=[\uac00-\ud7a3])[\u1100-\u11ff\u3130-\u318f]+$")
# Words that join two clauses; a clause that asks something after one that asked too is a
# second question.
_CLAUSE_JOINERS = frozenset({"और", "तथा", "aur", "tatha"})
_KOREAN_CLAUSE_AND = ("지랑", "지하고", "지와", "지도")
# "…한다고 봤나요", "…하자고 했어": 다고, 라고, 냐고, 자고 quote what is said or thought.
_KOREAN_QUOTED = ("다고", "라고", "냐고", "자고")
# Particles that join two nouns: "날짜랑 공동의장" is "date and co-chairs".
_KOREAN_AND = frozenset({"랑", "이랑", "하고", "와", "과"})
# "목적이랑, … 했는지": a noun joined by "and", then a comma, ends a question of its own.
_COMMA = ","
# Korean nouns for a person (사람, 인물): "who" only when the person is what is asked
# ("인도 대표로 나온 사람", "그 사람은?"); said of someone ("NSC 사람이에요?") or beside a
# question word ("그 사람 소속은 뭐야?") they are "person".
_KOREAN_PERSON = ("사람", "인물")
# "얘기", "이야기" (talk) say something was discussed; "이 얘기에서" (in this story) is the story.
_KOREAN_TALK = ("얘기", "이야기")
_KOREAN_IN = frozenset({"에서", "에서는", "에", "에는", "엔", "에선"})
# "A예요 아니면 B예요?" (A or B?); after a clause, 아니면 asks a second question.
_KOREAN_OR = "아니면"
# "안 들어가요" (not included): 안 on its own, before a verb, is "not".
_KOREAN_NOT = "안"
# "왔을 때", "왔을때" (when … came): 때 after a verb's ending is "when".
_KOREAN_WHEN_TAIL = re.compile(r"때(?:는|에|에는|도|엔)?$")
_QUESTION_WORDS = frozenset("who what when where which how why whom whose".split())
# "कौन" with से/सी/सा after it asks "which", not "who".
_WHO = frozenset({"कौन", "kaun"})
_WHICH_AFTER = frozenset({"से", "सी", "सा", "se", "si", "sa"})
_YES_NO = frozenset({"क्या", "kya"})
# What a yes/no question's क्या reads as at its start, so the English reading asks yes or
# no too, and a wrong premise in it ("... नई दिल्ली में हुई थी?") is corrected.
_ASKS_YES_NO = "is it true"
# Nouns that ask what something is when a question ends on them ("방한 목적?").
_WHAT_NOUNS = frozenset(
    "purpose reason role name meaning title job number list summary timeline order outcome "
    "result difference significance".split()
)
_ENGLISH_QUESTION_WORDS = QUESTION_WORDS | YES_NO_OPENERS | {"which", "whom", "whose", "right"}
_IS = frozenset({"है", "हैं", "hai", "hain", "h"})
# Hindi "गया" (went) after a name or a question word ("कोरिया गए", "कौन गया"); elsewhere
# it only makes a verb passive ("कहा गया", was said). "Who went" from a country asks who
# represented it.
_WENT = frozenset({"गया", "गए", "गई", "गये", "gaya", "gaye", "gayi", "gai"})
# "बैठक में कौन थे?" (who were in the meeting) asks who took part.
_WERE = frozenset({"था", "थे", "थी"})
# Hindi's finite "is", "was" and "happened": a क्या right after one asks yes or no, as
# "what" would stand before the verb ("क्या था" is what was, "था क्या" was it).
_FINITE = frozenset("है हैं था थे थी हुआ हुई हुए hai hain tha the thi hua hui hue".split())
# Korean: "회의에 어떤 나라가 있었어?" (which countries were at the meeting).
_KOREAN_WERE = ("있었", "있던", "있었던")
_KOREAN_AT = ("에", "에는", "엔", "에서", "에서는")
# Korean 오다, 가다: "who came" or "who went" from a side asks who represented it.
_KOREAN_CAME = frozenset({"came", "went"})
_IN = frozenset({"में", "mein", "me"})
# "जानना चाहता हूँ" (I want to know) only asks politely.
_WANT = frozenset({"चाहते", "चाहता", "चाहती", "chahte", "chahta", "chahti"})
_TO_KNOW = frozenset({"जानना", "पूछना", "janna", "jaanna", "poochna", "puchna"})
# "कौन आया" (who came) from a country asks the same.
_CAME = frozenset({"आया", "आए", "आये", "आई", "aaya", "aaye", "aye", "aya", "aayi"})
# "어떤 기관인가요" (is what kind of body) asks what something is: 어떤 before a noun that
# ends in a copula reads "what", elsewhere "which" (어떤 분야, which fields).
_WHAT_KIND = frozenset({"어떤", "무슨"})
_COPULA = ("인가요", "인가", "이에요", "예요", "이야", "입니까", "인지", "이죠", "일까")
# Hindi "दो" is "two" before a noun, "give" closing a request ("लिंक दे दो", "link do pls").
_GIVE = frozenset({"दो", "do"})
# "…था न?", "…hain na?": a closing न asks for agreement, as "…, right?" does.
_TAG = frozenset({"न", "ना", "na", "naa"})
# Hindi repeats a question word to ask for several (कौन कौन, kya kya, किस किस).
_REPEATED = frozenset({"कौन", "क्या", "किस", "किन", "कहां", "kaun", "kya", "kis", "kin", "kahan"})
# Hindi "हुई" (happened) says an event was held ("बैठक किस दिन हुई?"), but after a noun it
# only makes that noun a verb ("बात हुई", discussed; "लॉन्च हुआ", launched).
_HAPPENED = frozenset({"हुई", "हुआ", "हुए", "hui", "hua", "hue", "huyi", "huee"})
_EVENTS = frozenset({"meeting", "summit", "conference"})
_BEFORE_AFTER = frozenset({"before", "after"})
_ACTIONS = frozenset("discuss agree decide launch start take took came led held set".split())
# Titles that in English name their holder ("the president" is Biden, "the national
# security advisor" Sullivan or Doval): after a name (Korean 바이든 대통령) they would name
# a second person, so the name alone is read; before one (Hindi राष्ट्रपति बाइडन), a
# title is left out the same way.
_HOLDERS = frozenset({"president", "prime minister", "national security advisor", "advisor"})
_MARKS = re.compile(r"[?!.]*\?[?!.]*")
_LEADING_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
# "나라는 어디" (the countries are where) asks which countries: "where" after a noun that
# names a kind of answer reads as "which".
_KINDS = frozenset(stem(noun) for noun in KIND_OF_NOUN)
# Hindi inflection left after a stem: at most this many code points (बैठकों = बैठक + ों).
_HINDI_TAIL = 3
_HINDI_SHORT = 2


@functools.lru_cache(maxsize=1 << 16)
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
    """The question with every known word replaced by its English words, Discord markup
    removed first, and a message asking two things ("누구였고 … 뭐야?", "कौन थे और … क्या")
    cut into two questions the English reading can tell apart."""
    text = _normalised(text, language)
    romanised = is_romanised(text)
    raws = _commas_kept(
        _phrases_joined(
            [
                _JAMO_TAIL.sub("", raw)
                for raw in _WORD.findall(text)
                if not _JAMO_ONLY.fullmatch(raw)
            ],
            language,
        ),
        language,
    )
    clauses: list[list[str]] = [[]]
    joiners: list[str] = []
    yes_no: set[int] = set()
    listed: set[int] = set()
    for index, raw in enumerate(raws):
        out = clauses[-1]
        if _marked(raw, clauses, joiners, listed):
            continue
        word = fold(raw)
        if word in _CLAUSE_JOINERS:
            clauses.append([])
            joiners.append(language.romanised.get(word) or language.words.get(word, ""))
            continue
        if index and word == fold(raws[index - 1]) and word in _REPEATED:
            continue  # कौन कौन, kya kya: asked once, as कौन-कौन is
        if word in _WHICH_AFTER and index and fold(raws[index - 1]) in _WHO:
            # कौन सी संस्था, kaun se areas: which; "NSO कौन सी संस्था है?" asks what NSO is.
            is_what = (
                index + 2 < len(raws) and fold(raws[index + 2]) in _IS and _closes(raws, index + 2)
            )
            clauses[-1][-1:] = ["what" if is_what else "which"]
            continue
        if word in _YES_NO and _is_yes_no(raws, index, language, romanised):
            yes_no.add(len(clauses) - 1)
            if out[:1] != [_ASKS_YES_NO]:
                out.insert(0, _ASKS_YES_NO)  # "क्या जापान भी था?": "is it true Japan took part?"
            continue
        if word in _EACH_REPEATED:
            out.extend([_read(word, language), _EACH_MARK])
            continue
        in_context = _in_context(word, raws, index, out, language)
        if in_context is not None:
            if in_context:
                out.append(in_context)
            continue
        _append(_english_of(word, raws, index, language, romanised), word, out, language)
        if _HANGUL.search(word) and word not in language.words and _ends_clause(word):
            clauses.append([])
            joiners.append("")
    return _yes_no_asked(_joined(clauses, joiners, yes_no, listed))


def _marked(raw: str, clauses: list[list[str]], joiners: list[str], listed: set[int]) -> bool:
    """Whether `raw` is a mark, put where it belongs: "?", "!", "." on the clause's last
    word, a kept comma ending the clause (see `_commas_kept`)."""
    out = clauses[-1]
    if raw == _COMMA:
        if out:
            out[-1] = out[-1].removesuffix(" and")
        if out and out[-1] == "and":
            out.pop()
        listed.add(len(clauses) - 1)
        clauses.append([])
        joiners.append("and")  # said again when the two do not ask apart
        return True
    if raw not in "?!.\u0964":
        return False
    if not out and len(clauses) > 1 and clauses[-2] and not joiners[-1]:
        out = clauses[-2]  # "…했었고?": the mark ends the clause the word closed
    if out:
        out[-1] += "?" if raw == "\u0964" else raw
    return True


def _commas_kept(raws: list[str], language: Language) -> list[str]:
    """`raws` without commas, but for one after a Korean noun joined by "and" (목적이랑,):
    there the comma ends that noun's question."""
    return [
        raw
        for index, raw in enumerate(raws)
        if raw != _COMMA
        or (
            index
            and _HANGUL.search(raws[index - 1])
            and _read(fold(raws[index - 1]), language).split()[-1:] == ["and"]
        )
    ]


def _english_of(word: str, raws: list[str], index: int, language: Language, romanised: bool) -> str:
    """The English of the word at `index` read on its own: a phrase's, a romanised word's,
    "and" for a Korean particle after a Latin name ("NSO랑 NSCS"), or its stems'."""
    if " " in word:
        reading = _phrase_reading(word.split(" "), language)
        return raws[index] if reading is None else reading  # "" drops it (जय हिंद)
    if romanised or not (_HANGUL.search(word) or _DEVANAGARI.search(word)):
        return language.romanised.get(word, raws[index])
    if word in _KOREAN_AND and index and not _HANGUL.search(raws[index - 1]):
        return "and"
    return _read(word, language)


def _phrases_joined(raws: list[str], language: Language) -> list[str]:
    """`raws` with the words of each of the language's phrases joined by a space into one,
    so the phrase is read as one word (a space is in no word `_WORD` finds)."""
    if not language.phrases:
        return raws
    by_letter: dict[str, list[tuple[str, ...]]] = {}
    for phrase in language.phrases:
        by_letter.setdefault(phrase[0][:1], []).append(phrase)
    out: list[str] = []
    index = 0
    while index < len(raws):
        # Only phrases whose first word the word starts with can be there: a long message
        # costs a look-up per word, not one per word and phrase.
        word = fold(raws[index])
        size = next(
            (
                len(phrase)
                for phrase in by_letter.get(word[:1], ())
                if word.startswith(phrase[0])
                and _is_phrase(raws[index : index + len(phrase)], phrase, language)
            ),
            1,
        )
        out.append(" ".join(raws[index : index + size]))
        index += size
    return out


def _phrase_reading(forms: list[str], language: Language) -> str | None:
    return next(
        (
            english
            for phrase, english in language.phrases.items()
            if _is_phrase(forms, phrase, language)
        ),
        None,
    )


def _is_phrase(forms: list[str], phrase: tuple[str, ...], language: Language) -> bool:
    """Whether the words `forms` say `phrase`, each word with what the language attaches."""
    last = len(phrase) - 1
    return len(forms) == len(phrase) and all(
        _is_form(fold(form), part, i == last, language)
        for i, (form, part) in enumerate(zip(forms, phrase, strict=True))
    )


def _is_form(word: str, stem: str, last: bool, language: Language) -> bool:
    """Whether `word` is `stem` as a sentence writes it: a Latin word as it is; a Korean or
    Hindi stem with a particle, and a phrase's last one with an ending (Korean) or a short
    inflected tail (Hindi) too, as a word is read."""
    if word == stem:
        return True
    native = _HANGUL.search(stem) or _DEVANAGARI.search(stem)
    if not native or not word.startswith(stem):
        return False
    tail = word[len(stem) :]
    if tail in language.particles:
        return True
    if not last:
        return False
    if _HANGUL.search(stem):
        return tail.startswith((*language.particles, *language.endings))
    return _hindi_tail_fits(stem, tail, language)


def _hindi_tail_fits(stem: str, tail: str, language: Language) -> bool:
    """Whether a Hindi stem may be read with `tail` after it: a short tail, and after a
    short stem only a listed one (से is not the start of सेना)."""
    if len(tail) > _HINDI_TAIL:
        return False
    return len(stem) > _HINDI_SHORT or not tail or tail in language.particles


def _yes_no_asked(english: str) -> str:
    """A reading that asks one thing with no question word ("Japan meeting took part?",
    from "일본도 회의에 참여했나요?") asks yes or no: it reads as "is it true ...", so a wrong
    premise in it is corrected as in English."""
    asks = len(_MARKS.findall(english))  # "포함이었음??" asks once
    if not english.endswith("?") or asks > 1 or english.startswith(_ASKS_YES_NO):
        return english
    said = words(english)
    if not _ENGLISH_QUESTION_WORDS.isdisjoint(said):
        return english
    if said[-1] in KIND_OF_NOUN or said[-1] in _WHAT_NOUNS:
        return english  # "meeting date?" asks for the date, "visit purpose?" for the reason
    return f"{_ASKS_YES_NO} {english}"


def _normalised(text: str, language: Language) -> str:
    """The text without markup, with dates in figures, Korean middle dots, 둘 다, 무슨 일
    and 몇 월 written the way the word lists read them."""
    text = strip_markup(text)
    if _DIGIT.search(text):
        text = _numeric_dates(text, language)
    if not _HANGUL.search(text):
        return _DEVANAGARI_DOTTED.sub(lambda match: match[0].replace(".", ""), text)
    text = _KOREAN_BOTH.sub("둘다", _KOREAN_DOT.sub("", text))
    text = _KOREAN_HAPPENED.sub(r"\1일", _KOREAN_DOES.sub("뭐하", text))
    text = _KOREAN_WHAT_PLACE.sub(" 뭐", text)
    return _KOREAN_DATE.sub(_korean_date, _KOREAN_WHEN.sub(" 언제", text))


def _in_context(
    word: str, raws: list[str], index: int, out: list[str], language: Language
) -> str | None:
    """The English of a word read by the words around it ("" to drop it); None for a word
    read on its own."""
    if word in _WHAT_KIND and index + 1 < len(raws) and raws[index + 1].endswith(_COPULA):
        return "what"
    if word in _WANT and index and fold(raws[index - 1]) in _TO_KNOW:
        return ""
    if word in _WENT:
        return "" if _after_light_verb(raws, index, language) else _went(out)
    were = word in _WERE or (word.startswith(_KOREAN_WERE) and _HANGUL.search(word))
    if were and _closes(raws, index) and _were_in(raws, index, out, language):
        return "took part"
    if word in _CAME and out and out[-1].split()[-1] == "who":
        return "represented"
    if word in _GIVE and _closes_request(raws, index, language):
        return ""
    if word in _TAG and index and _closes(raws, index):
        return "right"
    if _HANGUL.search(word) and _read(word, language) in _KOREAN_CAME:
        # 누가 왔어 (who came) from a side asks who represented it; 한국에 왜 왔어 asks why.
        return "represented" if "who" in _sentence_words(out) else _read(word, language)
    if word in _HAPPENED and language.code == "hi":
        return "held" if _was_held(raws, index, out, language) else ""
    if _HANGUL.search(word):
        return _korean_in_context(word, raws, index, out, language)
    return None


def _korean_in_context(
    word: str, raws: list[str], index: int, out: list[str], language: Language
) -> str | None:
    """A Korean person noun, talk noun or 안 read by the words around it; None otherwise."""
    if word == _KOREAN_NOT and index + 1 < len(raws) and _HANGUL.search(raws[index + 1]):
        return "not"
    person = next((p for p in _KOREAN_PERSON if word.startswith(p)), None)
    if person is not None and language.words.get(person) == "who":
        tail = word[len(person) :]
        said = bool(tail) and tail not in language.particles  # 사람이에요, 사람인데
        after = fold(raws[index + 1]) if index + 1 < len(raws) else ""
        said = said or (bool(_HANGUL.search(after)) and _read(after, language) == "right")
        if out and _QUESTION_WORDS.intersection(out[-1].split()):
            return None  # 뭐하는 사람, 어떤 사람: the person is what is asked
        asked = _QUESTION_WORDS & (_sentence_words(out) | _words_after(raws, index, language))
        if said and not asked and out[:1] != [_ASKS_YES_NO]:
            out.insert(0, _ASKS_YES_NO)  # "NSC 사람이에요?": is it true he is one?
        return "person" if said or asked else None
    if word == _KOREAN_OR and out and index + 1 < len(raws):
        after = raws[index + 1]
        if _HANGUL.search(after) and not after.endswith(_COPULA):
            # "처음이야 아니면 전에도 있었어?": the first question ends before the other.
            out[-1] = out[-1] if out[-1].endswith(("?", "!", ".")) else out[-1] + "?"
        return _read(word, language)
    talk = next((t for t in _KOREAN_TALK if word.startswith(t)), None)
    if talk is not None and word[len(talk) :] in _KOREAN_IN:
        return "story"  # 이 얘기에서: in this story
    return None


def _words_after(raws: list[str], index: int, language: Language) -> set[str]:
    """The English words of the rest of the Korean clause after `index`."""
    found: set[str] = set()
    for raw in raws[index + 1 :]:
        if raw in "?!.\u0964" or raw == _COMMA:
            break
        word = fold(raw)
        english = _read(word, language) if _HANGUL.search(word) else word
        found.update(english.split())
        if _HANGUL.search(word) and word not in language.words and _ends_clause(word):
            break
    return found


def _append(english: str, word: str, out: list[str], language: Language) -> None:
    """Add a word's English to `out`: a title before the names it follows (one that names
    its holder left out), Korean 나오다 by what came out, "where" after a kind noun as
    "which"."""
    titled = language.titles and english and out and out[-1][:1].isupper()
    if titled and _longest_stem(word, language.titles):
        title = english.removesuffix(" and")
        if title not in _HOLDERS:
            out.insert(_names_start(out), title)
        if title != english:
            out.append("and")
    elif english == "came up" and _HANGUL.search(word):
        came = _came_up(out)
        if came:
            out.append(came)
    elif english:
        if english[:1].isupper():
            _drop_holder(out)  # राष्ट्रपति बाइडन: the name says who
        out.append(_which_for_where(english, out))


def _drop_holder(out: list[str]) -> None:
    """Remove a holder's title ("president", "national security advisor") that ends `out`."""
    for size in (3, 2, 1):
        if len(out) >= size and " ".join(out[-size:]) in _HOLDERS:
            del out[-size:]
            return


def _was_held(raws: list[str], index: int, out: list[str], language: Language) -> bool:
    """Whether a Hindi "happened" at `index` says an event was held: the sentence names one
    as its subject (not "बैठक में", in the meeting, or "बैठक से पहले", before it), and no
    other word of it is already its verb."""
    start = index
    while start and raws[start - 1] not in "?!.\u0964":
        if fold(raws[start - 1]) in _CLAUSE_JOINERS and _asked_before(raws, start - 1, language):
            break  # "बैठक कब हुई और वहाँ क्या हुआ": the second clause has its own subject
        start -= 1
    sentence = [fold(raw) for raw in raws[start:index]]
    readings = [language.words.get(w) or language.romanised.get(w) or w for w in sentence]
    held = any(
        reading in _EVENTS
        and not (i + 1 < len(sentence) and sentence[i + 1] in _IN)
        and not _BEFORE_AFTER.intersection(readings[i + 1 : i + 3])
        for i, reading in enumerate(readings)
    )
    # "iCET के लॉन्च के बाद हुई" (was held after iCET's launch): a word before "after" or
    # "before" names what came first, not what the sentence did.
    words = {
        w
        for i, part in enumerate(out)
        if not (i + 1 < len(out) and out[i + 1] in _BEFORE_AFTER)
        for w in part.split()
    }
    return held and not any(w in _ACTIONS or w.endswith("ed") for w in words)


def _sentence_words(out: list[str]) -> set[str]:
    """The English words of the sentence `out` ends with."""
    sentence = itertools.takewhile(lambda w: not w.endswith(("?", "!", ".")), reversed(out))
    return {w for part in sentence for w in part.split()}


def _asked_before(raws: list[str], index: int, language: Language) -> bool:
    """Whether the Hindi sentence before `index` asks something of its own: a question
    word other than the क्या that opens a yes/no question. Where it does not, an और at
    `index` joins two nouns ("क्या मीटिंग iCET और डायलॉग के बाद हुई?")."""
    start = index
    while start and raws[start - 1] not in "?!.\u0964":
        start -= 1
    for i in range(start, index):
        word = fold(raws[i])
        if i == start and word in _YES_NO:
            continue
        reading = language.words.get(word) or language.romanised.get(word) or ""
        if _QUESTION_WORDS.intersection(reading.split()):
            return True
    return False


def _came_up(out: list[str]) -> str:
    """Korean 나오다 (come out): who came out for a side represented it; a talk that came
    out was discussed; anything else came up."""
    words = _sentence_words(out)
    if words & {"represented", "discussed"}:
        return ""
    return "represented" if "who" in words else "came up"


def _were_in(raws: list[str], index: int, out: list[str], language: Language) -> bool:
    """Whether a closing "were" says someone was in an event: the sentence names one with
    "in" after it, asks something, and no other word of it is its verb."""
    start = index
    while start and raws[start - 1] not in "?!.\u0964":
        start -= 1
    sentence = [fold(raw) for raw in raws[start:index]]
    in_event = any(
        language.words.get(word, language.romanised.get(word)) in _EVENTS and after in _IN
        for word, after in itertools.pairwise(sentence)
    ) or any(_korean_at_event(word, language) for word in sentence)
    words = {w for part in out for w in part.split()}
    if "happened" in words:
        return False  # 무슨 일이 있었어: what happened
    # "क्या जापान भी बैठक में था?" (was Japan in the meeting) asks it too, as yes or no.
    asks = bool(words & _QUESTION_WORDS) or (language.code == "hi" and out[:1] == [_ASKS_YES_NO])
    return in_event and asks and not any(w in _ACTIONS or w.endswith("ed") for w in words)


def _korean_at_event(word: str, language: Language) -> bool:
    """Whether a Korean word is an event with "at" after it (회의에, 회담에서)."""
    stem = _longest_stem(word, language.words) if _HANGUL.search(word) else None
    return stem is not None and language.words[stem] in _EVENTS and word[len(stem) :] in _KOREAN_AT


def _after_light_verb(raws: list[str], index: int, language: Language) -> bool:
    """Whether the Hindi word before `index` is a verb read as nothing (लिया, किया): "फ़ैसला
    कहाँ लिया गया" (where was it decided) has गया make that verb passive, not "went"."""
    if language.code != "hi" or not index or raws[index - 1] in "?!.\u0964":
        return False
    before = fold(raws[index - 1])
    if _DEVANAGARI.search(before):
        return _read(before, language) == ""
    return language.romanised.get(before) == ""


def _went(out: list[str]) -> str:
    last = out[-1].split()[-1] if out else ""
    if last == "who":
        return "represented"
    return "went" if last in _QUESTION_WORDS or last[:1].isupper() else ""


def _which_for_where(english: str, out: list[str]) -> str:
    """`english` read after `out`: "where" after a kind noun ("countries where") is "which",
    said once however often it is repeated (어디어디)."""
    words = english.split()
    if not out or words[0] != "where" or stem(out[-1].split()[-1]) not in _KINDS:
        return english
    rest = list(itertools.dropwhile(lambda w: w == "where", words))
    return " ".join(["which", *rest])


def _names_start(out: list[str]) -> int:
    """Where the run of names at the end of `out` starts ("Joe Biden" in "… Joe Biden")."""
    start = len(out)
    while start and out[start - 1][:1].isupper() and not out[start - 1].endswith(("?", "!", ".")):
        start -= 1
    return start


def _joined(
    clauses: list[list[str]], joiners: list[str], yes_no: set[int], listed: set[int]
) -> str:
    """The clauses as one text: two that each ask something (a question word, or a yes/no
    question's क्या) end the first with "?"; a clause `listed` before a comma asks too when
    it ends on a noun that asks what something is ("방한 목적이랑, …": the purpose)."""
    out = list(clauses[0])
    split = False
    for index, (joiner, clause) in enumerate(zip(joiners, clauses[1:], strict=True)):
        asks_what = index in listed and bool(out) and out[-1].split()[-1] in _WHAT_NOUNS
        before = index in yes_no or asks_what or _asks_something(out, True)
        after = (
            index + 1 in yes_no
            or _asks_something(clause, False)
            or (not joiner and _asks_the_same(clause))
        )
        if out and clause and before and after:
            last = out[-1].removesuffix(" and")
            if last == "and":
                out.pop()
                last = out[-1]
            out[-1] = last if last.endswith(("?", "!", ".")) else last + "?"
            split = True
        elif joiner:
            out.append(joiner)
        out.extend(clause)
    if split and not out[-1].endswith(("?", "!", ".")):
        out[-1] += "?"  # the second question asks as the first did
    return " ".join(_each_in_turn(out))


def _asks_the_same(clause: list[str]) -> bool:
    """Whether a Korean clause after one that asked opens with a bare "X?" ("…뭐 얘기했고,
    통신은?"): it asks the same of X."""
    first = list(itertools.takewhile(lambda w: not w.endswith(("?", "!", ".")), clause))
    if len(first) == len(clause):
        return False
    said = [w for part in [*first, clause[len(first)]] for w in part.rstrip("?!.").split()]
    return bool(said) and _QUESTION_WORDS.isdisjoint(said)


def _each_in_turn(words: list[str]) -> list[str]:
    """A sentence that asks the same of two things ("X and Y each role what?", "X and Y
    both?") as two questions, one about each ("X role what? Y role what?")."""
    if _EACH.isdisjoint(w.rstrip("?!.") for part in words for w in part.split()):
        return words
    out: list[str] = []
    sentence: list[str] = []
    for index, word in enumerate(words, 1):
        sentence.extend(word.split())
        if not word.endswith(("?", "!", ".")) and index < len(words):
            continue
        ands = [i for i, w in enumerate(sentence) if w == "and"]
        marks = [i for i, w in enumerate(sentence) if w.rstrip("?!.") in _EACH]
        if len(ands) == 1 and marks and 0 < ands[0] < marks[0] - 1:
            first, second = sentence[: ands[0]], sentence[ands[0] + 1 : marks[0]]
            rest = [w.rstrip("?!.") for w in sentence[marks[0] + 1 :]]
            # "X and Y role each what?": the names after "and", then what is asked of both.
            names = list(itertools.takewhile(_is_name, second))
            named = first[0][:1].isupper() and all(_is_name(w) for w in first)
            if named and 0 < len(names) < len(second):
                rest = second[len(names) :] + rest
                second = names
            rest = [w for w in rest if w and w != _EACH_MARK]
            sentence = [*first, *rest, "?", *second, *rest, "?"]
            sentence = " ".join(sentence).replace(" ?", "?").split()
        for word in sentence:
            if word.rstrip("?!.") != _EACH_MARK:
                out.append(word)
            elif out:
                out[-1] += word[len(_EACH_MARK) :]  # its "?" stays
        sentence = []
    return out


def _is_name(word: str) -> bool:
    return any(c.isupper() for c in word)


def _asks_something(clause: list[str], last: bool) -> bool:
    """Whether the clause's last sentence (or its first, when not `last`) asks about something."""
    sentences: list[list[str]] = [[]]
    for word in clause:
        sentences[-1].append(word.rstrip("?!."))
        if word.endswith(("?", "!", ".")):
            sentences.append([])
    sentences = [s for s in sentences if s]
    sentence = [
        w for part in (sentences[-1 if last else 0] if sentences else []) for w in part.split()
    ]
    # "कब और कहाँ" (when and where) is one question: each side must name something too.
    return any(w in _QUESTION_WORDS for w in sentence) and any(
        w not in _QUESTION_WORDS for w in sentence
    )


def _ends_clause(word: str) -> bool:
    """A Korean word that closes a clause: "누구였고", "발표됐고", "뭔지랑"."""
    if word.endswith(_KOREAN_QUOTED):
        return False  # 한다고 봤나요: what is said or thought, not a clause of its own
    return (len(word) > 1 and word.endswith("고")) or word.endswith(_KOREAN_CLAUSE_AND)


def _is_yes_no(raws: list[str], index: int, language: Language, romanised: bool) -> bool:
    """Hindi opens or closes a yes/no question with क्या ("क्या जापान भी था?", "बात हुई
    क्या?"); there it asks nothing, while "ROK का मतलब क्या है" asks what."""
    if index == 0 or raws[index - 1] in "?!.\u0964":
        return True
    before = fold(raws[index - 1])
    if before in _FINITE:
        return True  # "जापान भी था क्या, मीटिंग में?": after the verb it asks yes or no
    after = raws[index + 1] if index + 1 < len(raws) else "?"
    if after not in "?!.\u0964":
        return False
    words = language.romanised if romanised else language.words
    return words.get(before, before) == ""


def _closes_request(raws: list[str], index: int, language: Language) -> bool:
    """Whether the word at `index` ends its sentence but for words read as nothing
    ("link do pls"), as a request's closing verb does."""
    end = index + 1
    while end < len(raws) and raws[end] not in "?!.\u0964":
        word = fold(raws[end])
        if (language.romanised if is_romanised(word) else language.words).get(word) != "":
            return False
        end += 1
    return True


def _closes(raws: list[str], index: int) -> bool:
    """Whether the word at `index` ends its sentence."""
    return index + 1 == len(raws) or raws[index + 1] in "?!.\u0964"


def _numeric_dates(text: str, language: Language) -> str:
    """Dates in figures as an English date reads ("31 January 2023")."""

    def day_month(day: str, month: str, year: str = "") -> str | None:
        d, m = int(day), int(month)
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None
        return " ".join(p for p in (str(d), _MONTHS[m - 1], year) if p)

    def year_first(match: re.Match[str]) -> str:
        return f" {day_month(match[3], match[2], match[1]) or match[0]} "

    def year_last(match: re.Match[str]) -> str:
        return f" {day_month(match[1], match[2], match[3]) or match[0]} "

    def no_year(match: re.Match[str]) -> str:
        first, second = match[1], match[2]
        day, month = (second, first) if language.code == "ko" else (first, second)
        return f" {day_month(day, month) or match[0]} "

    text = _YEAR_FIRST.sub(year_first, text)
    text = _YEAR_LAST.sub(year_last, text)
    return _NO_YEAR.sub(no_year, text)


def _korean_date(match: re.Match[str]) -> str:
    number, unit = int(match[1]), match[2]
    if unit == "월":
        return f" {_MONTHS[number - 1]} " if 1 <= number <= 12 else match[0]
    return f" {number} "


_READINGS_KEPT = 1 << 16


def _read(word: str, language: Language) -> str:
    """`_native`, remembered for the language's next question (up to `_READINGS_KEPT` words)."""
    english = language.readings.get(word)
    if english is None:
        english = _native(word, language)
        if len(language.readings) < _READINGS_KEPT:
            language.readings[word] = english
    return english


def _native(word: str, language: Language) -> str:
    """Korean: a compound is read stem by stem (인도측 = 인도 + 측), particles dropped.
    Hindi: the longest stem with a short inflected tail."""
    korean = bool(_HANGUL.search(word))
    split = _split_reading(word, korean, language)
    if split is not None:
        return split
    parts: list[str] = []
    rest = word
    while rest:
        stem = _longest_stem(rest, language.words)
        skip = _particle_before_stem(rest, language) if korean and stem is None else 0
        if skip:
            # 회의는어디서했어, 는누가이끌어: words typed without spaces, a particle between.
            if rest[:skip] in _KOREAN_AND and any(parts):
                parts.append("and")
            rest = rest[skip:]
            continue
        if stem is None:
            if not parts and not any(rest == p for p in language.particles):
                return word
            parts.extend(_unknown_rest(rest, parts, korean, language))
            break
        tail = rest[len(stem) :]
        if not korean and not _hindi_tail_fits(stem, tail, language):
            return word
        if korean and len(stem) == 1 and tail and not _may_follow(tail, language):
            # One syllable is a stem only before an ending (뭐예요) or another stem of two
            # or more (윤대통령), not inside a word (날씨).
            if not parts:
                return word
            break
        if korean and len(stem) == 1 and parts and _is_ending(stem, tail, language):
            break  # 누구세요, 했다는: after a stem, the syllable is an ending's
        if stem in language.titles and parts and parts[-1][:1].isupper():
            if language.words[stem] not in _HOLDERS:
                parts.insert(_names_start(parts), language.words[stem])
        else:
            parts.append(language.words[stem])
        rest = tail if korean else ""
    return " ".join(p for p in parts if p)


def _unknown_rest(rest: str, parts: list[str], korean: bool, language: Language) -> list[str]:
    """What a word's rest without a known stem adds after the stems read so far: "and"
    for a particle that joins (날짜랑), an unknown Korean body (우주항공청), "when" for 때
    after an ending (왔을때), nothing for a particle or an ending."""
    particle = next((p for p in language.particles if rest == p), None)
    if particle in _KOREAN_AND and any(parts):
        return ["and"]
    if particle is not None or not korean:
        return []
    if not rest.startswith((*language.particles, *language.endings)):
        return [rest]  # 우주항공청: an unknown body after a known word still counts
    return ["when"] if parts and _KOREAN_WHEN_TAIL.search(rest) else []


def _is_ending(syllable: str, tail: str, language: Language) -> bool:
    """Whether a one-syllable Korean stem after another is part of an ending: a syllable
    before an ending (누구세요), or one that is itself an ending (했다는: 다, not 다 "all")."""
    if tail and tail not in language.particles:
        return True
    return syllable in language.endings and bool(language.words[syllable])


def _split_reading(word: str, korean: bool, language: Language) -> str | None:
    """A word read in pieces: a number before a Korean counter (3국), a hyphenated word
    part by part (भारत-अमेरिका, सह-अध्यक्ष; किन-किन, क्या-क्या once); None for others."""
    digits = _LEADING_DIGITS.match(word)
    if (
        korean
        and digits
        and word not in language.words
        and _longest_stem(word, language.words) is None
    ):
        rest = _native(word[digits.end() :], language)
        return f"{digits[0]} {rest}" if rest else digits[0]
    if "-" in word and word not in language.words:
        pieces = [p for p in dict.fromkeys(word.split("-")) if p]
        return " ".join(r for r in (_native(p, language) for p in pieces) if r)
    return None


def _particle_before_stem(rest: str, language: Language) -> int:
    """The length of the particle or ending `rest` opens with when a known stem of two
    syllables or more follows it; 0 otherwise."""
    for particle in (*language.particles, *language.endings):
        if rest.startswith(particle) and len(rest) > len(particle):
            stem = _longest_stem(rest[len(particle) :], language.words)
            if stem is not None and len(stem) > 1:
                return len(particle)
    return 0


def _may_follow(tail: str, language: Language) -> bool:
    if tail.startswith(language.endings):
        return True
    stem = _longest_stem(tail, language.words)
    return stem is not None and len(stem) > 1


def _longest_stem(word: str, words: Container[str]) -> str | None:
    for end in range(len(word), 0, -1):
        if word[:end] in words:
            return word[:end]
    return None
