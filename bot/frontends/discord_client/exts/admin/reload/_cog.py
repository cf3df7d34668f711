"""/reload: rebuild the fact base from disk without restarting (SIGHUP does the same)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.loader import KnowledgeError
from bot.frontends.discord_client.checks import admin_only
from bot.frontends.discord_client.client import TrilatBot
from bot.frontends.discord_client.embeds import ERROR_COLOUR, reload_failed_pages, reload_pages
from bot.frontends.discord_client.replies import send_pages


class Reload(commands.Cog):
    def __init__(self, bot: TrilatBot) -> None:
        self.bot = bot

    @app_commands.command(description="Reload the fact base from disk (server managers only)")
    @admin_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        """Defer first: validating the files may take longer than the 3 s to respond."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        service = self.bot.service
        try:
            diff = await self.bot.reload_knowledge(
                f"/reload by {self.bot.user_label(interaction.user.id)}"
            )
        except KnowledgeError as error:
            count = len(service.snapshot.factbase.facts)
            pages = reload_failed_pages(error, service.directory, count)
            await send_pages(interaction, pages, colour=ERROR_COLOUR, ephemeral=True)
            return
        count = len(service.snapshot.factbase.facts)
        await send_pages(interaction, reload_pages(diff, count), ephemeral=True)
