"""The buttons under an answer: suggested questions, and 👍 / 👎 feedback.

Both are dynamic items: their custom_id carries everything a click needs (a fact id, or
a vote and the logged answer's id), so they keep working after a restart.
"""

from __future__ import annotations

import re
from typing import cast

import discord

from bot.core.answer import Answer
from bot.core.i18n.localise import fact_answer_in, language_of
from bot.frontends.discord_client.answer_log import delivering, log_answer, record_feedback
from bot.frontends.discord_client.client import TrilatBot
from bot.frontends.discord_client.embeds import ABSTAIN_COLOUR, ANSWER_COLOUR, answer_pages
from bot.frontends.discord_client.layout import BUTTON_LABEL, CUSTOM_ID, trim
from bot.frontends.discord_client.replies import send_pages, send_text

ASK_PREFIX = "trilat:ask:"
FEEDBACK_PREFIX = "trilat:fb:"
VOTES = {"up": True, "down": False}

LANG = r"(?:(?P<lang>[a-z]{2}):)?"
"""The language of the answer a button sits under, in its custom_id; none for English."""


def answer_colour(answer: Answer) -> discord.Colour:
    return ANSWER_COLOUR if answer.answered else ABSTAIN_COLOUR


def where(interaction: discord.Interaction) -> dict[str, int | None]:
    """Where an interaction happened, for the question log."""
    return {
        "guild_id": interaction.guild_id,
        "channel_id": interaction.channel_id,
        "user_id": interaction.user.id,
    }


def _custom_id(prefix: str, lang: str, rest: str) -> str:
    return f"{prefix}{lang}:{rest}" if lang and lang != "en" else f"{prefix}{rest}"


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=ASK_PREFIX + LANG + r"(?P<fact>[a-z0-9-]+)",
):
    """A suggested question; its custom_id carries the fact id and the language of the
    question it was suggested for, so it works after a restart."""

    def __init__(self, fact_id: str, label: str = "Ask", lang: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=trim(label, BUTTON_LABEL),
                style=discord.ButtonStyle.secondary,
                custom_id=_custom_id(ASK_PREFIX, lang, fact_id),
            )
        )
        self.fact_id = fact_id
        self.question = label
        self.lang = lang

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str], /
    ) -> SuggestionButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["fact"], label or "Ask", match["lang"] or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        """Answered in the language of the question it was suggested for (a button from
        before languages were kept in its id: its label's); discord.py only logs errors
        from dynamic items, so report them here."""
        bot = cast(TrilatBot, interaction.client)
        snapshot = bot.service.snapshot
        lang = self.lang or language_of(self.question, snapshot.languages)
        wording = bot.wording(lang)
        try:
            bot.limiter.spend(interaction.user.id)
            if self.fact_id not in snapshot.matcher.factbase.facts:
                await send_text(interaction, wording.message("suggestion_gone"))
                return
            with bot.metrics.timer("suggestion"):
                answer = fact_answer_in(snapshot.matcher, snapshot.languages, self.fact_id, lang)
                await send_answer(bot, interaction, answer, "suggestion")
        except Exception as error:
            await bot.report_error(interaction, error, wording)


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=FEEDBACK_PREFIX + r"(?P<vote>up|down):" + LANG + r"(?P<answer>[0-9a-f]{8,16})",
):
    """👍 or 👎 on a logged answer; stored once per user and answer, thanked in the
    answer's language."""

    def __init__(self, vote: str, answer_id: str, lang: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                emoji="👍" if VOTES[vote] else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=_custom_id(f"{FEEDBACK_PREFIX}{vote}:", lang, answer_id),
            )
        )
        self.vote = vote
        self.answer_id = answer_id
        self.lang = lang

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str], /
    ) -> FeedbackButton:
        return cls(match["vote"], match["answer"], match["lang"] or "")

    async def callback(self, interaction: discord.Interaction) -> None:
        bot = cast(TrilatBot, interaction.client)
        wording = bot.wording(self.lang)
        try:
            bot.limiter.spend(interaction.user.id)  # a vote costs like a question: no vote floods
            stored = await record_feedback(
                bot.question_log, bot.metrics, self.answer_id, interaction.user.id, VOTES[self.vote]
            )
            key = "thanks" if stored else "already_rated" if stored is False else "not_saved"
            await send_text(interaction, wording.message(key))
        except Exception as error:
            await bot.report_error(interaction, error, wording)


async def send_answer(
    bot: TrilatBot, interaction: discord.Interaction, answer: Answer, via: str
) -> None:
    """Log the answer, then send its pages with their buttons, noting whether they arrived."""
    answer_id = log_answer(bot.question_log, bot.metrics, answer, via=via, **where(interaction))
    async with delivering(bot.question_log, answer_id):
        await send_pages(
            interaction,
            answer_pages(answer, bot.wording(answer.lang)),
            colour=answer_colour(answer),
            view=answer_view(answer, answer_id),
        )


def answer_view(answer: Answer, answer_id: str | None) -> discord.ui.View | None:
    """Feedback buttons under an answer (when it was logged), suggestions under an
    abstention; each keeps the answer's language."""
    view = discord.ui.View(timeout=None)
    lang = answer.lang
    if answer.answered and answer_id is not None:
        view.add_item(FeedbackButton("up", answer_id, lang))
        view.add_item(FeedbackButton("down", answer_id, lang))
    if not answer.answered:
        for fact_id, question in zip(answer.suggested_fact_ids, answer.suggestions, strict=True):
            if len(_custom_id(ASK_PREFIX, lang, fact_id)) <= CUSTOM_ID:
                view.add_item(SuggestionButton(fact_id, question, lang))
    return view if view.children else None
