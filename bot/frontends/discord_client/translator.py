"""Slash command names and descriptions in Korean and Hindi, from the language files.

Discord shows a command in the member's client language when the synced payload carries
`name_localizations` / `description_localizations`; discord.py asks a Translator for each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from discord import Locale, app_commands

from bot.core.i18n.languages import Language

LOCALES = {Locale.korean: "ko", Locale.hindi: "hi"}


class LanguageTranslator(app_commands.Translator):
    """Looks each English string up in the current languages' `commands` table."""

    def __init__(self, languages: Callable[[], Mapping[str, Language]]) -> None:
        self._languages = languages

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        language = self._languages().get(LOCALES.get(locale, ""))
        return language.commands.get(string.message) if language else None
