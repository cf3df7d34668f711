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
    someone anyone somebody anybody gonna wanna gotta even still ever again please overall
    back keep keeps using might must shall whether regarding concerning
    mr mrs ms dr sir madam shri smt ji sahab saheb
    """.split()
)

QUESTION_WORDS = frozenset({"who", "what", "when", "where", "why", "how"})
# Words that change which occasion or time is meant ("the next meeting", "his previous
# job") or ask for more detail than a summary gives ("which *specific* projects?").
QUALIFIERS = frozenset(
    """
    next previous second third fourth last latest former future upcoming later current
    currently now today nowadays recent recently prior specific
    """.split()
)
# Details finer than the facts of a meeting usually give: the hotel, not the city; the
# article's author, not its paper. A fact must hold such a word to answer for it.
DETAILS = frozenset("hotel room hall auditorium author writer reporter byline".split())
# Words that point back to something said before: "APIs came up. What was that about?"
REFERRING = frozenset("it its that this those these they them their there he she his her".split())


def _table(text: str) -> dict[str, str]:
    """'wen=when whats=what_is ngl=-' as a mapping: '_' is a space, '-' is nothing."""
    pairs = (item.split("=") for item in text.split())
    return {key: "" if value == "-" else value.replace("_", " ") for key, value in pairs}


# Chat spellings read as the words they stand for, before typo repair.
TEXT_SPEAK = _table(
    """
    wat=what wut=what wht=what wot=what whats=what_is wen=when whn=when whr=where
    wher=where whre=where whos=who_is hw=how hows=how_is y=why wats=what_is ws=was
    wuz=was r=are iz=is dat=that dis=this da=the u=you ur=your ppl=people mtg=meeting
    mtgs=meetings pls=please plz=please thx=thanks thnx=thanks ty=thanks abt=about
    bout=about govt=government gov=government dept=department intl=international
    tech=technology w=with b4=before 2day=today gr8=great idk=i_do_not_know cuz=because
    coz=because bc=because tho=though k=ok smth=something sth=something ppls=people
    yr=year yrs=years n=and nd=and wrt=about re=about ngl=- tbh=- imo=- afaik=- fyi=-
    hv=have jan=january feb=february apr=april jun=june jul=july aug=august
    sep=september sept=september oct=october nov=november dec=december im=i_am ive=i_have
    dont=do_not didnt=did_not doesnt=does_not isnt=is_not wasnt=was_not cant=can_not
    thats=that_is theres=there_is sum1=someone some1=someone any1=anyone ne1=anyone
    rite=right ryt=right secy=secretary pm=prime_minister fr=- frfr=- ctx=context
    gen=generation
    """
)

# Digits typed for the words they sound like, after the words they follow in chat: "what
# does NSCS stand 4", "how 2 join", "talk 2 them".
_DIGIT_FOR = re.compile(
    r"\b(stands?|stood|look(?:ing)?|wait(?:ing)?|ask(?:ing|ed)?|thanks|thx)\s+4\b", re.IGNORECASE
)
_DIGIT_TO = re.compile(
    r"\b(how|wants?|going|go|went|came|come|talk(?:ed)?|spoke|speak|back|up|due|according|"
    r"next|similar|related|connected|belong(?:s|ed)?)\s+2\b",
    re.IGNORECASE,
)

# Irregular verb forms read as their base form, so "held" and "hold" meet like "met" and "meet".
IRREGULAR = _table(
    """
    held=hold took=take taken=take came=come went=go gone=go saw=see seen=see made=make
    began=begin begun=begin spoke=speak spoken=speak wrote=write written=write said=say
    sent=send brought=bring gave=give given=give chose=choose chosen=choose grew=grow
    grown=grow knew=know known=know told=tell thought=think found=find kept=keep
    became=become ran=run drew=draw
    """
)

# Words that carry no content in a question: greetings, thanks, hedges and talk about the
# asker. Read as stop words, so "sorry if this is dumb but what is iCET" asks about iCET.
CHATTER_WORDS = frozenset(
    """
    hi hello hey heya hiya sup greetings morning evening afternoon gm gn cheers welcome
    thanks thank thx ty tysm appreciate appreciated sorry apologies apologize excuse
    dumb stupid silly noob newbie new here posting posted lurker lurking
    curious wondering wonder confused confusing lost help helping helpful question questions
    q quick random thought thoughts honestly literally seriously totally pretty lol lmao
    rofl haha hehe hmm um uh uhh umm erm ah oh omg wow nah na yeah yep nope ok okay alright sure cool nice
    great awesome amazing love hope well everyone everybody folks friends friend fam mods
    admins server channel chat asking ask asked wanted trying try figure understand remember
    recall forgot forget googled google searched search nothing reading read heard hear
    student journalist researcher teacher class homework project assignment essay
    deadline urgent asap simple simply words term terms saga story whole bit little lot
    anyway anyways
    real actual tl dr tldr right correct true false yes really confirm exact precise precisely
    specifically briefly short line sentence explain think guess suppose assume
    teacher professor prof editor colleague colleagues classmate classmates
    roommate uncle aunt mom mum dad parents brother sister cousin wife husband kid kids
    lecture exam exams quiz quizzes revision notes slides presentation
    phone mobile laptop typing typo typos autocorrect sry soz hlp
    asap due lurker poster
    spoiler spoilers kinda sorta see seeing seen saw
    gimme lemme wtf bro dude bhai yaar newsletter thesis dissertation backgrounder
    claim claims claimed claiming circulating checking accurate accuracy inaccurate otherwise
    verify verified genuine reportedly apparently supposedly allegedly
    grateful obliged enquire inquire enquiring inquiring clarify clarification remind
    memoir podcast episode show notes recollection kindly
    """.split()
)
# Chat phrases whose words would otherwise count: "thanks *in advance*", "in a nutshell".
CHATTER_PHRASE = re.compile(
    r"\b(?:in advance|in a nutshell|in plain english|in simple terms|eli5"
    r"|like (?:i'?m|i am) (?:five|5)|good (?:morning|afternoon|evening|day)"
    r"|for a friend|long time lurker|first time poster|no spoilers|in general|generally"
    r"|broadly speaking|by and large|tl;\s?dr|in the first place|first of all|first off"
    r"|how (?:are|r) (?:you|u|ya|you all|y'all|everyone|things)(?: doing)?"
    r"|how(?:'s| is) (?:it going|everyone(?: doing)?|your day)|what'?s up|wassup"
    r"|in (?:this|that|the|what)(?: \w+)? context(?: of)?"
    r"|in (?:one|1|a|two|2|a few|few|short|brief) (?:line|lines|sentence|sentences|word|words))\b",
    re.IGNORECASE,
)
NON_CONTENT = STOP_WORDS | CHATTER_WORDS

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_POSSESSIVE = re.compile(r"(?<=\w)'s?\b")
_CONTRACTION = re.compile(r"(?<=\w)(?:n't|'m|'re|'ve|'ll|'d)\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+|_")
_REPEATS = re.compile(r"([^\W\d])\1{2,}")  # "heyyy" -> "hey", "sooo" -> "so"
# A capital letter with a full stop: a name's initial ("N. Korea"), not chat ("n" = "and").
_INITIAL = re.compile(r"\b([A-Z])\.(?!\w)")
_SPEAK_WORD = re.compile(r"(?<![\w.'])[^\W_]+(?!\w|'(?!s\b)|\.\w)")  # "wat's" too


class Token(NamedTuple):
    """A normalised word and the form it was written in (for case-sensitive aliases)."""

    word: str
    written: str


def clean(text: str) -> str:
    """Unicode-normalise and drop control characters, keeping line breaks: a message's
    lines are its sentences ("> a quoted line" above the question about it)."""
    text = unicodedata.normalize("NFKC", text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)


def trim_question(text: str) -> str:
    """A question cut to a sane length: overlong input is truncated, never fatal."""
    return text[:MAX_QUESTION_CHARS]


@functools.lru_cache(maxsize=4096)
def _parts(text: str) -> tuple[str, ...]:
    """The written words of a text; cached, as one question is read by several steps."""
    text = clean(text).translate(_APOSTROPHES)
    if "." in text:
        text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    if "'" in text:
        text = _POSSESSIVE.sub("", _CONTRACTION.sub(" ", text))
    if "4" in text or "2" in text:
        text = _DIGIT_TO.sub(r"\1 to", _DIGIT_FOR.sub(r"\1 for", text))
    parts = _NON_WORD.sub(" ", text).split()
    if TEXT_SPEAK.keys().isdisjoint(map(str.casefold, parts)):
        return tuple(parts)
    initials = frozenset(_INITIAL.findall(text))
    return tuple(
        w
        for part in parts
        for w in (part if part in initials else TEXT_SPEAK.get(part.casefold(), part)).split()
    )


def spell_out(text: str) -> str:
    """Chat spellings in running text replaced by the words they stand for ("wen" -> "when",
    "heyyy" -> "hey"), leaving dotted acronyms ("U.S.") alone; used on a message before it
    is split into questions."""
    text = CHATTER_PHRASE.sub(" ", _REPEATS.sub(r"\1", text))
    return _SPEAK_WORD.sub(_spelt_out, text)


def _spelt_out(match: re.Match[str]) -> str:
    word = match.group(0)
    if _INITIAL.fullmatch(match.string, match.start(), match.end() + 1):
        return word  # "N. Korea", "Joseph R. Biden": an initial, not "and" or "are"
    return TEXT_SPEAK.get(word.casefold(), word)


def tokenize(text: str) -> list[Token]:
    """Split text into tokens: NFKC, possessives and dotted acronyms folded, case folded."""
    return [Token(part.casefold(), part) for part in _parts(text)]


_CLAUSE_BREAK = re.compile(r"[,;:!?()\[\]]|\.(?:\s|$)|\s[-\u2013\u2014]+\s|\u2014")


def asking_clause(text: str) -> str:
    """The first clause of a text that holds a question word ("when was it" in "when was
    it, need it for class"), or the whole text when none does."""
    for clause in _CLAUSE_BREAK.split(text):
        if QUESTION_WORDS.intersection(words(clause)):
            return clause
    return text


def words(text: str) -> list[str]:
    """Normalised words of a text, without case information."""
    return [part.casefold() for part in _parts(text)]


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light, consistent suffix strip so 'delegations' and 'delegation' meet.

    Words without a vowel are acronyms and stay whole: "nscs" is not a plural of "nsc".
    """
    word = IRREGULAR.get(word, word)
    if len(word) <= 3 or word in QUESTION_WORDS or not any(v in word for v in "aeiouy"):
        return word
    if not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ment") and len(word) > 7:
        word = word[:-4]
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    # "announce", "announced" and "announcement" all end as "announc".
    if word.endswith("e") and not word.endswith("ee") and len(word) > 4:
        word = word[:-1]
    return word
