"""/unanswered and /stats: what people asked and could not get, for admins.

A server's admins see that server's questions; configured admin users
(TRILAT_ADMIN_USERS, the operators) see every server's and the DMs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.frontends.discord_client.checks import admin_only
from bot.frontends.discord_client.client import TrilatBot
from bot.frontends.discord_client.embeds import Messages, stats_pages, unanswered_pages
from bot.frontends.discord_client.replies import send_pages, send_text
from bot.operations.report import DEFAULT_DAYS, fact_questions, since
from bot.operations.store import LogUnavailable, Stats

T = TypeVar("T")
Days = app_commands.Range[int, 1, 3650]
EVERYWHERE = "All servers and DMs"
THIS_SERVER = "This server only"


class Insights(commands.Cog):
    def __init__(self, bot: TrilatBot) -> None:
        self.bot = bot

    def _scope(self, interaction: discord.Interaction) -> tuple[int | None, str]:
        """(guild filter, label): None, meaning everything, for the operators only."""
        if interaction.user.id in self.bot.settings.admin_user_ids:
            return None, EVERYWHERE
        return interaction.guild_id, THIS_SERVER

    async def _report(
        self,
        interaction: discord.Interaction,
        read: Callable[[int | None], Awaitable[T]],
        pages: Callable[[T, str], Messages],
    ) -> None:
        """Defer, read the log in the caller's scope, then send its pages, or say why the
        log cannot be read."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id, label = self._scope(interaction)
        try:
            found = await read(guild_id)
        except LogUnavailable as error:
            await send_text(interaction, str(error))
            return
        await send_pages(interaction, pages(found, label), ephemeral=True)

    @app_commands.command(description="The most frequent questions I could not answer (admins)")
    @app_commands.describe(days=f"How many days back to look (default {DEFAULT_DAYS})")
    @admin_only()
    async def unanswered(self, interaction: discord.Interaction, days: Days = DEFAULT_DAYS) -> None:
        await self._report(
            interaction,
            lambda guild_id: self.bot.question_log.unanswered(since(days), guild_id=guild_id),
            lambda groups, label: unanswered_pages(groups, days, label),
        )

    @app_commands.command(description="Questions asked, answered, abstained and helpful (admins)")
    @app_commands.describe(days=f"How many days back to look (default {DEFAULT_DAYS})")
    @admin_only()
    async def stats(self, interaction: discord.Interaction, days: Days = DEFAULT_DAYS) -> None:
        def pages(stats: Stats, label: str) -> Messages:
            named = fact_questions(self.bot.service.snapshot.factbase.facts, stats)
            return stats_pages(stats, days, label, named)

        await self._report(
            interaction,
            lambda guild_id: self.bot.question_log.stats(since(days), guild_id=guild_id),
            pages,
        )
