"""From a chat message to the questions in it: markup removed, chit-chat dropped, parts split.

Every front end (CLI, JSON batch, Discord) passes raw text through here, so a question
wrapped in mentions, emoji, spoilers or greetings is read the same way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.shape import CLAIM_WORDS, YES_NO_OPENERS
from bot.core.text import (
    MAX_QUESTION_CHARS,
    NON_CONTENT,
    QUESTION_WORDS,
    REFERRING,
    clean,
    spell_out,
    words,
)

MAX_PARTS = 3
MAX_MESSAGE_CHARS = 4 * MAX_QUESTION_CHARS

# Emoji end a sentence as punctuation does: "hey <:wave:1> who led India".
_EMOJI = re.compile(
    r"<a?:\w+:\d+>"  # custom emoji
    r"|(?<!\w)(?:[:;=]-?[()DPp/\\|]|<3|xD)(?!\w)"  # emoticons
    r"|:[a-z0-9_+-]+:"  # :shortcode:
    r"|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+",
    re.IGNORECASE,
)
_MARKUP = re.compile(
    r"<(?:@[!&]?|#)\d+>"  # user, role and channel mentions
    r"|<t:-?\d+(?::\w)?>"  # timestamps
    r"|https?://\S+|www\.\S+"  # links
    r"|(?<!\w)@\w+"  # @everyone, @here, @name
    r"|```\w*|\|\||[`*~]+|(?<!\w)_+|_+(?!\w)",  # code fences, spoilers, emphasis
    re.IGNORECASE,
)
_SPACES = re.compile(r"[^\S\n]+")
# A quoted line ("> central commitment") is read with the line after it, which asks about it.
_QUOTE_MARK = re.compile(r"^[^\S\n]*>+[^\S\n]?([^\n]*)\n?", re.MULTILINE)
# Sentences end at . ? ! ; and a colon, a new line, an arrow, or a number that starts a
# list ("1) who led 2) what areas").
_SENTENCE_END = re.compile(r"(?<=[?!.;:])\s+|\n+|(?<=\?)(?=\S)|\s*->\s*|(?:^|\s+)\(?\d[.)]\s+")
_LABEL_LENGTH = 2
_TRAILING_DOTS = re.compile(r"[.!,]+$")
# The number of a list item that opens a sentence: "(1) who led the Korean side".
_LIST_NUMBER = re.compile(r"^\(?\d[.)]\s*")

# Verbs and auxiliaries that open a question or a request ("was it in Seoul", "list the
# areas"); chat spellings ("wen", "whr") are spelt out before this is asked.
_QUESTION_OPENERS = QUESTION_WORDS | frozenset(
    """
    which whom whose is are was were did does do has have had can could will would should
    tell list explain describe give show name any anything
    """.split()
)
_WH_WORDS = QUESTION_WORDS | {"which", "whom", "whose"}
# A sentence that opens with a greeting and says little more only greets ("hi team!").
_GREETINGS = frozenset(
    "hi hello hey heya hiya yo sup greetings gm morning evening afternoon".split()
)
_GREETING_LENGTH = 4
_JOINERS = ("and also ", "and ", "also ", "plus ", "oh and ", "then ", "but ")
_SPLIT_AND = re.compile(
    r"(\s*(?:,\s*(?:and\s+(?:also\s+)?|also\s+|plus\s+|then\s+)?"
    r"|\s(?:and(?:\s+also)?|also|plus|then|&|\+)\s+))"
    r"(?=(?:(?:at|in|on|from|by|for|with|to)\s+(?=wh))?"
    r"(?:who|whom|whose|what|when|where|which|how|why|is|was|were|did|does|list|give|tell|name"
    r"|say|explain|describe)\b)",
    re.IGNORECASE,
)


def strip_markup(text: str) -> str:
    """The text without Discord markup: mentions, emoji, links, spoilers, code and quote marks."""
    text = _EMOJI.sub("\n", _QUOTE_MARK.sub(r" \1 ", clean(text)))
    return _SPACES.sub(" ", _MARKUP.sub(" ", text)).strip()


def _is_chatter(sentence: str) -> bool:
    tokens = words(sentence)
    if tokens and tokens[0] in _GREETINGS and len(tokens) <= _GREETING_LENGTH:
        return not _asks(sentence)
    return not tokens or all(token in NON_CONTENT for token in tokens)


def _asks(sentence: str) -> bool:
    tokens = words(sentence)
    return sentence.rstrip().endswith("?") or bool(tokens and tokens[0] in _QUESTION_OPENERS)


def _is_label(sentence: str) -> bool:
    """ "Fact-check:", "Question 2:": a word or two that head what follows."""
    return sentence.endswith(":") and len(words(sentence)) <= _LABEL_LENGTH


def _with_labels(sentences: list[str]) -> list[str]:
    """A word or two before a colon that put a claim up for checking ("Claim: ...",
    "Confirm: ...") are read with what follows, as one sentence."""
    joined: list[str] = []
    for sentence in sentences:
        label = words(joined[-1]) if joined and _is_label(joined[-1]) else []
        if not CLAIM_WORDS.isdisjoint(label):
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


def _without_joiner(sentence: str) -> str:
    sentence = _LIST_NUMBER.sub("", sentence)
    lowered = sentence.lower()
    for joiner in _JOINERS:
        if lowered.startswith(joiner):
            return sentence[len(joiner) :]
    return sentence


def _split_conjoined(sentence: str) -> list[str]:
    """'Where was it announced and where was it launched?' as two questions, while
    'when and where was it' stays one: a piece of only question and filler words joins the next."""
    pieces = _SPLIT_AND.split(sentence)
    merged: list[str] = []
    glue = ""
    for piece, separator in zip(pieces[::2], [*pieces[1::2], ""], strict=True):
        if glue:
            merged[-1] += glue + piece
        else:
            merged.append(piece)
        leading = words(merged[-1])
        # "when and where was it" is one question, "where and when was it, and was it the
        # first?" two: a piece with its verb is whole.
        filler = all(w in QUESTION_WORDS or w in NON_CONTENT for w in leading)
        # After a whole question, "..., where, and by whom?" asks each bare word on its own.
        alone = len(merged) > 1 and "," in separator
        glue = separator if filler and YES_NO_OPENERS.isdisjoint(leading) and not alone else ""
    return merged


_FRAGMENT_BREAK = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&|\+)\s+", re.IGNORECASE)


def _parallel_fragments(sentence: str) -> list[str]:
    """'thakkar's title, and wang's title' or 'date of the trilateral, date of icet launch'
    as one question each: pieces of two words or more that ask nothing by a question word
    and all begin, or all end, with the same word ("pls" and the like aside)."""
    pieces = [p for p in _FRAGMENT_BREAK.split(sentence) if p.strip()]
    tokens = [[w for w in words(piece) if w not in NON_CONTENT] for piece in pieces]
    if len(pieces) < 2 or any(len(t) < 2 or not _WH_WORDS.isdisjoint(t) for t in tokens):
        return []
    for edge in (0, -1):
        shared = {t[edge] for t in tokens}
        if len(shared) == 1 and not shared & NON_CONTENT:
            return pieces
    return []


@dataclass(frozen=True)
class Question:
    """One question of a message, with what it may refer back to: a statement just before
    it ("APIs came up." before "What was that about?") or the questions before it, one
    per line, the nearest first."""

    text: str
    said: str = ""
    previous: str = ""


def questions_in(message: str) -> list[Question]:
    """The questions a message asks, in order (at most three), without markup or chit-chat.

    Sentences that only greet, thank or talk about the asker are dropped when something
    else is asked; a message that asks nothing recognisable is kept whole.
    """
    # Cut before and after normalising: NFKC can make a character into eighteen.
    limit = MAX_MESSAGE_CHARS
    text = spell_out(strip_markup(clean(message[:limit])[:limit]))
    sentences = _with_labels([s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()])
    sentences = [_without_joiner(s) for s in sentences]
    # "The meeting was in Tokyo. Ajit Doval led India. Both true?": a check of the claims.
    checked = any(_is_chatter(s) and s.rstrip().endswith("?") for s in sentences)
    sentences = [s for s in sentences if not _is_chatter(s)]
    if not sentences:
        return [Question(text)] if text else []
    found: list[Question] = []
    said = ""
    for sentence in sentences:
        if len(found) >= MAX_PARTS:
            break
        pieces = _split_conjoined(sentence)
        fragments = _parallel_fragments(sentence) if len(pieces) == 1 else []
        pieces = fragments or pieces
        # After a question, "and X, what was that about" asks too.
        if not fragments and not _asks(sentence) and not (found and any(map(_asks, pieces[1:]))):
            said = sentence
            continue
        for index, part in enumerate(pieces):
            part = _TRAILING_DOTS.sub("", part).strip()
            asks_by_word = index > 0 and not _WH_WORDS.isdisjoint(words(part))  # "..., by whom?"
            if (
                _is_chatter(part)
                and not asks_by_word
                and not (said and REFERRING & set(words(part)))
            ):
                # "trusted ecosystems, what was that about?" asks about its lead-in.
                continue
            if (
                not fragments
                and index < len(pieces) - 1
                and not _asks(part)
                and _WH_WORDS.isdisjoint(words(part))
            ):
                # "people keep saying Wang, what's his role?": the lead-in is context.
                said = part
                continue
            earlier = "\n".join(q.text for q in reversed(found))
            found.append(Question(part, said, earlier))
            said = ""
    if not found and checked:
        claims = [s for s in sentences if not _is_label(s)]
        return [Question(_TRAILING_DOTS.sub("", s) + "?") for s in claims[:MAX_PARTS]]
    if not found:
        return [Question(" ".join(sentences))]
    return found[:MAX_PARTS]
