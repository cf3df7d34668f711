"""Logs the start-up summary on the first READY (a reconnect is not a new start)."""

from __future__ import annotations

import logging

from discord.ext import commands

from bot.frontends.discord_client.client import TrilatBot
from bot.frontends.discord_client.startup import StartupFacts, startup_summary

log = logging.getLogger("bot.frontends.discord_client.startup")


class Startup(commands.Cog):
    def __init__(self, bot: TrilatBot) -> None:
        self.bot = bot
        self.logged = False

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        user = self.bot.user
        if self.logged or user is None:
            return
        self.logged = True
        facts = StartupFacts(
            name=str(user),
            user_id=user.id,
            application_id=self.bot.application_id or user.id,
            servers=len(self.bot.guilds),
            message_content=self.bot.intents.message_content,
        )
        log.info("%s", startup_summary(facts))
