"""Answer a message in its language: read it as English, match, then give each part the
language's text where the fact has one; otherwise English with one line saying so."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from bot.core.answer import Answer, AnswerPart
from bot.core.i18n.languages import Language
from bot.core.i18n.reading import ENGLISH, detect, is_romanised, to_english
from bot.core.matcher import Matcher

_SENTENCE_END = re.compile(r"[^?!.\u0964]+[?!.\u0964]*")


def language_of(message: str, languages: Mapping[str, Language], hint: str | None = None) -> str:
    """The message's own language; a message that shows none (English, or only names and
    acronyms) takes `hint`, such as a slash command's locale."""
    found = detect(message, languages)
    if found == ENGLISH:
        language = in_locale(languages, hint)
        return language.code if language else ENGLISH
    return found


def in_locale(languages: Mapping[str, Language], locale: str | None) -> Language | None:
    """The language of a client locale ("ko", "hi", "en-US"); None for English or unknown."""
    return languages.get(locale.split("-")[0].casefold()) if locale else None


def answer_in(
    matcher: Matcher,
    languages: Mapping[str, Language],
    message: str,
    lang: str | None = None,
) -> Answer:
    """The matcher's answer in `lang` (detected from the message when None). English
    messages go to the matcher untouched, so their answers are the English ones; romanised
    Hindi is read as Hindi, and matched as it stands only when its reading gets no answer,
    since Hinglish is half English."""
    shown = languages.get(detect(message, languages))
    language = languages.get(lang) if lang else shown
    if language is None:
        return matcher.answer(message)
    asked = shown.fact_asked(message) if shown else None
    if asked is not None and asked in matcher.factbase.facts:
        # One of our own questions, picked from autocomplete or copied from a suggestion.
        return translated(matcher.answer_with(asked, message), language)
    if shown is None:
        answer = matcher.answer(message)
    elif not is_romanised(message):
        answer = matcher.answer(to_english(message, shown))
    else:
        reading = to_english(message, shown)
        answer = matcher.answer(reading)
        if not answer.answered and reading != message:  # the same text, the same answer
            answer = matcher.answer(message)
    return translated(_asked_as(answer, message), language)


def fact_answer_in(
    matcher: Matcher, languages: Mapping[str, Language], fact_id: str, lang: str | None = None
) -> Answer:
    """One known fact's answer (a clicked suggestion) in `lang`, under the fact's question
    as that language shows it."""
    language = languages.get(lang or "")
    if language is None:
        return matcher.answer_with(fact_id)
    return translated(matcher.answer_with(fact_id, language.questions.get(fact_id, "")), language)


def _asked_as(answer: Answer, message: str) -> Answer:
    """The answer under the user's own words: each section under its own sentence when the
    message has one per section, as the English reading split it."""
    sentences = [part.strip() for part in _SENTENCE_END.findall(message) if part.strip()]
    sections = answer.sections
    if sections and len(sentences) == len(sections):
        sections = tuple(replace(s, question=q) for s, q in zip(sections, sentences, strict=True))
    return replace(answer, question=message, sections=sections)


def translated(answer: Answer, language: Language) -> Answer:
    """The answer with the language's text for each part that has it, and its notes: the
    sources are English, and a part without a translation is in English."""
    sections = tuple(_in_language(section, language, True) for section in answer.sections)
    return _in_language(replace(answer, sections=sections), language, False)


def _in_language(answer: Answer, language: Language, section: bool) -> Answer:
    parts = tuple(_part(part, language) for part in answer.parts)
    if not answer.answered:
        notes = [language.message("not_known_part" if section else "dont_know")]
        suggestions = answer.suggestions
        if len(answer.suggested_fact_ids) == len(suggestions):
            pairs = zip(answer.suggested_fact_ids, suggestions, strict=True)
            suggestions = tuple(language.questions.get(i, text) for i, text in pairs)
        if not section and any(s in answer.suggestions for s in suggestions):
            notes.append(language.message("english_only"))
        return replace(
            answer,
            lang=language.code,
            note=" ".join(notes),
            suggestions=suggestions,
            did_you_mean=language.message("did_you_mean"),
        )
    notes = []
    if not section:
        shown = [*answer.parts, *(part for s in answer.sections for part in s.parts)]
        if any(part.fact_id not in language.facts for part in shown):
            notes.append(language.message("english_only"))
        if answer.citations:
            notes.append(language.message("sources_english"))
    return replace(answer, parts=parts, lang=language.code, note=" ".join(notes))


def _part(part: AnswerPart, language: Language) -> AnswerPart:
    text = language.facts.get(part.fact_id)
    return replace(part, text=text) if text else part
