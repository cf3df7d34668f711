"""Questions asked by mention, DM, configured channel, /ask, or a suggestion button."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.i18n.localise import language_of
from bot.core.i18n.wording import Wording
from bot.frontends.discord_client.answer_log import delivering, log_answer
from bot.frontends.discord_client.checks import question_cooldown
from bot.frontends.discord_client.client import TrilatBot
from bot.frontends.discord_client.delivery import describe, is_transient
from bot.frontends.discord_client.embeds import answer_pages
from bot.frontends.discord_client.layout import CHOICE, trim
from bot.frontends.discord_client.replies import reply_pages, reply_text, slow_down

from ._buttons import FeedbackButton, SuggestionButton, answer_colour, answer_view, send_answer
from ._menu import ask_menu
from ._reading import in_answer_channel, question_text

log = logging.getLogger(__name__)


class Questions(commands.Cog):
    """Answers with citations and feedback buttons, or "I don't know" with suggestions."""

    def __init__(self, bot: TrilatBot) -> None:
        self.bot = bot
        self.menu = ask_menu()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(SuggestionButton, FeedbackButton)
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(SuggestionButton, FeedbackButton)
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    def _addressed(self, message: discord.Message) -> tuple[bool, bool]:
        """(answer it, was the bot spoken to directly: a DM or a mention)."""
        me = self.bot.user
        direct = message.guild is None or (me is not None and me in message.mentions)
        settings = self.bot.settings
        listened = settings.message_content and in_answer_channel(
            message.channel, settings.answer_channel_ids
        )
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
                await self._answer(message, question, "mention" if direct else "channel")
            elif direct:
                await reply_text(message, self.bot.wording_in_guild(message.guild).message("hint"))
        except Exception as error:
            self.bot.metrics.errors.inc()
            if is_transient(error):  # Discord kept failing: an apology would fail too
                log.error("gave up replying to message %s: %s", message.id, describe(error))
                return
            log.exception("error answering message %s", message.id)
            await reply_text(message, self._wording(question).message("unexpected"))

    def _wording(self, question: str) -> Wording:
        return Wording(self.bot.service.language_for(question))

    async def _answer(self, message: discord.Message, question: str, via: str) -> None:
        limiter = self.bot.limiter
        try:
            limiter.spend(message.author.id)
        except app_commands.CommandOnCooldown as spent:
            if limiter.should_warn(message.author.id, spent.retry_after):
                await reply_text(message, slow_down(spent.retry_after, self._wording(question)))
            return
        if message.guild is None:
            via = "dm"
        with self.bot.metrics.timer(via):
            answer = self.bot.service.answer(question)
            answer_id = log_answer(
                self.bot.question_log,
                self.bot.metrics,
                answer,
                via=via,
                guild_id=message.guild.id if message.guild else None,
                channel_id=message.channel.id,
                user_id=message.author.id,
            )
            view = answer_view(answer, answer_id)
            pages = answer_pages(answer, self.bot.wording(answer.lang))
            async with delivering(self.bot.question_log, answer_id):
                await reply_pages(message, pages, colour=answer_colour(answer), view=view)

    @app_commands.command(description="Ask a question about the trilateral technology meeting")
    @app_commands.describe(question="Your question, e.g. Who led India's delegation?")
    @question_cooldown()
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 500]
    ) -> None:
        with self.bot.metrics.timer("slash"):
            answer = self.bot.service.answer(question, str(interaction.locale))
            await send_answer(self.bot, interaction, answer, "slash")

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        snapshot = self.bot.service.snapshot
        questions = snapshot.matcher.complete(current, limit=25)
        # Korean or Hindi typed, or a Korean or Hindi client: that language's questions first.
        code = language_of(current, snapshot.languages, str(interaction.locale))
        language = snapshot.languages.get(code)
        if language is not None:
            native = language.completions.complete(current, limit=25)
            questions = list(dict.fromkeys([*native, *questions]))[:25]
        return [app_commands.Choice(name=trim(q, CHOICE), value=trim(q, CHOICE)) for q in questions]
