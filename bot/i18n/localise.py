"""Answer a message in its language: read it as English, match, then give each part the
language's text where the fact has one; otherwise English with one line saying so."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bot.answer import Answer, AnswerPart
from bot.i18n.languages import Language
from bot.i18n.reading import ENGLISH, detect, is_romanised, to_english
from bot.matcher import Matcher


def language_of(message: str, languages: Mapping[str, Language], hint: str | None = None) -> str:
    """The message's own language; a message that shows none (English, or only names and
    acronyms) takes `hint`, such as a slash command's locale."""
    found = detect(message, languages)
    if found == ENGLISH and hint:
        code = hint.split("-")[0].casefold()
        return code if code in languages else ENGLISH
    return found


def answer_in(
    matcher: Matcher,
    languages: Mapping[str, Language],
    message: str,
    lang: str | None = None,
) -> Answer:
    """The matcher's answer in `lang` (detected from the message when None). English
    messages go to the matcher untouched, so their answers are the English ones; romanised
    Hindi is read as Hindi only when the matcher cannot answer it as it stands, since
    Hinglish is half English and an English reading that answers is kept."""
    code = lang or detect(message, languages)
    language = languages.get(code)
    if language is None:
        return matcher.answer(message)
    shown = languages.get(detect(message, languages))
    answer = matcher.answer(message) if not shown or is_romanised(message) else None
    if answer is None or (shown and not answer.answered):
        answer = matcher.answer(to_english(message, shown) if shown else message)
    return translated(replace(answer, question=message), language)


def translated(answer: Answer, language: Language) -> Answer:
    """The answer with the language's text for each part that has it, and its notes."""
    sections = tuple(translated(section, language) for section in answer.sections)
    parts = tuple(_part(part, language) for part in answer.parts)
    missing = any(part.fact_id not in language.facts for part in answer.parts)
    missing |= any(
        section.note.startswith(language.message("english_only")) for section in sections
    )
    notes = [] if answer.answered else [language.message("dont_know")]
    if answer.answered and not sections and missing:
        notes.append(language.message("english_only"))
    if answer.answered and answer.citations and not sections:
        notes.append(language.message("sources_english"))
    if sections and answer.answered:
        notes = [language.message("sources_english")]
        if missing:
            notes.insert(0, language.message("english_only"))
        sections = tuple(replace(section, note="") for section in sections)
    return replace(answer, parts=parts, sections=sections, lang=language.code, note=" ".join(notes))


def _part(part: AnswerPart, language: Language) -> AnswerPart:
    text = language.facts.get(part.fact_id)
    return replace(part, text=text) if text else part
