"""Questions asked by mention, DM, configured channel, /ask, or a suggestion button."""

from __future__ import annotations

import logging
import re
from typing import cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.answer import Answer
from bot.bot import TrilatBot
from bot.checks import question_cooldown, spend_question
from bot.embeds import ABSTAIN_COLOUR, ANSWER_COLOUR, answer_pages
from bot.layout import BUTTON_LABEL, CHOICE, CUSTOM_ID, trim
from bot.replies import (
    UNEXPECTED,
    reply_pages,
    reply_text,
    report_error,
    send_pages,
    send_text,
    slow_down,
)

log = logging.getLogger(__name__)

ASK_PREFIX = "trilat:ask:"
HINT = (
    "Ask me about the US-ROK-India trilateral technology meeting, for example "
    "“Who led India's delegation?”, or use `/ask`."
)


def question_text(content: str, bot_id: int) -> str:
    """The message without the bot's mention and surplus whitespace."""
    return " ".join(re.sub(rf"<@!?{bot_id}>", " ", content).split())


def answer_colour(answer: Answer) -> discord.Colour:
    return ANSWER_COLOUR if answer.answered else ABSTAIN_COLOUR


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button], template=ASK_PREFIX + r"(?P<fact>[a-z0-9-]+)"
):
    """A suggested question; its custom_id carries the fact id, so it works after a restart."""

    def __init__(self, fact_id: str, label: str = "Ask") -> None:
        super().__init__(
            discord.ui.Button(
                label=trim(label, BUTTON_LABEL),
                style=discord.ButtonStyle.secondary,
                custom_id=f"{ASK_PREFIX}{fact_id}",
            )
        )
        self.fact_id = fact_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item, match: re.Match[str], /
    ) -> SuggestionButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["fact"], label or "Ask")

    async def callback(self, interaction: discord.Interaction) -> None:
        """discord.py only logs errors from dynamic items, so report them here."""
        try:
            spend_question(interaction)
            matcher = cast(TrilatBot, interaction.client).service.snapshot.matcher
            if self.fact_id not in matcher.factbase.facts:
                await send_text(interaction, "That suggestion is no longer in the fact base.")
                return
            answer = matcher.answer_with(self.fact_id)
            await send_pages(interaction, answer_pages(answer), colour=answer_colour(answer))
        except Exception as error:
            await report_error(interaction, error)


def suggestion_view(answer: Answer) -> discord.ui.View | None:
    """Buttons for the suggested questions of an abstention, or None."""
    if answer.answered or not answer.suggested_fact_ids:
        return None
    view = discord.ui.View(timeout=None)
    for fact_id, question in zip(answer.suggested_fact_ids, answer.suggestions, strict=True):
        if len(ASK_PREFIX + fact_id) <= CUSTOM_ID:
            view.add_item(SuggestionButton(fact_id, question))
    return view


class Questions(commands.Cog):
    """Answers with citations, or "I don't know" with suggestion buttons."""

    def __init__(self, bot: TrilatBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(SuggestionButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(SuggestionButton)

    def _addressed(self, message: discord.Message) -> tuple[bool, bool]:
        """(answer it, was the bot spoken to directly: a DM or a mention)."""
        me = self.bot.user
        direct = message.guild is None or (me is not None and me in message.mentions)
        settings = self.bot.settings
        listened = settings.message_content and message.channel.id in settings.answer_channel_ids
        return direct or listened, direct

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.bot.user is None:
            return
        answer_it, direct = self._addressed(message)
        if not answer_it:
            return
        question = question_text(message.content, self.bot.user.id)
        try:
            if question:
                await self._answer(message, question)
            elif direct:
                await reply_text(message, HINT)
        except Exception:
            log.exception("error answering message %s", message.id)
            await reply_text(message, UNEXPECTED)

    async def _answer(self, message: discord.Message, question: str) -> None:
        limiter = self.bot.limiter
        retry_after = limiter.hit(message.author.id)
        if retry_after is not None:
            if limiter.should_warn(message.author.id, retry_after):
                await reply_text(message, slow_down(retry_after))
            return
        answer = self.bot.service.answer(question)
        view = suggestion_view(answer)
        await reply_pages(message, answer_pages(answer), colour=answer_colour(answer), view=view)

    @app_commands.command(description="Ask a question about the trilateral technology meeting")
    @app_commands.describe(question="Your question, e.g. Who led India's delegation?")
    @question_cooldown()
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 500]
    ) -> None:
        answer = self.bot.service.answer(question)
        await send_pages(
            interaction,
            answer_pages(answer),
            colour=answer_colour(answer),
            view=suggestion_view(answer),
        )

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        questions = self.bot.service.snapshot.matcher.complete(current, limit=25)
        return [app_commands.Choice(name=trim(q, CHOICE), value=trim(q, CHOICE)) for q in questions]
